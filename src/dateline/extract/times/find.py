"""From text to time dicts: candidates from the grammar (spaCy's parse is used by the
normalisers for tense, and to tell a year from a count or "May" from a modal), choice
of the longest non-overlapping ones, normalisation in text order, then modifiers,
clock times joined to their day, and ranges ("between July 2024 and April 2025")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import absolute, relative
from .grammar import CLOCK_JOIN, PREFIX, RANGE_JOIN, RANGE_OPEN, RULES, SUFFIX, TRIGGERS, VETO, VETO_TRIGGER
from .resolver import Resolver

__all__ = ["Hit", "find_times", "to_dict"]

HANDLERS = {**absolute.HANDLERS, **relative.HANDLERS}
_PRIORITY = {name: i for i, (name, _) in enumerate(RULES)}
_CALENDAR = re.compile(r"\d{4}|\d{3}$|\d{2}$|XXXX")
_DAYVAL = re.compile(r"(\d{4}-\d\d-\d\d|XXXX-XX-XX)$")
_CLOCK = re.compile(r"T(\d\d:\d\d)$")

@dataclass(slots=True)
class Hit:
    start: int
    end: int
    rule: str
    match: re.Match | None
    type: str = ""
    value: str = ""
    mod: str | None = None
    range: dict | None = None
    parts: list = field(default_factory=list)


def _candidates(text: str, doc) -> list[Hit]:
    vetoes = [(m.start(), m.end()) for m in VETO.finditer(text)] if VETO_TRIGGER.search(text) else []
    found: list[Hit] = []
    for name, pattern in RULES:
        trigger = TRIGGERS.get(name)
        if trigger is not None and not trigger.search(text):
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append(Hit(m.start(), m.end(), name, m))
    if vetoes:
        found = [h for h in found if not any(s < h.end and h.start < e for s, e in vetoes)]
    return found


def _choose(found: list[Hit]) -> list[Hit]:
    """Longest first, then rule priority; keep those overlapping nothing kept."""
    found.sort(key=lambda h: (-(h.end - h.start), _PRIORITY.get(h.rule, 99), h.start))
    taken: list[Hit] = []
    for h in found:
        if not any(t.start < h.end and h.start < t.end for t in taken):
            taken.append(h)
    taken.sort(key=lambda h: h.start)
    return taken


def _normalise(hit: Hit, r: Resolver) -> bool:
    r.at(hit.start, hit.end)
    result = HANDLERS[hit.rule](hit.match, r)
    if result is None or result[1] is None:
        return False
    hit.type, hit.value, hit.mod = result
    return True


def find_times(text: str, r: Resolver, doc=None) -> list[Hit]:
    """Time expressions of ``text`` (one block), normalised with ``r``."""
    r.use(text, doc)
    pool = _candidates(text, doc)
    while True:                           # drop candidates their normaliser refuses
        chosen = _choose(pool)
        refused = {id(h) for h in chosen if not _normalise(h, r)}
        if not refused:
            break
        pool = [h for h in pool if id(h) not in refused]
    out: list[Hit] = []
    for h in chosen:                      # again in text order, now with anaphora
        if _normalise(h, r):
            _modify(text, h, r)
            if h.type in ("DATE", "TIME"):
                r.remember(h.value)
            out.append(h)
    return _ranges(text, _join_clock(text, out))


def _modify(text: str, h: Hit, r: Resolver) -> None:
    """Left edge modifiers (``the end of``, ``mid-``, ``pre-``) and right ones (``or more``)."""
    unit_word = h.rule == "the_unit" and h.type == "DURATION"
    if (h.type == "DATE" and h.mod is None and _CALENDAR.match(h.value)) or unit_word:
        before = text[max(0, h.start - 30):h.start]
        for pattern, mod in PREFIX:
            m = pattern.search(before)
            if m:
                value = relative.this_unit(h.match["unit"], r) if unit_word else h.value
                if value:
                    h.start -= len(before) - m.start()
                    h.type, h.value, h.mod = "DATE", value, mod
                break
    if h.type == "DURATION" and h.mod is None:
        after = text[h.end:h.end + 20]
        for pattern, mod in SUFFIX:
            m = pattern.match(after)
            if m:
                h.end += m.end()
                h.mod = mod
                break


def _join_clock(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is not None and CLOCK_JOIN.match(text[prev.end:h.start]):
            clock, day = (prev, h) if prev.rule == "clock" else (h, prev) if h.rule == "clock" else (None, None)
            if clock is not None and day.type == "DATE" and _DAYVAL.match(day.value):
                hhmm = _CLOCK.search(clock.value).group(1)
                out[-1] = Hit(prev.start, h.end, "clock", None, "TIME", f"{day.value}T{hhmm}", day.mod)
                continue
        out.append(h)
    return out


def _ranges(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        b = hits[i + 1] if i + 1 < len(hits) else None
        opener = RANGE_OPEN.search(text, max(0, a.start - 12), a.start)
        if (b is not None and opener and a.type == "DATE" and b.type == "DATE"
                and RANGE_JOIN.match(text[a.end:b.start]) and _CALENDAR.match(a.value)
                and _CALENDAR.match(b.value)):
            joined = Hit(opener.start(), b.end, "range", None, "DURATION", _span_length(a.value, b.value),
                         None, {"begin": a.value, "end": b.value}, [a, b])
            out.append(joined)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _span_length(begin: str, end: str) -> str:
    """Length from ``begin`` to ``end`` at their common granularity (``PXX`` if none)."""
    from datetime import date

    try:
        if len(begin) == len(end) == 4:
            return f"P{int(end) - int(begin)}Y"
        if len(begin) == len(end) == 7 and begin[4] == end[4] == "-" and begin[5].isdigit() and end[5].isdigit():
            months = (int(end[:4]) - int(begin[:4])) * 12 + int(end[5:7]) - int(begin[5:7])
            return f"P{months}M"
        if len(begin) == len(end) == 10:
            return f"P{(date.fromisoformat(end) - date.fromisoformat(begin)).days}D"
    except ValueError:
        pass
    return "PXX"


def to_dict(h: Hit, text: str, offset: int, anchor: str | None) -> dict:
    """The public time dict of a hit found in ``text`` placed at ``offset``."""
    d = {"start": h.start + offset, "end": h.end + offset, "text": text[h.start:h.end],
         "type": h.type, "value": h.value, "mod": h.mod, "range": h.range, "anchor": anchor}
    if h.parts:
        d["parts"] = [to_dict(p, text, offset, anchor) for p in h.parts]
    return d
