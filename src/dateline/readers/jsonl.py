"""JSON Lines (and JSON) -> one RawDocument per record.

Each record is an object with ``text`` (the article text) or ``html`` (a page
for the HTML reader), and optional metadata under common names: ``id``,
``url``, ``headline``/``title``, ``published``/``date``/``published_at``,
``updated``, ``byline``/``author``. A record that does not parse, is not an
object or has no text becomes a :class:`Failure` naming its line, and the rest
of the file goes on. A whole-file JSON array of records (line = index + 1) or
one JSON object, even pretty-printed, is read too.

A JSON Lines file larger than the size limit is not refused: :func:`jsonl_stream`
reads it line by line from disk (gzip too), and the limit applies to each line.
"""

from __future__ import annotations

import gzip
import json
import zlib
from typing import Any, Iterator

from ..errors import EmptyInput, InputError, InputTooLarge, MalformedRecord, UnreadableInput
from ..model import Failure, RawDocument
from .decode import normalise_newlines
from .files import _size
from .text import html_to_document

__all__ = ["jsonl_documents", "jsonl_stream", "record_document"]

_FIELDS = {
    "id": ("id",),
    "url": ("url",),
    "headline": ("headline", "title"),
    "published": ("published", "date", "published_at"),
    "updated": ("updated", "updated_at"),
    "byline": ("byline", "author", "authors"),
}


def jsonl_documents(text: str, path: str | None = None) -> Iterator[RawDocument | Failure]:
    """Yield a RawDocument or a Failure for each record of a decoded JSON Lines text."""
    for line, record in _records(text):
        try:
            if isinstance(record, InputError):
                raise record
            doc = record_document(record, path, line)
        except InputError as exc:
            yield Failure.from_error(exc.located(path, line))
        else:
            yield doc


def jsonl_stream(path: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """The records of a JSON Lines file on disk, read one line at a time.

    For files over the size limit: memory stays at one line, a line over the limit
    or one that is not UTF-8 costs that record, and an unreadable or truncated file
    ends the stream with one Failure after everything before the damage.
    """
    number = 0
    try:
        with open(path, "rb") as raw:
            gz = path.lower().endswith(".gz") or raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if gz else raw
            while True:
                data = stream.readline(max_bytes + 1)
                if not data:
                    return
                number += 1
                if len(data) > max_bytes and not data.endswith(b"\n"):
                    while data and not data.endswith(b"\n"):      # skip the rest of the line
                        data = stream.readline(max_bytes + 1)
                    yield Failure.from_error(InputTooLarge(
                        f"line is over the {_size(max_bytes)} limit (set max_bytes)", path, number))
                    continue
                item = _stream_line(data, path, number)
                if item is not None:
                    yield item
    except (OSError, EOFError, zlib.error) as exc:
        where = f" after line {number}" if number else ""
        yield Failure.from_error(UnreadableInput(f"unreadable or truncated{where}: {exc}", path))


def _stream_line(data: bytes, path: str, number: int) -> RawDocument | Failure | None:
    try:
        line = data.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return Failure.from_error(MalformedRecord(f"line is not UTF-8 (byte {exc.start})", path, number))
    if not line.strip():
        return None
    value = _parse(line)
    try:
        if isinstance(value, InputError):
            raise value
        return record_document(value, path, number)
    except InputError as exc:
        return Failure.from_error(exc.located(path, number))


def record_document(record: Any, path: str | None = None, line: int | None = None) -> RawDocument:
    """One parsed record -> RawDocument (``format="article"``); raises InputError."""
    if not isinstance(record, dict):
        raise MalformedRecord(f"record is a JSON {_json_type(record)}, not an object", path, line)
    meta = {name: _field(record, keys) for name, keys in _FIELDS.items()}
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return RawDocument(content=normalise_newlines(text), format="article", source_format="jsonl",
                           path=path, line=line, **meta)
    if isinstance(html, str) and html.strip():
        doc = html_to_document(html, path=path, url=meta["url"], id=meta["id"], line=line,
                               published=meta["published"], headline=meta["headline"])
        doc.updated = meta["updated"] or doc.updated
        doc.byline = meta["byline"] or doc.byline
        doc.source_format = "jsonl"
        return doc
    raise MalformedRecord(_missing_text(record), path, line)


def _records(text: str) -> Iterator[tuple[int, Any]]:
    """``(line, value)`` per record; ``value`` is an InputError when it did not parse."""
    body = text.lstrip()
    first = text.count("\n", 0, len(text) - len(body)) + 1
    if body.startswith("["):
        yield from _whole(text, first)
        return
    lines = _lines(text)
    for number, line in lines:
        if not line.strip():
            continue
        value = _parse(line)
        if isinstance(value, InputError) and number == first and _parses(text):
            yield from _whole(text, first)  # one object spread over several lines
            return
        yield number, value
        break
    for number, line in lines:
        if line.strip():
            yield number, _parse(line)


def _whole(text: str, first: int) -> Iterator[tuple[int, Any]]:
    """The records of a text that is one JSON value: an array, or one object."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield exc.lineno, MalformedRecord(f"malformed JSON: {exc.msg}")
        return
    if not isinstance(value, list):
        yield first, value
    elif not value:
        yield first, EmptyInput("JSON array holds no records")
    else:
        yield from enumerate(value, 1)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(number, line)`` pairs without splitting the whole text up front."""
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield number, text[start:end]
        start, number = end + 1, number + 1


def _parse(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedRecord(f"malformed JSON: {exc.msg}")


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _field(record: dict, keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` holding a usable value, as a string."""
    for key in keys:
        value = _as_text(record.get(key))
        if value:
            return value
    return None


def _as_text(value: Any) -> str | None:
    """Scalars as strings; lists joined (several authors); ``{"name": ...}`` objects by name."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (bool, int, float)):
        return str(value)
    if isinstance(value, list):
        parts = [p for p in (_as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    return None


def _missing_text(record: dict) -> str:
    for key in ("text", "html"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f"record's '{key}' field is a JSON {_json_type(value)}, not a string"
    if "text" in record or "html" in record:
        return f"record's '{'text' if 'text' in record else 'html'}' field is empty"
    return "record has no 'text' or 'html' field"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), type(value).__name__)
