"""Find inputs and read their bytes: files, folders, gzip, standard input.

:func:`iter_inputs` turns command-line style paths into :class:`RawInput`
items (bytes plus the format the file name implies) or :class:`Failure` items,
one at a time: folders are walked lazily in sorted order, so a large folder
is never read up front. Every ``OSError`` becomes an ``UnreadableInput``.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from ..errors import InputError, InputTooLarge, UnreadableInput
from ..model import Failure

__all__ = ["RawInput", "iter_inputs", "format_for_path", "read_path", "unpack", "STDIN", "STDIN_PATH"]

STDIN = "-"
STDIN_PATH = "<stdin>"
_GZIP_MAGIC = b"\x1f\x8b"

_STREAMED = (".warc", ".warc.gz", ".arc", ".arc.gz")  # web archives: read record by record, not whole
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "feed", ".atom": "feed",
}


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input's bytes (gunzipped), its path, and its format when the name tells it."""

    path: str
    data: bytes
    format: str | None = None  # "text", "html", "jsonl", "warc"/"jsonl-stream" (streamed, no data); None: sniff


def format_for_path(path: str) -> str | None:
    """The format a file name implies (after stripping ``.gz``), or ``None`` to sniff.

    Files without an extension, or with an unknown one, are sniffed: plain
    text comes out as text, and HTML or JSON in an unnamed file is still read
    as what it is.
    """
    name = os.path.basename(path).lower()
    if name.endswith(_STREAMED):
        return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    return _EXTENSIONS.get(os.path.splitext(name)[1])


def iter_inputs(paths: Iterable[str], max_bytes: int, stdin: BinaryIO | None = None,
                fetch_url=None) -> Iterator[RawInput | Failure]:
    """Yield each input named by ``paths`` (``-`` is standard input), lazily.

    ``http(s)://`` paths are fetched with ``fetch_url(url) -> (final url, bytes)``.
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if path == STDIN:
            yield _read_stdin(stdin, max_bytes)
            continue
        if path.lower().startswith(("http://", "https://")) and fetch_url is not None:
            try:
                _, data = fetch_url(path)
                yield RawInput(path, unpack(data, max_bytes, False), None)
            except InputError as exc:
                yield _failure(exc.located(path))
            continue
        yield from _visit(path, max_bytes, seen, named=True)


def _visit(path: str, max_bytes: int, seen: set[tuple[int, int]], named: bool) -> Iterator[RawInput | Failure]:
    """One path: a folder is walked (once: a symlink loop would walk forever), a file read.

    A ``named`` path (given by the user) is read whatever it is; inside folders only
    regular files are, so sockets, pipes and devices are skipped.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        yield _failure(UnreadableInput(_os_reason(exc), path))
        return
    if stat.S_ISDIR(info.st_mode):
        key = (info.st_dev, info.st_ino)
        if key not in seen:
            seen.add(key)
            yield from _walk(path, max_bytes, seen)
    elif named or stat.S_ISREG(info.st_mode):
        yield read_path(path, max_bytes, info)


def read_path(path: str, max_bytes: int, info: os.stat_result | None = None) -> RawInput | Failure:
    """Read one file (gunzipping it) within the size limit.

    A web archive is not read here: its item has no data and format ``warc``, and
    the WARC reader streams it record by record (the size limit applies per record).
    Nor is a ``.jsonl``/``.ndjson`` file over the limit: format ``jsonl-stream``, read
    line by line (the limit applies per line).
    """
    fmt = format_for_path(path)
    if fmt == "warc":
        return RawInput(path, b"", "warc")
    lines = fmt == "jsonl" and path.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson"))
    try:
        info = info or os.stat(path)
        if info.st_size > max_bytes:
            if lines:
                return RawInput(path, b"", "jsonl-stream")
            raise InputTooLarge(
                f"file is {_size(info.st_size)}, over the {_size(max_bytes)} limit (set max_bytes)")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
        data = unpack(data, max_bytes, path.lower().endswith(".gz"))
    except InputTooLarge as exc:
        if lines:                      # gzip that unpacks over the limit: read it line by line
            return RawInput(path, b"", "jsonl-stream")
        return _failure(exc.located(path))
    except InputError as exc:
        return _failure(exc.located(path))
    except OSError as exc:
        return _failure(UnreadableInput(_os_reason(exc), path))
    return RawInput(path, data, format_for_path(path))


def _walk(folder: str, max_bytes: int, seen: set[tuple[int, int]]) -> Iterator[RawInput | Failure]:
    """Files under ``folder``, depth first, names sorted; hidden and ``~`` files skipped."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries)
    except OSError as exc:
        yield _failure(UnreadableInput(f"cannot list folder: {_os_reason(exc)}", folder))
        return
    for name in names:
        if name.startswith(".") or name.endswith("~"):
            continue
        yield from _visit(os.path.join(folder, name), max_bytes, seen, named=False)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> RawInput | Failure:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None:
        return _failure(UnreadableInput("no standard input", STDIN_PATH))
    try:
        data = stream.read(max_bytes + 1)
        if isinstance(data, str):  # a text stream was passed
            data = data.encode("utf-8")
        data = unpack(data, max_bytes, False)
    except InputError as exc:
        return _failure(exc.located(STDIN_PATH))
    except OSError as exc:
        return _failure(UnreadableInput(_os_reason(exc), STDIN_PATH))
    return RawInput(STDIN_PATH, data, None)


def unpack(data: bytes, max_bytes: int, gz: bool) -> bytes:
    """Check the size, and gunzip (``.gz`` name or gzip magic) within the limit."""
    if len(data) > max_bytes:
        raise InputTooLarge(f"input is over the {_size(max_bytes)} limit (set max_bytes)")
    if not (gz or data.startswith(_GZIP_MAGIC)):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise UnreadableInput(f"truncated or corrupt gzip: {exc}") from exc
    if len(out) > max_bytes:
        raise InputTooLarge(f"decompressed data is over the {_size(max_bytes)} limit (set max_bytes)")
    return out


def _size(n: int) -> str:
    """``73.2 MB``, in binary units (the default limit of 50 MB is 50 * 1024**2 bytes)."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024**2:
        return f"{n / 1024:.1f} KB"
    if n < 1024**3:
        return f"{n / 1024**2:.1f} MB"
    return f"{n / 1024**3:.1f} GB"


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _failure(error: InputError) -> Failure:
    return Failure.from_error(error)
