"""Task ``geo``: toponym recognition and resolution on LGL and TR-News.

Gold sets: ``shared/eval/geo/lgl.jsonl`` and ``tr-news.jsonl`` (see their README): one
document per line with ``text`` and ``toponyms`` (``start``, ``end``, ``lat``, ``lon``...).

Two modes:

* ``gold_spans=False`` (default): dateline's own recognition. Each document's text is
  one block: spaCy, then :func:`~dateline.extract.entities.mentions_from_doc`,
  :func:`~dateline.resolve.aliases.resolve_entities` and
  :func:`~dateline.extract.places.extract_places` (``demonyms`` defaults to True here,
  because both corpora annotate "American" -> United States).
* ``gold_spans=True``: the gold toponym spans are given; each is resolved with
  :func:`~dateline.resolve.gazetteer.resolve_mentions`, the document's other gold
  toponyms serving as context (no spaCy; a few seconds per corpus).

Metrics:

* recognition: precision, recall, F1 over spans; a predicted span matches a gold span
  when they overlap, one-to-one (greedy, in text order);
* resolution, over gold toponyms with coordinates: the great-circle error (km) of the
  matched prediction; a gold toponym not recognised or not resolved counts as the
  maximum error, 20,039 km. ``acc@161`` is the share with error < 161 km; ``mean`` and
  ``median`` error; ``auc``: errors sorted ascending, ``x_i = ln(1 + e_i)``, trapezoidal
  integral over the index ``sum((x_i + x_{i+1}) / 2)`` divided by ``ln(20039) * (N - 1)``
  (Gritta et al., ``Geocoding-with-Map-Vector``); in [0, 1], lower is better.
  ``resolution_matched`` gives the same over recognised toponyms only.

There is no separate tuning set: the resolver's weights were set by looking at these
two corpora, so the figures are optimistic for unseen news.

    python -m dateline.eval.geo ../shared/eval/geo/lgl.jsonl --gold-spans
"""

from __future__ import annotations

import math
import statistics
import time
from pathlib import Path
from typing import Any


from .gold import read_gold

__all__ = ["evaluate_geo", "format_geo_report", "error_stats", "match_spans", "MAX_ERROR_KM"]

MAX_ERROR_KM = 20039.0


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one overlap matching, gold index -> predicted index (greedy, text order;
    an exact span match is preferred over a mere overlap)."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi, (gs, ge) in enumerate(gold):
        overlapping = [pi for pi, (ps, pe) in enumerate(pred) if pi not in used and ps < ge and gs < pe]
        if overlapping:
            pi = min(overlapping, key=lambda i: (pred[i] != (gs, ge), abs(pred[i][0] - gs)))
            used.add(pi)
            out[gi] = pi
    return out


def error_stats(errors: list[float]) -> dict[str, Any]:
    if not errors:
        return {"n": 0, "acc@161": None, "mean_km": None, "median_km": None, "auc": None}
    errs = sorted(errors)
    logs = [math.log(1 + e) for e in errs]
    auc = (sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / (math.log(MAX_ERROR_KM) * (len(logs) - 1))
           if len(logs) > 1 else logs[0] / math.log(MAX_ERROR_KM))
    return {"n": len(errs), "acc@161": round(sum(e < 161 for e in errs) / len(errs), 4),
            "mean_km": round(statistics.fmean(errs), 1), "median_km": round(statistics.median(errs), 1),
            "auc": round(auc, 4)}


def _gold_span_predictions(doc: dict, gaz) -> list[dict | None]:
    from ..extract.places import _qualifier
    from ..resolve.gazetteer import Mention, resolve_mentions

    text = doc["text"]
    mentions = [Mention(t["start"], t["end"], t["text"], _qualifier(text, t["end"], gaz)) for t in doc["toponyms"]]
    out = []
    for r in resolve_mentions(mentions, gaz):
        out.append(None if r is None else {"start": r.mention.start, "end": r.mention.end,
                                           "lat": r.candidate.lat, "lon": r.candidate.lon,
                                           "name": r.candidate.name})
    return out


def _own_predictions(docs: list[dict], pipeline, gaz, demonyms: bool) -> list[list[dict]]:
    from ..extract.entities import mentions_from_doc
    from ..extract.places import extract_places
    from ..model import Article, Span
    from ..nlp import pipe
    from ..resolve.aliases import resolve_entities

    out = []
    texts = [d["text"] for d in docs]
    for d, doc in zip(docs, pipe(pipeline.nlp, texts)):
        text = d["text"]
        article = Article(text=text, paragraphs=[Span.of(text, 0, len(text))])
        found = mentions_from_doc(doc, 0, text)
        article.entities = resolve_entities(found, text) if found else []
        out.append(extract_places(article, [(0, doc)], gazetteer=gaz, demonyms=demonyms))
    return out


def evaluate_geo(path: str, limit: int | None = None, pipeline=None, gold_spans: bool = False,
                 demonyms: bool = True, progress=None, **kw) -> dict[str, Any]:
    """Score toponym recognition and resolution on the gold set at ``path`` (see module
    docstring). ``pipeline``: a :class:`~dateline.pipeline.Pipeline` (its spaCy model is
    used; default: a new one); unused with ``gold_spans``. Returns a report dict."""
    from ..resolve.gazetteer import Gazetteer, haversine_km

    p = Path(path)
    docs = read_gold(p, {"text": str, "toponyms": list}, "geo gold record", limit)
    gaz = Gazetteer.load(kw.get("gazetteer_path"))
    start = time.perf_counter()
    if gold_spans:
        preds = [_gold_span_predictions(d, gaz) for d in docs]
    else:
        if pipeline is None:
            from ..pipeline import Pipeline
            pipeline = Pipeline()
        preds = _own_predictions(docs, pipeline, gaz, demonyms)
    tp = n_pred = n_gold = 0
    errors: list[float] = []
    matched_errors: list[float] = []
    details = []
    for d, pred in zip(docs, preds):
        gold = d["toponyms"]
        if gold_spans:
            mapping = {i: i for i, x in enumerate(pred) if x is not None}
            pred = [x or {} for x in pred]
        else:
            mapping = match_spans([(t["start"], t["end"]) for t in gold], [(x["start"], x["end"]) for x in pred])
            tp += len(mapping)
            n_pred += len(pred)
            n_gold += len(gold)
        misses = []
        for gi, t in enumerate(gold):
            if t.get("lat") is None:
                continue
            x = pred[mapping[gi]] if gi in mapping else None
            if x and x.get("lat") is not None:
                e = haversine_km(t["lat"], t["lon"], x["lat"], x["lon"])
                matched_errors.append(e)
            else:
                e = MAX_ERROR_KM
            errors.append(e)
            if e >= 161:
                misses.append({"text": t["text"], "gold": t.get("gazetteer_name"),
                               "predicted": x.get("name") if x else None, "error_km": round(e)})
        details.append({"id": d.get("id"), "toponyms": len(gold), "misses": misses})
        if progress is not None:
            progress(len(details), len(docs))
    report: dict[str, Any] = {
        "task": "geo", "dataset": p.stem, "path": str(path), "mode": "gold spans" if gold_spans else "own recognition",
        "documents": len(docs), "seconds": round(time.perf_counter() - start, 2),
        "metrics": {"resolution": error_stats(errors)}, "details": details,
    }
    if not gold_spans:
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        report["metrics"]["recognition"] = {"precision": round(prec, 4), "recall": round(rec, 4),
                                            "f1": round(f1, 4), "tp": tp, "predicted": n_pred, "gold": n_gold}
        report["metrics"]["resolution_matched"] = error_stats(matched_errors)
    return report


def format_geo_report(report: dict[str, Any]) -> str:
    """A readable summary of :func:`evaluate_geo`'s report."""
    m = report["metrics"]
    lines = [f"task geo | dataset {report['dataset']} | {report['mode']} | {report['documents']} documents | "
             f"{report['seconds']:.1f} s | {report['path']}"]
    if "recognition" in m:
        r = m["recognition"]
        lines.append(f"recognition  P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}  "
                     f"({r['tp']} matched / {r['predicted']} predicted / {r['gold']} gold)")
    for key in ("resolution", "resolution_matched"):
        if key in m and m[key]["n"]:
            s = m[key]
            lines.append(f"{key:<19} acc@161 {s['acc@161']:.4f}  median {s['median_km']:.1f} km  "
                         f"mean {s['mean_km']:.1f} km  AUC {s['auc']:.4f}  (n={s['n']})")
    return "\n".join(lines)


def evaluate_geo_both(path: str, limit: int | None = None, pipeline=None, **kw) -> dict[str, Any]:
    """Both modes in one run: our own recognition, and resolution with the gold toponym
    spans given (kept under ``report["gold_spans"]``)."""
    report = evaluate_geo(path, limit=limit, pipeline=pipeline, **kw)
    report["gold_spans"] = evaluate_geo(path, limit=limit, gold_spans=True, **kw)
    return report


def format_geo_reports(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """Own-recognition report, then the gold-spans one when present."""
    parts = [format_geo_report(report)]
    if report.get("gold_spans"):
        parts.append(format_geo_report(report["gold_spans"]))
    return "\n".join(parts)

