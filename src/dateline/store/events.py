"""SQL for events and incidents: plain functions over a connection, ``sqlite3`` or
:class:`~dateline.store.pg.PgConnection` (the SQL is the portable subset both run).

``events`` holds one row per article event (a *report*); ``incidents`` holds the
reports merged across articles by :mod:`dateline.resolve.incidents`. The store
calls :func:`event_rows` while serialising an article, :func:`insert_events` with
the article's rows, and :func:`remerge` once per batch, all in the batch's
transaction, so an article and its events and the incidents they change are
stored together or not at all.

Incremental merging gives the same incidents whatever order articles arrive in:
for each new report, the candidates are the stored reports that could match it
(same family; dated ones whose date interval lies within the merge window of
its own, undated ones of the same code; a compatible country), plus every report
of the incidents those candidates belong to. Incidents are connected components,
so that set is closed: merging it again and replacing the affected incidents
gives exactly the components of all stored reports.
"""

from __future__ import annotations

import json
import math
import sqlite3
from datetime import timedelta
from typing import Any, Callable, Iterable

from ..errors import NotFound, StoreError
from ..model import Article
from ..resolve.incidents import (
    DATE_TOLERANCE_DAYS,
    DATE_WINDOW_DAYS,
    date_interval,
    family_of,
    PLACE_KM,
    figure_range,
    haversine_km,
    merge_reports,
    report_interval,
    report_key,
    town_level,
)

__all__ = ["event_rows", "insert_events", "remerge", "list_incidents", "get_incident",
           "article_events", "counts", "parse_near", "parse_bbox"]

_CHUNK = 500
_TOP = "\U0010ffff"
_KM_PER_DEGREE = 111.32
# longest interval - 1 day, per precision: an interval starts at most this long before its end
_INTERVAL_DAYS = {"day": 0, "published": DATE_WINDOW_DAYS, "week": 6, "month": 30, "year": 365}

_EVENT_COLUMNS = ("event_id", "code", "type", "subtype", "family", "date", "date_precision", "date_lo",
                  "date_hi", "country", "admin1", "place_name", "geonameid", "lat", "lon", "precision",
                  "killed_min", "killed_max", "injured_min", "injured_max", "aggregate", "confidence", "doc")

_INCIDENT_COLUMNS = ("id", "code", "type", "subtype", "family", "date", "date_precision", "date_lo", "date_hi",
                     "country", "admin1", "place_name", "lat", "lon", "precision", "killed", "injured",
                     "n_reports", "first_published", "last_published", "doc")

_LIST_COLUMNS = ", ".join(f"i.{c}" for c in _INCIDENT_COLUMNS if c not in ("doc", "date_lo", "date_hi"))
_DAY = "COALESCE(i.date_lo, substr(i.first_published, 1, 10))"


# -- writing ------------------------------------------------------------------

def event_rows(article: Article) -> list[tuple]:
    """The ``events`` rows of one article (without ``article_id`` and ``incident_id``)."""
    rows, seen = [], set()
    for i, event in enumerate(article.events):
        event_id = str(event.get("id") or f"v{i + 1}")
        if event_id in seen:
            raise ValueError(f"event id {event_id!r} is repeated")
        seen.add(event_id)
        doc = {**event, "id": event_id}
        date = event.get("date") if isinstance(event.get("date"), dict) else {}
        interval = report_interval(event) if date else None
        place = event.get("place") if isinstance(event.get("place"), dict) else {}
        killed, injured = figure_range(event.get("killed")), figure_range(event.get("injured"))
        gid = place.get("geonameid")
        rows.append((
            event_id, event.get("code"), event.get("type"), event.get("subtype"), family_of(event),
            date.get("value"), interval[2] if interval else date.get("precision"),
            interval[0].isoformat() if interval else None, interval[1].isoformat() if interval else None,
            (place.get("country") or "").upper() or None, place.get("admin1"), place.get("name"),
            None if gid is None else str(gid), place.get("lat"), place.get("lon"), place.get("precision"),
            killed[0] if killed else None, killed[1] if killed else None,
            injured[0] if injured else None, injured[1] if injured else None,
            1 if event.get("aggregate") else 0, event.get("confidence"),
            json.dumps(doc, ensure_ascii=False),
        ))
    return rows


def insert_events(conn: sqlite3.Connection, article_id: str, rows: list[tuple]) -> None:
    """Insert an article's event rows (unmerged: ``incident_id`` is set by :func:`remerge`)."""
    marks = ", ".join("?" * (len(_EVENT_COLUMNS) + 1))
    conn.executemany(f"INSERT INTO events (article_id, {', '.join(_EVENT_COLUMNS)}) VALUES ({marks})",
                     [(article_id, *row) for row in rows])


_REPORT_SQL = ("SELECT e.article_id, e.event_id, e.doc, COALESCE(a.published, a.updated), a.source_url, "
               "e.incident_id FROM events e JOIN articles a ON a.id = e.article_id WHERE ")


def _reports(conn: sqlite3.Connection, where: str, params: Iterable) -> list[tuple[dict, str | None]]:
    out = []
    for article_id, event_id, doc, published, url, incident in conn.execute(_REPORT_SQL + where, tuple(params)):
        report = {**json.loads(doc), "id": event_id, "article_id": article_id, "published": published}
        if url:
            report["url"] = url
        out.append((report, incident))
    return out


def _in(column: str, values: list[str]) -> Iterable[tuple[str, list[str]]]:
    for i in range(0, len(values), _CHUNK):
        chunk = values[i:i + _CHUNK]
        yield f"{column} IN ({', '.join('?' * len(chunk))})", chunk


def _candidates(conn: sqlite3.Connection, report: dict) -> list[tuple[dict, str | None]]:
    """Stored reports that could be the same incident as ``report`` (a superset)."""
    place = report.get("place") if isinstance(report.get("place"), dict) else {}
    country = (place.get("country") or "").upper() or None
    # CAST(? AS TEXT): PostgreSQL cannot type a bare parameter in "? IS NULL"
    base = "e.family = ? AND e.aggregate = 0 AND (e.country IS NULL OR CAST(? AS TEXT) IS NULL OR e.country = ?)"
    params: list[Any] = [family_of(report), country, country]
    near, near_params = _place_filter(place)
    base += near
    params += near_params
    code = report.get("code")
    # A pair where either side has no date matches only on a strong (town-level) place:
    # without one on this side no dateless pair can match, and only town-level stored
    # reports can (else a corpus without dates would compare every report with all).
    local = town_level(report.get("place"))
    found = []
    if local:
        found += _reports(conn, base + " AND e.date_lo IS NULL AND " + _SAME_CODE + _LOCAL_SQL,
                          [*params, code, code])
    interval = report_interval(report)
    if interval is None:
        if local:
            found += _reports(conn, base + " AND e.date_lo IS NOT NULL AND " + _SAME_CODE + _LOCAL_SQL,
                              [*params, code, code])
    else:
        window = timedelta(days=DATE_TOLERANCE_DAYS)
        lo, hi = interval[0] - window, interval[1] + window
        # one tight index range per precision: an interval starts at most its length before lo
        for precision, length in _INTERVAL_DAYS.items():
            found += _reports(conn, base + " AND e.date_precision = ? AND e.date_lo >= ? AND e.date_lo <= ? "
                              "AND e.date_hi >= ?", [*params, precision, (lo - timedelta(days=length)).isoformat(),
                                                     hi.isoformat(), lo.isoformat()])
    return found


_SAME_CODE = "(e.code = ? OR (e.code IS NULL AND CAST(? AS TEXT) IS NULL))"   # SQLite's "e.code IS ?"
# stored places that can be town-level for incidents.py's _place (a point with no known coarser precision)
_LOCAL_SQL = (" AND (e.precision IN ('city', 'approximate') OR (e.lat IS NOT NULL AND "
              "COALESCE(e.precision, '') NOT IN ('admin1', 'region', 'country', 'continent')))")
_LOCAL = ("city", "approximate")
_REGIONAL = ("admin1", "region")


def _degrees_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float] | None:
    dlat = km / _KM_PER_DEGREE
    cos = math.cos(math.radians(lat))
    if cos < 0.05 or lat - dlat < -90 or lat + dlat > 90:
        return None
    dlon = km / (_KM_PER_DEGREE * cos)
    if lon - dlon < -180 or lon + dlon > 180:
        return None
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon


def _place_filter(place: dict) -> tuple[str, list]:
    """SQL keeping the stored reports whose place could be close enough to ``place``:
    local and regional places inside a box around it sized by the coarser precision
    of the two; places without a point or with a coarser precision always pass."""
    lat, lon, precision = place.get("lat"), place.get("lon"), place.get("precision")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) or precision not in _LOCAL + _REGIONAL:
        return "", []
    sql, params = [], []
    for kinds in (_LOCAL, _REGIONAL):
        pair = max((precision, kinds[-1]), key=lambda p: (_LOCAL + _REGIONAL).index(p))
        box = _degrees_box(float(lat), float(lon), PLACE_KM[pair] * 1.01)
        if box is None:
            return "", []
        sql.append(f"(e.precision IN ({', '.join('?' * len(kinds))}) AND NOT (e.lat BETWEEN ? AND ? "
                   "AND e.lon BETWEEN ? AND ?))")
        params += [*kinds, box[0], box[2], box[1], box[3]]
    return " AND (e.lat IS NULL OR NOT (" + " OR ".join(sql) + "))", params


def remerge(conn: sqlite3.Connection, article_ids: list[str]) -> int:
    """Merge the events of newly stored articles into incidents; return how many
    incidents were written (new or re-formed)."""
    new: list[tuple[dict, str | None]] = []
    for clause, chunk in _in("e.article_id", article_ids):
        new += _reports(conn, clause, chunk)
    pool: dict[str, dict] = {}
    old: set[str] = set()
    for report, _ in new:
        if report.get("aggregate"):
            continue
        pool[report_key(report)] = report
        for candidate, incident in _candidates(conn, report):
            pool[report_key(candidate)] = candidate
            if incident:
                old.add(incident)
    settled: dict[str, list[str]] = {}
    for clause, chunk in _in("e.incident_id", sorted(old)):
        for report, incident in _reports(conn, clause, chunk):
            pool[report_key(report)] = report
            settled.setdefault(incident, []).append(report_key(report))
    if not pool:
        return 0
    # stored incidents are components already: only pairs with a new report are tested
    incidents = merge_reports(pool.values(), settled=settled.values())
    for clause, chunk in _in("id", sorted(old)):
        conn.execute(f"DELETE FROM incidents WHERE {clause}", chunk)
    marks = ", ".join("?" * len(_INCIDENT_COLUMNS))
    conn.executemany(f"INSERT OR REPLACE INTO incidents ({', '.join(_INCIDENT_COLUMNS)}) VALUES ({marks})",
                     [_incident_row(inc) for inc in incidents])
    conn.executemany("UPDATE events SET incident_id = ? WHERE article_id = ? AND event_id = ?",
                     [(inc["id"], r["article_id"], r["event_id"]) for inc in incidents for r in inc["reports"]])
    return len(incidents)


def _incident_row(incident: dict) -> tuple:
    date = incident.get("date") or {}
    interval = date_interval(date) if date else None
    place = incident.get("place") or {}
    return (incident["id"], incident.get("code"), incident.get("type"), incident.get("subtype"),
            incident.get("family"), date.get("value"), interval[2] if interval else None,
            interval[0].isoformat() if interval else None, interval[1].isoformat() if interval else None,
            (place.get("country") or "").upper() or None, place.get("admin1"), place.get("name"),
            place.get("lat"), place.get("lon"), place.get("precision"), incident.get("killed"),
            incident.get("injured"), incident["n_reports"], incident.get("first_published"),
            incident.get("last_published"), json.dumps(incident, ensure_ascii=False))


# -- reading ------------------------------------------------------------------

def parse_near(value: Any) -> tuple[float, float, float]:
    """``(lat, lon, km)`` from a tuple or a ``"LAT,LON,KM"`` string; StoreError if invalid."""
    numbers = _numbers(value, 3, "near", "LAT,LON,KM")
    lat, lon, km = numbers
    _check_point(lat, lon, "near")
    if km <= 0:
        raise StoreError(f"near: the distance must be a positive number of kilometres, got {km:g}")
    return lat, lon, km


def parse_bbox(value: Any) -> tuple[float, float, float, float]:
    """``(min_lat, min_lon, max_lat, max_lon)`` from a tuple or a string; StoreError if invalid.
    A box whose ``min_lon`` exceeds ``max_lon`` crosses the antimeridian."""
    min_lat, min_lon, max_lat, max_lon = _numbers(value, 4, "bbox", "MIN_LAT,MIN_LON,MAX_LAT,MAX_LON")
    _check_point(min_lat, min_lon, "bbox")
    _check_point(max_lat, max_lon, "bbox")
    if min_lat > max_lat:
        raise StoreError(f"bbox: min_lat {min_lat:g} is above max_lat {max_lat:g}")
    return min_lat, min_lon, max_lat, max_lon


def _numbers(value: Any, n: int, name: str, shape: str) -> list[float]:
    parts = value.split(",") if isinstance(value, str) else value
    try:
        numbers = [float(p) for p in parts]
    except (TypeError, ValueError):
        raise StoreError(f"{name}: expected {shape} (numbers), got {value!r}") from None
    if len(numbers) != n or not all(math.isfinite(x) for x in numbers):
        raise StoreError(f"{name}: expected {shape} ({n} finite numbers), got {value!r}")
    return numbers


def _check_point(lat: float, lon: float, name: str) -> None:
    if not -90 <= lat <= 90:
        raise StoreError(f"{name}: latitude {lat:g} is outside -90..90")
    if not -180 <= lon <= 180:
        raise StoreError(f"{name}: longitude {lon:g} is outside -180..180")


def _day_bound(value: str, name: str, end: bool) -> str:
    interval = date_interval(str(value).strip())
    if interval is None:
        raise StoreError(f"{name}: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return (interval[1] if end else interval[0]).isoformat()


def _box(where: list[str], params: list, min_lat: float, min_lon: float, max_lat: float,
         max_lon: float | None) -> None:
    where.append("i.lat BETWEEN ? AND ?")
    params += [min_lat, max_lat]
    if max_lon is None:
        where.append("i.lon IS NOT NULL")
    elif min_lon <= max_lon:
        where.append("i.lon BETWEEN ? AND ?")
        params += [min_lon, max_lon]
    else:
        where.append("(i.lon >= ? OR i.lon <= ?)")
        params += [min_lon, max_lon]


def list_incidents(conn: sqlite3.Connection, type: str | None = None, country: str | None = None,
                   since: str | None = None, until: str | None = None, near: Any = None, bbox: Any = None,
                   min_killed: int | None = None, limit: int = 50, offset: int = 0,
                   full: bool = False) -> list[dict[str, Any]]:
    """Incidents, newest first (see :meth:`SQLiteStore.events`)."""
    where, params = [], []
    if type and type.strip():
        t = type.strip()
        where.append("(i.code = ? OR lower(i.type) = lower(?) OR lower(i.subtype) = lower(?) OR i.family = lower(?))")
        params += [t.upper(), t, t, t]
    if country and country.strip():
        where.append("i.country = ?")
        params.append(country.strip().upper())
    if since:
        where.append("COALESCE(i.date_hi, substr(i.first_published, 1, 10)) >= ?")
        params.append(_day_bound(since, "since", end=False))
    if until:
        where.append(f"{_DAY} <= ?")
        params.append(_day_bound(until, "until", end=True))
    if min_killed is not None:
        if isinstance(min_killed, bool) or not isinstance(min_killed, int) or min_killed < 0:
            raise StoreError(f"min_killed must be a non-negative integer, got {min_killed!r}")
        where.append("i.killed >= ?")
        params.append(min_killed)
    if bbox is not None:
        _box(where, params, *parse_bbox(bbox))
    circle = parse_near(near) if near is not None else None
    if circle is not None:
        lat, lon, km = circle
        dlat = km / _KM_PER_DEGREE
        cos = math.cos(math.radians(lat))
        dlon = km / (_KM_PER_DEGREE * cos) if cos > 1e-6 else 360.0
        lo_lon, hi_lon = lon - dlon, lon + dlon
        if dlon >= 180 or lat + dlat >= 90 or lat - dlat <= -90:
            box = (max(-90.0, lat - dlat), 0.0, min(90.0, lat + dlat), None)
        else:
            box = (lat - dlat, (lo_lon + 540) % 360 - 180, lat + dlat, (hi_lon + 540) % 360 - 180)
        _box(where, params, *box)
    sql = (f"SELECT {_LIST_COLUMNS}{', i.doc' if full else ''} FROM incidents i"
           + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY COALESCE({_DAY}, '') DESC, i.n_reports DESC, i.id")
    if circle is None:
        rows = _dicts(conn.execute(sql + " LIMIT ? OFFSET ?", (*params, limit, offset)))
    else:
        rows = []
        for row in _dicts(conn.execute(sql, params)):
            distance = haversine_km(circle[0], circle[1], row["lat"], row["lon"])
            if distance <= circle[2]:
                rows.append({**row, "distance_km": round(distance, 1)})
        rows = rows[offset:offset + limit]
    for row in rows:
        if full:
            row["incident"] = json.loads(row.pop("doc"))
    return rows


def get_incident(conn: sqlite3.Connection, key: str, where: str, min_prefix: int,
                 prefix: Callable[[str, str], tuple[str, list]] | None = None) -> dict[str, Any]:
    """One incident by id or unique id prefix (with or without ``ev_``), its reports
    joined with their articles' headline and source. ``prefix(column, key)`` gives the
    backend's SQL for "column starts with key" (default: a code-point range). Raises NotFound."""
    raw = (key or "").strip()
    wanted = raw if raw.startswith("ev_") else "ev_" + raw
    row = conn.execute("SELECT doc FROM incidents WHERE id = ?", (wanted,)).fetchone()
    if row is None and len(wanted) - 3 >= min_prefix:
        clause, params = prefix("id", wanted) if prefix else ("id >= ? AND id < ?", [wanted, wanted + _TOP])
        rows = conn.execute(f"SELECT id, doc FROM incidents WHERE {clause} ORDER BY id LIMIT 6", params).fetchall()
        if len(rows) > 1:
            shown = ", ".join(r[0] for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
            raise NotFound(f"event id prefix {raw!r} is ambiguous: matches {shown}")
        row = (rows[0][1],) if rows else None
    if row is None:
        hint = "" if len(wanted) - 3 >= min_prefix else f" (a prefix needs at least {min_prefix} characters after ev_)"
        raise NotFound(f"no event with id {raw!r} in {where}{hint}")
    incident = json.loads(row[0])
    ids = sorted({r["article_id"] for r in incident["reports"]})
    meta: dict[str, tuple] = {}
    for clause, chunk in _in("id", ids):
        for article_id, headline, url, path in conn.execute(
                f"SELECT id, headline, source_url, source_path FROM articles WHERE {clause}", chunk):
            meta[article_id] = (headline, url, path)
    for report in incident["reports"]:
        headline, url, path = meta.get(report["article_id"], (None, None, None))
        report.update(headline=headline, url=url, source_path=path)
    return incident


def article_events(conn: sqlite3.Connection, article_id: str, where: str) -> list[dict[str, Any]]:
    """An article's events in text order, each with its ``incident_id`` and the
    incident's ``n_reports`` (``None`` for aggregates). Raises NotFound."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise NotFound(f"no article with id {article_id!r} in {where}")
    out = []
    for doc, incident, n in conn.execute(
            "SELECT e.doc, e.incident_id, i.n_reports FROM events e LEFT JOIN incidents i ON i.id = e.incident_id "
            "WHERE e.article_id = ? ORDER BY length(e.event_id), e.event_id", (article_id,)):
        out.append({**json.loads(doc), "incident_id": incident, "n_reports": n})
    out.sort(key=lambda e: ((e.get("trigger") or {}).get("start", 0)))
    return out


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Stored events (article reports) and incidents."""
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    incidents = conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
    return {"events": int(events), "incidents": int(incidents)}


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]

