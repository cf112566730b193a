"""The SQLite store: one file (or ``":memory:"``), WAL mode, an FTS5 index over
headline and body.

The queries both backends share live in :mod:`dateline.store.base`; this module
adds SQLite's own parts: opening and checking the file, its pragmas, writes in
``BEGIN IMMEDIATE`` ... ``COMMIT`` (one writer at a time, readers unaffected in
WAL mode), FTS5 search with bm25 and ``snippet()``, and ``json_group_array``
for the aggregated lists.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import (MIN_PREFIX, AddResult, SearchSQL, Store, by_id, check_count, check_query, quote_terms,
                   source_name)
from .schema import current_version, migrate

__all__ = ["SQLiteStore", "AddResult", "MIN_PREFIX", "quote_terms"]

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADLINE_WEIGHT = 5.0
_BODY_WEIGHT = 1.0
_SNIPPET_TOKENS = 16



class SQLiteStore(Store):
    """A dateline store in one SQLite file (or ``":memory:"``).

    Use as a context manager, or call :meth:`close`. A store is used from the
    thread that opened it.
    """

    _DB_ERRORS = (sqlite3.Error,)
    _INTEGRITY_ERRORS = (sqlite3.IntegrityError,)
    _ARTICLE_ORDER = "a.ingested_at DESC, a.rowid DESC"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None
        self._conn = _connect(self.path)
        try:
            migrate(self._conn, where=self.path)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "SQLiteStore":
        return self

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over headline and body, best first.

        ``query`` uses FTS5 syntax (``"exact phrase"``, ``OR``, ``NOT``,
        ``prefix*``, ``headline:word``); a query that is not valid FTS5 is
        searched again with each word quoted as a plain term. ``score`` is the
        negated bm25 rank: higher is better. Hits in ``snippet`` are marked
        with ``[`` and ``]``.
        """
        limit = check_count("limit", limit)
        query = check_query(query)
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
            meta = by_id(conn, "id, headline, published", [h[0] for h in hits])
        out = []
        for article_id, rank, snippet in hits:
            row = meta.get(article_id, {})
            out.append({"id": article_id, "headline": row.get("headline"),
                        "published": row.get("published"), "snippet": snippet,
                        "score": -float(rank)})
        return out

    # -- SQLite's parts -------------------------------------------------------

    def _begin(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def _schema_version(self, conn: sqlite3.Connection) -> int:
        return current_version(conn)

    def _collect(self, expr: str, distinct: bool = False) -> str:
        return f"json_group_array({'DISTINCT ' if distinct else ''}{expr})"

    def _collected(self, value: Any) -> list:
        return json.loads(value)

    # -- SQLite's parts of the read-only pages ----------------------------------

    def _read_only(self) -> None:
        with self._reading() as conn:
            conn.execute("PRAGMA query_only = ON")

    def _source_sql(self, path: str, url: str) -> str:
        return f"dl_source({path}, {url})"      # source_name, registered on every connection

    def _search_sql(self, query: str) -> list[SearchSQL | None]:
        score = f"-bm25(articles_fts, 0.0, {_HEADLINE_WEIGHT}, {_BODY_WEIGHT})"
        snippet = f"snippet(articles_fts, -1, '[', ']', '…', {_SNIPPET_TOKENS})"
        literal = quote_terms(query)     # when the query is not valid FTS5: its words as plain terms
        return [None if q is None else
                SearchSQL(from_="articles_fts JOIN articles a ON a.id = articles_fts.id",
                          match="articles_fts MATCH ?", params=(q,), score=score, snippet=snippet)
                for q in (query, literal or None)]

    def _has_table(self, conn: sqlite3.Connection, name: str) -> bool:
        row = conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                           (name,)).fetchone()
        return row is not None

    def _columns(self, conn: sqlite3.Connection, table: str) -> set[str]:
        return {r[1] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}


def _connect(path: str) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode with the store's pragmas, or raise StoreError."""
    if path != ":memory:":
        _check_file(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}") from exc
    try:
        conn.create_function("dl_source", 2, source_name, deterministic=True)
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
