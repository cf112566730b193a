"""Read-only queries for the HTTP API and web UI: filtered, cursor-paged article
lists, facets, entity pages, places and day counts, on either backend.

Every function takes a :class:`Reader` (from :func:`reading`): one read snapshot of a
store, its connection and the store's dialect hooks (full-text search, aggregated
lists, source names, id prefixes, table checks), and only reads. The SQL is the
portable subset both databases share, in SQLite's ``?`` style (PostgreSQL's
connection translates it). Every value a caller supplies goes in as a bound
parameter; the SQL text itself is built only from fixed fragments.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import MIN_PREFIX, SearchSQL, Store, date_bounds, day_bounds, source_name

__all__ = [
    "Reader",
    "reading",
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


class Reader:
    """One read of a store for the functions below: the connection inside the store's
    read snapshot, and the store's SQL for what the two databases say differently."""

    def __init__(self, store: Store, conn: Any) -> None:
        self.store = store
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql, params)

    def source(self, path: str = "a.source_path", url: str = "a.source_url") -> str:
        """SQL for :func:`source_name` of two columns."""
        return self.store._source_sql(path, url)

    def search(self, query: str) -> list[SearchSQL | None]:
        return self.store._search_sql(query)

    def collect(self, expr: str, distinct: bool = False) -> str:
        return self.store._collect(expr, distinct)

    def collected(self, value: Any) -> list:
        return self.store._collected(value)

    def prefix(self, column: str, key: str) -> tuple[str, list]:
        return self.store._prefix(column, key)

    def has_table(self, name: str) -> bool:
        return self.store._has_table(self.conn, name)

    def columns(self, table: str) -> set[str]:
        return self.store._columns(self.conn, table)


@contextmanager
def reading(store: Store) -> Iterator[Reader]:
    """A :class:`Reader` over one read snapshot of ``store``."""
    with store._reading() as conn:
        yield Reader(store, conn)


def has_table(db: Reader, name: str) -> bool:
    return db.has_table(name)


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

    def where(self, db: Reader) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        date_bounds(where, params, self.since, self.until)   # undated articles match no date bound
        if self.source:
            where.append(f"{db.source()} = ?")
            params.append(self.source)
        if self.country:
            where.append("EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND p.country = ?)")
            params.append(self.country)
        if self.has_events is not None:
            if self.events_sql is not None:
                clause = self.events_sql.has_events
            else:
                n = len(_EMPTY_EVENTS_TAIL)
                clause = f"substr(a.doc, length(a.doc) - {n - 1}) != '{_EMPTY_EVENTS_TAIL}'"
            where.append(clause if self.has_events else f"NOT ({clause})")
        if self.event_type:
            if self.events_sql is None:
                where.append("1 = 0")       # no event index: nothing can match a type
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


def _list_columns(db: Reader) -> str:
    return ("a.id, a.headline, a.published, a.updated, " + db.source() + " AS source, "
            "a.source_url AS url, a.source_id, a.language, a.n_chars, "
            "(SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS n_entities, "
            "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes")


def _searching(db: Reader, query: str, run) -> Any:
    """``run(search)`` with each of the store's ways to search ``query`` until one is valid
    (SQLite retries invalid FTS5 syntax as plain words); None when none is."""
    tries = db.search(query)
    for i, search in enumerate(tries):
        if search is None:
            return None
        try:
            return run(search)
        except db.store._DB_ERRORS:
            if i == len(tries) - 1:
                raise
    return None


def article_page(db: Reader, filters: ArticleFilters, limit: int,
                 state: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """One page of articles and the cursor state of the next page (None at the end).

    With a text query the page is ranked by relevance (the store's full-text rank,
    headline weighted) and paged by offset; otherwise it is newest first
    (published, else updated) and paged by keyset.
    """
    where, params = filters.where(db)
    if filters.q:
        offset = int(state.get("o", 0))

        def run(search: SearchSQL) -> list[dict[str, Any]]:
            text = f", {search.snippet_text} AS snippet_text" if search.snippet_text else ""
            sql = (f"SELECT {_list_columns(db)}, {search.score} AS score, {search.snippet} AS snippet{text} "
                   f"FROM {search.from_} WHERE {search.match}" + "".join(f" AND {w}" for w in where) +
                   " ORDER BY score DESC, a.id LIMIT ? OFFSET ?")
            return _dicts(db.execute(sql, (*search.params, *params, limit + 1, offset)))

        rows = _searching(db, filters.q, run) or []
        for row in rows:
            row["score"] = float(row["score"])
            row["snippet"] = db.store._clip_snippet(row["snippet"], row.pop("snippet_text", None))
        more = len(rows) > limit
        return rows[:limit], ({"o": offset + limit} if more else None)
    key = state.get("k")
    if key is not None:
        if len(key) != 2 or not all(isinstance(k, str) for k in key):
            raise ValueError("bad keyset cursor")
        where.append(f"({_DAY} < ? OR ({_DAY} = ? AND a.id < ?))")
        params += [key[0], key[0], key[1]]
    sql = (f"SELECT {_list_columns(db)}, {_DAY} AS sort_day FROM articles a" +
           (" WHERE " + " AND ".join(where) if where else "") +
           f" ORDER BY {_DAY} DESC, a.id DESC LIMIT ?")
    rows = _dicts(db.execute(sql, (*params, limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    for row in rows:
        row.pop("sort_day", None)
    nxt = {"k": [_sort_day(last), last["id"]]} if more and last else None
    return rows, nxt


def _sort_day(row: dict[str, Any]) -> str:
    return row.get("published") or row.get("updated") or ""


def article_facets(db: Reader, filters: ArticleFilters, size: int = 20) -> dict[str, list]:
    """Counts of the filtered articles by month, source, country and (with an events
    index) event type: ``{"month": [{"value", "count"}], ...}``."""
    where, params = filters.where(db)
    cols = "a.id, a.published, a.updated, a.source_path, a.source_url"
    if filters.q:
        def run(search: SearchSQL) -> tuple[str, list, int]:
            base = (f"SELECT {cols} FROM {search.from_} WHERE {search.match}" +
                    "".join(f" AND {w}" for w in where))
            every = [*search.params, *params]
            return base, every, db.execute(f"WITH hits AS ({base}) SELECT COUNT(*) FROM hits", every).fetchone()[0]

        found = _searching(db, filters.q, run)
        if found is None:
            return {"month": [], "source": [], "country": [], "event_type": [], "total": 0}
        base, params, total = found
    else:
        base = f"SELECT {cols} FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
        total = db.execute(f"WITH hits AS ({base}) SELECT COUNT(*) FROM hits", params).fetchone()[0]
    with_hits = f"WITH hits AS ({base}) "
    out: dict[str, Any] = {"total": int(total)}
    out["month"] = _facet(db, with_hits + "SELECT substr(COALESCE(published, updated), 1, 7) AS value, "
                          "COUNT(*) AS count FROM hits WHERE COALESCE(published, updated) IS NOT NULL "
                          "GROUP BY value ORDER BY value DESC LIMIT ?", (*params, size))
    out["source"] = _facet(db, with_hits + "SELECT value, COUNT(*) AS count FROM (SELECT "
                           f"{db.source('source_path', 'source_url')} AS value FROM hits) AS s "
                           "WHERE value IS NOT NULL GROUP BY value ORDER BY count DESC, value LIMIT ?",
                           (*params, size))
    out["country"] = _facet(db, with_hits + "SELECT p.country AS value, COUNT(DISTINCT p.article_id) AS count "
                            "FROM places p JOIN hits h ON h.id = p.article_id WHERE p.country IS NOT NULL "
                            "GROUP BY p.country ORDER BY count DESC, value LIMIT ?", (*params, size))
    if filters.events_sql is not None:
        out["event_type"] = _facet(db, with_hits + "SELECT t.type AS value, COUNT(DISTINCT t.article_id) AS count "
                                   f"FROM ({filters.events_sql.types_by_article}) t JOIN hits h ON h.id = t.article_id "
                                   "WHERE t.type IS NOT NULL GROUP BY t.type ORDER BY count DESC, value LIMIT ?",
                                   (*params, size))
    else:
        out["event_type"] = []
    return out


def _facet(db: Reader, sql: str, params) -> list[dict[str, Any]]:
    return [{"value": v, "count": int(c)} for v, c in db.execute(sql, params)]


def article_doc(db: Reader, key: str) -> tuple[str, str] | None:
    """``(id, stored JSON document)`` for an id or a unique prefix, else None.

    An ambiguous prefix gives None too; the caller asks the store for the
    precise reason.
    """
    row = db.execute("SELECT id, doc FROM articles WHERE id = ?", (key,)).fetchone()
    if row is None and len(key) >= MIN_PREFIX:
        clause, params = db.prefix("id", key)
        rows = db.execute(f"SELECT id, doc FROM articles WHERE {clause} ORDER BY id LIMIT 2", params).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return (row[0], row[1]) if row else None


def entity_page(db: Reader, type: str | None, query: str | None, limit: int,
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
           f"{db.collect('aliases')} AS aliases FROM entities" +
           (" WHERE " + " AND ".join(where) if where else "") +
           " GROUP BY name, type ORDER BY articles DESC, mentions DESC, name, type LIMIT ? OFFSET ?")
    rows = _dicts(db.execute(sql, (*params, limit, offset)))
    for row in rows:
        groups = db.collected(row["aliases"])      # each article's aliases, a JSON list
        row["aliases"] = sorted({a for group in groups for a in json.loads(group)} - {row["name"]})
        row["mentions"] = int(row["mentions"] or 0)
        row["articles"] = int(row["articles"])
    return rows


_QUOTE_COLS = ('q.article_id, q.quote_id, q.kind, q."start", q."end", q.text, q.cue, q.speaker_name, '
               "q.speaker_entity, q.speaker_description, q.speaker_role, q.confidence, a.headline, "
               "COALESCE(a.published, a.updated) AS date")
# undated last on both backends (PostgreSQL sorts NULL first in DESC)
_NEWEST = "COALESCE(a.published, a.updated, '')"


def entity_detail(db: Reader, type: str, name: str, limit: int = 50) -> dict[str, Any] | None:
    """A referent across articles: aliases, the articles and mentions, quotes by and about it.

    ``None`` when no article names ``(name, type)``.
    """
    rows = _dicts(db.execute(
        "SELECT e.article_id, e.entity_id, e.aliases, e.n_mentions, a.headline, "
        "COALESCE(a.published, a.updated) AS date FROM entities e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.name = ? AND e.type = ? ORDER BY {_NEWEST} DESC, e.article_id", (name, type)))
    if not rows:
        return None
    aliases = sorted({a for r in rows for a in json.loads(r["aliases"])} - {name})
    mentions = _dicts(db.execute(
        'SELECT m.article_id, m.entity_id, m."start", m."end", m.text FROM mentions m '
        "JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id "
        'WHERE e.name = ? AND e.type = ? ORDER BY m.article_id, m."start"', (name, type)))
    by = _dicts(db.execute(
        f"SELECT {_QUOTE_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        "JOIN entities e ON e.article_id = q.article_id AND e.entity_id = q.speaker_entity "
        f'WHERE e.name = ? AND e.type = ? ORDER BY {_NEWEST} DESC, q.article_id, q."start" LIMIT ?',
        (name, type, limit)))
    about = _dicts(db.execute(
        f"SELECT DISTINCT {_QUOTE_COLS}, {_NEWEST} AS sort_date FROM quotes q JOIN articles a ON a.id = q.article_id "
        "JOIN entities e ON e.article_id = q.article_id AND e.name = ? AND e.type = ? "
        'JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id '
        'AND m."start" >= q."start" AND m."end" <= q."end" '
        "WHERE q.speaker_entity IS NULL OR q.speaker_entity != e.entity_id "
        'ORDER BY sort_date DESC, q.article_id, q."start" LIMIT ?', (name, type, limit)))
    for row in about:
        row.pop("sort_date")
    articles = [{"id": r["article_id"], "entity_id": r["entity_id"], "headline": r["headline"],
                 "date": r["date"], "mentions": int(r["n_mentions"])} for r in rows]
    return {"name": name, "type": type, "aliases": aliases, "n_articles": len(rows),
            "n_mentions": sum(a["mentions"] for a in articles), "articles": articles[:limit],
            "mentions": mentions[: limit * 4], "quotes_by": by, "quotes_about": about}


def place_page(db: Reader, country: str | None, since: str | None, until: str | None,
               limit: int, offset: int) -> list[dict[str, Any]]:
    """Resolved places by gazetteer id, most reported first (``store.places`` with an offset)."""
    where, params = ["p.geonameid IS NOT NULL"], []
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    date_bounds(where, params, since, until)
    # one gazetteer id has one name, feature, country and point: MIN picks it portably
    sql = ("SELECT p.geonameid, MIN(p.name) AS name, MIN(p.feature) AS feature, MIN(p.country) AS country, "
           "MIN(p.admin1) AS admin1, MIN(p.lat) AS lat, MIN(p.lon) AS lon, "
           "COUNT(DISTINCT p.article_id) AS articles, COUNT(*) AS mentions, "
           f"{db.collect('p.text', distinct=True)} AS forms FROM places p JOIN articles a ON a.id = p.article_id "
           "WHERE " + " AND ".join(where) +
           " GROUP BY p.geonameid ORDER BY articles DESC, mentions DESC, name, p.geonameid LIMIT ? OFFSET ?")
    rows = _dicts(db.execute(sql, (*params, limit, offset)))
    for row in rows:
        row["forms"] = sorted(db.collected(row["forms"]))
        row["articles"], row["mentions"] = int(row["articles"]), int(row["mentions"])
    return rows


def day_counts(db: Reader, since: str | None = None, until: str | None = None) -> list[dict]:
    """Articles per day (published, else updated)."""
    where, params = ["COALESCE(published, updated) IS NOT NULL"], []
    day = "substr(COALESCE(published, updated), 1, 10)"
    date_bounds(where, params, since, until, alias="")
    sql = f"SELECT {day} AS day, COUNT(*) AS articles FROM articles WHERE " + " AND ".join(where) + \
        " GROUP BY day ORDER BY day"
    return [{"day": d, "articles": int(n)} for d, n in db.execute(sql, params)]


def country_counts(db: Reader, limit: int = 250) -> list[dict]:
    """Articles naming a resolved place in each country."""
    sql = ("SELECT country, COUNT(DISTINCT article_id) AS articles, COUNT(*) AS mentions FROM places "
           "WHERE country IS NOT NULL GROUP BY country ORDER BY articles DESC, country LIMIT ?")
    return [{"country": c, "articles": int(a), "mentions": int(m)} for c, a, m in db.execute(sql, (limit,))]


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def top_speakers(db: Reader, limit: int = 30) -> list[dict[str, Any]]:
    """Speakers with the most quotes (resolved name, else description)."""
    sql = ("SELECT COALESCE(speaker_name, speaker_description) AS speaker, COUNT(*) AS quotes, "
           "COUNT(DISTINCT article_id) AS articles FROM quotes "
           "WHERE COALESCE(speaker_name, speaker_description) IS NOT NULL "
           "GROUP BY speaker ORDER BY quotes DESC, speaker LIMIT ?")
    return [{**r, "quotes": int(r["quotes"]), "articles": int(r["articles"])}
            for r in _dicts(db.execute(sql, (limit,)))]


def incident_counts(db: Reader, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Incidents (issue 5's ``incidents`` table) by day and type, by type and by country.

    An incident's day is the start of its date interval, else its first report's
    publication day; ``since``/``until`` bound that day.
    """
    day = "COALESCE(date_lo, substr(first_published, 1, 10))"
    where, params = [], []
    day_bounds(where, params, day, since, until)
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = db.execute(f"SELECT COUNT(*) FROM incidents{cond}", params).fetchone()[0]
    reports = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    by_day = [{"day": d, "type": t, "events": int(n)} for d, t, n in db.execute(
        f"SELECT {day} AS day, type, COUNT(*) FROM incidents{cond}{' AND' if cond else ' WHERE'} {day} IS NOT NULL "
        "GROUP BY day, type ORDER BY day, type", params)]
    by_type = [{"type": t, "events": int(n)} for t, n in db.execute(
        f"SELECT type, COUNT(*) AS n FROM incidents{cond} GROUP BY type ORDER BY n DESC, type", params)]
    by_country = [{"country": c, "events": int(n)} for c, n in db.execute(
        f"SELECT country, COUNT(*) AS n FROM incidents{cond}{' AND' if cond else ' WHERE'} country IS NOT NULL "
        "GROUP BY country ORDER BY n DESC, country", params)]
    return {"events": int(total), "reports": int(reports), "events_by_day": by_day, "events_by_type": by_type,
            "events_by_country": by_country}
