"""The dialect-neutral store: what SQLite and PostgreSQL share.

:class:`Store` holds every query written in the portable subset both databases
understand (SQLite's ``?`` placeholders; :class:`~dateline.store.pg.PgConnection`
translates them for PostgreSQL). A backend subclass supplies the connection, its
transactions, its full-text search and the few fragments that differ::

    Store                         base.py     add, known_ids, get, articles, quotes, events, ...
    ├── SQLiteStore               sqlite.py   file checks, pragmas, FTS5, BEGIN IMMEDIATE
    └── PostgresStore             postgres.py psycopg 3, tsvector, BEGIN + advisory lock

Every public method turns the driver's errors into :class:`~dateline.errors.StoreError`
with a one-line reason. Writes run in one transaction per batch and roll back on any
exception, ``KeyboardInterrupt`` included, so a batch is stored whole or not at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar
from urllib.parse import urlsplit

from ..errors import NotFound, StoreError
from ..model import Article
from . import events as _events

__all__ = ["Store", "AddResult", "SearchSQL", "MIN_PREFIX", "quote_terms", "source_name"]

MIN_PREFIX = 4
"""Shortest id prefix :meth:`Store.get` accepts in place of a full id."""

_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit
_TOP = "\U0010ffff"  # sorts after every character (by code point): upper bound for prefix ranges

_LIST_COLUMNS = """a.id, a.headline, a.published, a.updated, a.source_path, a.source_id,
    a.source_url AS url, a.language,
    (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS n_entities, a.n_chars"""


@dataclass(slots=True)
class AddResult:
    """What :meth:`Store.add` did: how many articles were stored, how many
    were skipped as duplicates, and the ids newly stored (in input order)."""

    stored: int = 0
    duplicates: int = 0
    ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SearchSQL:
    """One way to ask a store's full-text index for a query, as SQL fragments for the
    read-only pages (``store/pages.py``): ``from_`` joins the index to ``articles a``,
    ``match`` keeps the hits; ``params`` fill the marks of ``from_`` then ``match``.
    ``score`` ranks them (higher is better), ``snippet`` shows the hits marked ``[`` ``]``;
    ``snippet_text`` (when set) is the text the snippet was cut from, for the store's
    :meth:`Store._clip_snippet`."""

    from_: str
    match: str
    params: tuple
    score: str
    snippet: str
    snippet_text: str | None = None


class Store:
    """A dateline store; open one with :func:`dateline.store.open_store`.

    Use as a context manager, or call :meth:`close`. A store keeps one
    connection and is used from the thread that opened it.
    """

    #: the driver's exception classes, turned into StoreError
    _DB_ERRORS: ClassVar[tuple[type[BaseException], ...]] = ()
    #: the driver's integrity-error classes (a repeated key inside one article)
    _INTEGRITY_ERRORS: ClassVar[tuple[type[BaseException], ...]] = ()
    #: ORDER BY for :meth:`articles`, newest ingested first
    _ARTICLE_ORDER: ClassVar[str] = "a.ingested_at DESC, a.id DESC"

    path: str
    _conn: Any

    # -- life cycle ---------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except self._DB_ERRORS as exc:
                raise StoreError(f"{self.path}: cannot close the database: {self._reason(exc)}") from exc

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else "open"
        return f"<{type(self).__name__} {self.path!r} ({state})>"

    # -- writing ------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self._reading() as conn:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i:i + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                rows = conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
                found.update(r[0] for r in rows)
        return found

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Store a batch of articles in one transaction.

        Articles whose id is already stored, or that repeat an id earlier in the
        batch, are counted as duplicates and skipped. If anything fails, the
        whole batch is rolled back and :class:`StoreError` is raised (a
        ``KeyboardInterrupt`` rolls back too and propagates unchanged).
        ``ingested_at`` steps by a microsecond per stored article, so the
        newest-first order of :meth:`articles` needs no row numbers.
        """
        result = AddResult()
        start = datetime.now(timezone.utc)
        with self._writing() as conn:
            for article in articles:
                now = (start + timedelta(microseconds=result.stored)).isoformat(timespec="microseconds")
                if self._insert_article(conn, article, now):
                    result.stored += 1
                    result.ids.append(article.id)
                else:
                    result.duplicates += 1
            if result.ids:
                _events.remerge(conn, result.ids)
        return result

    # -- reading ------------------------------------------------------------

    def get(self, article_id: str) -> Article:
        """The stored article with this id, or with this unique id prefix
        (at least :data:`MIN_PREFIX` characters). Raises :class:`NotFound`."""
        key = (article_id or "").strip()
        with self._reading() as conn:
            row = conn.execute("SELECT doc FROM articles WHERE id = ?", (key,)).fetchone()
            if row is None and len(key) >= MIN_PREFIX:
                clause, params = self._prefix("id", key)
                rows = conn.execute(f"SELECT id, doc FROM articles WHERE {clause} ORDER BY id LIMIT 6",
                                    params).fetchall()
                if len(rows) > 1:
                    shown = ", ".join(r[0] for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
                    raise NotFound(f"article id prefix {key!r} is ambiguous: matches {shown}")
                row = (rows[0][1],) if rows else None
        if row is None:
            hint = "" if len(key) >= MIN_PREFIX else f" (a prefix needs at least {MIN_PREFIX} characters)"
            raise NotFound(f"no article with id {key!r} in {self.path}{hint}")
        try:
            return Article.from_dict(json.loads(row[0]))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{self.path}: stored document for {key!r} is corrupt: {exc}") from exc

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Article summaries, newest ingested first."""
        limit, offset = check_count("limit", limit), check_count("offset", offset)
        sql = f"SELECT {_LIST_COLUMNS} FROM articles a ORDER BY {self._ARTICLE_ORDER} LIMIT ? OFFSET ?"
        with self._reading() as conn:
            return dicts(conn.execute(sql, (limit, offset)))

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over headline and body, best first: ``id``, ``headline``,
        ``published``, ``snippet`` (hits marked with ``[`` and ``]``) and ``score``
        (higher is better). An empty query raises :class:`StoreError`."""
        raise NotImplementedError

    def entities(self, type: str | None = None, limit: int = 50,
                 query: str | None = None) -> list[dict[str, Any]]:
        """Entities aggregated across articles by ``(name, type)``.

        ``type`` keeps one entity type (exact, e.g. ``"GPE"``); ``query`` keeps
        names or aliases containing it (case-insensitive for ASCII). Ordered by
        number of articles, then mentions, then name.
        """
        limit = check_count("limit", limit)
        where, params = [], []
        if type:
            where.append("type = ?")
            params.append(type)
        if query and query.strip():
            pattern = "%" + escape_like(query.strip()) + "%"
            where.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        sql = (
            "SELECT name, type, COUNT(DISTINCT article_id) AS articles, "
            f"SUM(n_mentions) AS mentions, {self._collect('aliases')} AS aliases "
            "FROM entities" + (" WHERE " + " AND ".join(where) if where else "") +
            " GROUP BY name, type ORDER BY articles DESC, mentions DESC, name, type LIMIT ?"
        )
        with self._reading() as conn:
            rows = dicts(conn.execute(sql, (*params, limit)))
        for row in rows:
            groups = self._collected(row["aliases"])
            row["aliases"] = sorted({a for group in groups for a in json.loads(group)})
            row["mentions"] = int(row["mentions"] or 0)
            row["articles"] = int(row["articles"])
        return rows

    def quotes(self, speaker: str | None = None, search: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Quotes across articles, newest article first.

        ``speaker`` matches the resolved speaker's name, the speaker description,
        or any alias of the speaker's entity in that article, so a person's
        quotes are found whichever alias an article used (case-insensitive for
        ASCII). ``search`` matches the quoted text; ``since``/``until`` compare
        the article's published (else updated) date as ISO text.
        """
        limit, offset = check_count("limit", limit), check_count("offset", offset)
        where, params = [], []
        if speaker and speaker.strip():
            pattern = "%" + escape_like(speaker.strip()) + "%"
            where.append(
                "(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_description LIKE ? ESCAPE '\\' OR EXISTS ("
                "SELECT 1 FROM entities e WHERE e.article_id = q.article_id AND e.entity_id = q.speaker_entity "
                "AND (e.name LIKE ? ESCAPE '\\' OR e.aliases LIKE ? ESCAPE '\\')))")
            params += [pattern] * 4
        if search and search.strip():
            where.append("q.text LIKE ? ESCAPE '\\'")
            params.append("%" + escape_like(search.strip()) + "%")
        date_bounds(where, params, since, until)
        day = "COALESCE(a.published, a.updated)"
        sql = (
            'SELECT q.article_id, q.quote_id, q.kind, q."start", q."end", q.text, q.cue, q.speaker_name, '
            "q.speaker_entity, q.speaker_description, q.speaker_role, q.confidence, a.headline, "
            f"{day} AS date FROM quotes q JOIN articles a ON a.id = q.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            # COALESCE(..., ''): undated last on both backends (PostgreSQL sorts NULL first in DESC)
            + f' ORDER BY COALESCE({day}, \'\') DESC, a.ingested_at DESC, q."start" LIMIT ? OFFSET ?'
        )
        with self._reading() as conn:
            return dicts(conn.execute(sql, (*params, limit, offset)))

    def places(self, country: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 100) -> list[dict[str, Any]]:
        """Resolved places aggregated across articles by gazetteer id, most reported first.

        ``country`` is an ISO 3166 alpha-2 code; ``since``/``until`` bound the
        article date (published, else updated) as ISO days.
        """
        limit = check_count("limit", limit)
        where, params = ["p.geonameid IS NOT NULL"], []
        if country:
            where.append("p.country = ?")
            params.append(country.upper())
        date_bounds(where, params, since, until)
        # one gazetteer id has one name, feature, country and point: MIN picks it portably
        sql = (
            "SELECT p.geonameid, MIN(p.name) AS name, MIN(p.feature) AS feature, MIN(p.country) AS country, "
            "MIN(p.admin1) AS admin1, MIN(p.lat) AS lat, MIN(p.lon) AS lon, "
            "COUNT(DISTINCT p.article_id) AS articles, COUNT(*) AS mentions, "
            f"{self._collect('p.text', distinct=True)} AS forms "
            "FROM places p JOIN articles a ON a.id = p.article_id WHERE " + " AND ".join(where) +
            " GROUP BY p.geonameid ORDER BY articles DESC, mentions DESC, name LIMIT ?"
        )
        with self._reading() as conn:
            rows = dicts(conn.execute(sql, (*params, limit)))
        for row in rows:
            row["forms"] = sorted(self._collected(row["forms"]))
        return rows

    def events(self, type: str | None = None, country: str | None = None, since: str | None = None,
               until: str | None = None, near: tuple[float, float, float] | str | None = None,
               bbox: tuple[float, float, float, float] | str | None = None, min_killed: int | None = None,
               limit: int = 50, offset: int = 0, full: bool = False) -> list[dict[str, Any]]:
        """Incidents (events merged across articles), newest first.

        ``type`` is a code (``SUIC_BOMB``), an ACLED event type or sub-event type
        (``Battles``, ``Suicide bomb``, any case) or a family (``violence``);
        ``country`` ISO alpha-2; ``since``/``until`` bound the incident date
        (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an undated incident counts at
        its first report); ``near`` ``(lat, lon, km)`` keeps incidents within
        ``km`` (adds ``distance_km``); ``bbox`` ``(min_lat, min_lon, max_lat,
        max_lon)``; ``min_killed`` keeps incidents with at least that many
        killed. ``full`` adds the whole incident document as ``incident``.
        """
        limit, offset = check_count("limit", limit), check_count("offset", offset)
        with self._reading() as conn:
            return _events.list_incidents(conn, type=type, country=country, since=since, until=until,
                                          near=near, bbox=bbox, min_killed=min_killed, limit=limit,
                                          offset=offset, full=full)

    def event(self, incident_id: str) -> dict[str, Any]:
        """One incident with every report (article headline, figures, evidence spans),
        by id or unique prefix (:data:`MIN_PREFIX` characters after ``ev_``).
        Raises :class:`NotFound`."""
        with self._reading() as conn:
            return _events.get_incident(conn, incident_id, self.path, MIN_PREFIX, prefix=self._prefix)

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """The events of one stored article, each with its ``incident_id`` and the
        incident's ``n_reports``. Raises :class:`NotFound`."""
        with self._reading() as conn:
            return _events.article_events(conn, article_id, self.path)

    def count(self) -> int:
        """Number of stored articles."""
        with self._reading() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def stats(self) -> dict[str, Any]:
        """Counts of articles, distinct entities (by name and type), mentions,
        events (one per article report) and incidents, plus the database path
        (a URL without its password for PostgreSQL) and schema version."""
        with self._reading() as conn:
            articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            entities = conn.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM entities GROUP BY name, type) AS g").fetchone()[0]
            mentions = conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
            version = self._schema_version(conn)
            facts = _events.counts(conn)
        return {"articles": int(articles), "entities": int(entities), "mentions": int(mentions),
                **facts, "path": self.path, "schema_version": version}

    # -- what a backend supplies ----------------------------------------------

    def _begin(self, conn: Any) -> None:
        """Start a write transaction (taking whatever lock serialises writers)."""
        raise NotImplementedError

    def _schema_version(self, conn: Any) -> int:
        raise NotImplementedError

    def _collect(self, expr: str, distinct: bool = False) -> str:
        """SQL aggregating ``expr`` of a group into one list value (see :meth:`_collected`)."""
        raise NotImplementedError

    def _collected(self, value: Any) -> list:
        """The Python list from a :meth:`_collect` column."""
        raise NotImplementedError

    def _prefix(self, column: str, key: str) -> tuple[str, list]:
        """SQL keeping rows whose ``column`` starts with ``key``, and its parameters.
        By default a code-point range (an index range in SQLite's BINARY collation)."""
        return f"{column} >= ? AND {column} < ?", [key, key + _TOP]

    def _reason(self, exc: BaseException) -> str:
        """A driver error as one line."""
        return " ".join(str(exc).split())

    def _snapshot(self, conn: Any) -> bool:
        """Begin a read-only snapshot for a multi-statement read; True if one was begun."""
        return False

    # -- what a backend supplies to the read-only pages (store/pages.py) ------------

    def _read_only(self) -> None:
        """Make this store's connection refuse every write from now on (the web server's readers)."""
        raise NotImplementedError

    def _source_sql(self, path: str, url: str) -> str:
        """SQL computing :func:`source_name` of the columns ``path`` and ``url``."""
        raise NotImplementedError

    def _search_sql(self, query: str) -> list[SearchSQL | None]:
        """Ways to run a full-text ``query`` inside a larger statement, to try in turn while
        the one before fails with a database error; ``None`` (or the end of an empty list)
        means nothing matches. A failure of the last way is raised."""
        raise NotImplementedError

    def _clip_snippet(self, snippet: str | None, text: str | None) -> str | None:
        """A snippet of :attr:`SearchSQL.snippet` as shown (with its ``snippet_text``, if any)."""
        return snippet

    def _has_table(self, conn: Any, name: str) -> bool:
        """Whether the store has a table or view called ``name``."""
        raise NotImplementedError

    def _columns(self, conn: Any, table: str) -> set[str]:
        """The column names of ``table`` (empty when there is no such table)."""
        raise NotImplementedError

    # -- plumbing -----------------------------------------------------------

    def _live(self) -> Any:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        conn = self._live()
        began = False
        try:
            began = self._snapshot(conn)
            yield conn
            if began:
                conn.execute("COMMIT")
        except BaseException as exc:
            if began:
                self._rollback(conn)
            if isinstance(exc, self._DB_ERRORS):
                raise StoreError(f"{self.path}: {self._reason(exc)}") from exc
            raise

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        conn = self._live()
        try:
            self._begin(conn)
        except self._DB_ERRORS as exc:
            self._rollback(conn)
            raise StoreError(f"{self.path}: cannot start a transaction: {self._reason(exc)}") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            self._rollback(conn)
            if isinstance(exc, self._DB_ERRORS):
                raise StoreError(f"{self.path}: write failed, nothing stored: {self._reason(exc)}") from exc
            raise

    def _rollback(self, conn: Any) -> None:
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except self._DB_ERRORS:
            # The original error is more useful; the database discards the
            # transaction when the connection closes anyway.
            return

    def _insert_article(self, conn: Any, article: Article, now: str) -> bool:
        """Insert one article with its index rows; False if its id is already stored."""
        try:
            doc = json.dumps(article.to_dict(), ensure_ascii=False)
            body = article.body
            entities = [(e.id, e.name, e.type, json.dumps(list(e.aliases), ensure_ascii=False),
                         [(m.start, m.end, m.text, m.label) for m in e.mentions])
                        for e in article.entities]
            quotes = _quote_rows(article)
            times = _time_rows(article)
            places = _place_rows(article)
            events = _events.event_rows(article)
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            raise StoreError(f"article {getattr(article, 'id', '?')}: cannot be serialised: {exc}") from exc
        src = article.source
        cur = conn.execute(
            "INSERT INTO articles (id, headline, published, updated, byline, language, source_path, "
            "source_url, source_format, source_index, source_id, n_chars, doc, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (article.id, article.headline, article.published, article.updated, article.byline,
             article.language, src.path, src.url, src.format, src.index, src.id,
             len(article.text), doc, now),
        )
        if cur.rowcount == 0:
            return False
        conn.execute("INSERT INTO articles_fts (id, headline, body) VALUES (?, ?, ?)",
                     (article.id, article.headline or "", body))
        for entity_id, name, etype, aliases, mentions in entities:
            try:
                conn.execute(
                    "INSERT INTO entities (article_id, entity_id, name, type, aliases, n_mentions) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (article.id, entity_id, name, etype, aliases, len(mentions)),
                )
            except self._INTEGRITY_ERRORS as exc:
                raise StoreError(f"article {article.id}: entity {entity_id!r} cannot be stored: "
                                 f"{self._reason(exc)}") from exc
            conn.executemany(
                'INSERT INTO mentions (article_id, entity_id, "start", "end", text, label) '
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(article.id, entity_id, *m) for m in mentions],
            )
        conn.executemany(
            'INSERT INTO quotes (article_id, quote_id, kind, "start", "end", text, cue, speaker_name, '
            "speaker_entity, speaker_description, speaker_role, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article.id, *q) for q in quotes],
        )
        conn.executemany(
            'INSERT INTO times (article_id, idx, "start", "end", text, type, value, mod) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article.id, *t) for t in times],
        )
        conn.executemany(
            'INSERT INTO places (article_id, idx, "start", "end", text, name, geonameid, feature, country, '
            "admin1, lat, lon, precision, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article.id, *p) for p in places],
        )
        _events.insert_events(conn, article.id, events)
        return True


# -- row helpers ----------------------------------------------------------------

def _time_rows(article: Article) -> list[tuple]:
    return [(i, int(t["start"]), int(t["end"]), t["text"], t.get("type"), t.get("value"), t.get("mod"))
            for i, t in enumerate(article.times)]


def _place_rows(article: Article) -> list[tuple]:
    return [(i, int(p["start"]), int(p["end"]), p["text"], p.get("name"),
             None if p.get("geonameid") is None else str(p["geonameid"]), p.get("feature"),
             p.get("country"), p.get("admin1"), p.get("lat"), p.get("lon"), p.get("precision"),
             p.get("confidence"))
            for i, p in enumerate(article.places)]


def _quote_rows(article: Article) -> list[tuple]:
    """Index rows for an article's quotes (the full quote stays in the JSON document)."""
    rows = []
    for i, q in enumerate(article.quotes):
        content = q.get("content") or {}
        speaker = q.get("speaker") or {}
        cue = q.get("cue") or {}
        rows.append((q.get("id") or f"q{i + 1}", q.get("kind") or "direct", int(content["start"]),
                     int(content["end"]), content["text"], cue.get("lemma") or cue.get("text"),
                     speaker.get("name"), speaker.get("entity"), speaker.get("description"),
                     speaker.get("role"), q.get("confidence")))
    return rows


def by_id(conn: Any, columns: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Rows of ``articles`` keyed by id."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for row in dicts(conn.execute(f"SELECT {columns} FROM articles WHERE id IN ({marks})", chunk)):
            out[row["id"]] = row
    return out


def dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def date_bounds(where: list[str], params: list, since: str | None, until: str | None,
                alias: str = "a.") -> None:
    """Bound the article (``alias``: the joined ``a.`` by default, ``""`` for the articles
    table itself) by its day (published, else updated), ISO text."""
    day_bounds(where, params, f"substr(COALESCE({alias}published, {alias}updated), 1, 10)", since, until)


def day_bounds(where: list[str], params: list, day: str, since: str | None, until: str | None) -> None:
    """Bound the SQL expression ``day`` (an ISO day as text) by ``since``/``until``."""
    if since:
        where.append(f"{day} >= ?")
        params.append(since[:10])
    if until:
        where.append(f"{day} <= ?")
        params.append(until[:10])


def check_count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise StoreError(f"{name} must be a non-negative integer, got {value!r}")
    return value


def check_query(query: Any) -> str:
    if not isinstance(query, str) or not query.strip():
        raise StoreError("search query is empty")
    return query


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def source_name(path: str | None, url: str | None) -> str | None:
    """The source an article is filed under: its URL's host (without ``www.``), else its
    input file's name. PostgreSQL computes the same in SQL (``PostgresStore._source_sql``)."""
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:          # e.g. an unbalanced "[" in the host: no host, so the path
            host = None
        if host:
            return host[4:] if host.startswith("www.") else host
    if path:
        return os.path.basename(path.rstrip("/\\")) or path
    return None


def quote_terms(query: str) -> str:
    """``query`` as FTS5 plain terms: each word with a letter or digit, double-quoted."""
    words = [w for w in query.split() if any(ch.isalnum() for ch in w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)
