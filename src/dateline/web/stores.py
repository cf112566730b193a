"""One read-only store per worker thread.

``SQLiteStore`` keeps one connection that belongs to the thread that opened it,
and the server answers requests on a pool of worker threads, so each worker
opens its own store on first use and keeps it (opening one per request costs
the connect, pragmas and schema check every time). Read stores are switched to
``PRAGMA query_only``: without ``--allow-ingest`` nothing the server runs can
write, whatever a request holds.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from ..errors import StoreError
from ..store import SQLiteStore

__all__ = ["StorePool"]


class StorePool:
    """Thread-local read-only stores over one SQLite file, plus short-lived write stores."""

    def __init__(self, path: str) -> None:
        if path == ":memory:":
            raise StoreError("the web server needs a database file, not ':memory:' (each thread would see its own)")
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[SQLiteStore] = []
        self.write_lock = threading.Lock()

    def reader(self) -> SQLiteStore:
        """This thread's read-only store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.path)
            with store._reading() as conn:
                conn.execute("PRAGMA query_only = ON")
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[SQLiteStore]:
        """A store that may write (ingest only), one writer at a time."""
        with self.write_lock:
            store = SQLiteStore(self.path)
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
