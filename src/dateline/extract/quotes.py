"""Quotes with speakers (being written): direct, partial and indirect attributions."""

from __future__ import annotations

from typing import Any

from ..model import Article

__all__ = ["extract_quotes"]


def extract_quotes(article: Article, docs: list[tuple[int, Any]]) -> list[dict]:
    """Quotes of one article; ``docs`` are (offset, spaCy Doc) per block in text order."""
    return []
