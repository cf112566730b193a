"""HTML page -> RawDocument: the page's main text and metadata, via trafilatura.

Offline by construction: the page is parsed from the string given; ``url`` is only
passed along as a string (trafilatura and htmldate use it as a hint, never fetch it).

Extraction strategy (measured on ``shared/eval/extraction``, see
``dateline.eval.extraction``):

1. Parse once with trafilatura's loader and note each ``<figure>``'s caption with
   the blocks before and after it (trafilatura deletes figures).
2. Extract in trafilatura's *precision* mode (tables kept, comments, formatting,
   links and images left out). Precision mode trims related-story lists and
   teasers that balanced mode keeps, but now and then it loses nearly the whole
   article; so when it returns fewer than ``_SHORT_TOKENS`` words, the balanced
   mode runs too and wins if precision kept less than ``_MIN_RATIO`` of its words.
3. The first line is dropped when it repeats the headline (the headline travels
   in ``RawDocument.headline``); a title ending in `` | <site name>`` loses it.
4. Captions are put back, each on a line of its own beside the extracted block it
   sat next to; figures outside the extracted article (galleries, sidebars) stay out.

trafilatura's ``deduplicate`` is never used: its cache is module-global state
shared by every page in the process, so results would depend on what was read before.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..errors import NoArticleFound, UnreadableInput
from ..model import RawDocument

__all__ = ["html_document"]

# precision-mode output shorter than this many \w+ tokens triggers the balanced run
_SHORT_TOKENS = 300
# balanced output wins when precision kept less than this share of its tokens
_MIN_RATIO = 0.2

_COMMON = dict(
    include_comments=False,
    include_tables=True,
    include_formatting=False,
    include_links=False,
    include_images=False,
    deduplicate=False,
    output_format="python",
)
# prefer the original publication date over "last modified" for ``published``
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

# a page whose extracted lines all have fewer words than this holds no article
_MIN_LINE_TOKENS = 6
# page blocks that anchor a caption to its place in the text, and how much of them to compare
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"})
_ANCHOR_CHARS = 60
# "<title> | <site name>" separators
_TITLE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ", " · ", " : ")

_TOKEN = re.compile(r"\w+")
_TAG = re.compile(r"<[A-Za-z!]")
_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def html_document(
    html: str,
    path: str | None = None,
    url: str | None = None,
    id: str | None = None,
    line: int | None = None,
    published: str | None = None,
    headline: str | None = None,
    *,
    captions: bool = True,
) -> RawDocument:
    """Extract the main article of one HTML page.

    ``content`` holds one block per line: paragraphs, subheads, list items
    (``- item``), table rows (``| a | b |``) and, with ``captions``, figure captions
    next to the paragraph they sat beside. ``url``, ``id``, ``published`` and
    ``headline``, when given, win over what the page says.

    Raises :class:`NoArticleFound` when the page holds no article text and
    :class:`UnreadableInput` when it cannot be parsed at all; nothing else.
    """
    if isinstance(html, bytes):
        raise UnreadableInput("HTML must be decoded text, got bytes", path, line)
    if not isinstance(html, str):
        raise UnreadableInput(f"HTML must be a string, got {type(html).__name__}", path, line)
    if not html.strip():
        raise NoArticleFound("no article text found in HTML (empty input)", path, line)
    # lxml refuses control characters and lone surrogates: drop them, they carry no text
    html = _SURROGATE.sub("", _CONTROL.sub("", html))

    try:
        text, meta, figures = _extract(html, url, captions)
    except (NoArticleFound, UnreadableInput) as exc:
        raise exc.located(path, line)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise many types; one typed reason out
        reason = _one_line(f"HTML could not be parsed: {type(exc).__name__}: {exc}")
        raise UnreadableInput(reason, path, line) from exc

    raw_title = _clean(meta.get("title"))
    title = _strip_site_name(raw_title, meta.get("sitename"), meta.get("hostname"))
    head = headline if headline else title
    lines = [_clean(x) for x in text.split("\n")]
    lines = [x for x in lines if x]
    if lines and any(_same(lines[0], h) for h in (head, title, raw_title) if h):
        lines = lines[1:]
    if not any(_count_tokens(x) >= _MIN_LINE_TOKENS for x in lines):
        # only menu items, buttons and labels ("Home", "Search"): site chrome
        raise NoArticleFound("no article text found in HTML", path, line)
    lines = _add_captions(lines, figures)

    date = published if published else _iso_date(meta.get("date"))
    return RawDocument(
        content="\n".join(lines),
        format="article",
        source_format="html",
        path=path,
        line=line,
        url=url or meta.get("url") or None,
        id=id,
        headline=head or None,
        published=date,
        byline=_clean(meta.get("author")) or None,
        captions=[c for c, _, _ in figures] if captions else [],
    )


def _extract(html: str, url: str | None, captions: bool) -> tuple[str, dict[str, Any], list]:
    """Main text, metadata dict and figure captions; raises NoArticleFound when empty."""
    import trafilatura  # heavy import, deferred until a page is read
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None and _TAG.search(html):
        # a fragment (``<p>..</p><p>..</p>``): trafilatura wants a whole document
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None or len(tree) == 0:
        raise NoArticleFound("no article text found in HTML (no parsable document)")
    figures = _figure_captions(tree) if captions else []

    doc = trafilatura.bare_extraction(
        tree, url=url, favor_precision=True, with_metadata=True,
        date_extraction_params=_DATE_PARAMS, **_COMMON,
    )
    text = (doc.text or "") if doc is not None else ""
    meta = _metadata(doc)
    if _count_tokens(text) < _SHORT_TOKENS:
        # precision mode sometimes keeps only a fragment: compare with balanced mode
        balanced = trafilatura.bare_extraction(
            tree, url=url, with_metadata=doc is None,
            date_extraction_params=_DATE_PARAMS, **_COMMON,
        )
        other = (balanced.text or "") if balanced is not None else ""
        if _count_tokens(text) < _MIN_RATIO * _count_tokens(other):
            text = other
        if doc is None:
            meta = _metadata(balanced)
    if not text.strip():
        raise NoArticleFound("no article text found in HTML")
    return text, meta, figures


def _metadata(doc: Any) -> dict[str, Any]:
    if doc is None:
        return {}
    return {k: getattr(doc, k, None) for k in ("title", "author", "date", "url", "sitename", "hostname")}


def _figure_captions(tree) -> list[tuple[str, str | None, str | None]]:
    """Each ``<figure>``'s caption with the text of the block before and after it.

    Returns ``(caption, previous_block, next_block)`` in document order; figures
    holding a table are left to trafilatura, which keeps those tables.
    """
    found: list[tuple[str, str | None, str | None]] = []
    pending: list[int] = []       # captions still waiting for their next block
    previous: str | None = None
    skip_until = None             # the figure whose descendants we are inside
    for el in tree.iter():
        if skip_until is not None:
            if any(a is skip_until for a in el.iterancestors("figure")):
                continue
            skip_until = None
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "figure" and el.find(".//table") is None:
            caption = el.find(".//figcaption")
            if caption is not None:
                words = _clean(" ".join(caption.itertext()))
                if words:
                    found.append((words, previous, None))
                    pending.append(len(found) - 1)
            skip_until = el
            continue
        if tag in _BLOCKS:
            words = _clean(el.text_content())
            if len(words) >= 20:
                for i in pending:
                    found[i] = (found[i][0], found[i][1], words)
                pending = []
                previous = words
    return found


def _add_captions(lines: list[str], captions: list[tuple[str, str | None, str | None]]) -> list[str]:
    """Put each caption on its own line next to the extracted block it sat beside
    in the page; captions of figures outside the extracted article are left out."""
    if not captions:
        return lines
    keys = [_norm(x)[:_ANCHOR_CHARS] for x in lines]
    present = {_norm(x) for x in lines}
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    for caption, prev, nxt in captions:
        if _norm(caption) in present:
            continue
        if nxt and (k := _norm(nxt)[:_ANCHOR_CHARS]) in keys:
            before.setdefault(keys.index(k), []).append(caption)
        elif prev and (k := _norm(prev)[:_ANCHOR_CHARS]) in keys:
            after.setdefault(keys.index(k), []).append(caption)
        else:
            continue
        present.add(_norm(caption))
    out: list[str] = []
    for i, line in enumerate(lines):
        out += before.get(i, [])
        out.append(line)
        out += after.get(i, [])
    return out


def _strip_site_name(title: str, *names: Any) -> str:
    """``"Floods kill 12 | The Daily Example"`` -> ``"Floods kill 12"`` when the
    suffix is the page's site name or host name."""
    for name in names:
        name = _clean(name)
        if not name:
            continue
        for sep in _TITLE_SEPARATORS:
            suffix = (sep + name).lower()
            if title.lower().endswith(suffix) and len(title) > len(suffix):
                return title[: len(title) - len(suffix)].strip() or title
    return title


def _count_tokens(text: str | None) -> int:
    return len(_TOKEN.findall(text or ""))


def _clean(text: Any) -> str:
    if not text:
        return ""
    return _WS.sub(" ", str(text)).strip()


def _norm(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _same(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _iso_date(value: Any) -> str | None:
    m = _ISO_DATE.match(str(value or ""))
    return m.group(0) if m else None


def _one_line(text: str, limit: int = 300) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
