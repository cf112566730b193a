"""Task ``time``: how well does dateline find and normalise time expressions?

Gold set: TempEval-3 TBAQ-cleaned (``shared/eval/time/tbaq.jsonl``, see its README):
one record per document with its creation time ``dct`` and TIMEX3 ``timexes``.

Scoring (TempEval-3 Task A, on character spans):

* **strict** P/R/F1: a prediction counts when its (start, end) equals a gold timex's;
* **relaxed** P/R/F1: predictions and gold timexes are paired one to one, each gold
  timex (in text order) taking the unpaired overlapping prediction with the largest
  overlap (ties: the earlier one); any shared character is enough;
* **type** / **value** accuracy: share of relaxed pairs whose type (value) string is
  equal; attribute **F1 = accuracy x relaxed F1** (as TempEval-3 reports "value F1").

A predicted range (``between X and Y``) is scored as its two ends (its ``parts``),
since TimeML annotates the ends and not the whole.

Systems: ``dateline`` (spaCy per paragraph, then :func:`extract_times`) and the
peer baseline ``dateparser`` (``search_dates`` anchored at the DCT, preferring the
past; every hit typed DATE with a day value)::

    python -m dateline.eval.time ../shared/eval/time/tbaq.jsonl [--limit N] [--system dateparser]
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import EvalError
from .gold import read_gold

__all__ = ["evaluate_time", "format_time_report", "relaxed_pairs", "span_scores",
           "attribute_scores", "dateparser_times", "SYSTEMS"]

SYSTEMS = ("dateline", "dateparser")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


# ---------------------------------------------------------------- metrics

def relaxed_pairs(gold: Sequence[dict], pred: Sequence[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs of overlapping spans."""
    used: set[int] = set()
    pairs = []
    order = sorted(range(len(pred)), key=lambda i: pred[i]["start"])
    for gi, g in sorted(enumerate(gold), key=lambda kv: kv[1]["start"]):
        best, best_overlap = None, 0
        for pi in order:
            p = pred[pi]
            if pi in used or p["start"] >= g["end"] or p["end"] <= g["start"]:
                continue
            overlap = min(p["end"], g["end"]) - max(p["start"], g["start"])
            if overlap > best_overlap:
                best, best_overlap = pi, overlap
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def span_scores(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def attribute_scores(correct: int, matched: int, relaxed_f1: float) -> dict[str, float]:
    acc = correct / matched if matched else 0.0
    return {"accuracy": acc, "f1": acc * relaxed_f1, "correct": correct}


# ---------------------------------------------------------------- systems

def _flatten(times: list[dict]) -> list[dict]:
    out = []
    for t in times:
        out += t["parts"] if t.get("parts") else [t]
    return out


def _dateline_times(records: list[dict], pipeline) -> Iterator[list[dict]]:
    from ..extract.times import extract_times
    from ..model import Article, Span
    from ..nlp import pipe

    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
    for rec in records:
        text = rec["text"]
        paras = [Span(m.start(), m.end(), m.group()) for m in _PARAGRAPH.finditer(text)]
        article = Article(text=text, published=rec["dct"], paragraphs=paras)
        docs = list(zip((p.start for p in paras), pipe(pipeline.nlp, [p.text for p in paras])))
        yield _flatten(extract_times(article, docs))


def dateparser_times(text: str, dct: str | None) -> list[dict]:
    """dateparser's ``search_dates`` hits as time dicts (type DATE, day value)."""
    from datetime import datetime

    from dateparser.search import search_dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if dct:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(dct[:19])
    hits = search_dates(text, settings=settings, languages=["en"]) or []
    out, pos = [], 0
    for found, when in hits:
        start = text.find(found, pos)
        if start < 0:
            start = text.find(found)
            if start < 0:
                continue
        end = start + len(found)
        pos = end
        out.append({"start": start, "end": end, "text": found, "type": "DATE",
                    "value": when.strftime("%Y-%m-%d"), "mod": None, "range": None, "anchor": dct})
    return out


def _dateparser_all(records: list[dict]) -> Iterator[list[dict]]:
    for rec in records:
        yield dateparser_times(rec["text"], rec["dct"])


# ---------------------------------------------------------------- evaluation

def evaluate_time(path: str, limit: int | None = None, pipeline=None, system: str = "dateline",
                  progress: Callable[[int, int], None] | None = None, **_: Any) -> dict[str, Any]:
    """Score ``system`` (``dateline`` or ``dateparser``) on the TBAQ JSON Lines at ``path``.

    ``limit`` takes the first documents; ``pipeline`` reuses a loaded
    :class:`~dateline.pipeline.Pipeline` (its spaCy model). Returns a report dict:
    ``task``, ``dataset``, ``path``, ``system``, ``pages`` (documents), ``seconds``,
    ``metrics`` (``strict``, ``relaxed``, ``type``, ``value``, ``counts``) and per-document
    ``details`` (counts, plus ``errors``: missed, spurious and wrong-value timexes).
    """
    if system not in SYSTEMS:
        raise EvalError(f"unknown time system {system!r}; known: {', '.join(SYSTEMS)}")
    p = Path(path)
    records = [{"id": str(r["id"]), "dct": r.get("dct"), "text": r["text"], "timexes": r["timexes"]}
               for r in read_gold(p, {"id": object, "text": str, "timexes": list}, "time gold record")]
    if limit is not None:
        records = records[:max(0, limit)]
    start = time.perf_counter()
    stream = _dateline_times(records, pipeline) if system == "dateline" else _dateparser_all(records)
    n_gold = n_pred = strict = relaxed = types = values = 0
    details = []
    for done, (rec, pred) in enumerate(zip(records, stream), 1):
        gold = rec["timexes"]
        pairs = relaxed_pairs(gold, pred)
        gold_spans = {(g["start"], g["end"]) for g in gold}
        s = sum(1 for t in pred if (t["start"], t["end"]) in gold_spans)
        ty = sum(1 for gi, pi in pairs if gold[gi]["type"] == pred[pi]["type"])
        va = sum(1 for gi, pi in pairs if gold[gi]["value"] == pred[pi]["value"])
        n_gold, n_pred, strict, relaxed = n_gold + len(gold), n_pred + len(pred), strict + s, relaxed + len(pairs)
        types, values = types + ty, values + va
        paired_g, paired_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        errors = (
            [{"kind": "missed", "text": g["text"], "type": g["type"], "value": g["value"]}
             for gi, g in enumerate(gold) if gi not in paired_g]
            + [{"kind": "spurious", "text": t["text"], "type": t["type"], "value": t["value"]}
               for pi, t in enumerate(pred) if pi not in paired_p]
            + [{"kind": "value", "text": pred[pi]["text"], "gold_text": gold[gi]["text"],
                "value": pred[pi]["value"], "gold": gold[gi]["value"],
                "type": pred[pi]["type"], "gold_type": gold[gi]["type"]}
               for gi, pi in pairs if gold[gi]["value"] != pred[pi]["value"]
               or gold[gi]["type"] != pred[pi]["type"]])
        details.append({"id": rec["id"], "dct": rec["dct"], "gold": len(gold), "predicted": len(pred),
                        "strict": s, "relaxed": len(pairs), "value": va, "errors": errors})
        if progress is not None:
            progress(done, len(records))
    rel = span_scores(relaxed, n_pred, n_gold)
    metrics = {
        "strict": span_scores(strict, n_pred, n_gold),
        "relaxed": rel,
        "type": attribute_scores(types, relaxed, rel["f1"]),
        "value": attribute_scores(values, relaxed, rel["f1"]),
        "counts": {"gold": n_gold, "predicted": n_pred, "strict": strict, "relaxed": relaxed},
    }
    return {"task": "time", "dataset": "tbaq", "path": str(path), "system": system,
            "extractor": system, "pages": len(details), "failed": 0,
            "seconds": round(time.perf_counter() - start, 2), "metrics": metrics, "details": details}


# ---------------------------------------------------------------- reporting

def format_time_report(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """A readable table of ``report``, with ``baseline`` (default ``report["baseline"]``)
    side by side and the gain."""
    baseline = baseline if baseline is not None else report.get("baseline")
    reports = [report] + ([baseline] if baseline else [])
    rows = [["metric", *(r["system"] for r in reports)] + (["gain"] if baseline else [])]
    for group, key in (("value", "f1"), ("type", "f1"), ("relaxed", "f1"), ("relaxed", "precision"),
                       ("relaxed", "recall"), ("strict", "f1"), ("strict", "precision"),
                       ("strict", "recall"), ("value", "accuracy"), ("type", "accuracy")):
        vals = [r["metrics"][group][key] for r in reports]
        rows.append([f"{group} {key}", *(f"{v:.4f}" for v in vals)]
                    + ([f"{vals[0] - vals[1]:+.4f}"] if baseline else []))
    for key in ("gold", "predicted", "relaxed", "strict"):
        rows.append([f"count {key}", *(str(r["metrics"]["counts"][key]) for r in reports)]
                    + ([""] if baseline else []))
    rows.append(["seconds", *(f"{r['seconds']:.1f}" for r in reports)] + ([""] if baseline else []))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"task time | dataset {report['dataset']} | {report['pages']} documents | {report['path']}"]
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
