"""Task ``event-types``: fine-grained event types of short snippets, scored on CASE 2021
task 2 (``shared/eval/events/case2021-types-dev.jsonl``, see its README).

Each record (``id``, ``text``, ``label``) gets exactly one predicted label:

* **dateline**: :func:`dateline.extract.events.classify.classify` on the text (no
  spaCy doc); the best trigger's code is the label, except:

  - ``SHOOTING`` (dateline's code for everyday gun crime) is not a CASE label. It is
    mapped to the ACLED sub-type ACLED would give a shooting: ``ARMED_CLASH`` when the
    text names two armed sides (a state force and a non-state armed group) or an
    exchange of fire, else ``ATTACK`` (violence against civilians);
  - a snippet with no trigger gets a **fallback** from the cues left: protest words ->
    ``PEACE_PROTEST`` (the unmarked protest), signs of violence -> ``ARMED_CLASH``
    (ACLED's commonest political-violence sub-type), anything else -> ``OTHER``
    (ACLED's own catch-all, "Strategic developments: Other"). Fallbacks are counted in
    the report (``fallbacks``);

* **keywords** (``system="keywords"``), a cheap peer baseline: each label's words from
  its ACLED/CASE name (``AIR_STRIKE``: air, strike, airstrike, drone ...); the label
  with most word hits wins (ties: the label listed first), no hit -> ``ARMED_CLASH``.

Scores (single-label classification, as the shared task reports them): per-label
precision, recall and F1 (``n`` = gold count); **macro** P/R/F1 = their unweighted mean
over the labels (of the label set in question) that occur in the gold or the
predictions; **micro F1** = accuracy. Subtasks keep the snippets whose gold label is in
the subtask's set (1: the 25 ACLED codes; 2: + ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER; 3: all 30) and average over that set; a prediction outside the set
counts as wrong.

The file is the only labelled set, so the rules were developed looking only at
records with an odd ``id``; ``metrics.held_out_even`` scores the even-id half, which
was not looked at (``half="odd"|"even"`` scores one half alone)::

    dateline eval event-types ../shared/eval/events/case2021-types-dev.jsonl
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..extract.events.classify import classify
from ..extract.events.lexicon import CUES
from .gold import read_gold
from .metrics import SnippetCounts, snippet_scores

__all__ = ["evaluate_event_types", "format_event_types_report", "case_label", "fallback_label",
           "label_scores", "keyword_label", "ACLED_LABELS", "SUBTASKS", "SYSTEMS"]

SYSTEMS = ("dateline", "keywords")

#: the 25 ACLED sub-event codes of CASE 2021 task 2 (subtask 1).
ACLED_LABELS = (
    "ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "CHEM_WEAP", "AIR_STRIKE",
    "SUIC_BOMB", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SEX_VIOL", "ATTACK", "ABDUCT_DISSAP",
    "PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL",
    "AGREEMENT", "ARREST", "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "HQ_ESTABLISHED", "PROPERTY_DISTRUCT",
    "NON_VIOL_TERRIT_TRANSFER", "OTHER",
)
SUBTASKS: dict[int, tuple[str, ...]] = {
    1: ACLED_LABELS,
    2: ACLED_LABELS + ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"),
    3: ACLED_LABELS + ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"),
}
_ALL = frozenset(SUBTASKS[3])
_FIELDS = {"id": int, "text": str, "label": str}

_FLAGS = re.IGNORECASE
_PROTEST = re.compile(CUES["protest"], _FLAGS)
_VIOLENCE = re.compile(CUES["violence"], _FLAGS)
_STATE = re.compile(CUES["state"], _FLAGS)
_NONSTATE = re.compile(CUES["nonstate"], _FLAGS)
_EXCHANGE = re.compile(r"\b(?:exchange of (?:gun)?fire|exchanged fire|traded fire|shoot-?outs?|gun ?battles?|"
                       r"firefights?|returned fire)\b", _FLAGS)


# ---------------------------------------------------------------- labels

def fallback_label(text: str) -> str:
    """The label for a snippet that evokes no trigger (see the module docstring)."""
    if _PROTEST.search(text):
        return "PEACE_PROTEST"
    if _VIOLENCE.search(text):
        return "ARMED_CLASH"
    return "OTHER"


def case_label(text: str) -> tuple[str, str]:
    """(CASE label, how) for ``text``; ``how`` is ``trigger``, ``shooting`` or ``fallback``."""
    triggers = [t for t in classify(text) if t.code in _ALL or t.code == "SHOOTING"]
    if not triggers:
        return fallback_label(text), "fallback"
    code = triggers[0].code
    if code != "SHOOTING":
        return code, "trigger"
    two_sides = bool(_STATE.search(text) and _NONSTATE.search(text)) or bool(_EXCHANGE.search(text))
    return ("ARMED_CLASH" if two_sides else "ATTACK"), "shooting"


_KEYWORDS: dict[str, tuple[str, ...]] = {
    "ARMED_CLASH": ("armed", "clash", "clashes", "clashed"),
    "GOV_REGAINS_TERIT": ("government", "regains", "regained", "territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("overtakes", "overtook", "took", "territory"),
    "CHEM_WEAP": ("chemical", "weapon", "gas"),
    "AIR_STRIKE": ("air", "strike", "airstrike", "drone"),
    "SUIC_BOMB": ("suicide", "bomb", "bomber"),
    "ART_MISS_ATTACK": ("shelling", "artillery", "missile", "missiles"),
    "REM_EXPLOS": ("remote", "explosive", "landmine", "ied"),
    "GRENADE": ("grenade", "grenades"),
    "SEX_VIOL": ("sexual", "violence", "rape"),
    "ATTACK": ("attack", "attacked"),
    "ABDUCT_DISSAP": ("abduction", "abducted", "disappearance", "disappeared"),
    "PEACE_PROTEST": ("peaceful", "protest", "protesters"),
    "PROTEST_WITH_INTER": ("protest", "intervention"),
    "FORCE_AGAINST_PROTEST": ("force", "against", "protesters"),
    "VIOL_DEMONSTR": ("violent", "demonstration", "demonstrators"),
    "MOB_VIOL": ("mob", "violence"),
    "AGREEMENT": ("agreement", "agreed"),
    "ARREST": ("arrest", "arrests", "arrested"),
    "CHANGE_TO_GROUP_ACT": ("change", "group", "activity"),
    "DISR_WEAP": ("disrupted", "weapons", "seized"),
    "HQ_ESTABLISHED": ("headquarters", "base", "established"),
    "PROPERTY_DISTRUCT": ("looting", "property", "destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("transfer", "territory"),
    "OTHER": ("other",),
    "ORG_CRIME": ("organized", "crime"),
    "NATURAL_DISASTER": ("natural", "disaster"),
    "MAN_MADE_DISASTER": ("disaster", "accident"),
    "DIPLO": ("diplomatic", "diplomats", "sanctions"),
    "ATTRIB": ("responsibility", "blamed"),
}
_WORDS = re.compile(r"\w+")


def keyword_label(text: str) -> str:
    """The keyword baseline's label: most hits of the label-name words."""
    words = Counter(w.lower() for w in _WORDS.findall(text))
    best, hits = "ARMED_CLASH", 0
    for label, keys in _KEYWORDS.items():
        n = sum(words[k] for k in keys)
        if n > hits:
            best, hits = label, n
    return best


# ---------------------------------------------------------------- metrics

def label_scores(gold: list[str], pred: list[str], labels: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Per-label P/R/F1 and macro / micro averages for single-label predictions.

    ``labels``: the label set averaged over (only those occurring in ``gold`` or
    ``pred`` count); None = every label seen.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and predictions differ in length")
    seen = set(gold) | set(pred)
    names = sorted(seen if labels is None else seen & set(labels))
    per_label = {}
    for name in names:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == name)
        fp = sum(1 for g, p in zip(gold, pred) if p == name and g != name)
        fn = sum(1 for g, p in zip(gold, pred) if g == name and p != name)
        s = snippet_scores(SnippetCounts(tp=tp, fn=fn, fp=fp))
        per_label[name] = {"p": s["precision"], "r": s["recall"], "f1": s["f1"], "n": tp + fn}
    k = len(per_label)
    correct = sum(1 for g, p in zip(gold, pred) if g == p)
    return {
        "macro_f1": sum(v["f1"] for v in per_label.values()) / k if k else 0.0,
        "macro_p": sum(v["p"] for v in per_label.values()) / k if k else 0.0,
        "macro_r": sum(v["r"] for v in per_label.values()) / k if k else 0.0,
        "micro_f1": correct / len(gold) if gold else 0.0,
        "n": len(gold),
        "per_label": per_label,
    }


def _subset(gold: list[str], pred: list[str], keep: list[bool]) -> tuple[list[str], list[str]]:
    return [g for g, k in zip(gold, keep) if k], [p for p, k in zip(pred, keep) if k]


def _short(scores: dict[str, Any]) -> dict[str, Any]:
    return {k: scores[k] for k in ("macro_f1", "micro_f1", "macro_p", "macro_r", "n")}


# ---------------------------------------------------------------- evaluate

def evaluate_event_types(path: str, limit: int | None = None, half: str | None = None,
                         system: str = "dateline", **kw: Any) -> dict[str, Any]:
    """Score event-type predictions against the CASE 2021 task 2 snippets at ``path``.

    ``half``: None (all records), ``"odd"`` or ``"even"`` (by record ``id``);
    ``limit``: read at most this many records (before the half is taken).
    """
    if half not in (None, "odd", "even"):
        raise EvalError(f"half must be None, 'odd' or 'even', not {half!r}")
    if system not in SYSTEMS:
        raise EvalError(f"unknown event-types system {system!r}; known: {', '.join(SYSTEMS)}")
    file = Path(path)
    records = read_gold(file, _FIELDS, "event-type gold record (id, text, label)", limit)
    if half is not None:
        records = [r for r in records if (r["id"] % 2 == 1) == (half == "odd")]
    started = time.perf_counter()
    gold, pred, how = [], [], Counter()
    for record in records:
        if system == "keywords":
            label, kind = keyword_label(record["text"]), "keywords"
        else:
            label, kind = case_label(record["text"])
        gold.append(record["label"])
        pred.append(label)
        how[kind] += 1
    seconds = time.perf_counter() - started
    scores = label_scores(gold, pred, SUBTASKS[3])
    metrics: dict[str, Any] = {k: scores[k] for k in ("macro_f1", "micro_f1", "macro_p", "macro_r")}
    metrics["per_label"] = scores["per_label"]
    metrics["subtasks"] = {
        n: _short(label_scores(*_subset(gold, pred, [g in labels for g in gold]), labels))
        for n, labels in SUBTASKS.items()
    }
    for name, parity in (("held_out_even", 0), ("dev_odd", 1)):
        keep = [r["id"] % 2 == parity for r in records]
        part = label_scores(*_subset(gold, pred, keep), SUBTASKS[3])
        metrics[name] = {"macro_f1": part["macro_f1"], "micro_f1": part["micro_f1"], "n": part["n"]}
    confusions = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    return {
        "task": "event-types",
        "dataset": file.stem,
        "path": str(file),
        "system": system,
        "half": half,
        "pages": len(records),
        "metrics": metrics,
        "predicted_by": dict(how),
        "fallbacks": how.get("fallback", 0),
        "confusions": [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusions.most_common(15)],
        "seconds": seconds,
    }


def format_event_types_report(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """A readable table: overall, held-out half, subtasks, then per-label scores
    (a baseline report, default ``report["baseline"]``, gets its own column)."""
    baseline = baseline if baseline is not None else report.get("baseline")
    reports = [report] + ([baseline] if baseline else [])
    gain = baseline is not None

    rows = [["metric", *(r["system"] for r in reports)] + (["gain"] if gain else [])]

    def row(label: str, values: list[float]) -> None:
        rows.append([label, *(f"{v:.4f}" for v in values)] + ([f"{values[0] - values[1]:+.4f}"] if gain else []))

    for key in ("macro_f1", "micro_f1", "macro_p", "macro_r"):
        row(key.replace("_", " "), [r["metrics"][key] for r in reports])
    for part in ("held_out_even", "dev_odd"):
        for key in ("macro_f1", "micro_f1"):
            row(f"{part} {key.replace('_', ' ')}", [r["metrics"][part][key] for r in reports])
    for n in SUBTASKS:
        for key in ("macro_f1", "micro_f1"):
            row(f"subtask {n} {key.replace('_', ' ')}", [r["metrics"]["subtasks"][n][key] for r in reports])
    rows.append(["fallbacks", *(str(r.get("fallbacks", 0)) for r in reports)] + ([""] if gain else []))
    rows.append(["seconds", *(f"{r['seconds']:.2f}" for r in reports)] + ([""] if gain else []))
    half = f" ({report['half']} half)" if report.get("half") else ""
    lines = [f"task event-types | dataset {report['dataset']}{half} | {report['pages']} snippets | "
             f"{report['path']}"]
    lines += _table(rows)
    lines.append("")
    label_rows = [["label", "n", "P", "R", "F1"]]
    for label, v in sorted(report["metrics"]["per_label"].items()):
        label_rows.append([label, str(v["n"]), f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f1']:.3f}"])
    lines += _table(label_rows)
    return "\n".join(lines)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out
