"""The web layer's view of the event store (issue 5's ``store/events.py``).

The routes ask the store for incidents through its methods (``events``,
``event``, ``article_events``); a store without them answers 501 with the
standard error body, so the rest of the app works on older stores.
``events_sql`` gives SQL fragments over the event tables for article filters
and facets when those tables exist.
"""

from __future__ import annotations

from ..store.pages import EventsSQL, Reader
from .errors import ApiError

__all__ = ["require_events", "events_sql", "has_events_api"]


def has_events_api(store) -> bool:
    return callable(getattr(store, "events", None)) and callable(getattr(store, "event", None))


def require_events(store) -> None:
    if not has_events_api(store):
        raise ApiError(501, "this version of the store has no event index", "not_implemented")


def events_sql(db: Reader) -> EventsSQL | None:
    """Fragments for the event tables of this database, or None when it has none."""
    if db.has_table("events"):
        if {"article_id", "type"} <= db.columns("events"):
            return EventsSQL(
                has_events="EXISTS (SELECT 1 FROM events r WHERE r.article_id = a.id)",
                of_type="EXISTS (SELECT 1 FROM events r WHERE r.article_id = a.id AND r.type = ?)",
                of_type_params=1,
                types_by_article="SELECT article_id, type FROM events",
            )
    return None
