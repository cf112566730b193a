"""Quantities: numbers with what they count, their unit, qualifier and time.

Placeholder until the quantities extractor lands (issue 5); see ``extract_quantities``.
"""

from __future__ import annotations

from typing import Any

from dateline.model import Article

__all__ = ["extract_quantities"]


def extract_quantities(article: Article, docs: list[tuple[int, Any]]) -> list[dict]:
    """Quantities of one article; ``docs`` are ``(offset, spaCy Doc)`` per block in text order."""
    return []
