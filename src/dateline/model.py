"""The data that flows between stages, and the JSON contract ``dateline.article/1``.

Every fact carries character offsets into ``Article.text``; for every span
``article.text[span.start:span.end] == span.text`` holds. Normalised values sit
beside spans, never instead of them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SCHEMA",
    "Span",
    "Caption",
    "Mention",
    "Entity",
    "Source",
    "RawDocument",
    "Article",
    "Failure",
    "Skipped",
    "article_id",
    "normalise_for_hash",
]

SCHEMA = "dateline.article/1"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]), d["text"])

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption; ``credit`` is the photographer/agency credit, if any."""

    start: int
    end: int
    text: str
    credit: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "credit": self.credit.to_dict() if self.credit else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Caption":
        credit = d.get("credit")
        return cls(int(d["start"]), int(d["end"]), d["text"], Span.from_dict(credit) if credit else None)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity, with the label the NER model gave it there."""

    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Mention":
        return cls(int(d["start"]), int(d["end"]), d["text"], d.get("label", ""))


@dataclass(slots=True)
class Entity:
    """A referent in one article: every mention of it, under one canonical name."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(d["id"], d["name"], d["type"], list(d.get("aliases", [])),
                   [Mention.from_dict(m) for m in d.get("mentions", [])])


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from. ``index`` counts articles within one input file;
    ``id`` is the id the input gave (JSON Lines ``id``), kept for joining back."""

    path: str | None = None
    url: str | None = None
    format: str | None = None
    index: int = 0
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "url": self.url, "format": self.format,
                "index": self.index, "id": self.id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Source":
        return cls(d.get("path"), d.get("url"), d.get("format"), int(d.get("index") or 0), d.get("id"))


@dataclass(slots=True)
class RawDocument:
    """What a reader hands to the segmenter: decoded text or HTML plus hints.

    ``format`` is ``dump`` (plain text that may hold several articles with site
    chrome, as scraped) or ``article`` (the text of exactly one article, e.g. a
    JSON Lines ``text`` field or the main text extracted from an HTML page).
    ``source_format`` is the input's own format (``text``, ``html``, ``jsonl``).
    ``captions`` are caption texts a reader already knows (HTML ``figcaption``):
    lines equal to one of them are captions, whatever they look like.
    ``line`` is the 1-based line of the input where this document starts.
    """

    content: str
    format: str
    path: str | None = None
    line: int | None = None
    url: str | None = None
    id: str | None = None
    headline: str | None = None
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    source_format: str | None = None
    captions: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that did not become an article, with its one-line reason."""

    path: str | None
    line: int | None
    kind: str
    reason: str

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}"

    @classmethod
    def from_error(cls, error) -> "Failure":
        return cls(error.path, error.line, error.kind, error.reason)


@dataclass(frozen=True, slots=True)
class Skipped:
    """Items of an input that were passed over on purpose (not failures): a WARC's
    non-HTML records, a feed's entries already seen. ``count`` items, one reason."""

    path: str | None
    reason: str
    count: int = 1

    def __str__(self) -> str:
        return f"{self.path or '<input>'}: skipped {self.count} {self.reason}"


_WS = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """Text as hashed for the article key: NFKC, case-folded, whitespace collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def article_id(text: str) -> str:
    """The article key: first 16 hex digits of SHA-256 over the normalised text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One article, segmented from its source, with the facts found in it.

    ``text`` lays out the article's parts in reading order, separated by blank
    lines: the headline first (when known), then highlights, captions, and the
    body (paragraphs and subheads). ``paragraphs`` are the body paragraphs only;
    ``body`` joins them. Every span indexes ``text``.
    """

    text: str
    source: Source = field(default_factory=Source)
    headline: str | None = None
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    language: str | None = None
    dateline: Span | None = None
    highlights: list[Span] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    subheads: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    times: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    focus: dict | None = None
    quantities: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)

    @property
    def body(self) -> str:
        """The body text: paragraphs and subheads in order, blank-line separated."""
        parts = sorted(list(self.paragraphs) + list(self.subheads), key=lambda s: s.start)
        return "\n\n".join(p.text for p in parts)

    def blocks(self) -> list[tuple[str, Span]]:
        """Every separately analysed block of text, ``(kind, span)``, in text order.

        NLP runs per block so captions and chrome never glue onto sentences.
        """
        out: list[tuple[str, Span]] = []
        if self.headline and self.text.startswith(self.headline):
            out.append(("headline", Span(0, len(self.headline), self.headline)))
        out += [("highlight", s) for s in self.highlights]
        out += [("caption", Span(c.start, c.end, c.text)) for c in self.captions]
        out += [("subhead", s) for s in self.subheads]
        out += [("paragraph", s) for s in self.paragraphs]
        out.sort(key=lambda kv: kv[1].start)
        return out

    def spans(self) -> list[Span | Caption | Mention]:
        """Every span the article carries (for invariant checks)."""
        found: list = []
        if self.dateline:
            found.append(self.dateline)
        found += self.highlights + self.subheads + self.paragraphs
        for c in self.captions:
            found.append(c)
            if c.credit:
                found.append(c.credit)
        for e in self.entities:
            found += e.mentions
        for group in (self.quotes, self.times, self.places, self.quantities, self.events):
            for fact in group:
                found += list(_dict_spans(fact))
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "source": self.source.to_dict(),
            "language": self.language,
            "headline": self.headline,
            "published": self.published,
            "updated": self.updated,
            "byline": self.byline,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "highlights": [s.to_dict() for s in self.highlights],
            "captions": [c.to_dict() for c in self.captions],
            "subheads": [s.to_dict() for s in self.subheads],
            "text": self.text,
            "paragraphs": [{"start": p.start, "end": p.end} for p in self.paragraphs],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": list(self.quotes),
            "times": list(self.times),
            "places": list(self.places),
            "focus": self.focus,
            "quantities": list(self.quantities),
            "events": list(self.events),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        text = d["text"]
        dl = d.get("dateline")
        return cls(
            text=text,
            id=d.get("id") or "",
            source=Source.from_dict(d.get("source") or {}),
            headline=d.get("headline"),
            published=d.get("published"),
            updated=d.get("updated"),
            byline=d.get("byline"),
            language=d.get("language"),
            dateline=Span.from_dict(dl) if dl else None,
            highlights=[Span.from_dict(s) for s in d.get("highlights", [])],
            captions=[Caption.from_dict(c) for c in d.get("captions", [])],
            subheads=[Span.from_dict(s) for s in d.get("subheads", [])],
            paragraphs=[Span.of(text, p["start"], p["end"]) for p in d.get("paragraphs", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            quotes=list(d.get("quotes", [])),
            times=list(d.get("times", [])),
            places=list(d.get("places", [])),
            focus=d.get("focus"),
            quantities=list(d.get("quantities", [])),
            events=list(d.get("events", [])),
        )


def _dict_spans(value: Any):
    """Yield every {start, end, text} found anywhere inside a nested fact dict."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value.get("start"), int):
            yield Span(value["start"], value["end"], value["text"])
        for v in value.values():
            yield from _dict_spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from _dict_spans(v)
