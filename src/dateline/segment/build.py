"""Second pass: turn the classified lines of one article into an Article.

Decides, with the context of where the body starts, which lines are the
headline, highlights, captions, date lines, byline, subheads and body, drops
chrome, and lays the parts out in ``Article.text`` with exact offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Caption, Source, Span
from . import lines as L
from .classify import (BLANK, BULLET, BYLINE, CAPTION, CHROME, COUNTER, DATE, SEP, SUBHEAD, TEXT,
                       TITLE, Line)

__all__ = ["Parts", "collect_parts", "assemble"]

_SUBHEAD_MAX_WORDS = 12
_SEPARATOR = "\n\n"


@dataclass
class Parts:
    """What one article's lines were found to be, in source order."""

    headline: str | None = None
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    items: list[tuple[str, Line]] = field(default_factory=list)   # (highlight|caption|subhead|paragraph, line)

    @property
    def has_body(self) -> bool:
        return any(kind == "paragraph" for kind, _ in self.items)


def _next_content(lines: list[Line], i: int) -> Line | None:
    for nxt in lines[i + 1:]:
        if nxt.kind not in (BLANK, CHROME, SEP):
            return nxt
    return None


def _is_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped text: many long text lines of similar width running on without blanks."""
    text = [l for l in lines if l.kind in (TEXT, TITLE)]
    if len(text) < 4:
        return False
    widest = max(len(l.text) for l in text)
    if widest > 100:
        return False
    running = sum(1 for a, b in zip(lines, lines[1:])
                  if a.kind in (TEXT, TITLE) and b.kind in (TEXT, TITLE) and len(a.text) >= 0.7 * widest)
    return running >= 3


def collect_parts(lines: list[Line], headline: str | None = None, extracted: bool = False) -> Parts:
    """Decide the role of every line of one article.

    ``extracted`` says the lines come from a main-text extractor (HTML) or a
    record's text field, not a raw page dump: boilerplate is already gone, so
    short lines that are neither headline nor subhead (list items, schedules,
    table rows) are kept as body instead of being dropped as links or labels.
    """
    parts = Parts(headline=headline)
    head_key = L.norm(headline) if headline else None
    body_started = False
    wrapped = _is_wrapped(lines)
    if wrapped:
        lines = _unwrap(lines)
    for i, line in enumerate(lines):
        kind = line.kind
        if kind in (BLANK, SEP, COUNTER, CHROME):
            continue
        if head_key is not None and kind in (TITLE, TEXT) and L.norm(line.text) == head_key:
            continue                                  # the headline printed again
        if kind == DATE:
            label, iso = line.date
            if label == "updated":
                parts.updated = parts.updated or iso
            else:
                parts.published = parts.published or iso
        elif kind == BYLINE and not body_started:
            parts.byline = parts.byline or line.byline
        elif kind == CAPTION:
            parts.items.append(("caption", line))
        elif kind == BULLET:
            parts.items.append(("highlight" if not body_started else "paragraph", line))
        elif kind == SUBHEAD:
            if body_started:
                parts.items.append(("subhead", line))
        elif kind == TITLE and not body_started and (parts.headline is None or not extracted):
            if parts.headline is None:
                parts.headline, head_key = line.text, L.norm(line.text)
            # other short lines before a dump's body are kickers or section labels: dropped
        elif kind == TITLE and line.words <= _SUBHEAD_MAX_WORDS:
            nxt = _next_content(lines, i)
            if nxt is not None and nxt.kind in (TEXT, BULLET, BYLINE):
                parts.items.append(("subhead", line))
            elif extracted:
                parts.items.append(("paragraph", line))
            # in a dump, a short line followed by no paragraph is a related link or a label: dropped
        else:                                         # TEXT, a long TITLE, or a late BYLINE
            parts.items.append(("paragraph", line))
            body_started = True
    if not parts.has_body:
        # a list-only article (a recipe, a fact box): its bullets are its body
        parts.items = [("paragraph" if k == "highlight" else k, l) for k, l in parts.items]
    return parts


def _unwrap(lines: list[Line]) -> list[Line]:
    """Join each run of consecutive text lines into one paragraph line (space-joined)."""
    out: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            raw = " ".join(l.text for l in run)
            out.append(Line(run[0].no, raw, kind=TEXT, lo=0, hi=len(raw)))
        run.clear()

    for line in lines:
        if line.kind in (TEXT, TITLE):
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def assemble(parts: Parts, source: Source) -> Article:
    """Lay the parts out in one text, blank-line separated, headline first."""
    chunks: list[str] = []
    pos = 0

    def put(s: str) -> int:
        nonlocal pos
        if chunks:
            chunks.append(_SEPARATOR)
            pos += len(_SEPARATOR)
        start = pos
        chunks.append(s)
        pos += len(s)
        return start

    if parts.headline:
        put(parts.headline)
    highlights: list[Span] = []
    captions: list[Caption] = []
    subheads: list[Span] = []
    paragraphs: list[Span] = []
    for kind, line in parts.items:
        s = line.text
        start = put(s)
        span = Span(start, start + len(s), s)
        if kind == "highlight":
            highlights.append(span)
        elif kind == "subhead":
            subheads.append(span)
        elif kind == "paragraph":
            paragraphs.append(span)
        else:
            credit = None
            if line.credit:
                c0, c1 = line.credit[0] - line.lo + start, line.credit[1] - line.lo + start
                credit = Span(c0, c1, line.raw[line.credit[0]:line.credit[1]])
            captions.append(Caption(span.start, span.end, s, credit))
    text = "".join(chunks)
    dateline = None
    if paragraphs:
        first = paragraphs[0]
        found = L.find_dateline(first.text)
        if found:
            dateline = Span.of(text, first.start + found[0], first.start + found[1])
    return Article(text=text, source=source, headline=parts.headline, published=parts.published,
                   updated=parts.updated, byline=parts.byline, dateline=dateline,
                   highlights=highlights, captions=captions, subheads=subheads, paragraphs=paragraphs)
