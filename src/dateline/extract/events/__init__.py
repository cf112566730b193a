"""Events: incidents (ACLED-style types, date, place, actors, casualties) found in one article.

Placeholder until the events extractor lands (issue 5); see ``extract_events``.
"""

from __future__ import annotations

from typing import Any

from dateline.model import Article

__all__ = ["extract_events"]


def extract_events(article: Article, docs: list[tuple[int, Any]]) -> list[dict]:
    """Events of one article, after its quantities, times and places are set."""
    return []
