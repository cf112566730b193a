"""Quotation-mark scanning: quoted segments of one block of text.

:func:`scan` finds pairs of quotation marks in one block (a paragraph, a
headline...). Marks are classified like Markdown's delimiter runs: a mark can
*open* when followed by a non-space and preceded by a space, an opening bracket,
a dash or other punctuation; it can *close* when preceded by a non-space and
followed by a space, punctuation or the end. Curly marks keep their direction
(``“`` opens, ``”`` closes, likewise guillemets ``«`` ``»``); straight ``"`` and
the NYT pair ``''`` take it from the flanks. Single marks (``‘ ’ '``) only count
outside double quotes (nested quotes belong to the outer one), and ``’``
between letters is an apostrophe. A double mark that opens while another is
open restarts the quote (the first was stray). A quote still open at the end
of the block is returned with ``closed=False``: the caller decides whether the
next paragraph continues it (multi-paragraph convention) or the quote ends at
the block's end. So an unbalanced mark never runs past its block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (DOUBLE_BOTH, DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_BOTH, SINGLE_CLOSE,
                      SINGLE_OPEN)

__all__ = ["Segment", "scan", "opens_block"]

_MARK = re.compile("''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a\u301d\u301e\uff02']")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,400}>")
_OPEN_BEFORE = set("([{\u2014\u2013-/:;,")
_CLOSE_AFTER = set(".,;:!?)]}\u2014\u2013-/…")


@dataclass(slots=True)
class Segment:
    """One quoted stretch of a block, offsets relative to the block text.

    ``open`` is where the opening mark starts, ``start``/``end`` the content
    (marks excluded, edge whitespace trimmed), ``close`` where the closing mark
    ends (the block end when unclosed).
    """

    open: int
    start: int
    end: int
    close: int
    closed: bool
    single: bool


def _flanks(text: str, i: int, n: int) -> tuple[bool, bool]:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + n] if i + n < len(text) else " "
    can_open = not nxt.isspace() and (prev.isspace() or prev in _OPEN_BEFORE
                                      or (not prev.isalnum() and nxt.isalnum()))
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER
                                        or (not nxt.isalnum() and prev.isalnum() is False)
                                        or nxt in "\"'\u201d\u2019")
    return can_open, can_close


def _segment(text: str, o: int, olen: int, c: int, clen: int, closed: bool, single: bool) -> Segment | None:
    start, end = o + olen, c
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return Segment(o, start, end, c + clen if closed else c, closed, single)


def scan(text: str) -> list[Segment]:
    """Quoted segments of one block, in order (see the module docstring)."""
    out: list[Segment] = []
    dbl: tuple[int, int] | None = None
    sgl: tuple[int, int] | None = None
    tags = [(t.start(), t.end()) for t in _TAG.finditer(text)] if "<" in text else []
    for m in _MARK.finditer(text):
        mark, i, n = m.group(), m.start(), m.end() - m.start()
        if tags and any(s <= i < e for s, e in tags):
            continue                  # attribute values of markup residue (<tweet author="...">)
        can_open, can_close = _flanks(text, i, n)
        if mark in DOUBLE_OPEN or mark in DOUBLE_CLOSE or mark in DOUBLE_BOTH:
            if mark in DOUBLE_OPEN:
                is_open = not (can_close and not can_open)
            elif mark in DOUBLE_CLOSE:
                is_open = can_open and not can_close
            elif can_open != can_close:
                is_open = can_open
            elif can_open:            # both: toggle
                is_open = dbl is None
            else:
                continue
            if is_open:
                dbl, sgl = (i, n), None
            elif dbl is not None:
                seg = _segment(text, dbl[0], dbl[1], i, n, True, False)
                if seg:
                    out.append(seg)
                dbl = None
            continue
        if dbl is not None:
            continue                  # nested single quotes belong to the outer quote
        if mark in SINGLE_OPEN or (mark in SINGLE_BOTH and can_open and not can_close):
            if mark == "'" and i + 1 < len(text) and text[i + 1].isdigit():
                continue              # '90s
            if can_open or mark in SINGLE_OPEN:
                sgl = (i, n)
        elif (mark in SINGLE_CLOSE or mark in SINGLE_BOTH) and can_close and sgl is not None:
            if text[sgl[0]] == "'" and mark != "'":
                continue
            seg = _segment(text, sgl[0], sgl[1], i, n, True, True)
            if seg:
                out.append(seg)
            sgl = None
    if dbl is not None:
        seg = _segment(text, dbl[0], dbl[1], len(text), 0, False, False)
        if seg:
            out.append(seg)
    return out


def opens_block(text: str) -> bool:
    """Whether a block begins (after whitespace) with an opening double quotation mark."""
    s = text.lstrip()
    if not s:
        return False
    m = _MARK.match(s)
    if not m or m.group() in DOUBLE_CLOSE or m.group() in SINGLE_CLOSE or m.group() in SINGLE_BOTH:
        return False
    return m.group() not in SINGLE_OPEN
