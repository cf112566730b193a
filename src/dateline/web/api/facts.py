"""``/api/quotes``, ``/api/entities``, ``/api/entities/{id}``, ``/api/places``, ``/api/stats``."""

from __future__ import annotations

import json
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import Response

from ...errors import NotFound
from ...store import pages
from ..errors import ApiError
from .. import events_index
from ..pagination import offset_from, page
from .common import COUNTRY, Cursor, Limit, Since, Until, json_response, store_of, until_bound

router = APIRouter()


def entity_key(type_: str, name: str) -> str:
    """The id of a referent across articles: ``TYPE:name`` (``PERSON:Abu Bakr Al-Baghdadi``)."""
    return f"{type_}:{name}"


def entity_url(type_: str, name: str, prefix: str = "/entities/") -> str:
    return prefix + quote(entity_key(type_, name), safe=":")


def split_key(key: str) -> tuple[str, str]:
    type_, sep, name = key.partition(":")
    if not sep or not type_ or not name or not type_.isalpha():
        raise ApiError(404, f"no entity {key!r}: an entity id is TYPE:name, e.g. PERSON:Jane Doe")
    return type_.upper(), name


@router.get("/quotes", tags=["quotes"], summary="Who said what")
def list_quotes(
    request: Request,
    speaker: str | None = Query(None, max_length=200, description="Speaker name, description or any alias."),
    q: str | None = Query(None, max_length=500, description="Words in the quote."),
    since: str | None = Since,
    until: str | None = Until,
    limit: int = Limit,
    cursor: str | None = Cursor,
) -> Response:
    """Quotes newest article first, each with `speaker_name`, `speaker_entity`,
    `speaker_description`, `speaker_role`, `kind`, `cue`, `text` and its offsets."""
    store = store_of(request)
    offset = offset_from(cursor)
    rows = store.quotes(speaker=speaker, search=q, since=since, until=until_bound(until),
                        limit=limit + 1, offset=offset)
    return json_response(page(rows, limit, offset))


@router.get("/entities", tags=["entities"], summary="People, organisations and places named across articles")
def list_entities(
    request: Request,
    type: str | None = Query(None, pattern=r"^[A-Za-z_]{2,20}$", description="PERSON, ORG, GPE, LOC, NORP, ..."),
    q: str | None = Query(None, max_length=200, description="Names or aliases containing this text."),
    limit: int = Limit,
    cursor: str | None = Cursor,
) -> Response:
    """Referents aggregated by name and type, most widely reported first. `id` is `TYPE:name`."""
    store = store_of(request)
    offset = offset_from(cursor)
    with pages.reading(store) as db:
        rows = pages.entity_page(db, type, q, limit + 1, offset)
    for row in rows:
        row["id"] = entity_key(row["type"], row["name"])
    return json_response(page(rows, limit, offset))


def entity_document(store, key: str) -> dict:
    """Everything known about one referent (shared by the API and the entity page)."""
    type_, name = split_key(key)
    with pages.reading(store) as db:
        detail = pages.entity_detail(db, type_, name)
        if detail is None:
            raise NotFound(f"no entity {key!r}")
        detail["id"] = entity_key(type_, name)
        detail["events"] = _events_involving(db, store, detail)
    return detail


def _events_involving(db, store, detail: dict, max_articles: int = 50) -> list[dict]:
    """Events whose actor, target or place is a mention of this referent."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in detail["mentions"]:
        spans.setdefault(m["article_id"], []).append((m["start"], m["end"]))
    ids = {a["id"]: a["entity_id"] for a in detail["articles"][:max_articles]}
    found = []
    mapper = getattr(store, "article_events", None)
    for article_id, entity_id in ids.items():
        got = pages.article_doc(db, article_id)
        if got is None:
            continue
        doc = json.loads(got[1])
        events = doc.get("events") or []
        if not events:
            continue
        incidents = _incident_ids(mapper, article_id) if callable(mapper) else {}
        mine = spans.get(article_id, [])
        for ev in events:
            roles = [r for r in ("actor1", "actor2", "target", "place") if _involves(ev.get(r), entity_id, mine)]
            if roles:
                found.append({"article_id": article_id, "headline": doc.get("headline"), "event_id": ev.get("id"),
                              "incident_id": incidents.get(ev.get("id")), "type": ev.get("type"),
                              "subtype": ev.get("subtype"), "date": (ev.get("date") or {}).get("value"),
                              "killed": ev.get("killed"), "injured": ev.get("injured"), "roles": roles,
                              "trigger": ev.get("trigger")})
    return found


def _involves(role, entity_id: str, mentions: list[tuple[int, int]]) -> bool:
    if not isinstance(role, dict):
        return False
    if role.get("entity") == entity_id:
        return True
    s, e = role.get("start"), role.get("end")
    if not isinstance(s, int) or not isinstance(e, int):
        return False
    return any(ms < e and s < me for ms, me in mentions)


def _incident_ids(mapper, article_id: str) -> dict:
    """Article event id -> incident id, from the event store."""
    try:
        rows = mapper(article_id)
    except (NotFound, TypeError, ValueError):
        return {}
    out = {}
    for row in rows or []:
        if isinstance(row, dict):
            ev, inc = row.get("id"), row.get("incident_id")
            if ev and inc:
                out[ev] = inc
    return out


@router.get("/entities/{entity_id:path}", tags=["entities"], summary="One referent across articles")
def get_entity(request: Request, entity_id: str = Path(..., max_length=300,
               description="`TYPE:name` as listed by /api/entities")) -> Response:
    """Aliases, the articles and mentions, quotes by and about the referent, and the events it is involved in."""
    return json_response(entity_document(store_of(request), entity_id))


@router.get("/places", tags=["places"], summary="Places resolved to coordinates")
def list_places(
    request: Request,
    country: str | None = Query(None, pattern=COUNTRY, description="ISO 3166 alpha-2."),
    since: str | None = Since,
    until: str | None = Until,
    limit: int = Query(50, ge=1, le=1000),
    cursor: str | None = Cursor,
) -> Response:
    """Places grouped by gazetteer id, most reported first, with the forms articles used."""
    store = store_of(request)
    offset = offset_from(cursor)
    with pages.reading(store) as db:
        rows = pages.place_page(db, country, since, until_bound(until), limit + 1, offset)
    return json_response(page(rows, limit, offset))


def stats_document(store, since: str | None = None, until: str | None = None) -> dict:
    with pages.reading(store) as db:
        out = {"articles": int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]),
               "articles_by_day": pages.day_counts(db, since, until_bound(until)),
               "articles_by_country": pages.country_counts(db)}
        out["entities_by_type"] = [{"type": t, "entities": int(n)} for t, n in db.execute(
            "SELECT type, COUNT(*) AS n FROM (SELECT DISTINCT name, type FROM entities) AS d "
            "GROUP BY type ORDER BY n DESC, type")]
        out["quotes"] = int(db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])
    out.update(event_stats(store, since, until))
    return out


def event_stats(store, since=None, until=None) -> dict:
    """Incidents by day and type, by type, and by country (empty without an event index)."""
    with pages.reading(store) as db:
        if not events_index.has_events_api(store) or not pages.has_table(db, "incidents"):
            return {"events": None, "incidents": None, "events_by_day": [], "events_by_type": [],
                    "events_by_country": []}
        return pages.incident_counts(db, since, until_bound(until))


@router.get("/stats", tags=["stats"], summary="Counts by day, type and country")
def stats(request: Request, since: str | None = Since, until: str | None = Until) -> Response:
    """Articles by day and country, entities by type, quotes, and incidents by day and type,
    by type and by country."""
    return json_response(stats_document(store_of(request), since, until))
