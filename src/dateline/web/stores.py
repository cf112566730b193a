"""One read-only store per worker thread, on either backend.

A store keeps one connection that belongs to the thread that opened it, and the
server answers requests on a pool of worker threads, so each worker opens its own
store (:func:`~dateline.store.open_store`: a SQLite file or a PostgreSQL URL) on
first use and keeps it (opening one per request costs the connect and the schema
check every time). Read stores refuse every write (SQLite: ``PRAGMA query_only``;
PostgreSQL: ``default_transaction_read_only``, so every transaction is READ ONLY):
without ``--allow-ingest`` nothing the server runs can write, whatever a request holds.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import StoreError
from ..store import Store, open_store

__all__ = ["StorePool", "check_target"]

_PG = re.compile(r"^postgres(?:ql)?(?:\+\w+)?://", re.IGNORECASE)   # as open_store and PostgresStore read it


def check_target(target: str, create: bool) -> str:
    """Open, check and migrate the store at ``target`` once, with errors at start-up; its
    name as the store's messages give it (a URL with the password masked).

    Unless ``create``, a store that does not exist yet (no file; no dateline tables in
    the PostgreSQL schema) is refused rather than created.
    """
    if not create:
        if _PG.match(target):
            _require_pg_schema(_PG.sub("postgresql://", target))
        elif "://" not in target and target != ":memory:" and not Path(target).exists():
            raise StoreError(f"{target}: no such database; create it with `dateline ingest`")
    with open_store(target) as store:
        return store.path


def _require_pg_schema(url: str) -> None:
    from ..store.pg import connect, current_version_pg, reason, safe_url

    conn = connect(url)      # raises StoreError (masked URL) when psycopg or the server is missing
    import psycopg

    try:
        version = current_version_pg(conn)
    except psycopg.Error as exc:
        raise StoreError(f"{safe_url(url)}: cannot read the database: {reason(exc)}") from exc
    finally:
        conn.close()
    if version == 0:
        raise StoreError(f"{safe_url(url)}: no dateline store in this database (schema); "
                         "create it with `dateline ingest`")


class StorePool:
    """Thread-local read-only stores over one target, plus short-lived write stores."""

    def __init__(self, path: str) -> None:
        if path == ":memory:":
            raise StoreError("the web server needs a database file, not ':memory:' (each thread would see its own)")
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []
        self.write_lock = threading.Lock()

    def reader(self) -> Store:
        """This thread's read-only store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path)
            try:
                store._read_only()
            except BaseException:
                store.close()
                raise
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """A store that may write (ingest only), one writer at a time."""
        with self.write_lock:
            store = open_store(self.path)
            try:
                yield store
            finally:
                store.close()

    def close(self) -> None:
        """Close every reader this pool opened (best effort: some belong to other threads)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            try:
                store.close()
            except StoreError:
                pass   # a connection owned by another thread is closed when that thread ends
