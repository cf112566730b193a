"""The SQLite store: articles as JSON documents, entities and mentions as rows,
and an FTS5 index over headline and body.

Every public method turns ``sqlite3.Error`` into :class:`~dateline.errors.StoreError`.
Writes run in explicit transactions (``BEGIN IMMEDIATE`` ... ``COMMIT``) and roll
back on any exception, ``KeyboardInterrupt`` included, so a batch is stored whole
or not at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import NotFound, StoreError
from ..model import Article
from . import events as _events
from .schema import current_version, migrate

__all__ = ["SQLiteStore", "AddResult", "MIN_PREFIX"]

MIN_PREFIX = 4
"""Shortest id prefix :meth:`SQLiteStore.get` accepts in place of a full id."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit
_TOP = "\U0010ffff"  # sorts after every character: upper bound for prefix ranges
_HEADLINE_WEIGHT = 5.0
_BODY_WEIGHT = 1.0
_SNIPPET_TOKENS = 16

_LIST_COLUMNS = """a.id, a.headline, a.published, a.updated, a.source_path, a.source_id,
    a.source_url AS url, a.language,
    (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS n_entities, a.n_chars"""


@dataclass(slots=True)
class AddResult:
    """What :meth:`SQLiteStore.add` did: how many articles were stored, how many
    were skipped as duplicates, and the ids newly stored (in input order)."""

    stored: int = 0
    duplicates: int = 0
    ids: list[str] = field(default_factory=list)


class SQLiteStore:
    """A dateline store in one SQLite file (or ``":memory:"``).

    Use as a context manager, or call :meth:`close`. A store is used from the
    thread that opened it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None
        self._conn = _connect(self.path)
        try:
            migrate(self._conn, where=self.path)
        except BaseException:
            self.close()
            raise

    # -- life cycle ---------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot close the database: {exc}") from exc

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else "open"
        return f"<SQLiteStore {self.path!r} ({state})>"

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
        """
        result = AddResult()
        now = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        with self._writing() as conn:
            for article in articles:
                if _insert_article(conn, article, now):
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
                rows = conn.execute(
                    "SELECT id, doc FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                    (key, key + _TOP),
                ).fetchall()
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
        limit, offset = _check_count("limit", limit), _check_count("offset", offset)
        sql = (f"SELECT {_LIST_COLUMNS} FROM articles a "
               "ORDER BY a.ingested_at DESC, a.rowid DESC LIMIT ? OFFSET ?")
        with self._reading() as conn:
            return _dicts(conn.execute(sql, (limit, offset)))

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over headline and body, best first.

        ``query`` uses FTS5 syntax (``"exact phrase"``, ``OR``, ``NOT``,
        ``prefix*``, ``headline:word``); a query that is not valid FTS5 is
        searched again with each word quoted as a plain term. ``score`` is the
        negated bm25 rank: higher is better. Hits in ``snippet`` are marked
        with ``[`` and ``]``.
        """
        limit = _check_count("limit", limit)
        if not isinstance(query, str) or not query.strip():
            raise StoreError("search query is empty")
        sql = (
            "SELECT id, bm25(articles_fts, 0.0, ?, ?) AS rank, "
            "snippet(articles_fts, -1, '[', ']', '…', ?) AS snippet "
            "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        weights = (_HEADLINE_WEIGHT, _BODY_WEIGHT, _SNIPPET_TOKENS)
        with self._reading() as conn:
            try:
                hits = conn.execute(sql, (*weights, query, limit)).fetchall()
            except sqlite3.OperationalError:
                literal = quote_terms(query)
                if not literal:
                    return []
                hits = conn.execute(sql, (*weights, literal, limit)).fetchall()
            meta = _by_id(conn, "id, headline, published", [h[0] for h in hits])
        out = []
        for article_id, rank, snippet in hits:
            row = meta.get(article_id, {})
            out.append({"id": article_id, "headline": row.get("headline"),
                        "published": row.get("published"), "snippet": snippet,
                        "score": -float(rank)})
        return out

    def entities(self, type: str | None = None, limit: int = 50,
                 query: str | None = None) -> list[dict[str, Any]]:
        """Entities aggregated across articles by ``(name, type)``.

        ``type`` keeps one entity type (exact, e.g. ``"GPE"``); ``query`` keeps
        names or aliases containing it (case-insensitive for ASCII). Ordered by
        number of articles, then mentions, then name.
        """
        limit = _check_count("limit", limit)
        where, params = [], []
        if type:
            where.append("type = ?")
            params.append(type)
        if query and query.strip():
            pattern = "%" + _escape_like(query.strip()) + "%"
            where.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        sql = (
            "SELECT name, type, COUNT(DISTINCT article_id) AS articles, "
            "SUM(n_mentions) AS mentions, json_group_array(json(aliases)) AS aliases "
            "FROM entities" + (" WHERE " + " AND ".join(where) if where else "") +
            " GROUP BY name, type ORDER BY articles DESC, mentions DESC, name, type LIMIT ?"
        )
        with self._reading() as conn:
            rows = _dicts(conn.execute(sql, (*params, limit)))
        for row in rows:
            row["aliases"] = sorted({a for group in json.loads(row["aliases"]) for a in group})
            row["mentions"] = int(row["mentions"] or 0)
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
        limit, offset = _check_count("limit", limit), _check_count("offset", offset)
        where, params = [], []
        if speaker and speaker.strip():
            pattern = "%" + _escape_like(speaker.strip()) + "%"
            where.append(
                "(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_description LIKE ? ESCAPE '\\' OR EXISTS ("
                "SELECT 1 FROM entities e WHERE e.article_id = q.article_id AND e.entity_id = q.speaker_entity "
                "AND (e.name LIKE ? ESCAPE '\\' OR e.aliases LIKE ? ESCAPE '\\')))")
            params += [pattern] * 4
        if search and search.strip():
            where.append("q.text LIKE ? ESCAPE '\\'")
            params.append("%" + _escape_like(search.strip()) + "%")
        _date_bounds(where, params, since, until)
        day = "COALESCE(a.published, a.updated)"
        sql = (
            'SELECT q.article_id, q.quote_id, q.kind, q."start", q."end", q.text, q.cue, q.speaker_name, '
            "q.speaker_entity, q.speaker_description, q.speaker_role, q.confidence, a.headline, "
            f"{day} AS date FROM quotes q JOIN articles a ON a.id = q.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f' ORDER BY {day} DESC, a.ingested_at DESC, q."start" LIMIT ? OFFSET ?'
        )
        with self._reading() as conn:
            return _dicts(conn.execute(sql, (*params, limit, offset)))

    def places(self, country: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 100) -> list[dict[str, Any]]:
        """Resolved places aggregated across articles by gazetteer id, most reported first.

        ``country`` is an ISO 3166 alpha-2 code; ``since``/``until`` bound the
        article date (published, else updated) as ISO days.
        """
        limit = _check_count("limit", limit)
        where, params = ["p.geonameid IS NOT NULL"], []
        if country:
            where.append("p.country = ?")
            params.append(country.upper())
        _date_bounds(where, params, since, until)
        sql = (
            "SELECT p.geonameid, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, "
            "COUNT(DISTINCT p.article_id) AS articles, COUNT(*) AS mentions, "
            "json_group_array(DISTINCT p.text) AS forms "
            "FROM places p JOIN articles a ON a.id = p.article_id WHERE " + " AND ".join(where) +
            " GROUP BY p.geonameid ORDER BY articles DESC, mentions DESC, p.name LIMIT ?"
        )
        with self._reading() as conn:
            rows = _dicts(conn.execute(sql, (*params, limit)))
        for row in rows:
            row["forms"] = sorted(json.loads(row["forms"]))
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
        limit, offset = _check_count("limit", limit), _check_count("offset", offset)
        with self._reading() as conn:
            return _events.list_incidents(conn, type=type, country=country, since=since, until=until,
                                          near=near, bbox=bbox, min_killed=min_killed, limit=limit,
                                          offset=offset, full=full)

    def event(self, incident_id: str) -> dict[str, Any]:
        """One incident with every report (article headline, figures, evidence spans),
        by id or unique prefix (:data:`MIN_PREFIX` characters after ``ev_``).
        Raises :class:`NotFound`."""
        with self._reading() as conn:
            return _events.get_incident(conn, incident_id, self.path, MIN_PREFIX)

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
        and schema version."""
        with self._reading() as conn:
            articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            entities = conn.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM entities GROUP BY name, type)").fetchone()[0]
            mentions = conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
            version = current_version(conn)
            facts = _events.counts(conn)
        return {"articles": int(articles), "entities": int(entities), "mentions": int(mentions),
                **facts, "path": self.path, "schema_version": version}

    # -- plumbing -----------------------------------------------------------

    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        conn = self._live()
        try:
            yield conn
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        conn = self._live()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot start a transaction: {exc}") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: write failed, nothing stored: {exc}") from exc
            raise


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            # The original error is more useful; SQLite discards the transaction
            # when the connection closes anyway.
            return


def _connect(path: str) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode with the store's pragmas, or raise StoreError."""
    if path != ":memory:":
        _check_file(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        reason = "not a SQLite database" if "not a database" in str(exc) else str(exc)
        raise StoreError(f"{path}: {reason}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _check_file(path: str) -> None:
    p = Path(path)
    parent = p.parent
    if not parent.is_dir():
        raise StoreError(f"{path}: directory {str(parent)!r} does not exist")
    if p.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    if not p.exists():
        return
    try:
        with p.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the database: {exc.strerror or exc}") from exc
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{path}: not a SQLite database")


def _insert_article(conn: sqlite3.Connection, article: Article, now: str) -> bool:
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
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"article {article.id}: entity {entity_id!r} cannot be stored: {exc}") from exc
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


def _by_id(conn: sqlite3.Connection, columns: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for row in _dicts(conn.execute(f"SELECT {columns} FROM articles WHERE id IN ({marks})", chunk)):
            out[row["id"]] = row
    return out


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _date_bounds(where: list[str], params: list, since: str | None, until: str | None) -> None:
    """Bound the joined article ``a`` by its day (published, else updated), ISO text."""
    day = "substr(COALESCE(a.published, a.updated), 1, 10)"
    if since:
        where.append(f"{day} >= ?")
        params.append(since[:10])
    if until:
        where.append(f"{day} <= ?")
        params.append(until[:10])


def _check_count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise StoreError(f"{name} must be a non-negative integer, got {value!r}")
    return value


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def quote_terms(query: str) -> str:
    """``query`` as FTS5 plain terms: each word with a letter or digit, double-quoted."""
    words = [w for w in query.split() if any(ch.isalnum() for ch in w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)
