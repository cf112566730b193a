"""Quantities: numbers with what they count, their unit, qualifier, time and change.

    >>> from dateline.model import Article
    >>> [q["text"] for q in extract_quantities(Article(text="It cost $15.6bn, up 3%."), [])]
    ['$15.6bn', '3%']

Every quantity is a dict::

    {"id": "n1", "start", "end", "text",       # "at least 23", "$15.6 billion", "15 to 20 percent"
     "value", "min", "max",                    # min == max == value unless a range (value = min);
                                               #   vague amounts take their conservative reading
     "unit",                                   # "count" | "percent" | ISO 4217 ("USD") | measure ("km")
     "kind",                                   # "count" | "percent" | "money" | "measure"
     "qualifier",                              # "at least", "about", "up to", ... or None
     "vague",                                  # "dozens", "tens of thousands", ... or None
     "noun",                                   # counted noun {start, end, text, lemma} or None
     "measure",                                # what a percent/money figure measures, or None
     "time",                                   # the same sentence's time expression, or None
     "change",                                 # {direction, from, text, start, end} or None
     "sentence": {"start", "end"}}

What is found and what is left out is described in :mod:`.find`; the context fields in
:mod:`.context`; number reading in :mod:`.numbers`. Times must be extracted first
(``article.times``): a number inside a time expression is never a quantity.

Decisions: durations ("three months") belong to the times, not here; "several" and "a few"
are not emitted (their conservative reading is in :data:`.numbers.VAGUE` for callers);
elliptical counts keep ``noun`` None ("26 people were killed and 25 wounded": the 25 has no
noun, and the events extractor reads the casualty verb); "one" counts only as a numeral
("one bone", "one fatally", "killing one"), never as the pronoun ("one of the", "the one").
"""

from __future__ import annotations

from typing import Any

from ...model import Article
from .context import attach_context
from .find import Hit, find_quantities
from .numbers import NUMBER_WORDS, VAGUE, parse_number

__all__ = ["extract_quantities", "find_quantities", "parse_number", "NUMBER_WORDS", "VAGUE"]

_TIME_TYPES = ("DATE", "TIME", "SET", "DURATION")


def _num(v: float) -> int | float:
    v = float(f"{v:.12g}")
    return int(v) if v.is_integer() and abs(v) < 1e18 else v


def _sentence(doc, hit: Hit, block_len: int) -> tuple[int, int]:
    if doc is not None and hit.tokens[1] > hit.tokens[0] and doc.has_annotation("SENT_START"):
        sent = doc[hit.tokens[0]].sent
        return sent.start_char, sent.end_char
    return 0, block_len


def _to_dict(h: Hit, doc, text: str, offset: int, block_len: int) -> dict:
    s, e = h.start + offset, h.end + offset
    noun = None
    if h.noun is not None:
        ns, ne, nt = h.noun
        head = doc.char_span(ns, ne, alignment_mode="expand") if doc is not None else None
        lemma = head[-1].lemma_.lower() if head is not None and len(head) else nt.lower()
        noun = {"start": ns + offset, "end": ne + offset, "text": text[ns + offset:ne + offset],
                "lemma": lemma}
    ss, se = _sentence(doc, h, block_len)
    return {"id": "", "start": s, "end": e, "text": text[s:e],
            "value": _num(h.value), "min": _num(h.min), "max": _num(h.max),
            "unit": h.unit, "kind": h.kind, "qualifier": h.qualifier, "vague": h.vague,
            "noun": noun, "measure": None, "time": None, "change": None,
            "sentence": {"start": ss + offset, "end": se + offset}}


def extract_quantities(article: Article, docs: list[tuple[int, Any]]) -> list[dict]:
    """Quantities of one article; ``docs`` are ``(offset, spaCy Doc)`` per block in text order.

    Without docs the blocks of the article are read without a parse (no nouns, fewer
    exclusions). ``article.times`` should already be set.
    """
    text = article.text
    times = [t for t in article.times if t.get("type") in _TIME_TYPES]
    blocks = [(offset, doc.text, doc) for offset, doc in docs]
    if not blocks:
        blocks = [(span.start, span.text, None) for _, span in article.blocks()] or [(0, text, None)]
    out: list[dict] = []
    for offset, block, doc in blocks:
        end = offset + len(block)
        spans = [(t["start"] - offset, t["end"] - offset) for t in times
                 if t["start"] < end and t["end"] > offset]
        hits = find_quantities(block, doc, spans)
        qs = [_to_dict(h, doc, text, offset, len(block)) for h in hits]
        attach_context(qs, hits, doc, offset, text, times)
        out += qs
    for n, q in enumerate(out, 1):
        q["id"] = f"n{n}"
    return out
