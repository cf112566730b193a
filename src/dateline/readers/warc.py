"""WARC and ARC files (gzipped or not) -> RawDocuments, streamed record by record.

Web archives are large, so they are never read whole: records are read one at a
time and each HTML response goes through the HTML reader, with the record's
target URI as ``url`` and the capture date as a fallback publication date.
Everything else (requests, metadata, images, PDFs, redirects) is passed over and
counted in :class:`~dateline.model.Skipped` items, one per reason, at the end.

A corrupt record costs that record: the reader reports it as a
:class:`~dateline.model.Failure` naming the file and the record's byte offset,
then looks for the next record header (or gzip member) and goes on.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from typing import BinaryIO, Iterator

from ..errors import InputError, InputTooLarge, UnreadableInput
from ..model import Failure, RawDocument, Skipped
from .decode import decode_bytes
from .text import html_to_document

__all__ = ["warc_documents", "is_warc_path", "WARC_SUFFIXES"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_GZIP_MEMBER = b"\x1f\x8b\x08"
_SCAN = 1 << 20


def is_warc_path(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def warc_documents(path: str, max_bytes: int, stream: BinaryIO | None = None) -> Iterator[RawDocument | Failure | Skipped]:
    """Every HTML response of the archive at ``path`` as an ``article`` RawDocument.

    ``stream``: a seekable binary stream of the archive (e.g. bytes a Spark task
    read from any file system) instead of opening ``path``."""
    from warcio.archiveiterator import ArchiveIterator

    skipped: Counter[str] = Counter()
    if stream is None:
        try:
            stream = open(path, "rb")
        except OSError as exc:
            yield Failure.from_error(UnreadableInput(exc.strerror or str(exc), path))
            return
    with stream:
        size = stream.seek(0, os.SEEK_END)
        offset, end = 0, 0
        while offset is not None:
            stream.seek(offset)
            records = ArchiveIterator(stream, arc2warc=True, ensure_http_headers=False)
            try:
                for record in records:
                    item = _document(record, path, max_bytes, skipped)
                    offset = records.get_record_offset()   # reads the rest of the record
                    end = offset + records.get_record_length()
                    if isinstance(item, Failure):
                        item = Failure(path, None, item.kind, f"record at byte {offset} {item.reason}")
                    if item is not None:
                        yield item
                offset = None
                if size - end > 4:   # bytes after the last whole record: a truncated archive
                    yield Failure(path, None, "unreadable",
                                  f"truncated or unreadable data after byte {end} ({size - end} bytes)")
            except Exception as exc:  # noqa: BLE001 - warcio raises many types for one bad record
                at = offset if offset else stream.tell()
                yield Failure(path, None, "unreadable", f"corrupt record near byte {at}: {_one_line(exc)}")
                offset = _resync(stream, at + 1)
    for reason, count in sorted(skipped.items()):
        yield Skipped(path, reason, count)


def _document(record, path: str, max_bytes: int,
              skipped: Counter[str]) -> RawDocument | Failure | None:
    if record.rec_type not in ("response", "resource"):
        skipped[f"{record.rec_type} records"] += 1
        return None
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if status and not status.startswith("2"):
            skipped[f"non-2xx responses"] += 1
            return None
        ctype = (http.get_header("Content-Type") or "").lower()
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
    if not ctype.startswith(_HTML_TYPES):
        skipped["non-HTML records"] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    try:
        data = record.content_stream().read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLarge("record is over the size limit (set max_bytes)")
        html = _decode(data, ctype, path)
        doc = html_to_document(html, path=path, url=url)
    except InputError as exc:
        return Failure(path, None, exc.kind, f"({url}): {exc.reason}")
    if not doc.published and captured:
        doc.published = captured
    doc.source_format = "warc"
    return doc


def _decode(data: bytes, ctype: str, path: str) -> str:
    m = _CHARSET.search(ctype)
    if m:
        try:
            return data.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, path)


def _resync(stream: BinaryIO, start: int) -> int | None:
    """The offset of the next record header or gzip member after ``start``, if any."""
    stream.seek(start)
    position = start
    while chunk := stream.read(_SCAN):
        hits = [i for i in (chunk.find(b"WARC/1."), chunk.find(_GZIP_MEMBER)) if i >= 0]
        if hits:
            return position + min(hits)
        position += len(chunk) - 8
        stream.seek(position)
        if len(chunk) < _SCAN:
            break
    return None


def _one_line(exc: Exception) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
