"""Where articles and their facts are kept and queried.

>>> with open_store(":memory:") as store:
...     store.count()
0

:func:`open_store` picks the backend from its argument: a file path (or
``":memory:"``) opens SQLite; a ``postgresql://`` URL is reserved for the
PostgreSQL backend, not available yet.
"""

from __future__ import annotations

import os
import re

from ..errors import StoreError
from .schema import LATEST_VERSION
from .sqlite import MIN_PREFIX, AddResult, SQLiteStore

__all__ = ["open_store", "SQLiteStore", "AddResult", "LATEST_VERSION", "MIN_PREFIX"]

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")


def open_store(target: str | os.PathLike[str]) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``target``.

    ``target`` is a SQLite file path, ``":memory:"``, or a database URL.
    Raises :class:`~dateline.errors.StoreError` when it cannot be opened.
    """
    if isinstance(target, str):
        match = _URL.match(target)
        if match:
            scheme = match.group(1).lower()
            if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
                raise StoreError("PostgreSQL support is not available yet")
            raise StoreError(f"{target}: unsupported database URL scheme {scheme!r}; "
                             "give a SQLite file path")
    elif not isinstance(target, os.PathLike):
        raise StoreError(f"store target must be a path or URL, got {type(target).__name__}")
    return SQLiteStore(target)
