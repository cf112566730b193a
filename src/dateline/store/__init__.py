"""Where articles and their facts are kept and queried.

>>> with open_store(":memory:") as store:
...     store.count()
0

:func:`open_store` picks the backend from its argument: a file path (or
``":memory:"``) opens :class:`SQLiteStore`; a ``postgresql://`` (or ``postgres://``)
URL opens :class:`~dateline.store.postgres.PostgresStore` (needs psycopg 3). Both
are a :class:`Store`: the same schema, migrations and methods (see ``base.py``).
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..errors import StoreError
from .base import MIN_PREFIX, AddResult, Store
from .schema import LATEST_VERSION
from .sqlite import SQLiteStore

__all__ = ["open_store", "Store", "SQLiteStore", "PostgresStore", "AddResult", "LATEST_VERSION", "MIN_PREFIX"]

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")


def open_store(target: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating if needed) the store at ``target``.

    ``target`` is a SQLite file path, ``":memory:"``, or a PostgreSQL URL
    (``postgresql://user:password@host:5432/dbname``).
    Raises :class:`~dateline.errors.StoreError` when it cannot be opened.
    """
    if isinstance(target, str):
        match = _URL.match(target)
        if match:
            scheme = match.group(1).lower()
            if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
                return _postgres()(target)
            raise StoreError(f"{target}: unsupported database URL scheme {scheme!r}; "
                             "give a SQLite file path or a postgresql:// URL")
    elif not isinstance(target, os.PathLike):
        raise StoreError(f"store target must be a path or URL, got {type(target).__name__}")
    return SQLiteStore(target)


def _postgres() -> type:
    """:class:`PostgresStore`, imported on first use (psycopg is optional)."""
    try:
        from .postgres import PostgresStore
    except ImportError as exc:
        raise StoreError("PostgreSQL support needs psycopg 3: pip install 'dateline[postgres]'") from exc
    return PostgresStore


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        return _postgres()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
