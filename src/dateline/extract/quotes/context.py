"""Per-article lookup helpers shared by the quote modules (built once per call)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ...model import Article, Entity

__all__ = ["Context", "span"]


def span(text: str, start: int, end: int) -> dict:
    """A ``{start, end, text}`` dict of ``text[start:end]`` with edge whitespace trimmed."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


@dataclass(slots=True)
class Context:
    """The article text, its blocks and an index of entity mentions by offset."""

    text: str
    blocks: list[tuple[str, int, Any]]           # (kind, offset, Doc)
    mentions: list[tuple[int, int, str, Entity]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    by_id: dict[str, Entity] = field(default_factory=dict)
    by_surface: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def build(cls, article: Article, docs: list[tuple[int, Any]]) -> "Context":
        kinds = {span_.start: kind for kind, span_ in article.blocks()}
        blocks = [(kinds.get(off, "paragraph"), off, doc) for off, doc in docs]
        ms = sorted((m.start, m.end, m.label, e) for e in article.entities for m in e.mentions)
        surface: dict[str, Entity] = {}
        for e in article.entities:
            if e.type in ("PERSON", "ORG"):
                for name in [e.name, *e.aliases]:
                    surface.setdefault(name.casefold(), e)
        return cls(article.text, blocks, ms, [m[0] for m in ms], {e.id: e for e in article.entities},
                   surface)

    def entity_named(self, surface: str) -> Entity | None:
        """The person or organisation whose name or alias is exactly ``surface``."""
        return self.by_surface.get(surface.casefold())

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, str, Entity]]:
        """Mentions lying inside ``[start, end)``, in text order."""
        i = bisect_left(self.starts, start)
        j = bisect_right(self.starts, end)
        return [m for m in self.mentions[i:j] if m[1] <= end]

    def mention_at(self, start: int, end: int) -> tuple[int, int, str, Entity] | None:
        """A mention overlapping ``[start, end)``, or None."""
        i = bisect_right(self.starts, end) - 1
        while i >= 0 and self.mentions[i][0] >= start - 200:
            m = self.mentions[i]
            if m[0] < end and start < m[1]:
                return m
            i -= 1
        return None
