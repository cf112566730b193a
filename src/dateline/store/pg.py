"""PostgreSQL plumbing: connect with psycopg 3, run the store's SQL, apply the migrations.

The store's SQL is written once, in the portable subset both databases share, with
SQLite's ``?`` placeholders. :class:`PgConnection` wraps a psycopg connection so that
code written for ``sqlite3`` runs unchanged; its :func:`translate` turns a statement
into PostgreSQL's dialect:

* ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
* ``LIKE`` becomes ``ILIKE``: SQLite's ``LIKE`` ignores ASCII case, PostgreSQL's does not;
* ``INSERT OR REPLACE INTO t`` becomes an upsert on ``t``'s primary key.

What cannot be translated (full-text search, JSON aggregation) has its own
PostgreSQL query in :mod:`dateline.store.postgres`. Migrations reuse each step's
portable ``tables`` statements (with ``REAL`` read as ``DOUBLE PRECISION``: SQLite's
REAL is 8 bytes, PostgreSQL's 4, and coordinates must come back as stored) and add
PostgreSQL's own :data:`PG_SEARCH` (a ``tsvector`` column with a GIN index in place
of SQLite's FTS5 table).

Migrations and writers are serialised per schema with transaction-level advisory
locks (:data:`MIGRATE_LOCK`, :data:`WRITE_LOCK`), released at commit or rollback.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Iterable

from ..errors import StoreError

__all__ = ["PgConnection", "translate", "connect", "migrate_pg", "current_version_pg", "PG_SEARCH",
           "MIGRATE_LOCK", "WRITE_LOCK", "lock_sql", "safe_url", "reason"]

#: advisory lock classes (the second key is the schema): one migrator, one writer at a time
MIGRATE_LOCK = 727274
WRITE_LOCK = 727275


def lock_sql(key: int) -> str:
    """SQL taking the transaction-level advisory lock ``key`` for the current schema."""
    return f"SELECT pg_advisory_xact_lock({int(key)}, hashtext(COALESCE(current_schema(), '')))"


#: PostgreSQL's replacement for SQLite's FTS5 table: same name and columns, so the
#: insert statement is shared; the tsvector is generated from them and GIN-indexed.
PG_SEARCH = (
    """CREATE TABLE articles_fts (
        id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        headline TEXT NOT NULL,
        body TEXT NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', body), 'D')
        ) STORED
    )""",
    "CREATE INDEX articles_fts_tsv ON articles_fts USING GIN (tsv)",
)

_UPSERT = re.compile(r"^\s*INSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.IGNORECASE)
_KEYS = {"incidents": ("id",), "articles": ("id",), "events": ("article_id", "event_id")}


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """One SQLite-dialect statement of the store in PostgreSQL's dialect."""
    out, quoted = [], None
    for ch in sql:
        if quoted:
            out.append("%%" if ch == "%" else ch)
            if ch == quoted:
                quoted = None
        elif ch in ("'", '"'):
            quoted = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    text = "".join(out)
    text = re.sub(r"\bLIKE\b", "ILIKE", text)
    m = _UPSERT.match(text)
    if m:
        table, columns = m.group(1), [c.strip() for c in m.group(2).split(",")]
        keys = _KEYS.get(table.lower())
        if not keys:
            raise StoreError(f"no primary key known for INSERT OR REPLACE INTO {table}")
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in keys)
        text = (_UPSERT.sub(lambda mm: f"INSERT INTO {table} ({m.group(2)})", text)
                + f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")
    return text


class PgConnection:
    """The part of ``sqlite3.Connection`` the store uses, over a psycopg connection."""

    def __init__(self, conn) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Iterable[Any] = ()):
        return self.raw.execute(translate(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]):
        rows = [tuple(r) for r in rows]
        cur = self.raw.cursor()
        if rows:
            cur.executemany(translate(sql), rows)
        return cur

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


def connect(url: str) -> PgConnection:
    """Connect in autocommit mode (the store opens its own transactions)."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("PostgreSQL support needs psycopg 3: pip install 'psycopg[binary]'") from exc
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise StoreError(f"{safe_url(url)}: cannot connect: {reason(exc)}") from exc
    return PgConnection(raw)


def safe_url(url: str) -> str:
    """The URL without its password (in the authority or a ``password=`` parameter), for messages."""
    url = re.sub(r"(://[^:/@?#]*):[^/?#]*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", url, flags=re.IGNORECASE)


def reason(exc: BaseException) -> str:
    """A psycopg error as one line: the server's primary message, else the client's text."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return " ".join((primary or str(exc) or type(exc).__name__).split())


def current_version_pg(conn: PgConnection) -> int:
    row = conn.raw.execute("SELECT to_regclass('schema_migrations')").fetchone()
    if row is None or row[0] is None:
        return 0
    (version,) = conn.raw.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(version or 0)


def ddl(sql: str) -> str:
    """A portable ``tables`` statement for PostgreSQL: ``REAL`` columns as ``DOUBLE PRECISION``."""
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)


def migrate_pg(conn: PgConnection, where: str, migrations: tuple | None = None) -> list[int]:
    """Apply the missing migrations in one transaction (serialised by an advisory lock);
    return their versions. A database at the latest version is only read (no lock,
    no DDL), so a role without CREATE can open an up-to-date store."""
    import psycopg

    from .schema import MIGRATIONS

    steps = MIGRATIONS if migrations is None else migrations
    latest = steps[-1].version if steps else 0
    try:
        version = current_version_pg(conn)
        _refuse_newer(version, latest, where)
        if version == latest:
            return []
        with conn.raw.transaction():
            conn.raw.execute(lock_sql(MIGRATE_LOCK))
            conn.raw.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                             "(version INTEGER PRIMARY KEY, applied_at TEXT)")
            version = current_version_pg(conn)   # another process may have migrated meanwhile
            _refuse_newer(version, latest, where)
            applied = []
            for step in steps:
                if step.version <= version:
                    continue
                # PostgreSQL's own full-text index replaces step 1's SQLite-only ``search`` (FTS5)
                for sql in step.tables + (PG_SEARCH if step.version == 1 and step.search else ()):
                    conn.raw.execute(ddl(sql))
                conn.raw.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (%s, %s)",
                                 (step.version, datetime.now(timezone.utc).isoformat(timespec="seconds")))
                applied.append(step.version)
            return applied
    except psycopg.Error as exc:
        raise StoreError(f"{where}: cannot migrate the database schema: {reason(exc)}") from exc


def _refuse_newer(version: int, latest: int, where: str) -> None:
    if version > latest:
        raise StoreError(f"{where}: database schema version {version} is newer than this "
                         f"version of dateline supports ({latest}); upgrade dateline")
