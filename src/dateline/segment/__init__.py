"""Segmenter: a RawDocument's text becomes one or more Articles.

``segment(raw)`` classifies every line (``classify``), splits dumps into
articles (``split``) and assembles each article's parts (``build``). The rules
are site-independent: gallery counters and photo credits make captions, repeated
headlines start articles, short unpunctuated lines followed by paragraphs are
subheads, and chrome never reaches the body.
"""

from __future__ import annotations

from ..errors import NoArticleFound
from ..lang import detect_language
from ..model import Article, RawDocument, Source
from .build import assemble, collect_parts
from .classify import classify
from .split import split_articles

__all__ = ["segment"]


def _source(raw: RawDocument, index: int) -> Source:
    return Source(path=raw.path, url=raw.url, format=raw.source_format or raw.format,
                  index=index, id=raw.id)


def segment(raw: RawDocument) -> list[Article]:
    """Split and clean a raw document into articles; raise NoArticleFound if none."""
    lines = classify(raw.content, raw.captions)
    if raw.format == "dump":
        ranges = split_articles(lines)
    else:
        ranges = [(0, len(lines), None)]
    articles: list[Article] = []
    for lo, hi, head in ranges:
        headline = lines[head].text if head is not None else raw.headline
        parts = collect_parts(lines[lo:hi], headline=headline, extracted=raw.format == "article")
        if not parts.has_body:
            continue
        # metadata the input gave wins over what the page text says
        parts.published = raw.published or parts.published
        parts.updated = raw.updated or parts.updated
        parts.byline = raw.byline or parts.byline
        article = assemble(parts, _source(raw, len(articles)))
        article.language = detect_language(article.body)
        articles.append(article)
    if not articles:
        raise NoArticleFound("no article text found (only headlines, captions or site chrome)",
                             raw.path, raw.line)
    return articles
