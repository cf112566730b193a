"""The gazetteer: name -> candidate places, from the index :mod:`.build` makes.

``Gazetteer.load()`` opens (building on first use) the SQLite index read-only and is
cached per process; nothing happens at import. ``lookup`` answers from an in-memory
LRU cache in microseconds, from SQLite (two indexed selects) on a miss.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .build import (ABBREV, ALTERNATE, COUNTY_BASE, DEMONYM, POSTAL, PRIMARY, build_index, index_path, loose_key,
                    name_key)

__all__ = ["Candidate", "Gazetteer", "PRIMARY", "ALTERNATE", "DEMONYM", "ABBREV", "POSTAL", "COUNTY_BASE"]




@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to.

    ``feature``: ``country``, ``admin1``, ``county`` (US, British, Irish), ``capital`` (a
    national capital), ``city``, ``continent`` or ``region``. ``admin1``: the GeoNames admin1 code (US: the state's
    postal code). ``match``: how the name matched: ``name`` (the record's own name),
    ``alternate``, ``demonym``, ``abbreviation``, ``postal`` (a US state code, only
    meaningful as a qualifier as in ``Long Beach, CA``), ``county`` (a US county's name
    without its ``County`` / ``Parish`` word), or ``loose`` (only after
    transliteration folding, see :func:`~.build.loose_key`).
    """

    geonameid: int | None
    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    match: str = "name"

    @property
    def key(self) -> tuple:
        return (self.geonameid, self.name, self.feature, self.country, self.admin1)


_KINDS = {PRIMARY: "name", ALTERNATE: "alternate", DEMONYM: "demonym", ABBREV: "abbreviation", POSTAL: "postal",
          COUNTY_BASE: "county"}
_LOCK = threading.Lock()
_LOADED: dict[str, "Gazetteer"] = {}


class Gazetteer:
    """Read-only access to the gazetteer index (see module docstring)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)  # per instance, not global
        self.admin1_names = {(c.country, c.admin1): c.name for c in self._admin1()}

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """The gazetteer at ``path`` (default: the cache, built there if missing); one
        instance per path per process."""
        target = Path(path) if path else index_path()
        with _LOCK:
            gaz = _LOADED.get(str(target))
            if gaz is None:
                if not target.exists():
                    build_index(target)
                gaz = _LOADED[str(target)] = cls(target)
        return gaz

    def __getstate__(self):           # ship the path, not the connection, to worker processes
        return {"path": str(self.path)}

    def __setstate__(self, state):
        self.__init__(state["path"])

    def _select(self, column: str, value: str) -> list[tuple]:
        with self._lock:
            return self._conn.execute(
                "SELECT r.geonameid, r.name, r.feature, r.country, r.admin1, r.lat, r.lon, r.population,"
                f" n.kind FROM names n JOIN records r ON r.id = n.rid WHERE n.{column} = ?", (value,)).fetchall()

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        key = name_key(name)
        if not key:
            return ()
        rows = self._select("key", key)
        loose = not rows
        if loose:
            lk = loose_key(name)
            rows = self._select("loose", lk) if len(lk) >= 4 else []
        best: dict[tuple, Candidate] = {}
        for *rec, kind in rows:
            cand = Candidate(*rec, match="loose" if loose else _KINDS[kind])
            old = best.get(cand.key)
            if old is None or _rank(cand.match) < _rank(old.match):
                best[cand.key] = cand
        return tuple(sorted(best.values(), key=lambda c: (-c.population, c.name)))

    def lookup_list(self, name: str) -> list[Candidate]:
        return list(self.lookup(name))

    def _admin1(self) -> list[Candidate]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT geonameid, name, feature, country, admin1, lat, lon, population FROM records"
                " WHERE feature = 'admin1'").fetchall()
        return [Candidate(*r) for r in rows]

    def admin1_name(self, country: str | None, admin1: str | None) -> str | None:
        """The admin1 area's name when the index knows it (US states, some others)."""
        return self.admin1_names.get((country, admin1))

    def close(self) -> None:
        self._conn.close()


def _rank(match: str) -> int:
    return ("name", "alternate", "abbreviation", "demonym", "county", "postal", "loose").index(match)
