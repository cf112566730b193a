"""Read-only queries for the HTTP API and web UI: filtered, cursor-paged article
lists, facets, entity pages, places and day counts.

Every function takes an open ``sqlite3.Connection`` (from a store's
``_reading()`` context) and only reads. Every value a caller supplies goes in
as a bound parameter; the SQL text itself is built only from fixed fragments.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any
from urllib.parse import urlsplit

from .sqlite import MIN_PREFIX, _TOP, quote_terms

__all__ = [
    "ArticleFilters",
    "article_page",
    "article_facets",
    "article_doc",
    "entity_page",
    "entity_detail",
    "place_page",
    "day_counts",
    "country_counts",
    "source_name",
    "has_table",
    "top_speakers",
    "incident_counts",
]

_DAY = "COALESCE(a.published, a.updated, '')"
_EMPTY_EVENTS_TAIL = '"events": []}'   # how an article document without events ends (to_dict order)


def source_name(path: str | None, url: str | None) -> str | None:
    """The source an article is filed under: its URL's host, else its input file's name."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host[4:] if host.startswith("www.") else host
    if path:
        return os.path.basename(path.rstrip("/\\")) or path
    return None


def _prepare(conn: sqlite3.Connection) -> None:
    conn.create_function("dl_source", 2, source_name, deterministic=True)


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                       (name,)).fetchone()
    return row is not None


class ArticleFilters:
    """The article filters of ``/api/articles``, turned into a WHERE clause over ``a``."""

    def __init__(self, q: str | None = None, since: str | None = None, until: str | None = None,
                 source: str | None = None, country: str | None = None, has_events: bool | None = None,
                 event_type: str | None = None, events_sql: "EventsSQL | None" = None) -> None:
        self.q = (q or "").strip() or None
        self.since, self.until = since, until
        self.source = source or None
        self.country = country.upper() if country else None
        self.has_events = has_events
        self.event_type = event_type or None
        self.events_sql = events_sql

    def where(self) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        day = "substr(COALESCE(a.published, a.updated), 1, 10)"   # undated articles match no date bound
        if self.since:
            where.append(f"{day} >= ?")
            params.append(self.since[:10])
        if self.until:
            where.append(f"{day} <= ?")
            params.append(self.until[:10])
        if self.source:
            where.append("dl_source(a.source_path, a.source_url) = ?")
            params.append(self.source)
        if self.country:
            where.append("EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND p.country = ?)")
            params.append(self.country)
        if self.has_events is not None:
            if self.events_sql is not None:
                clause = self.events_sql.has_events
            else:
                clause = f"substr(a.doc, -{len(_EMPTY_EVENTS_TAIL)}) != '{_EMPTY_EVENTS_TAIL}'"
            where.append(clause if self.has_events else f"NOT ({clause})")
        if self.event_type:
            if self.events_sql is None:
                where.append("0")       # no event index: nothing can match a type
            else:
                where.append(self.events_sql.of_type)
                params += [self.event_type] * self.events_sql.of_type_params
        return where, params


class EventsSQL:
    """How to ask the events index about an article (fragments over ``a``), when the
    store has one: ``has_events`` and ``of_type`` (with ``of_type_params`` marks)."""

    def __init__(self, has_events: str, of_type: str, of_type_params: int, types_by_article: str) -> None:
        self.has_events = has_events
        self.of_type = of_type
        self.of_type_params = of_type_params
        self.types_by_article = types_by_article   # SELECT article_id, type FROM ... (one row per event)


_LIST = (
    "a.id, a.headline, a.published, a.updated, dl_source(a.source_path, a.source_url) AS source, "
    "a.source_url AS url, a.source_id, a.language, a.n_chars, "
    "(SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS n_entities, "
    "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes"
)


def article_page(conn: sqlite3.Connection, filters: ArticleFilters, limit: int,
                 state: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """One page of articles and the cursor state of the next page (None at the end).

    With a text query the page is ranked by relevance (bm25, headline weighted)
    and paged by offset; otherwise it is newest first (published, else updated)
    and paged by keyset.
    """
    _prepare(conn)
    where, params = filters.where()
    if filters.q:
        offset = int(state.get("o", 0))
        sql = (f"SELECT {_LIST}, bm25(articles_fts, 0.0, 5.0, 1.0) AS rank, "
               "snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet "
               "FROM articles_fts JOIN articles a ON a.id = articles_fts.id "
               "WHERE articles_fts MATCH ?" + "".join(f" AND {w}" for w in where) +
               " ORDER BY rank LIMIT ? OFFSET ?")
        try:
            rows = _dicts(conn.execute(sql, (filters.q, *params, limit + 1, offset)))
        except sqlite3.OperationalError:
            literal = quote_terms(filters.q)
            if not literal:
                return [], None
            rows = _dicts(conn.execute(sql, (literal, *params, limit + 1, offset)))
        for row in rows:
            row["score"] = -float(row.pop("rank"))
        more = len(rows) > limit
        return rows[:limit], ({"o": offset + limit} if more else None)
    key = state.get("k")
    if key is not None:
        if len(key) != 2:
            raise ValueError("bad keyset cursor")
        where.append(f"({_DAY} < ? OR ({_DAY} = ? AND a.id < ?))")
        params += [key[0], key[0], key[1]]
    sql = (f"SELECT {_LIST}, {_DAY} AS sort_day FROM articles a" +
           (" WHERE " + " AND ".join(where) if where else "") +
           f" ORDER BY {_DAY} DESC, a.id DESC LIMIT ?")
    rows = _dicts(conn.execute(sql, (*params, limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    for row in rows:
        row.pop("sort_day", None)
    nxt = {"k": [_sort_day(last), last["id"]]} if more and last else None
    return rows, nxt


def _sort_day(row: dict[str, Any]) -> str:
    return row.get("published") or row.get("updated") or ""


def article_facets(conn: sqlite3.Connection, filters: ArticleFilters, size: int = 20) -> dict[str, list]:
    """Counts of the filtered articles by month, source, country and (with an events
    index) event type: ``{"month": [{"value", "count"}], ...}``."""
    _prepare(conn)
    where, params = filters.where()
    if filters.q:
        literal = filters.q
        base = ("SELECT a.id, a.published, a.updated, a.source_path, a.source_url FROM articles_fts "
                "JOIN articles a ON a.id = articles_fts.id WHERE articles_fts MATCH ?" +
                "".join(f" AND {w}" for w in where))
        try:
            conn.execute(f"SELECT COUNT(*) FROM ({base})", (literal, *params)).fetchone()
        except sqlite3.OperationalError:
            literal = quote_terms(filters.q)
            if not literal:
                return {"month": [], "source": [], "country": [], "event_type": [], "total": 0}
        params = [literal, *params]
    else:
        base = ("SELECT a.id, a.published, a.updated, a.source_path, a.source_url FROM articles a" +
                (" WHERE " + " AND ".join(where) if where else ""))
    with_hits = f"WITH hits AS ({base}) "
    out: dict[str, Any] = {}
    out["total"] = conn.execute(with_hits + "SELECT COUNT(*) FROM hits", params).fetchone()[0]
    out["month"] = _facet(conn, with_hits + "SELECT substr(COALESCE(published, updated), 1, 7) AS value, "
                          "COUNT(*) AS count FROM hits WHERE COALESCE(published, updated) IS NOT NULL "
                          "GROUP BY value ORDER BY value DESC LIMIT ?", (*params, size))
    out["source"] = _facet(conn, with_hits + "SELECT dl_source(source_path, source_url) AS value, "
                           "COUNT(*) AS count FROM hits GROUP BY value HAVING value IS NOT NULL "
                           "ORDER BY count DESC, value LIMIT ?", (*params, size))
    out["country"] = _facet(conn, with_hits + "SELECT p.country AS value, COUNT(DISTINCT p.article_id) AS count "
                            "FROM places p JOIN hits h ON h.id = p.article_id WHERE p.country IS NOT NULL "
                            "GROUP BY p.country ORDER BY count DESC, value LIMIT ?", (*params, size))
    if filters.events_sql is not None:
        out["event_type"] = _facet(conn, with_hits + "SELECT t.type AS value, COUNT(DISTINCT t.article_id) AS count "
                                   f"FROM ({filters.events_sql.types_by_article}) t JOIN hits h ON h.id = t.article_id "
                                   "WHERE t.type IS NOT NULL GROUP BY t.type ORDER BY count DESC, value LIMIT ?",
                                   (*params, size))
    else:
        out["event_type"] = []
    return out


def _facet(conn: sqlite3.Connection, sql: str, params) -> list[dict[str, Any]]:
    return [{"value": v, "count": int(c)} for v, c in conn.execute(sql, params)]


def article_doc(conn: sqlite3.Connection, key: str) -> tuple[str, str] | None:
    """``(id, stored JSON document)`` for an id or a unique prefix, else None.

    An ambiguous prefix gives None too; the caller asks the store for the
    precise reason.
    """
    row = conn.execute("SELECT id, doc FROM articles WHERE id = ?", (key,)).fetchone()
    if row is None and len(key) >= MIN_PREFIX:
        rows = conn.execute("SELECT id, doc FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                            (key, key + _TOP)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return (row[0], row[1]) if row else None


def entity_page(conn: sqlite3.Connection, type: str | None, query: str | None, limit: int,
                offset: int) -> list[dict[str, Any]]:
    """Entities aggregated by ``(name, type)``, most widely reported first."""
    where, params = [], []
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if query and query.strip():
        pattern = "%" + _escape_like(query.strip()) + "%"
        where.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
        params += [pattern, pattern]
    sql = ("SELECT name, type, COUNT(DISTINCT article_id) AS articles, SUM(n_mentions) AS mentions, "
           "json_group_array(json(aliases)) AS aliases FROM entities" +
           (" WHERE " + " AND ".join(where) if where else "") +
           " GROUP BY name, type ORDER BY articles DESC, mentions DESC, name, type LIMIT ? OFFSET ?")
    rows = _dicts(conn.execute(sql, (*params, limit, offset)))
    for row in rows:
        row["aliases"] = sorted({a for group in json.loads(row["aliases"]) for a in group} - {row["name"]})
        row["mentions"] = int(row["mentions"] or 0)
    return rows


_QUOTE_COLS = ('q.article_id, q.quote_id, q.kind, q."start", q."end", q.text, q.cue, q.speaker_name, '
               "q.speaker_entity, q.speaker_description, q.speaker_role, q.confidence, a.headline, "
               "COALESCE(a.published, a.updated) AS date")


def entity_detail(conn: sqlite3.Connection, type: str, name: str, limit: int = 50) -> dict[str, Any] | None:
    """A referent across articles: aliases, the articles and mentions, quotes by and about it.

    ``None`` when no article names ``(name, type)``.
    """
    rows = _dicts(conn.execute(
        "SELECT e.article_id, e.entity_id, e.aliases, e.n_mentions, a.headline, "
        "COALESCE(a.published, a.updated) AS date FROM entities e JOIN articles a ON a.id = e.article_id "
        "WHERE e.name = ? AND e.type = ? ORDER BY date DESC, e.article_id", (name, type)))
    if not rows:
        return None
    aliases = sorted({a for r in rows for a in json.loads(r["aliases"])} - {name})
    mentions = _dicts(conn.execute(
        'SELECT m.article_id, m.entity_id, m."start", m."end", m.text FROM mentions m '
        "JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id "
        'WHERE e.name = ? AND e.type = ? ORDER BY m.article_id, m."start"', (name, type)))
    by = _dicts(conn.execute(
        f"SELECT {_QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        "JOIN entities e ON e.article_id = q.article_id AND e.entity_id = q.speaker_entity "
        'WHERE e.name = ? AND e.type = ? ORDER BY date DESC, q.article_id, q."start" LIMIT ?',
        (name, type, limit)))
    about = _dicts(conn.execute(
        f"SELECT DISTINCT {_QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        "JOIN entities e ON e.article_id = q.article_id AND e.name = ? AND e.type = ? "
        'JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id '
        'AND m."start" >= q."start" AND m."end" <= q."end" '
        "WHERE q.speaker_entity IS NULL OR q.speaker_entity != e.entity_id "
        'ORDER BY date DESC, q.article_id, q."start" LIMIT ?', (name, type, limit)))
    articles = [{"id": r["article_id"], "entity_id": r["entity_id"], "headline": r["headline"],
                 "date": r["date"], "mentions": int(r["n_mentions"])} for r in rows]
    return {"name": name, "type": type, "aliases": aliases, "n_articles": len(rows),
            "n_mentions": sum(a["mentions"] for a in articles), "articles": articles[:limit],
            "mentions": mentions[: limit * 4], "quotes_by": by, "quotes_about": about}


def place_page(conn: sqlite3.Connection, country: str | None, since: str | None, until: str | None,
               limit: int, offset: int) -> list[dict[str, Any]]:
    """Resolved places by gazetteer id, most reported first (``store.places`` with an offset)."""
    where, params = ["p.geonameid IS NOT NULL"], []
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    day = "substr(COALESCE(a.published, a.updated), 1, 10)"
    if since:
        where.append(f"{day} >= ?")
        params.append(since[:10])
    if until:
        where.append(f"{day} <= ?")
        params.append(until[:10])
    sql = ("SELECT p.geonameid, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, "
           "COUNT(DISTINCT p.article_id) AS articles, COUNT(*) AS mentions, "
           "json_group_array(DISTINCT p.text) AS forms FROM places p JOIN articles a ON a.id = p.article_id "
           "WHERE " + " AND ".join(where) +
           " GROUP BY p.geonameid ORDER BY articles DESC, mentions DESC, p.name LIMIT ? OFFSET ?")
    rows = _dicts(conn.execute(sql, (*params, limit, offset)))
    for row in rows:
        row["forms"] = sorted(json.loads(row["forms"]))
    return rows


def day_counts(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> list[dict]:
    """Articles per day (published, else updated)."""
    where, params = ["COALESCE(published, updated) IS NOT NULL"], []
    day = "substr(COALESCE(published, updated), 1, 10)"
    if since:
        where.append(f"{day} >= ?")
        params.append(since[:10])
    if until:
        where.append(f"{day} <= ?")
        params.append(until[:10])
    sql = f"SELECT {day} AS day, COUNT(*) AS articles FROM articles WHERE " + " AND ".join(where) + \
        " GROUP BY day ORDER BY day"
    return [{"day": d, "articles": int(n)} for d, n in conn.execute(sql, params)]


def country_counts(conn: sqlite3.Connection, limit: int = 250) -> list[dict]:
    """Articles naming a resolved place in each country."""
    sql = ("SELECT country, COUNT(DISTINCT article_id) AS articles, COUNT(*) AS mentions FROM places "
           "WHERE country IS NOT NULL GROUP BY country ORDER BY articles DESC, country LIMIT ?")
    return [{"country": c, "articles": int(a), "mentions": int(m)} for c, a, m in conn.execute(sql, (limit,))]


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def top_speakers(conn: sqlite3.Connection, limit: int = 30) -> list[dict[str, Any]]:
    """Speakers with the most quotes (resolved name, else description)."""
    sql = ("SELECT COALESCE(speaker_name, speaker_description) AS speaker, COUNT(*) AS quotes, "
           "COUNT(DISTINCT article_id) AS articles FROM quotes "
           "WHERE COALESCE(speaker_name, speaker_description) IS NOT NULL "
           "GROUP BY speaker ORDER BY quotes DESC, speaker LIMIT ?")
    return _dicts(conn.execute(sql, (limit,)))


def incident_counts(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Incidents (issue 5's ``incidents`` table) by day and type, by type and by country.

    An incident's day is the start of its date interval, else its first report's
    publication day; ``since``/``until`` bound that day.
    """
    day = "COALESCE(date_lo, substr(first_published, 1, 10))"
    where, params = [], []
    if since:
        where.append(f"{day} >= ?")
        params.append(since[:10])
    if until:
        where.append(f"{day} <= ?")
        params.append(until[:10])
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT COUNT(*) FROM incidents{cond}", params).fetchone()[0]
    reports = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    by_day = [{"day": d, "type": t, "events": int(n)} for d, t, n in conn.execute(
        f"SELECT {day} AS day, type, COUNT(*) FROM incidents{cond}{' AND' if cond else ' WHERE'} {day} IS NOT NULL "
        "GROUP BY day, type ORDER BY day, type", params)]
    by_type = [{"type": t, "events": int(n)} for t, n in conn.execute(
        f"SELECT type, COUNT(*) AS n FROM incidents{cond} GROUP BY type ORDER BY n DESC, type", params)]
    by_country = [{"country": c, "events": int(n)} for c, n in conn.execute(
        f"SELECT country, COUNT(*) AS n FROM incidents{cond}{' AND' if cond else ' WHERE'} country IS NOT NULL "
        "GROUP BY country ORDER BY n DESC, country", params)]
    return {"events": int(total), "reports": int(reports), "events_by_day": by_day, "events_by_type": by_type,
            "events_by_country": by_country}
