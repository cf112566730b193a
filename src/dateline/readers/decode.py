"""Bytes -> text, and a first look at what the text is.

:func:`decode_bytes` refuses binary data, honours byte-order marks, prefers
strict UTF-8, then an encoding the document declares (``<meta charset>``,
``<?xml encoding>``), then Windows-1252 for plausible Western text, then a
charset-normalizer guess, and as a last resort UTF-8 with replacement
characters: undecodable bytes never stop a run. Newlines become ``\\n``;
nothing else in the text is changed.
"""

from __future__ import annotations

import codecs
import re

from ..errors import EmptyInput, UnreadableInput

__all__ = ["decode_bytes", "normalise_newlines", "declared_charset", "looks_like_html", "sniff_format"]

_SAMPLE = 8192

_BOMS = (  # UTF-32 LE first: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"OggS", "Ogg media"),
)
_RIFF = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

# C0 controls that do not occur in text (tab, newlines, form feed and ESC do).
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"

_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if b not in _ASCII_LETTERS)
_CP1252_LETTERS = bytes(b for b in range(128, 256) if bytes([b]).decode("cp1252", "replace").isalpha())
_NOT_CP1252_LETTERS = bytes(b for b in range(256) if b not in _CP1252_LETTERS)
# A symbol such as "³" or "¿" between two letters: Central European text read as cp1252.
_SYMBOL_IN_WORD = re.compile(rb"[A-Za-z\xc0-\xff][\xa1-\xbf][A-Za-z\xc0-\xff]")

_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
_HIGH_BYTES = bytes(range(128, 256))

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
# Labels the web treats as supersets (WHATWG Encoding Standard).
_WEB_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874", "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
    "x-gbk": "gb18030", "x-sjis": "shift_jis", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
}

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_TAG = re.compile(
    r"</?(?:html|head|body|p|div|span|a|br|li|ul|ol|h[1-6]|article|section|table|tr|td"
    r"|img|meta|script|style|title|header|footer|nav|main|figure|figcaption|time|strong|em"
    r"|b|i|blockquote)(?:\s[^<>]*)?/?>", re.I)
_BODY = re.compile(r"<body[\s>]", re.I)
_BLOCK_START = re.compile(
    r"\s*<(?:head|body|p|div|article|section|main|header|nav|table|ul|ol|h[1-6]|meta|title"
    r"|figure|blockquote)[\s/>]", re.I)
_JSON_START = re.compile(r"\s*(?:\[\s*)?\{\s*(?:\"[^\"\\\n]{0,200}\"\s*:|\}|$)")


def decode_bytes(data: bytes, path: str | None = None) -> str:
    """Decode one input's bytes to text with ``\\n`` newlines.

    Raises :class:`EmptyInput` for empty or whitespace-only input and
    :class:`UnreadableInput` for binary data; never fails on undecodable bytes.
    """
    if not data:
        raise EmptyInput("empty input", path)
    why = _binary(data)
    if why:
        raise UnreadableInput(f"binary file ({why})", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            break
    else:
        text = _decode_unmarked(data)
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyInput("input holds only whitespace", path)
    return text


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` -> ``\\n``; nothing else changes."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def declared_charset(data: bytes) -> str | None:
    """The Python codec named by an HTML ``<meta charset>`` or XML declaration.

    ``None`` when nothing usable is declared, or when the declaration is a
    Unicode encoding (those are found from BOMs and UTF-8 validity instead).
    """
    head = data[:4096]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii").strip().lower()
    try:
        name = codecs.lookup(_WEB_ALIASES.get(label, label)).name
    except LookupError:
        return None
    if name.startswith(("utf-8", "utf-16", "utf-32", "utf_16", "utf_32")):
        return None
    return name


def looks_like_html(text: str) -> bool:
    """Whether a text is HTML: a doctype or ``<html>`` first, a ``<body>``, or dense tags."""
    head = text[:4096].lstrip("\ufeff")
    if _HTML_START.match(head):
        return True
    sample = text[:20000]
    if _BODY.search(sample):
        return True
    tags = sum(1 for _ in _TAG.finditer(sample))
    if tags >= 2 and _BLOCK_START.match(sample):
        return True
    return tags >= 5 and tags * 200 >= len(sample)


def sniff_format(text: str) -> str:
    """``feed`` (RSS/Atom), ``html``, ``jsonl`` (JSON Lines, or a JSON object or array
    of objects) or ``text``."""
    from .feed import looks_like_feed

    if looks_like_feed(text):
        return "feed"
    if looks_like_html(text):
        return "html"
    if _JSON_START.match(text[:1024]):
        return "jsonl"
    return "text"


def _binary(data: bytes) -> str | None:
    """Why ``data`` is binary (``looks like PNG image``), or ``None`` when it may be text."""
    kind = _magic(data)
    if kind:
        return f"looks like {kind}"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return None if _utf16_without_bom(sample) else "has NUL bytes"
    if len(sample.translate(None, delete=_CONTROLS)) < 0.9 * len(sample):
        return "has many control characters"
    return None


def _magic(data: bytes) -> str | None:
    """The kind of file a known magic number names, or ``None``."""
    for prefix, kind in _MAGIC:
        if data.startswith(prefix):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in _RIFF:
        return _RIFF[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data[257:262] == b"ustar":
        return "tar archive"
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "bzip2 data"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes fall as in UTF-16 text without a BOM."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode_unmarked(data: bytes) -> str:
    utf16 = _utf16_without_bom(data[:_SAMPLE]) if b"\x00" in data[:_SAMPLE] else None
    if utf16:  # NUL bytes are valid UTF-8, so this comes first
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for attempt in (_mostly_utf8, _declared, _western, _guessed):
        text = attempt(data)
        if text is not None:
            return text
    return data.decode("utf-8", errors="replace")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a dump glued from two encodings): the
    stray bytes are read as Windows-1252, the rest as UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(text) - len(data.decode("utf-8", errors="ignore"))
    good = len(text) - stray - len(data.translate(None, delete=_HIGH_BYTES))  # non-ASCII chars
    if good <= stray:
        return None
    return _ESCAPED_RUN.sub(
        lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", errors="replace"), text)


def _declared(data: bytes) -> str | None:
    encoding = declared_charset(data)
    return data.decode(encoding, errors="replace") if encoding else None


def _western(data: bytes) -> str | None:
    """Windows-1252 when the bytes read as plausible Western European text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    ascii_letters = len(data.translate(None, delete=_NOT_ASCII_LETTERS))
    high_letters = len(data.translate(None, delete=_NOT_CP1252_LETTERS))
    if high_letters > 0.4 * (ascii_letters + high_letters):
        return None  # Cyrillic, Greek, ... read as accented Latin
    odd = len(_SYMBOL_IN_WORD.findall(data))
    if odd > 2 and odd * 5 > high_letters:
        return None
    return text


def _guessed(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported when first needed: it is slow to load

    best = from_bytes(data).best()
    if best is None:
        return None
    return data.decode(best.encoding, errors="replace")
