"""Plain text -> one RawDocument; a string that is HTML goes to the HTML reader.

A text file is a *dump*: it may hold several articles and site chrome.
Splitting it is the segmenter's job, so the whole text becomes one document.
"""

from __future__ import annotations

from ..errors import EmptyInput
from ..model import RawDocument
from .decode import decode_bytes, looks_like_html, normalise_newlines

__all__ = ["text_document", "document_from_text", "html_to_document"]


def text_document(text: str, path: str | None = None) -> RawDocument:
    """A decoded text input as one ``dump`` document starting at line 1."""
    return RawDocument(content=text, format="dump", source_format="text", path=path, line=1)


def document_from_text(text: str | bytes, path: str | None = None) -> RawDocument:
    """The RawDocument for a string handed to the Python API.

    HTML (a doctype or ``<html>`` first, or dense ``<body>``/``<p>``/``<div>``
    tags) goes to the HTML reader and comes back as one ``article``; other
    text is a ``dump``. Bytes are decoded as files are. A leading BOM is
    dropped and newlines become ``\\n``. Raises :class:`EmptyInput` for blank
    text, and ``NoArticleFound`` for HTML without an article.
    """
    if isinstance(text, (bytes, bytearray)):
        text = decode_bytes(bytes(text), path)
    if not isinstance(text, str):
        raise TypeError(f"document_from_text() wants str or bytes, not {type(text).__name__}")
    text = normalise_newlines(text.removeprefix("\ufeff"))
    if not text.strip():
        raise EmptyInput("empty text", path)
    if looks_like_html(text):
        return html_to_document(text, path=path)
    return text_document(text, path)


def html_to_document(html: str, **meta) -> RawDocument:
    """Call the HTML reader (``readers.html.html_document``), imported only when needed."""
    from .html import html_document

    return html_document(html, **meta)
