"""Task ``quantities``: how well does dateline find and read figures?

Gold set: ``tests/gold/quantities.jsonl`` (hand-annotated, see ``tests/gold/README.md``):
one record per sentence with its ``quantities`` (``start``, ``end``, ``text``, ``value``,
``min``, ``max``, ``unit``, ``qualifier``, ``vague``, ``noun``).

Scoring, on character spans of each record's text:

* **span** P/R/F1: gold and predicted quantities are paired one to one by overlap
  (:func:`dateline.eval.time.relaxed_pairs`: each gold span, in text order, takes the
  unpaired overlapping prediction with the largest overlap);
* **exact** P/R/F1: a prediction counts when its (start, end) equals a gold span's;
* on the paired quantities: **value** accuracy (value, min and max all equal, relative
  tolerance 1e-6), **unit**, **qualifier** and **noun** accuracy (the noun's head word,
  i.e. its last word, equal ignoring case; both None counts as equal).

Systems: ``dateline`` (spaCy, then :func:`extract_times` and :func:`extract_quantities`)
and the peer baseline ``quantulum3`` (``quantulum3.parser.parse``). quantulum3's units map
to ours: ``dimensionless`` -> ``count``, ``percentage`` -> ``percent``, a currency -> its
ISO 4217 code (``currency_code``, else by name: dollar USD, pound sterling GBP, euro EUR,
yen JPY, rupee INR), ``count`` ("times") -> ``times``, metre/kilogram/kilometre/mile/tonne
-> m/kg/km/miles/tonnes, any other unit -> its name. A quantulum3 range gives ``value ±
uncertainty``: we read min = value - uncertainty, max = value + uncertainty, value = min.
It reads no qualifiers and no nouns (both None). quantulum3 0.10.0's bundled unit
classifier was pickled with an older scikit-learn and does not load with the one we pin,
so it runs with its heuristic disambiguation (the path it takes when scikit-learn is
absent: ``quantulum3.classifier.USE_CLF = False`` during the call, restored after)::

    python -m dateline.eval.quantities [tests/gold/quantities.jsonl] [--system quantulum3]
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import EvalError
from .gold import read_gold
from .time import relaxed_pairs, span_scores

__all__ = ["evaluate_quantities", "format_quantities_report", "score_quantities",
           "quantulum3_quantities", "same_value", "noun_head", "SYSTEMS", "QUANTULUM_UNITS"]

SYSTEMS = ("dateline", "quantulum3")

#: quantulum3 unit names -> our units (currencies without a code, measures).
QUANTULUM_UNITS = {
    "dimensionless": "count", "percentage": "percent", "count": "times", "dollar": "USD",
    "united states dollar": "USD", "pound sterling": "GBP", "euro": "EUR", "yen": "JPY",
    "japanese yen": "JPY", "indian rupee": "INR", "rupee": "INR", "metre": "m", "kilogram": "kg",
    "kilometre": "km", "mile": "miles", "tonne": "tonnes", "barrel": "barrels",
    "mile per hour": "mph", "degree Celsius": "degrees C", "degree fahrenheit": "degrees F",
}


# ---------------------------------------------------------------- metrics

def same_value(gold: dict, pred: dict) -> bool:
    """Value, min and max equal (relative tolerance 1e-6)."""
    try:
        return all(math.isclose(float(gold[k]), float(pred[k]), rel_tol=1e-6, abs_tol=1e-9)
                   for k in ("value", "min", "max"))
    except (TypeError, ValueError, KeyError):
        return False


def noun_head(noun: dict | str | None) -> str | None:
    """The head word (last word, lower case) of a noun dict or text, else None."""
    if noun is None:
        return None
    text = noun["text"] if isinstance(noun, dict) else noun
    words = text.lower().split()
    return words[-1] if words else None


def score_quantities(gold: Sequence[dict], pred: Sequence[dict]) -> dict[str, int]:
    """Counts for one record: gold, predicted, paired, exact, and correct attributes."""
    pairs = relaxed_pairs(gold, pred)
    spans = {(g["start"], g["end"]) for g in gold}
    return {
        "gold": len(gold), "predicted": len(pred), "paired": len(pairs),
        "exact": sum(1 for p in pred if (p["start"], p["end"]) in spans),
        "value": sum(1 for gi, pi in pairs if same_value(gold[gi], pred[pi])),
        "unit": sum(1 for gi, pi in pairs if gold[gi].get("unit") == pred[pi].get("unit")),
        "qualifier": sum(1 for gi, pi in pairs if gold[gi].get("qualifier") == pred[pi].get("qualifier")),
        "noun": sum(1 for gi, pi in pairs if noun_head(gold[gi].get("noun")) == noun_head(pred[pi].get("noun"))),
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


# ---------------------------------------------------------------- systems

def _dateline_all(records: list[dict], pipeline) -> Iterator[list[dict]]:
    from ..extract.quantities import extract_quantities
    from ..extract.times import extract_times
    from ..model import Article, Span

    if pipeline is not None:
        nlp = pipeline.nlp
    else:
        from ..nlp import load_model
        from ..settings import Settings

        nlp = load_model(Settings().model)
    for rec, doc in zip(records, nlp.pipe([r["text"] for r in records], batch_size=64)):
        text = rec["text"]
        article = Article(text=text, paragraphs=[Span(0, len(text), text)])
        docs = [(0, doc)]
        article.times = extract_times(article, docs)
        yield extract_quantities(article, docs)


def _quantulum_unit(unit) -> str:
    code = getattr(unit, "currency_code", None)
    if code:
        return code
    name = unit.name
    if name in QUANTULUM_UNITS:
        return QUANTULUM_UNITS[name]
    for key in ("dollar", "pound sterling", "euro", "yen", "rupee"):
        if name.startswith(key):
            return QUANTULUM_UNITS[key]
    return name


def quantulum3_quantities(text: str) -> list[dict]:
    """quantulum3's quantities of ``text`` as quantity dicts (see the module docstring)."""
    import warnings

    from quantulum3 import classifier, parser

    saved = classifier.USE_CLF
    classifier.USE_CLF = False        # its own no-scikit-learn path (see the module docstring)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text)
    finally:
        classifier.USE_CLF = saved
    out = []
    for q in found:
        s, e = q.span
        unc = float(q.uncertainty or 0)
        lo, hi = float(q.value) - unc, float(q.value) + unc
        out.append({"start": s, "end": e, "text": text[s:e], "value": lo, "min": lo, "max": hi,
                    "unit": _quantulum_unit(q.unit), "qualifier": None, "vague": None, "noun": None})
    return out


# ---------------------------------------------------------------- evaluation

def evaluate_quantities(path: str, system: str = "dateline", limit: int | None = None,
                        pipeline=None, **_: Any) -> dict[str, Any]:
    """Score ``system`` (``dateline`` or ``quantulum3``) on the gold JSON Lines at ``path``.

    Returns a report dict: ``task``, ``dataset``, ``path``, ``system``, ``pages`` (records),
    ``seconds``, ``ms_per_record``, ``metrics`` (``span``, ``exact``: P/R/F1; ``value``,
    ``unit``, ``qualifier``, ``noun``: accuracy on paired quantities; ``counts``) and
    ``errors`` (missed, spurious and misread quantities).
    """
    if system not in SYSTEMS:
        raise EvalError(f"unknown quantities system {system!r}; known: {', '.join(SYSTEMS)}")
    records = read_gold(Path(path), {"id": object, "text": str, "quantities": list},
                        "quantities gold record", limit)
    start = time.perf_counter()
    if system == "dateline":
        stream: Iterator[list[dict]] = _dateline_all(records, pipeline)
    else:
        stream = (quantulum3_quantities(r["text"]) for r in records)
    totals = dict.fromkeys(("gold", "predicted", "paired", "exact", "value", "unit", "qualifier", "noun"), 0)
    errors = []
    for rec, pred in zip(records, stream):
        gold = rec["quantities"]
        counts = score_quantities(gold, pred)
        for k, v in counts.items():
            totals[k] += v
        pairs = relaxed_pairs(gold, pred)
        pg, pp = {g for g, _ in pairs}, {p for _, p in pairs}
        errors += [{"id": rec["id"], "kind": "missed", "text": g["text"]} for i, g in enumerate(gold) if i not in pg]
        errors += [{"id": rec["id"], "kind": "spurious", "text": p["text"]} for i, p in enumerate(pred) if i not in pp]
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            wrong = [k for k in ("unit", "qualifier") if g.get(k) != p.get(k)]
            if not same_value(g, p):
                wrong.append("value")
            if noun_head(g.get("noun")) != noun_head(p.get("noun")):
                wrong.append("noun")
            if wrong:
                errors.append({"id": rec["id"], "kind": "misread", "text": p["text"], "gold_text": g["text"],
                               "fields": wrong, "value": p.get("value"), "gold_value": g.get("value"),
                               "unit": p.get("unit"), "gold_unit": g.get("unit"),
                               "noun": noun_head(p.get("noun")), "gold_noun": noun_head(g.get("noun"))})
    seconds = time.perf_counter() - start
    n = totals["paired"]
    metrics = {
        "span": span_scores(totals["paired"], totals["predicted"], totals["gold"]),
        "exact": span_scores(totals["exact"], totals["predicted"], totals["gold"]),
        **{k: {"accuracy": _ratio(totals[k], n), "correct": totals[k]}
           for k in ("value", "unit", "qualifier", "noun")},
        "counts": totals,
    }
    return {"task": "quantities", "dataset": Path(path).stem, "path": str(path), "system": system,
            "pages": len(records), "failed": 0, "seconds": round(seconds, 2),
            "ms_per_record": round(1000 * seconds / len(records), 2) if records else 0.0,
            "metrics": metrics, "errors": errors}


# ---------------------------------------------------------------- reporting

def format_quantities_report(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """A readable table of ``report`` with ``baseline`` (default ``report["baseline"]``) beside it."""
    baseline = baseline if baseline is not None else report.get("baseline")
    reports = [report] + ([baseline] if baseline else [])
    rows = [["metric", *(r["system"] for r in reports)] + (["gain"] if baseline else [])]
    for group, key in (("span", "f1"), ("span", "precision"), ("span", "recall"), ("exact", "f1"),
                       ("value", "accuracy"), ("unit", "accuracy"), ("qualifier", "accuracy"),
                       ("noun", "accuracy")):
        vals = [r["metrics"][group][key] for r in reports]
        rows.append([f"{group} {key}", *(f"{v:.4f}" for v in vals)]
                    + ([f"{vals[0] - vals[1]:+.4f}"] if baseline else []))
    for key in ("gold", "predicted", "paired", "exact"):
        rows.append([f"count {key}", *(str(r["metrics"]["counts"][key]) for r in reports)]
                    + ([""] if baseline else []))
    rows.append(["ms per record", *(f"{r['ms_per_record']:.2f}" for r in reports)] + ([""] if baseline else []))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"task quantities | dataset {report['dataset']} | {report['pages']} records | {report['path']}"]
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default="tests/gold/quantities.jsonl")
    ap.add_argument("--system", default="dateline", choices=SYSTEMS)
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    print(format_quantities_report(evaluate_quantities(a.path, system=a.system, limit=a.limit)))
