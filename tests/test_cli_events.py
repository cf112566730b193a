"""`dateline events`, `dateline event ID` and the events in `dateline show`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.render import ACLED_COLUMNS
from dateline.store import open_store

from .conftest import BACKENDS, store_target
from .test_store_events import _corpus


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    """One events store per backend for the whole module: a SQLite file, a PostgreSQL URL."""
    with store_target(request.param, tmp_path_factory.mktemp("cli-events")) as target:
        with open_store(target) as store:
            store.add(_corpus())
        yield target


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_events_table(db):
    result = run("events", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "date", "event", "killed", "injured", "reports", "place"]
    mosul = next(line for line in lines if "Suicide bomb" in line)
    assert "2017-03-08" in mosul and " 12 " in mosul and "Mosul, IQ" in mosul
    assert run("events", "--db", db, "--since", "2019").output.strip() == "no events"


def test_events_json_and_filters(db):
    rows = json.loads(run("events", "--db", db, "--json", "--type", "violence", "--min-killed", "5").output)
    assert [r["subtype"] for r in rows] == ["Suicide bomb", "Air/drone strike"]
    rows = json.loads(run("events", "--db", db, "--json", "--near", "36.34,43.13,50").output)
    assert [r["place_name"] for r in rows] == ["Mosul"] and rows[0]["distance_km"] == 0.0
    rows = json.loads(run("events", "--db", db, "--json", "--country", "SY", "--until", "2017-03-31",
                          "--since", "2017-03-01", "--limit", "5", "--offset", "0").output)
    assert [r["place_name"] for r in rows] == ["Raqqa"]
    rows = json.loads(run("events", "--db", db, "--json", "--bbox", "33,43,34,45").output)
    assert [r["place_name"] for r in rows] == ["Baghdad"]


def test_events_csv_in_acled_layout(db):
    result = run("events", "--db", db, "--csv", "--type", "SUIC_BOMB")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == ",".join(ACLED_COLUMNS)
    assert ACLED_COLUMNS == (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
    (row,) = list(csv.DictReader(io.StringIO(result.output)))
    assert row["event_id_cnty"].startswith("ev_")
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2017-03-08", "2017", "1")
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Suicide bomb")
    assert (row["iso"], row["country"], row["admin1"], row["location"]) == ("368", "Iraq", "Nineveh", "Mosul")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("36.3400", "43.1300", "1")
    assert row["actor1"] == "Islamic State" and row["fatalities"] == "12"
    assert row["source"] == "example.com; news.example.org; wire.example.net"
    assert row["notes"] == "An Islamic State suicide bomber killed three people at a market in Mosul."
    assert row["timestamp"] == "1489147200"          # 2017-03-10T12:00:00Z, the latest report
    assert row["region"] == "" and row["inter1"] == ""
    everything = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--csv").output)))
    assert len(everything) == 4 and {r["fatalities"] for r in everything} >= {"0", "1", "9", "12"}


def test_events_geojson(db):
    geo = json.loads(run("events", "--db", db, "--geojson").output)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 4
    for feature in geo["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["id"].startswith("ev_")


@pytest.mark.parametrize("args", [
    ["--near", "36.3,43.1"], ["--near", "north,of,here"], ["--near", "36,43,0"], ["--bbox", "1,2,3"],
    ["--since", "yesterday"], ["--json", "--csv"], ["--limit", "-3"],
])
def test_events_usage_errors(db, args):
    result = run("events", "--db", db, *args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert result.output.startswith("dateline: error: ")


def test_event_shows_every_report(db):
    rows = json.loads(run("events", "--db", db, "--json", "--type", "SUIC_BOMB").output)
    key = rows[0]["id"]
    result = run("event", key[:8], "--db", db)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(f"{key}  Suicide bomb") and "killed    12 (revision)" in out
    for headline in ("Bomber hits Mosul market", "Death toll rises", "Mosul toll rises to 12"):
        assert headline in out
    assert "“The toll from Wednesday's IS bombing in Mosul rose to 12.”" in out
    assert "killed 3" in out and "killed 5" in out
    doc = json.loads(run("event", key, "--db", db, "--json").output)
    assert doc["id"] == key and doc["n_reports"] == 3 and doc["reports"][0]["headline"] == "Bomber hits Mosul market"


def test_event_unknown_id(db):
    result = run("event", "ev_ffffffffffff", "--db", db)
    assert result.exit_code == 1 and "no event" in result.output and "Traceback" not in result.output


def test_show_lists_the_article_events(db):
    rows = json.loads(run("events", "--db", db, "--json", "--type", "SUIC_BOMB").output)
    doc = json.loads(run("event", rows[0]["id"], "--db", db, "--json").output)
    second = doc["reports"][1]["article_id"]
    out = run("show", second, "--db", db, "--no-color").output
    assert "Events:" in out
    assert f"-> {rows[0]['id']} (3 reports)" in out
    assert "[ATTACK]" in out and "aggregate" in out and "killed 300" in out
    assert "“Five died in the Bartella suicide attack on Wednesday.”" in out
