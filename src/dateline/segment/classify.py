"""First pass over a page: give every line a kind, using the line and its neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from . import lines as L
from .dates import parse_date_line

__all__ = ["Line", "classify", "BLANK", "SEP", "COUNTER", "CAPTION", "DATE", "CHROME", "BYLINE",
           "BULLET", "SUBHEAD", "TITLE", "TEXT"]

BLANK, SEP, COUNTER, CAPTION, DATE, CHROME, BYLINE = "blank", "sep", "counter", "caption", "date", "chrome", "byline"
BULLET, SUBHEAD, TITLE, TEXT = "bullet", "subhead", "title", "text"

_TRAILER = re.compile(r"^(?:(?:additional\s+)?reporting|writing|editing|compiled|translated)\s+by\b", re.I)
_MAX_CAPTION_LINES = 3


@dataclass(slots=True)
class Line:
    """One input line: ``raw`` as read, ``lo:hi`` the stripped content within it."""

    no: int          # 0-based line number within the document
    raw: str
    kind: str = TEXT
    lo: int = 0      # content start within raw (after indentation or a bullet marker)
    hi: int = 0      # content end within raw
    credit: tuple[int, int] | None = None   # photo credit within raw (captions)
    date: tuple[str, str] | None = None     # (published|updated, iso) for date lines
    byline: str | None = None

    @property
    def text(self) -> str:
        return self.raw[self.lo:self.hi]

    @property
    def words(self) -> int:
        return len(self.text.split())


def _strip_bounds(raw: str) -> tuple[int, int]:
    lo = len(raw) - len(raw.lstrip())
    hi = len(raw.rstrip())
    return lo, max(lo, hi)


def _kind_alone(line: Line) -> None:
    """Classify a line on its own."""
    s = line.text
    if not s:
        line.kind = BLANK
    elif L.is_separator(s):
        line.kind = SEP
    elif L.is_counter(s):
        line.kind = COUNTER
    elif len(s) > 2 and s[0] == "|" and s[-1] == "|":
        line.kind = TEXT                      # a table row, as readers write tables
    elif (d := parse_date_line(s)) is not None:
        line.kind, line.date = DATE, d
    elif L.is_chrome(s) or L.is_breadcrumb(s) or _TRAILER.match(s):
        line.kind = CHROME
    elif (name := L.byline_name(s)) is not None:
        line.kind, line.byline = BYLINE, name
    elif (sub := L.afp_subhead(s)) is not None:
        line.kind, line.lo, line.hi = SUBHEAD, line.lo + sub[0], line.lo + sub[1]
    elif (b := L.bullet_body(s)) is not None:
        line.kind, line.lo = BULLET, line.lo + b
    elif (c := L.caption_credit(s)) is not None and line.words <= 120:
        line.kind, line.credit = CAPTION, (line.lo + c[0], line.lo + c[1])
    elif L.is_title_like(s):
        line.kind = TITLE
    else:
        line.kind = TEXT


def classify(text: str, captions: Iterable[str] = ()) -> list[Line]:
    """Split ``text`` into lines and classify each one.

    ``captions`` are caption texts known from the source's markup; lines equal
    to one of them are captions.
    """
    out: list[Line] = []
    for no, raw in enumerate(text.split("\n")):
        lo, hi = _strip_bounds(raw)
        line = Line(no, raw, lo=lo, hi=hi)
        _kind_alone(line)
        out.append(line)
    _captions_after_counters(out)
    _known_captions(out, captions)
    return out


def _mark_caption(line: Line) -> None:
    line.kind = CAPTION
    c = L.caption_credit(line.text)
    line.credit = (line.lo + c[0], line.lo + c[1]) if c else None


def _known_captions(lines: list[Line], captions: Iterable[str]) -> None:
    keys = {L.norm(c) for c in captions if c and c.strip()}
    if not keys:
        return
    for line in lines:
        if line.kind not in (BLANK, SEP, CAPTION) and L.norm(line.text) in keys:
            _mark_caption(line)


def _captions_after_counters(lines: list[Line]) -> None:
    """The lines right after a gallery counter (``1 / 3``) are that photo's caption."""
    for i, line in enumerate(lines):
        if line.kind != COUNTER:
            continue
        taken = 0
        for nxt in lines[i + 1:]:
            if nxt.kind in (TEXT, TITLE, CAPTION, BYLINE) and taken < _MAX_CAPTION_LINES:
                if nxt.kind != CAPTION:
                    _mark_caption(nxt)
                taken += 1
                if nxt.credit:
                    break
            else:
                break
