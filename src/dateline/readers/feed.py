"""RSS and Atom feeds -> one RawDocument per entry.

An entry whose feed embeds the full text (``content:encoded``, Atom ``content``, or
a long ``summary``) is read from the feed; otherwise its link is fetched (see
:mod:`dateline.fetch`: timeouts, size limit, private addresses refused) and the
page goes through the HTML reader. The entry's title, link and date win over
what the page says. A bad entry costs only itself.
"""

from __future__ import annotations

import calendar
import re
import time
from typing import Callable, Iterator

from ..errors import InputError, NoArticleFound
from ..model import Failure, RawDocument, Skipped
from .text import html_to_document

__all__ = ["feed_documents", "looks_like_feed", "entry_key", "FULL_TEXT_CHARS"]

#: an embedded entry text shorter than this (tags stripped) is a teaser: fetch the link.
FULL_TEXT_CHARS = 600
_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")

Fetcher = Callable[[str], tuple[str, bytes]]   # url -> (final url, body)


def looks_like_feed(text: str) -> bool:
    return bool(_FEED_START.match(text[:4096]))


def entry_key(entry) -> str | None:
    """What identifies an entry across polls: its id, else its link."""
    return entry.get("id") or entry.get("link")


def feed_documents(text: str, path: str, fetcher: Fetcher | None = None,
                   seen: set[str] | None = None) -> Iterator[RawDocument | Failure | Skipped]:
    """The entries of the feed ``text`` (read from ``path``) as ``article`` documents.

    ``fetcher`` fetches an entry's link when the feed has only a teaser (``None``:
    such entries fail with a reason). Entries whose key is in ``seen`` are skipped
    and counted; new keys are added to it.
    """
    import feedparser

    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        reason = " ".join(str(parsed.get("bozo_exception", "not a feed")).split())[:200]
        yield Failure(path, None, "unreadable", f"feed could not be parsed: {reason}")
        return
    already = 0
    for number, entry in enumerate(parsed.entries, 1):
        key = entry_key(entry)
        if seen is not None and key:
            if key in seen:
                already += 1
                continue
        try:
            yield _entry_document(entry, path, number, fetcher)
        except InputError as exc:
            yield Failure(path, None, exc.kind, f"entry {number} ({entry.get('link') or key}): {exc.reason}")
        if seen is not None and key:
            seen.add(key)
    if already:
        yield Skipped(path, "feed entries already seen", already)


def _entry_document(entry, path: str, number: int, fetcher: Fetcher | None) -> RawDocument:
    link = entry.get("link")
    title = (entry.get("title") or "").strip() or None
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    embedded = _embedded(entry)
    if embedded and len(_TAGS.sub("", embedded).strip()) >= FULL_TEXT_CHARS:
        doc = html_to_document(f"<html><body><article>{embedded}</article></body></html>", path=path,
                               url=link, headline=title, published=published)
    elif link and fetcher is not None:
        final_url, body = fetcher(link)
        from .decode import decode_bytes

        doc = html_to_document(decode_bytes(body, link), path=path, url=final_url, headline=title)
        doc.published = published or doc.published
    else:
        raise NoArticleFound("the feed has only a teaser and the link was not fetched")
    doc.id = doc.id or entry_key(entry)
    doc.source_format = "feed"
    return doc


def _embedded(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or ""


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(struct)))
