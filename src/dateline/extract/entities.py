"""Named-entity mentions from spaCy docs, in article coordinates.

NLP runs per block of the article (headline, caption, paragraph...), so each
``Doc`` covers ``text[offset:offset + len(doc.text)]``. :func:`mentions_from_doc`
turns the doc's entities into :class:`~dateline.model.Mention` objects whose
offsets index the article text, so ``text[m.start:m.end] == m.text`` holds.

Only name-like labels are kept (:data:`ENTITY_LABELS`); dates, times, money,
percentages, quantities, ordinals and cardinals belong to the time and quantity
extractors. Span edges are tidied: a leading article ("the Syrian Democratic
Forces" -> "Syrian Democratic Forces"), a trailing possessive ("Baghdadi's" ->
"Baghdadi"), stray quotes and edge punctuation are trimmed, and a mention left
with no letter at all is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from dateline.model import Mention

__all__ = ["ENTITY_LABELS", "mentions_from_doc", "dateline_mentions"]

#: spaCy (OntoNotes) labels that name a referent; the rest are left to other extractors.
ENTITY_LABELS: frozenset[str] = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT",
    "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
})

_LEADING_THE = re.compile(r"the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$", re.IGNORECASE)
_EDGE_LEFT = " \t\r\n\u00a0\"\u201c\u201d\u2018,;:"   # no ' : it may open a name ('Abd)
_EDGE_RIGHT = " \t\r\n\u00a0\"\u201c\u201d,;:"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Tighten ``text[start:end]`` to the name itself (see module docstring)."""
    while start < end:
        before = (start, end)
        while start < end and text[start] in _EDGE_LEFT:
            start += 1
        while end > start and text[end - 1] in _EDGE_RIGHT:
            end -= 1
        m = _LEADING_THE.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
        m = _POSSESSIVE.search(text, start, end)
        if m and m.start() > start:
            end = m.start()
        if (start, end) == before:
            break
    return start, end


def mentions_from_doc(doc: Any, offset: int, text: str) -> list[Mention]:
    """Mentions for the entities of ``doc``, one analysed block of ``text``.

    ``doc`` is a spaCy ``Doc`` (anything with ``.ents`` of spans carrying
    ``start_char``, ``end_char`` and ``label_``) made from the block that starts at
    character ``offset`` of the article text ``text``. Returns mentions in text
    order with article offsets; entities whose label is not in
    :data:`ENTITY_LABELS`, or that hold no letter once trimmed, are left out. An
    entity whose characters do not match ``text`` at the computed offsets (a doc
    made from other text) is skipped rather than reported at a wrong place.
    """
    out: list[Mention] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in ENTITY_LABELS:
            continue
        start, end = ent.start_char + offset, ent.end_char + offset
        if start < 0 or end > len(text) or text[start:end] != ent.text:
            continue
        start, end = _trim(text, start, end)
        surface = text[start:end]
        if not any(ch.isalpha() for ch in surface):
            continue
        out.append(Mention(start, end, surface, label))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def dateline_mentions(mentions: list[Mention], dateline: Any, text: str) -> list[Mention]:
    """Datelines name places: relabel mentions inside the dateline, and mentions
    elsewhere spelling the same name, as GPE; add any dateline part (``MOSUL`` in
    ``MOSUL, Iraq``) the model missed.

    ``dateline`` is the article's dateline span (or None). Returns a new list.
    """
    if dateline is None:
        return list(mentions)
    out: list[Mention] = []
    covered: list[tuple[int, int]] = []
    places = {p.strip().casefold() for p in dateline.text.split(",") if p.strip()}
    for m in mentions:
        inside = dateline.start <= m.start and m.end <= dateline.end
        if inside or (m.text.casefold() in places and m.label != "GPE"):
            m = Mention(m.start, m.end, m.text, "GPE")
        if inside:
            covered.append((m.start, m.end))
        out.append(m)
    pos = dateline.start
    for part in dateline.text.split(","):
        lead = len(part) - len(part.lstrip())
        start = pos + lead
        end = start + len(part.strip())
        pos += len(part) + 1
        if end <= start or any(s < end and start < e for s, e in covered):
            continue
        if any(c.isalpha() for c in text[start:end]):
            out.append(Mention(start, end, text[start:end], "GPE"))
    out.sort(key=lambda m: (m.start, m.end))
    return out
