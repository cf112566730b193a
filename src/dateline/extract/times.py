"""Time expressions normalised against the publication date (being written)."""

from __future__ import annotations

from typing import Any

from ..model import Article

__all__ = ["extract_times"]


def extract_times(article: Article, docs: list[tuple[int, Any]]) -> list[dict]:
    """Times of one article; ``docs`` are (offset, spaCy Doc) per block in text order."""
    return []
