"""``/api/events``: incidents merged across reports (JSON, GeoJSON, ACLED CSV);
``/api/events/{id}``: one incident with every report and its evidence spans."""

from __future__ import annotations

import json

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import Response

from ...errors import StoreError
from ..errors import ApiError
from ..events_index import require_events
from ..pagination import offset_from, page
from .common import COUNTRY, Cursor, Since, Until, json_response, store_of

router = APIRouter(tags=["events"])

_NUM = r"-?\d+(\.\d+)?"
BBOX = rf"^{_NUM},{_NUM},{_NUM},{_NUM}$"
NEAR = rf"^{_NUM},{_NUM},{_NUM}$"


def _checked(parse, value: str | None, name: str):
    if not value:
        return None
    try:
        return parse(value)
    except StoreError as exc:
        raise ApiError(400, f"invalid parameter {name!r}: {exc}", "invalid_parameter") from None


def query_events(store, *, type=None, country=None, since=None, until=None, bbox=None, near=None,
                 min_killed=None, limit=50, offset=0, full=False) -> list[dict]:
    """``store.events`` with the API's parameters (shared by the API and the UI)."""
    require_events(store)
    from ...store.events import parse_bbox, parse_near

    return store.events(type=type or None, country=country.upper() if country else None, since=since,
                        until=until, near=_checked(parse_near, near, "near"),
                        bbox=_checked(parse_bbox, bbox, "bbox"), min_killed=min_killed, limit=limit,
                        offset=offset, full=full)


def acled_csv(rows: list[dict]) -> str:
    """ACLED's column layout, from the event store's own writer (``render.events_csv``)."""
    from ... import render

    writer = getattr(render, "events_csv", None)
    if not callable(writer):
        raise ApiError(501, "CSV export needs the ACLED writer of the event store", "not_implemented")
    return writer(rows)


@router.get("/events", summary="Incidents (events merged across reports)")
def list_events(
    request: Request,
    type: str | None = Query(None, max_length=100,
                             description="Code (`SUIC_BOMB`), ACLED event type or sub-event type, or family."),
    country: str | None = Query(None, pattern=COUNTRY, description="ISO 3166 alpha-2."),
    since: str | None = Since,
    until: str | None = Until,
    bbox: str | None = Query(None, pattern=BBOX, description="min_lat,min_lon,max_lat,max_lon in degrees "
                             "(min_lon > max_lon crosses the antimeridian)."),
    near: str | None = Query(None, pattern=NEAR, description="lat,lon,km: within km of a point "
                             "(adds `distance_km`)."),
    min_killed: int | None = Query(None, ge=0, description="At least this many killed."),
    format: str = Query("json", pattern=r"^(json|geojson|csv)$",
                        description="`json`, `geojson` (a FeatureCollection) or `csv` (ACLED's columns)."),
    limit: int = Query(50, ge=1, le=5000, description="Rows per page (1-5000)."),
    cursor: str | None = Cursor,
) -> Response:
    """Incidents newest first. Each: `id`, `date`, `date_precision`, `code`, `type`,
    `subtype`, `family`, `country`, `admin1`, `place_name`, `lat`, `lon`, `precision`,
    `killed`, `injured`, `n_reports`, `first_published`, `last_published`."""
    store = store_of(request)
    offset = offset_from(cursor)
    rows = query_events(store, type=type, country=country, since=since, until=until, bbox=bbox, near=near,
                        min_killed=min_killed, limit=limit + 1, offset=offset, full=format == "csv")
    body = page(rows, limit, offset)
    if format == "geojson":
        from ...render import events_geojson

        fc = events_geojson(body["items"])
        fc["next"] = body["next"]
        return Response(json.dumps(fc, ensure_ascii=False, separators=(",", ":")),
                        media_type="application/geo+json")
    if format == "csv":
        headers = {"content-disposition": 'attachment; filename="dateline-events.csv"'}
        if body["next"]:
            headers["link"] = f'<?cursor={body["next"]}>; rel="next"'
        return Response(acled_csv(body["items"]), media_type="text/csv; charset=utf-8", headers=headers)
    return json_response(body)


@router.get("/events/{event_id}", summary="One incident with every report and its evidence")
def get_event(request: Request, event_id: str = Path(..., max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$",
              description="Incident id (`ev_...`) or a unique prefix.")) -> Response:
    """The incident document: type, date, place, actors, figures, and `reports`: each
    article's report with `article_id`, `event_id`, `published`, `date`, `killed`,
    `injured`, `trigger` and `evidence` spans (offsets into that article's text)."""
    store = store_of(request)
    require_events(store)
    return json_response(store.event(event_id))
