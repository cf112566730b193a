"""Task ``quotes``: who said what, scored on PolNeAR (``shared/eval/quotes/``).

Each record's ``text`` becomes an :class:`Article` whose text *is* the record text, so
gold offsets need no mapping: the first line is the headline block, every other
non-empty line (stripped) a paragraph. :meth:`Pipeline.annotate` runs in batches with
one model; the predictions are ``article.quotes`` (see ``extract/quotes.py``).

Choices, all fixed here:

* **Spans compared.** Content is compared through *covering* spans: a discontinuous
  gold content (a list of pieces) becomes ``min(start)..max(end)``; a prediction's
  ``content`` span (or the cover of its ``pieces`` when it has none). Gold sources and
  cues are covered the same way; predicted speaker span is ``speaker["span"]``.
* **Edge normalisation** (:func:`normalise`): characters that are whitespace, Unicode
  category P* (punctuation, which includes every straight and curly quotation mark,
  ``«»‹›„`` and the apostrophe of NYT ``''``) or Z*, or the backtick or ``″``, are
  stripped from both ends; a span that would become empty (a ``:`` cue) keeps its raw
  offsets. Both matchings below compare normalised spans, by offsets (not text).
* **Exact match**: normalised content offsets identical. **Overlap match**: the
  normalised contents share at least one character. Both are one-to-one: all
  candidate (prediction, gold) pairs are taken greedily by overlap size (largest first;
  ties by gold then prediction order), each gold and each prediction used once, so a
  prediction cannot match two golds nor two predictions one gold (a duplicate is a
  false positive).
* **P/R/F1** per document are summed (micro-averaged) over the set. ``all``: precision
  = matched predictions / predictions, recall = matched golds / golds. The split uses
  the gold ``direct`` flag for recall (``direct``: ``direct`` is true; ``indirect``:
  anything else, i.e. false, or null which PolNeAR never has) and the *predicted*
  kind for precision (``direct`` counts as direct, ``partial`` and ``indirect`` as
  indirect). Matching is done once over all quotes, so a gold direct quote found as
  ``partial`` counts for direct recall and indirect precision. F1 is the harmonic mean
  of that P and R. A ratio with a zero denominator is 0.0 (no predictions: P = 0).
* **Speaker / cue accuracy** are measured on matched pairs (for each matching),
  split by the gold flag: ``overlap`` = the predicted span shares a character with the
  gold span (both normalised), ``exact`` = identical normalised offsets. A gold with
  ``source: null`` counts as correct only if the prediction has no speaker span
  (``speaker`` null or ``speaker.span`` null); a gold span with no predicted span is
  wrong. ``kind`` accuracy on matched pairs: predicted direct == gold direct.
* **Content + speaker** (``with_speaker``, "who said what"): a prediction counts as
  correct only when its content overlap-matches a gold attribution *and* its speaker
  is correct as above; P divides by all predictions, R by all gold attributions. This
  compares systems on the same footing, where speaker accuracy alone is measured on
  each system's own matched pairs (a system that finds only the easy quotes scores a
  high accuracy on few pairs).
* A prediction without a usable content span counts as a prediction that matches
  nothing (``invalid`` in the report).

Peer baseline: ``extractor="textacy"`` scores ``textacy.extract.triples.direct_quotations``
on the same spaCy docs (one per block, as the pipeline parses them). textacy refuses a
doc with an odd number of quotation marks; such blocks give nothing and are counted in
``notes``. Its triples become quote dicts of kind ``direct`` with char spans from
``token.idx``; the content drops the outer quotation-mark tokens.
"""

from __future__ import annotations

import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import DatelineError, EvalError
from .gold import read_gold
from ..model import Article, Source, Span
from ..pipeline import Pipeline, batched

__all__ = [
    "evaluate_quotes", "format_quotes_report", "normalise", "covering", "gold_items",
    "predicted_items", "match", "score_document", "summarise", "record_article",
    "TextacyQuotes", "EXTRACTORS",
]

Extractor = Callable[[Article, list], list[dict]]
SPLITS = ("all", "direct", "indirect")
MATCHINGS = ("exact", "overlap")
_EXTRA_MARKS = frozenset("`″〝〞＂")


# ---------------------------------------------------------------- spans and items

def _trim(c: str) -> bool:
    return c.isspace() or c in _EXTRA_MARKS or unicodedata.category(c)[0] in "PZ"


def normalise(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` with edge whitespace, punctuation and quotation marks stripped;
    the raw offsets when nothing would remain."""
    s, e = start, end
    while s < e and _trim(text[s]):
        s += 1
    while e > s and _trim(text[e - 1]):
        e -= 1
    return (s, e) if s < e else (start, end)


def covering(span: Any) -> tuple[int, int] | None:
    """``(start, end)`` of a span dict or of the cover of a list of pieces; None for none."""
    if not span:
        return None
    pieces = [span] if isinstance(span, dict) else list(span)
    try:
        return min(int(p["start"]) for p in pieces), max(int(p["end"]) for p in pieces)
    except (KeyError, TypeError, ValueError):
        return None


def _norm(text: str, span: Any) -> tuple[int, int] | None:
    """Normalised covering offsets; None for no span or offsets outside ``text``."""
    cov = covering(span)
    if cov is None or not 0 <= cov[0] <= cov[1] <= len(text):
        return None
    return normalise(text, *cov)


def gold_items(text: str, attributions: list[dict]) -> list[dict]:
    """Gold attributions as ``{content, direct, speaker, cue}`` with normalised offsets."""
    return [{"content": _norm(text, a["content"]), "direct": a.get("direct") is True,
             "speaker": _norm(text, a.get("source")), "cue": _norm(text, a.get("cue"))}
            for a in attributions]


def predicted_items(text: str, quotes: list[dict]) -> list[dict]:
    """Predicted quotes in the same shape; ``content`` None when it has no usable span."""
    out = []
    for q in quotes:
        content = q.get("content") or q.get("pieces")
        speaker = q.get("speaker") or {}
        out.append({"content": _norm(text, content), "direct": q.get("kind") == "direct",
                    "speaker": _norm(text, speaker.get("span")) if isinstance(speaker, dict) else None,
                    "cue": _norm(text, q.get("cue"))})
    return out


# ---------------------------------------------------------------- matching and counting

def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(preds: list[dict], golds: list[dict], exact: bool) -> list[tuple[int, int]]:
    """One-to-one ``(pred index, gold index)`` pairs, greedy by overlap size."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            ov = _overlap(p["content"], g["content"])
            if ov and (not exact or p["content"] == g["content"]):
                cands.append((-ov, gi, pi))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((pi, gi))
    return sorted(pairs, key=lambda pg: pg[1])


def _role_ok(pred: tuple[int, int] | None, gold: tuple[int, int] | None) -> tuple[bool, bool]:
    """(overlap-correct, exact-correct) for a speaker or cue span."""
    if gold is None:
        return pred is None, pred is None
    return _overlap(pred, gold) > 0, pred == gold


def _split(direct: bool) -> str:
    return "direct" if direct else "indirect"


def score_document(text: str, attributions: list[dict], quotes: list[dict]) -> Counter:
    """Counts for one document, keyed ``(matching, split, name)``; sum them over a set."""
    golds, preds = gold_items(text, attributions), predicted_items(text, quotes)
    c: Counter = Counter()
    for m in MATCHINGS:
        for g in golds:
            c[m, "all", "gold"] += 1
            c[m, _split(g["direct"]), "gold"] += 1
        for p in preds:
            c[m, "all", "predicted"] += 1
            c[m, _split(p["direct"]), "predicted"] += 1
        for pi, gi in match(preds, golds, exact=(m == "exact")):
            p, g = preds[pi], golds[gi]
            for split in ("all", _split(g["direct"])):
                c[m, split, "matched_gold"] += 1
                c[m, split, "kind_ok"] += p["direct"] == g["direct"]
                for role in ("speaker", "cue"):
                    ov, ex = _role_ok(p[role], g[role])
                    c[m, split, f"{role}_overlap"] += ov
                    c[m, split, f"{role}_exact"] += ex
            c[m, "all", "matched_pred"] += 1
            c[m, _split(p["direct"]), "matched_pred"] += 1
    c["invalid"] = sum(p["content"] is None for p in preds)
    return c


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def summarise(c: Counter) -> dict[str, Any]:
    """Nested metrics ``{matching: {split: {precision, recall, f1, speaker, cue, ...}}}``."""
    out: dict[str, Any] = {}
    for m in MATCHINGS:
        out[m] = {}
        for s in SPLITS:
            k = lambda name: c[m, s, name]  # noqa: E731
            p = _ratio(k("matched_pred"), k("predicted"))
            r = _ratio(k("matched_gold"), k("gold"))
            pairs = k("matched_gold")
            out[m][s] = {
                "precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r),
                "gold": k("gold"), "predicted": k("predicted"),
                "matched_gold": pairs, "matched_predicted": k("matched_pred"),
                "speaker": {"overlap": _ratio(k("speaker_overlap"), pairs),
                            "exact": _ratio(k("speaker_exact"), pairs), "pairs": pairs},
                "cue": {"overlap": _ratio(k("cue_overlap"), pairs),
                        "exact": _ratio(k("cue_exact"), pairs), "pairs": pairs},
                "kind": {"accuracy": _ratio(k("kind_ok"), pairs), "pairs": pairs},
            }
            # who said what: a prediction counts only when its content matches AND its
            # speaker span overlaps the gold source (or both have none)
            jp = _ratio(k("speaker_overlap"), k("predicted"))
            jr = _ratio(k("speaker_overlap"), k("gold"))
            out[m][s]["with_speaker"] = {"precision": jp, "recall": jr, "f1": _ratio(2 * jp * jr, jp + jr)}
    return out


# ---------------------------------------------------------------- extractors

class TextacyQuotes:
    """textacy's ``direct_quotations`` as a quote extractor ``(article, docs) -> quotes``;
    counts the blocks it refused (odd number of quotation marks) in ``skipped``."""

    __name__ = "textacy"

    def __init__(self) -> None:
        self.skipped = 0

    @staticmethod
    def unavailable() -> str | None:
        try:
            from textacy.extract.triples import direct_quotations  # noqa: F401
        except ImportError as exc:
            return f"textacy is not installed ({exc}); pip install -r requirements-test.lock"
        return None

    def __call__(self, article: Article, docs: list) -> list[dict]:
        from textacy.extract.triples import direct_quotations

        def span(tokens) -> dict:
            s = offset + tokens[0].idx
            e = offset + tokens[-1].idx + len(tokens[-1])
            return {"start": s, "end": e, "text": article.text[s:e]}

        quotes = []
        for offset, doc in docs:
            try:
                triples = list(direct_quotations(doc))
            except ValueError:
                self.skipped += 1
                continue
            for t in triples:
                inner = t.content[1:-1] if len(t.content) > 2 else t.content
                content = span(inner)
                quotes.append({
                    "id": f"Q{len(quotes) + 1}", "kind": "direct", "content": content,
                    "pieces": [content], "also": [],
                    "cue": {**span(t.cue), "lemma": t.cue[0].lemma_},
                    "speaker": {"name": " ".join(x.text for x in t.speaker), "entity": None,
                                "description": None, "role": None, "affiliation": None,
                                "span": span(t.speaker)},
                    "addressee": None, "confidence": 1.0,
                })
        return quotes


EXTRACTORS: dict[str, Callable[[], Extractor] | None] = {"dateline": None, "textacy": TextacyQuotes}


class _ExtractorPipeline(Pipeline):
    """The pipeline's own parsing (same blocks, same docs) with another quote extractor."""

    def __init__(self, base: Pipeline, fn: Extractor):
        super().__init__(base.settings, nlp=base.nlp)
        self._fn = fn

    def extract(self, article: Article, docs: list) -> Article:
        article.quotes = self._fn(article, docs)
        return article


# ---------------------------------------------------------------- gold set and evaluation

def record_article(record: dict) -> Article:
    """An Article whose text is the record text: first line the headline, each other
    non-empty line (stripped) a paragraph."""
    text = record["text"]
    lines, pos = [], 0
    for line in text.split("\n"):
        s = pos + len(line) - len(line.lstrip())
        e = pos + len(line.rstrip())
        if e > s:
            lines.append(Span(s, e, text[s:e]))
        pos += len(line) + 1
    headline = lines[0].text if lines and lines[0].start == 0 else None
    paragraphs = lines[1:] if headline is not None else lines
    return Article(text=text, headline=headline, paragraphs=paragraphs,
                   source=Source(format="polnear", id=record.get("id")))


def evaluate_quotes(path: str, limit: int | None = None, pipeline: Pipeline | None = None,
                    extractor: str | Extractor = "dateline", batch_size: int = 16,
                    progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Score quote extraction on a PolNeAR JSON Lines gold set.

    ``extractor``: ``"dateline"`` (the pipeline's own), ``"textacy"`` (the peer
    baseline), or a callable ``(article, docs) -> quotes``. ``pipeline`` supplies the
    settings and the loaded model (default ``Pipeline()``). A batch whose extractor
    raises a :class:`DatelineError` is retried article by article; those that fail
    again count in ``failed`` with no predictions. Returns ``task``, ``dataset``,
    ``path``, ``extractor``, ``documents`` (= ``pages``), ``failed``, ``seconds``,
    ``metrics`` (see :func:`summarise`), ``invalid``, ``notes`` and per-document
    ``details``; or, when the extractor cannot run, the same head with ``unavailable``.
    """
    p = Path(path)
    name = extractor if isinstance(extractor, str) else getattr(extractor, "__name__", repr(extractor))
    head = {"task": "quotes", "dataset": p.stem, "path": str(path), "extractor": name}
    if isinstance(extractor, str):
        if extractor not in EXTRACTORS:
            raise EvalError(f"unknown quote extractor {extractor!r}; known: {', '.join(EXTRACTORS)}")
        factory = EXTRACTORS[extractor]
        extractor = factory() if factory else None
    reason = getattr(extractor, "unavailable", lambda: None)()
    if reason:
        return {**head, "documents": 0, "pages": 0, "unavailable": reason}
    records = read_gold(p, {"text": str, "attributions": list}, "quotes gold record", limit)
    base = pipeline or Pipeline()
    runner = _ExtractorPipeline(base, extractor) if extractor else base
    if runner.settings.nlp:
        runner.nlp  # noqa: B018 - load the model before the clock starts

    start = time.perf_counter()
    total: Counter = Counter()
    details, failed = [], 0
    for batch in batched(records, batch_size):
        articles = [record_article(r) for r in batch]
        errors: dict[int, str] = {}
        try:
            runner.annotate(articles)
        except DatelineError:
            for i, a in enumerate(articles):
                try:
                    runner.annotate([a])
                except DatelineError as exc:
                    a.quotes, errors[i] = [], f"{type(exc).__name__}: {exc}"
        except Exception as exc:
            exc.add_note(f"while extracting quotes from {path} (documents {batch[0].get('id')}..)")
            raise
        failed += len(errors)
        for i, (r, a) in enumerate(zip(batch, articles)):
            c = score_document(r["text"], r["attributions"], a.quotes)
            total += c
            row = {"id": r.get("id"), "publisher": r.get("publisher"),
                   "gold": c["exact", "all", "gold"], "predicted": c["exact", "all", "predicted"],
                   "exact": c["exact", "all", "matched_gold"],
                   "overlap": c["overlap", "all", "matched_gold"],
                   "speaker": c["overlap", "all", "speaker_overlap"],
                   "cue": c["overlap", "all", "cue_overlap"]}
            if i in errors:
                row["error"] = errors[i]
            details.append(row)
        if progress is not None:
            progress(len(details), len(records))
    notes = {}
    if isinstance(extractor, TextacyQuotes):
        notes["blocks_refused_odd_quote_marks"] = extractor.skipped
    return {**head, "documents": len(details), "pages": len(details), "failed": failed,
            "seconds": round(time.perf_counter() - start, 2), "metrics": summarise(total),
            "invalid": total["invalid"], "notes": notes, "details": details}


# ---------------------------------------------------------------- reporting

def format_quotes_report(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """A readable table: P/R/F1 per matching and split, then speaker / cue / kind
    accuracy on overlap-matched pairs; a baseline report gets its own column."""
    reports = [r for r in (report, baseline) if r]
    live = [r for r in reports if "metrics" in r]
    lines = [f"task quotes | dataset {report['dataset']} | {report['documents']} documents | "
             f"{report['path']}"]
    lines += [f"{r['extractor']}: unavailable: {r['unavailable']}" for r in reports if r not in live]
    if not live:
        return "\n".join(lines)
    gain = len(live) == 2
    rows = [["metric", *(r["extractor"] for r in live)] + (["gain F1"] if gain else [])]

    def row(label: str, cell: Callable[[dict], str], diff: str = "") -> None:
        rows.append([label, *(cell(r) for r in live)] + ([diff] if gain else []))

    for m in MATCHINGS:
        for s in SPLITS:
            f1 = [r["metrics"][m][s]["f1"] for r in live]
            row(f"{m} {s} F1 (P/R)", lambda r: "{f1:.4f} ({precision:.3f}/{recall:.3f})".format(
                **r["metrics"][m][s]), f"{f1[0] - f1[-1]:+.4f}")
    for s in SPLITS:
        f1 = [r["metrics"]["overlap"][s]["with_speaker"]["f1"] for r in live]
        row(f"content+speaker {s} F1 (P/R)", lambda r: "{f1:.4f} ({precision:.3f}/{recall:.3f})".format(
            **r["metrics"]["overlap"][s]["with_speaker"]), f"{f1[0] - f1[-1]:+.4f}")
    for s in SPLITS:
        for role in ("speaker", "cue"):
            row(f"{role} {s} overlap/exact", lambda r: "{overlap:.4f} / {exact:.4f} (n={pairs})".format(
                **r["metrics"]["overlap"][s][role]))
    row("kind accuracy", lambda r: f"{r['metrics']['overlap']['all']['kind']['accuracy']:.4f}")
    row("gold / predicted", lambda r: "{gold} / {predicted}".format(**r["metrics"]["exact"]["all"]))
    row("failed", lambda r: str(r["failed"]))
    row("seconds", lambda r: f"{r['seconds']:.1f}")
    widths = [max(len(cells[i]) for cells in rows) for i in range(len(rows[0]))]
    for n, cells in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += [f"{r['extractor']} notes: {r['notes']}" for r in live if r.get("notes")]
    lines.append("speaker/cue/kind: on overlap-matched pairs, split by the gold direct flag; "
                 "content+speaker: overlap-matched content whose speaker span overlaps the gold source, "
                 "over all predictions (P) and all gold (R); its direct/indirect precision divides by "
                 "predictions of that kind")
    return "\n".join(lines)
