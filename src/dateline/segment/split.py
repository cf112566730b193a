"""Split a dump of several scraped pages into one line range per article.

Two signals mark where an article starts, in this order of trust:

1. A repeated headline: news pages print the headline twice (page title and
   article title) with a gallery, date or share buttons between. The first copy
   starts the article.
2. Failing that, strong separators (two or more blank lines, or a rule such as
   ``-----``) between blocks that each open with a title-like line and hold body text.

Without either the whole document is one article.
"""

from __future__ import annotations

from .classify import BLANK, CAPTION, SEP, TEXT, TITLE, Line
from .lines import norm

__all__ = ["split_articles", "Range"]

Range = tuple[int, int, int | None]   # (first line, end line exclusive, headline line or None)

_REPEAT_WINDOW = 100     # lines within which a headline's second copy must appear
_LONG = 15               # words that make a line body text rather than a caption or label


def _is_long_text(line: Line) -> bool:
    return line.kind == TEXT and line.words >= _LONG


def _repeated_titles(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, second) indexes of title lines printed twice with no body between."""
    pairs: list[tuple[int, int]] = []
    covered_until = -1
    for i, line in enumerate(lines):
        if line.kind != TITLE or i <= covered_until:
            continue
        if i > 0 and lines[i - 1].kind not in (BLANK, SEP) and not _opens_page(lines, i):
            continue
        key = norm(line.text)
        long_between = 0
        for j in range(i + 1, min(len(lines), i + _REPEAT_WINDOW)):
            other = lines[j]
            if _is_long_text(other):
                long_between += 1
                if long_between >= 2:
                    break
            if other.kind == TITLE and norm(other.text) == key:
                pairs.append((i, j))
                covered_until = j
                break
    return pairs


def _opens_page(lines: list[Line], i: int) -> bool:
    """True when everything before line i since the last blank is chrome-like."""
    k = i - 1
    while k >= 0 and lines[k].kind not in (BLANK, SEP):
        if lines[k].kind in (TEXT, TITLE, CAPTION):
            return False
        k -= 1
    return True


def _blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Ranges separated by two or more blank lines or a separator rule."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    blanks = 0
    for i, line in enumerate(lines):
        if line.kind == BLANK:
            blanks += 1
            continue
        if line.kind == SEP:
            if start is not None:
                out.append((start, i))
            start, blanks = None, 0
            continue
        if start is None:
            start = i
        elif blanks >= 2:
            out.append((start, i))
            start = i
        blanks = 0
    if start is not None:
        out.append((start, len(lines)))
    return out


def _first_content(lines: list[Line], lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        if lines[i].kind != BLANK:
            return i
    return None


def split_articles(lines: list[Line]) -> list[Range]:
    """Line ranges of the articles in a dump, with the line of each one's headline."""
    pairs = _repeated_titles(lines)
    if pairs:
        starts = [first for first, _ in pairs]
        ranges: list[Range] = []
        if any(_is_long_text(l) for l in lines[:starts[0]]):
            ranges.append((0, starts[0], None))     # body before the first headline: keep it
        for k, first in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(lines)
            ranges.append((first, end, first))
        return ranges
    blocks = _blocks(lines)
    ranges = []
    for lo, hi in blocks:
        head = _first_content(lines, lo, hi)
        has_body = any(l.kind == TEXT for l in lines[lo:hi])
        opens_article = head is not None and lines[head].kind == TITLE and has_body
        if ranges and not opens_article:
            prev_lo, _, prev_head = ranges[-1]
            ranges[-1] = (prev_lo, hi, prev_head)
        else:
            ranges.append((lo, hi, head if opens_article else None))
    return ranges or [(0, len(lines), None)]
