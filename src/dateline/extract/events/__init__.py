"""Events: incidents (ACLED-style types, date, place, actors, casualties) found in one article.

``extract_events(article, docs)`` runs last in :meth:`Pipeline.extract` (it reads the
article's quantities, times, places, focus, entities) and returns one dict per incident
or aggregate the article reports, in text order::

    {"id": "v1", "code", "type", "subtype", "family",     # taxonomy.by_code(code)
     "trigger": span,
     "date": {"value", "precision", "mod", "time": span | None, "source": "text" | "published"} | None,
     "place": {"name", "geonameid", "country", "admin1", "lat", "lon", "precision", "relative",
               "start", "end", "text"} | None,
     "actor1" | "actor2" | "target": span + {"entity"} | None,
     "killed" | "injured": {"min", "max", "qualifier", "vague", "start", "end", "text"} | None,
     "reported_by": span | None,
     "aggregate": bool,                # "killed at least 220 civilians since 2014"
     "evidence": [span, ...],          # the sentences read
     "confidence": float}

where a span is ``{"start", "end", "text"}`` with ``article.text[start:end] == text``.
How sentences become incidents: :mod:`.build`; casualty statements: :mod:`.casualties`;
date: :mod:`.when`; place: :mod:`.locate`; actors: :mod:`.actors`; types: :mod:`.classify`.
"""

from __future__ import annotations

from typing import Any

from dateline.model import Article

from .build import build_events

__all__ = ["extract_events"]


def extract_events(article: Article, docs: list[tuple[int, Any]], gazetteer=None) -> list[dict]:
    """Events of one article, after its quantities, times and places are set."""
    if not docs:
        return []
    if gazetteer is None:
        from dateline.resolve.gazetteer import Gazetteer
        gazetteer = Gazetteer.load()
    return build_events(article, docs, gazetteer)
