"""Time expressions normalised against the publication date (TIMEX3 values).

    >>> normalise_times("He left on Thursday.", "2017-03-09")[0]["value"]
    '2017-03-09'

Every time is a dict::

    {"start", "end", "text",      # span: article.text[start:end] == text
     "type",                      # DATE | TIME | DURATION | SET
     "value",                     # TIMEX3 value: 2017-03-09, 2016-10, 2017-W10, 2014-Q3,
                                  #   2017-SU, 199 (the 1990s), P2Y, PRESENT_REF, XXXX-10 ...
     "mod",                       # START | MID | END | BEFORE | AFTER | APPROX | LESS_THAN |
                                  #   MORE_THAN | EQUAL_OR_LESS | EQUAL_OR_MORE | None
     "range",                     # {"begin": value, "end": value} for "between X and Y",
                                  #   "from X to Y"; else None
     "anchor"}                    # the document creation time used, or None

A range also carries ``parts``: the time dicts of its two ends. How expressions are
read (tense, anaphora, modifiers) is described in :mod:`.find` and the README.
"""

from __future__ import annotations

import re
from typing import Any

from ...model import Article
from .find import find_times, to_dict
from .resolver import Resolver

__all__ = ["extract_times", "normalise_times", "article_anchor", "DAY_FIRST_TLDS"]

#: country domains whose sites write numeric dates day first (03/04/2025 = 3 April).
DAY_FIRST_TLDS = (".uk", ".ie", ".au", ".nz", ".in", ".za", ".fr", ".de", ".es", ".it", ".ae",
                  ".sa", ".pk", ".ng", ".ke", ".sg", ".my", ".hk", ".il", ".eu")
_HOST = re.compile(r"^[a-z]+://([^/:]+)", re.IGNORECASE)


def article_anchor(article: Article) -> str | None:
    """The document creation time: ``published``, else ``updated``, else ``None``."""
    return article.published or article.updated or None


def _day_first(article: Article) -> bool:
    m = _HOST.match(article.source.url or "")
    return bool(m and m.group(1).lower().endswith(DAY_FIRST_TLDS))


def normalise_times(text: str, dct: str | None, doc=None, *, day_first: bool = False) -> list[dict]:
    """Time expressions of ``text`` normalised against ``dct`` (ISO date or date-time,
    or ``None``). ``doc`` is a spaCy Doc of exactly ``text`` (used for tense and to
    tell a year from a count); ``day_first`` reads 03/04/2025 as 3 April."""
    r = Resolver(dct, day_first=day_first)
    return [to_dict(h, text, 0, dct) for h in find_times(text, r, doc)]


def extract_times(article: Article, docs: list[tuple[int, Any]], *,
                  day_first: bool | None = None) -> list[dict]:
    """Times of one article; ``docs`` are ``(offset, spaCy Doc)`` per block in text order.

    The anchor is :func:`article_anchor`. ``day_first=None`` decides numeric dates by the
    source URL's country domain (:data:`DAY_FIRST_TLDS`), else month first.
    """
    anchor = article_anchor(article)
    r = Resolver(anchor, day_first=_day_first(article) if day_first is None else day_first)
    blocks = [(offset, doc.text, doc) for offset, doc in docs]
    if not blocks:
        blocks = [(span.start, span.text, None) for _, span in article.blocks()]
    out: list[dict] = []
    for offset, text, doc in blocks:
        out += [to_dict(h, text, offset, anchor) for h in find_times(text, r, doc)]
    return out
