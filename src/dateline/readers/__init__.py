"""Readers: bytes from files, folders, gzip and stdin -> RawDocument or Failure.

    iter_documents(paths, settings)    every input named, lazily, one item at a time
      files.iter_inputs                paths -> bytes (+ the format the name implies)
      decode.decode_bytes              bytes -> text (binary refused, charset found)
      text / jsonl / html              text -> RawDocument(s)
    document_from_text(text)           a str from the Python API -> RawDocument

A format comes from the extension (after ``.gz``): ``.txt .text .md`` text,
``.html .htm .xhtml`` HTML, ``.jsonl .ndjson .json`` JSON Lines or JSON,
``.warc .arc`` (and ``.gz``) web archives, streamed record by record,
``.jsonl``/``.ndjson`` files over the size limit streamed line by line,
``.rss .atom`` feeds (XML that starts like a feed is sniffed as one);
``http(s)://`` arguments are fetched (:mod:`dateline.fetch`);
others, files without an extension and stdin are sniffed. Nothing here raises
for a bad input: every ``InputError`` comes out as a :class:`Failure` naming the
path (and line), and the run goes on.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Iterator, Sequence

from ..errors import InputError
from ..model import Failure, RawDocument, Skipped
from ..settings import Settings
from .decode import decode_bytes, looks_like_html, sniff_format
from .files import STDIN, STDIN_PATH, format_for_path, iter_inputs, unpack
from .jsonl import jsonl_documents, jsonl_stream, record_document
from .text import document_from_text, html_to_document, text_document

__all__ = [
    "iter_documents",
    "document_from_text",
    "documents_from_bytes",
    "file_documents",
    "decode_bytes",
    "looks_like_html",
    "sniff_format",
    "format_for_path",
    "record_document",
    "STDIN",
    "STDIN_PATH",
]


def iter_documents(paths: Sequence[str], settings: Settings | None = None,
                   stdin: BinaryIO | None = None,
                   seen: set[str] | None = None) -> Iterator[RawDocument | Failure | Skipped]:
    """Yield a RawDocument or a Failure for everything the paths name.

    Folders are walked recursively in sorted order (hidden files and ``~``
    backups skipped); ``-`` reads ``stdin`` (default ``sys.stdin.buffer``).
    Inputs are read one at a time as the caller iterates. ``seen`` holds the keys of
    feed entries already read (``dateline watch``): they are skipped, new ones added.
    """
    settings = settings or Settings()
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    names = (os.fsdecode(p) if not isinstance(p, str) else p for p in paths)
    fetcher = _fetcher(settings)
    for item in iter_inputs(names, settings.max_bytes, stdin, fetch_url=fetcher):
        if isinstance(item, Failure):
            yield item
        elif item.format == "warc":
            from .warc import warc_documents

            yield from warc_documents(item.path, settings.max_bytes)
        elif item.format == "jsonl-stream":
            yield from jsonl_stream(item.path, settings.max_bytes)
        else:
            yield from documents_from_bytes(item.data, item.path, item.format, fetcher=fetcher, seen=seen)


def file_documents(path: str, data: bytes, max_bytes: int,
                   fetcher=None) -> Iterator[RawDocument | Failure | Skipped]:
    """The documents of one file whose raw bytes the caller read itself (a Spark task
    reading any Hadoop file system): gunzipped, format from the name, web archives
    streamed from memory; every ``InputError`` comes out as a Failure."""
    fmt = format_for_path(path)
    if fmt == "warc":
        import io

        from .warc import warc_documents

        yield from warc_documents(path, max_bytes, stream=io.BytesIO(data))
        return
    try:
        data = unpack(data, max_bytes, path.lower().endswith(".gz"))
    except InputError as exc:
        yield Failure.from_error(exc.located(path))
        return
    yield from documents_from_bytes(data, path, fmt, fetcher=fetcher)


def _fetcher(settings: Settings):
    """``url -> (final url, body)`` with the settings' limits, for feed links and URL arguments."""
    def get(url: str) -> tuple[str, bytes]:
        from ..fetch import fetch

        got = fetch(url, timeout=settings.fetch_timeout, max_bytes=settings.max_bytes,
                    allow_private=settings.allow_private)
        return got.url, got.data
    return get


def documents_from_bytes(data: bytes, path: str | None = None, format: str | None = None,
                         fetcher=None, seen: set[str] | None = None) -> Iterator[RawDocument | Failure | Skipped]:
    """The documents in one input's bytes; ``format`` ``text``/``html``/``jsonl``/``feed``,
    or sniffed. ``fetcher`` fetches feed entries' links (``None``: teasers fail)."""
    try:
        text = decode_bytes(data, path)
        format = format or sniff_format(text)
        if format == "feed":
            from .feed import feed_documents

            items = feed_documents(text, path or "<feed>", fetcher, seen)
        elif format == "jsonl":
            items = jsonl_documents(text, path)
        elif format == "html":
            items = iter([html_to_document(text, path=path)])
        else:
            items = iter([text_document(text, path)])
    except InputError as exc:
        yield Failure.from_error(exc.located(path))
        return
    yield from items
