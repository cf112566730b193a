"""Database schema as an ordered list of migrations, and the code that applies them.

Each :class:`Migration` holds plain SQL. ``tables`` are portable statements
(``TEXT``, ``INTEGER``, composite keys, ordinary indexes) meant to be reused
for PostgreSQL; ``search`` holds the SQLite-only full-text index (FTS5), which
another backend replaces with its own (``tsvector`` for PostgreSQL).

The table ``schema_migrations(version, applied_at)`` records every applied
migration. Opening a database applies the missing ones, all in one
transaction; a database whose version is newer than this code knows is
refused with :class:`~dateline.errors.StoreError`.

Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import StoreError

__all__ = ["Migration", "MIGRATIONS", "LATEST_VERSION", "current_version", "migrate"]


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: portable ``tables`` SQL plus SQLite ``search`` SQL."""

    version: int
    name: str
    tables: tuple[str, ...]
    search: tuple[str, ...] = ()

    def statements(self) -> tuple[str, ...]:
        """Every statement SQLite runs for this step, in order."""
        return self.tables + self.search


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        name="articles, entities, mentions and full-text search",
        tables=(
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                headline TEXT,
                published TEXT,
                updated TEXT,
                byline TEXT,
                language TEXT,
                source_path TEXT,
                source_url TEXT,
                source_format TEXT,
                source_index INTEGER,
                source_id TEXT,
                n_chars INTEGER,
                doc TEXT NOT NULL,
                ingested_at TEXT
            )""",
            "CREATE INDEX articles_ingested_at ON articles (ingested_at)",
            """CREATE TABLE entities (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                entity_id TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                aliases TEXT NOT NULL,
                n_mentions INTEGER NOT NULL,
                PRIMARY KEY (article_id, entity_id)
            )""",
            "CREATE INDEX entities_name ON entities (name)",
            "CREATE INDEX entities_type ON entities (type)",
            """CREATE TABLE mentions (
                article_id TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                "start" INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                label TEXT,
                FOREIGN KEY (article_id, entity_id)
                    REFERENCES entities (article_id, entity_id) ON DELETE CASCADE
            )""",
            "CREATE INDEX mentions_article ON mentions (article_id)",
        ),
        search=(
            """CREATE VIRTUAL TABLE articles_fts USING fts5 (
                id UNINDEXED,
                headline,
                body,
                tokenize = 'unicode61 remove_diacritics 2'
            )""",
        ),
    ),
    Migration(
        version=2,
        name="quotes with speakers",
        tables=(
            """CREATE TABLE quotes (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                quote_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                "start" INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                cue TEXT,
                speaker_name TEXT,
                speaker_entity TEXT,
                speaker_description TEXT,
                speaker_role TEXT,
                confidence REAL,
                PRIMARY KEY (article_id, quote_id)
            )""",
            "CREATE INDEX quotes_speaker_name ON quotes (speaker_name)",
            "CREATE INDEX quotes_speaker_entity ON quotes (article_id, speaker_entity)",
        ),
    ),
    Migration(
        version=3,
        name="times and places",
        tables=(
            """CREATE TABLE times (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                "start" INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                type TEXT,
                value TEXT,
                mod TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX times_value ON times (value)",
            """CREATE TABLE places (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                "start" INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                name TEXT,
                geonameid TEXT,
                feature TEXT,
                country TEXT,
                admin1 TEXT,
                lat REAL,
                lon REAL,
                precision TEXT,
                confidence REAL,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX places_country ON places (country)",
            "CREATE INDEX places_geonameid ON places (geonameid)",
        ),
    ),
    Migration(
        version=4,
        name="events (one row per article event) and incidents (events merged across articles)",
        tables=(
            """CREATE TABLE events (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                event_id TEXT NOT NULL,
                code TEXT,
                type TEXT,
                subtype TEXT,
                family TEXT,
                date TEXT,
                date_precision TEXT,
                date_lo TEXT,
                date_hi TEXT,
                country TEXT,
                admin1 TEXT,
                place_name TEXT,
                geonameid TEXT,
                lat REAL,
                lon REAL,
                precision TEXT,
                killed_min INTEGER,
                killed_max INTEGER,
                injured_min INTEGER,
                injured_max INTEGER,
                aggregate INTEGER NOT NULL DEFAULT 0,
                confidence REAL,
                incident_id TEXT,
                doc TEXT NOT NULL,
                PRIMARY KEY (article_id, event_id)
            )""",
            "CREATE INDEX events_incident ON events (incident_id)",
            "CREATE INDEX events_family_date ON events (family, date_precision, date_lo)",
            "CREATE INDEX events_date ON events (date)",
            "CREATE INDEX events_country ON events (country)",
            "CREATE INDEX events_point ON events (lat, lon)",
            """CREATE TABLE incidents (
                id TEXT PRIMARY KEY,
                code TEXT,
                type TEXT,
                subtype TEXT,
                family TEXT,
                date TEXT,
                date_precision TEXT,
                date_lo TEXT,
                date_hi TEXT,
                country TEXT,
                admin1 TEXT,
                place_name TEXT,
                lat REAL,
                lon REAL,
                precision TEXT,
                killed INTEGER,
                injured INTEGER,
                n_reports INTEGER NOT NULL,
                first_published TEXT,
                last_published TEXT,
                doc TEXT NOT NULL
            )""",
            "CREATE INDEX incidents_date ON incidents (date_lo)",
            "CREATE INDEX incidents_country ON incidents (country)",
            "CREATE INDEX incidents_code ON incidents (code)",
            "CREATE INDEX incidents_killed ON incidents (killed)",
            "CREATE INDEX incidents_point ON incidents (lat, lon)",
        ),
    ),
)

LATEST_VERSION: int = MIGRATIONS[-1].version

_CREATE_LEDGER = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT
)"""


def _check_order(migrations: tuple[Migration, ...]) -> None:
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)) or (versions and versions[0] < 1):
        raise StoreError(f"migrations must have unique ascending versions, got {versions}")


def current_version(conn: sqlite3.Connection) -> int:
    """The highest applied migration, 0 for a fresh database."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if row is None:
        return 0
    (version,) = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(version or 0)


def migrate(conn: sqlite3.Connection, where: str = "<database>",
            migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the migrations ``conn`` lacks, in one transaction; return their versions.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Raises
    :class:`StoreError` naming ``where`` when the database is newer than the
    code or a statement fails; on failure nothing is applied.
    """
    _check_order(migrations)
    latest = migrations[-1].version if migrations else 0
    try:
        # Cheap check without a write lock: most opens find nothing to do.
        version = current_version(conn)
        _refuse_newer(version, latest, where)
        if version == latest:
            return []
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_CREATE_LEDGER)
            version = current_version(conn)  # another process may have migrated meanwhile
            _refuse_newer(version, latest, where)
            applied: list[int] = []
            for step in migrations:
                if step.version <= version:
                    continue
                for sql in step.statements():
                    conn.execute(sql)
                conn.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    (step.version, datetime.now(timezone.utc).isoformat(timespec="seconds")),
                )
                applied.append(step.version)
            conn.execute("COMMIT")
            return applied
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise StoreError(f"{where}: cannot migrate the database schema: {exc}") from exc


def _refuse_newer(version: int, latest: int, where: str) -> None:
    if version > latest:
        raise StoreError(
            f"{where}: database schema version {version} is newer than this "
            f"version of dateline supports ({latest}); upgrade dateline"
        )
