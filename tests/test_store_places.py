"""Places and times in the store: per-country queries bounded by article date, GeoJSON output."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli import main
from dateline.model import Article, Span
from dateline.store import open_store


def _article(body: str, published: str, places: list[tuple[str, str, str, float, float]]) -> Article:
    text = "Report\n\n" + body
    found = []
    for form, gid, cc, lat, lon in places:
        start = text.index(form)
        found.append({**Span.of(text, start, start + len(form)).to_dict(), "name": form.title(),
                      "geonameid": gid, "feature": "city", "country": cc, "admin1": None,
                      "lat": lat, "lon": lon, "precision": "city", "confidence": 0.9})
    when = text.index("Monday")
    times = [{**Span.of(text, when, when + 6).to_dict(), "type": "DATE", "value": published, "mod": None}]
    return Article(text=text, headline="Report", published=published,
                   paragraphs=[Span.of(text, 8, len(text))], places=found, times=times)


def _store(path):
    store = open_store(path)
    store.add([
        _article("Clashes in Mosul and Raqqa on Monday.", "2017-03-09",
                 [("Mosul", "99072", "IQ", 36.34, 43.13), ("Raqqa", "172955", "SY", 35.95, 39.01)]),
        _article("More fighting near MOSUL on Monday.", "2017-04-02", [("MOSUL", "99072", "IQ", 36.34, 43.13)]),
    ])
    return store


def test_places_by_country_and_date(store_url):
    with _store(store_url) as store:
        rows = store.places()
        assert [(r["geonameid"], r["articles"]) for r in rows] == [("99072", 2), ("172955", 1)]
        assert rows[0]["forms"] == ["MOSUL", "Mosul"]
        assert [r["geonameid"] for r in store.places(country="sy")] == ["172955"]
        assert [r["articles"] for r in store.places(country="IQ", until="2017-03-31")] == [1]
        assert store.places(since="2018-01-01") == []


def test_places_cli_geojson(store_url):
    db = store_url
    _store(db).close()
    out = CliRunner().invoke(main, ["places", "--db", str(db), "--geojson"]).output
    geo = json.loads(out)
    assert geo["type"] == "FeatureCollection"
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [43.13, 36.34]}
    table = CliRunner().invoke(main, ["places", "--db", str(db), "--country", "IQ"]).output
    assert "Mosul" in table and "Raqqa" not in table
