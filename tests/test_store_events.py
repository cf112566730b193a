"""Events and incidents in the store: merged on insert whatever the order, queried by
type, country, date, distance, box and casualties, migrated from v3, rolled back whole;
on SQLite and on PostgreSQL."""

from __future__ import annotations

import itertools
import random
import sqlite3
from contextlib import contextmanager

import pytest

from dateline.errors import NotFound, StoreError
from dateline.store import open_store
from dateline.store.schema import MIGRATIONS, migrate

from .conftest import BACKENDS, pg_schema
from .test_incidents import BAGHDAD, BARTELLA, ERBIL, MOSUL, RAQQA, actor, article, ev


def _corpus():
    """Five articles: one Mosul bombing told three times (3 -> 5 -> 12 killed), a Raqqa air
    strike, a Baghdad protest, an aggregate, and a separate Erbil attack."""
    return [
        article("2017-03-08T18:00:00+00:00",
                ev(killed=3, injured=20, actor1=actor("Islamic State"),
                   sentence="An Islamic State suicide bomber killed three people at a market in Mosul."),
                ev(code="AIR_STRIKE", id="v2", date="2017-03-07", place=RAQQA, killed=9,
                   sentence="Coalition jets struck Raqqa on Tuesday, killing nine."),
                headline="Bomber hits Mosul market", url="https://www.example.com/mosul-1"),
        article("2017-03-09T09:00:00+00:00",
                ev(place=BARTELLA, killed=5, sentence="Five died in the Bartella suicide attack on Wednesday."),
                ev(code="ATTACK", id="v2", aggregate=True, date="2017", precision="year", killed=300,
                   sentence="More than 300 civilians have been killed this year."),
                headline="Death toll rises", url="https://news.example.org/toll"),
        article("2017-03-10T12:00:00+00:00",
                ev(killed=12, injured=30, actor1=actor("IS"),
                   sentence="The toll from Wednesday's IS bombing in Mosul rose to 12."),
                headline="Mosul toll rises to 12", url="https://wire.example.net/12"),
        article("2017-03-11T08:00:00+00:00",
                ev(code="PEACE_PROTEST", date="2017-03-10", place=BAGHDAD,
                   sentence="Thousands marched peacefully in Baghdad on Friday."),
                headline="Baghdad march"),
        article("2017-03-12T08:00:00+00:00",
                ev(code="ATTACK", date="2017-03-11", place=ERBIL, killed=1,
                   sentence="Gunmen shot a shopkeeper dead in Erbil on Saturday."),
                headline="Erbil shooting"),
    ]


def _incidents(store):
    return sorted((r["id"], r["n_reports"], r["killed"]) for r in store.events(limit=1000))


@pytest.fixture()
def store(store_url):
    with open_store(store_url) as s:
        s.add(_corpus())
        yield s


def test_reports_merge_into_incidents(store):
    stats = store.stats()
    assert (stats["events"], stats["incidents"]) == (7, 4)
    rows = store.events()
    assert [r["subtype"] for r in rows] == ["Attack", "Peaceful protest", "Suicide bomb", "Air/drone strike"]
    mosul = rows[2]
    assert (mosul["n_reports"], mosul["killed"], mosul["injured"]) == (3, 12, 30)
    assert (mosul["date"], mosul["country"], mosul["place_name"]) == ("2017-03-08", "IQ", "Mosul")
    assert set(mosul) >= {"id", "date", "code", "type", "subtype", "country", "admin1", "place_name", "lat", "lon",
                          "killed", "injured", "n_reports"}


def test_one_incident_with_reports_and_evidence(store):
    mosul = store.events(type="SUIC_BOMB")[0]
    incident = store.event(mosul["id"])
    assert incident["killed_rule"] == "revision" and incident["injured_rule"] == "revision"
    assert [r["headline"] for r in incident["reports"]] == [
        "Bomber hits Mosul market", "Death toll rises", "Mosul toll rises to 12"]
    assert incident["reports"][0]["url"] == "https://www.example.com/mosul-1"
    for r in incident["reports"]:
        text = store.get(r["article_id"]).text
        for span in r["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
    assert store.event(mosul["id"][3:9])["id"] == mosul["id"]          # a prefix, without ev_
    assert store.event(mosul["id"][:9])["id"] == mosul["id"]           # a prefix, with ev_


def test_unknown_short_and_ambiguous_ids(store):
    with pytest.raises(NotFound, match="no event"):
        store.event("ev_000000000000")
    with pytest.raises(NotFound, match="at least 4"):
        store.event("ev_a")
    with store._writing() as conn:
        for suffix in ("01", "02"):
            conn.execute("INSERT INTO incidents (id, n_reports, doc) VALUES (?, 1, '{}')", (f"ev_abcd000000{suffix}",))
    with pytest.raises(NotFound, match="ambiguous"):
        store.event("abcd")


def test_aggregates_have_no_incident(store):
    aid = store.events(type="SUIC_BOMB")[0]
    second = store.event(aid["id"])["reports"][1]["article_id"]
    events = store.article_events(second)
    assert [(e["id"], e["aggregate"], e["incident_id"] is None) for e in events] == [
        ("v1", False, False), ("v2", True, True)]
    assert events[0]["n_reports"] == 3
    with pytest.raises(NotFound):
        store.article_events("ffffffffffffffff")


@pytest.mark.parametrize("kw, expected", [
    ({"type": "SUIC_BOMB"}, ["Suicide bomb"]),
    ({"type": "suicide bomb"}, ["Suicide bomb"]),
    ({"type": "Explosions/Remote violence"}, ["Suicide bomb", "Air/drone strike"]),
    ({"type": "violence"}, ["Attack", "Suicide bomb", "Air/drone strike"]),
    ({"country": "sy"}, ["Air/drone strike"]),
    ({"since": "2017-03-10"}, ["Attack", "Peaceful protest"]),
    ({"until": "2017-03-07"}, ["Air/drone strike"]),
    ({"since": "2017-03", "until": "2017-03"}, ["Attack", "Peaceful protest", "Suicide bomb", "Air/drone strike"]),
    ({"since": "2018"}, []),
    ({"min_killed": 9}, ["Suicide bomb", "Air/drone strike"]),
    ({"near": (36.34, 43.13, 100)}, ["Attack", "Suicide bomb"]),
    ({"near": "36.34,43.13,50"}, ["Suicide bomb"]),
    ({"bbox": (33, 43, 34, 45)}, ["Peaceful protest"]),
    ({"bbox": "35,38,37,40"}, ["Air/drone strike"]),
    ({"limit": 2, "offset": 1}, ["Peaceful protest", "Suicide bomb"]),
    ({"near": (36.34, 43.13, 100), "limit": 1, "offset": 1}, ["Suicide bomb"]),
])
def test_filters(store, kw, expected):
    assert [r["subtype"] for r in store.events(**kw)] == expected


def test_near_adds_the_distance(store):
    rows = store.events(near=(36.19, 44.01, 10))
    assert [(r["place_name"], r["distance_km"]) for r in rows] == [("Erbil", 0.0)]


def test_bbox_across_the_antimeridian(store_url):
    fiji = {**MOSUL, "name": "Suva", "country": "FJ", "admin1": None, "lat": -18.14, "lon": 178.44}
    samoa = {**MOSUL, "name": "Apia", "country": "WS", "admin1": None, "lat": -13.83, "lon": -171.77}
    with open_store(store_url) as s:
        s.add([article("2017-03-09", ev(code="PEACE_PROTEST", place=fiji, sentence="A march in Suva.")),
               article("2017-03-09", ev(code="PEACE_PROTEST", place=samoa, sentence="A march in Apia."))])
        assert {r["place_name"] for r in s.events(bbox=(-20, 170, -10, -170))} == {"Suva", "Apia"}
        assert {r["place_name"] for r in s.events(bbox=(-20, 170, -10, 179))} == {"Suva"}
        assert {r["place_name"] for r in s.events(near=(-16, 180, 1200))} == {"Suva", "Apia"}


@pytest.mark.parametrize("kw, message", [
    ({"near": "36,43"}, "near"), ({"near": (36, 43, -5)}, "positive"), ({"near": "a,b,c"}, "near"),
    ({"near": (95, 43, 5)}, "latitude"), ({"bbox": (10, 0, 5, 1)}, "above"), ({"bbox": "1,2,3"}, "bbox"),
    ({"since": "last week"}, "since"), ({"min_killed": -1}, "min_killed"), ({"limit": -1}, "limit"),
])
def test_bad_filters_are_store_errors(store, kw, message):
    with pytest.raises(StoreError, match=message):
        store.events(**kw)


@contextmanager
def _fresh(backend: str):
    """An empty store on ``backend`` (SQLite in memory, or a new PostgreSQL schema)."""
    if backend == "sqlite":
        with open_store(":memory:") as s:
            yield s
    else:
        with pg_schema() as url, open_store(url) as s:
            yield s


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingest_order_does_not_change_the_incidents(backend):
    corpus = _corpus()
    with _fresh(backend) as s:
        s.add(corpus)
        expected = _incidents(s)
        events = s.stats()["events"]
    orders = list(itertools.permutations(range(len(corpus))))
    for n, order in enumerate(random.Random(7).sample(orders, 12)):
        with _fresh(backend) as s:
            for i in order:                    # one article per batch: the incremental path
                s.add([corpus[i]])
            assert _incidents(s) == expected, order
            assert s.stats()["events"] == events
            assert s.add(corpus).duplicates == len(corpus)
            assert _incidents(s) == expected


def test_a_late_report_joins_two_incidents(store_url):
    east = {**BARTELLA, "name": "Khazir", "lon": 43.82}
    first = article("2017-03-08", ev(place=MOSUL, sentence="A blast in Mosul."))
    last = article("2017-03-09", ev(place=east, sentence="A blast near Khazir."))
    bridge = article("2017-03-10", ev(place=BARTELLA, sentence="A blast in Bartella."))
    with open_store(store_url) as s:
        s.add([first, last])
        assert [r["n_reports"] for r in s.events()] == [1, 1]
        s.add([bridge])
        (row,) = s.events()
        assert row["n_reports"] == 3 and s.stats()["incidents"] == 1
        linked = {e["incident_id"] for a in (first, last, bridge) for e in s.article_events(a.id)}
        assert linked == {row["id"]}


def test_a_failed_batch_leaves_no_events(store_url, monkeypatch):
    with open_store(store_url) as s:
        s.add(_corpus()[:1])
        before = (s.stats()["events"], s.stats()["incidents"], _incidents(s))
        broken = article("2017-03-09", ev(sentence="One."), ev(sentence="Two."))      # two events with id v1
        with pytest.raises(StoreError, match="repeated"):
            s.add([_corpus()[2], broken])
        assert (s.stats()["events"], s.stats()["incidents"], _incidents(s)) == before

        import dateline.store.events as sql

        def boom(reports, settled=()):
            raise KeyboardInterrupt
        monkeypatch.setattr(sql, "merge_reports", boom)
        with pytest.raises(KeyboardInterrupt):
            s.add(_corpus()[1:])
        assert s.count() == 1 and (s.stats()["events"], s.stats()["incidents"], _incidents(s)) == before


def test_migrates_a_version_3_database(tmp_path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, str(path), MIGRATIONS[:3])
    conn.close()
    with open_store(path) as s:
        assert s.stats()["schema_version"] == MIGRATIONS[-1].version >= 4
        assert s.events() == []
        s.add(_corpus())
        assert s.stats()["incidents"] == 4


def test_articles_without_events_store_nothing_extra(store_url):
    with open_store(store_url) as s:
        s.add([article("2017-03-09")])
        assert (s.stats()["events"], s.stats()["incidents"]) == (0, 0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_undated_reports_merge_as_in_one_batch(backend):
    """Undated reports (no publication date, no date in the text) join only on a town-level
    place; the store's narrowed candidate lookup gives what merging everything at once does."""
    from dateline.resolve.incidents import merge_reports

    rng = random.Random(11)
    country = {**MOSUL, "name": "Iraq", "precision": "country", "lat": None, "lon": None, "geonameid": None}
    places = [MOSUL, BARTELLA, ERBIL, country, None]
    corpus = []
    for i in range(24):
        date = rng.choice([None, None, "2017-03-08", "2017-03-09"])
        code = rng.choice(["SUIC_BOMB", "SUIC_BOMB", "AIR_STRIKE"])
        place, by = rng.choice(places), rng.choice([None, actor("Islamic State")])
        words = f" in {place['name']}" if place else ""
        words += " by Islamic State" if by else ""
        corpus.append(article(None if date is None else f"{date}T10:00:00+00:00",
                              ev(code=code, date=date, place=place, killed=rng.choice([None, 3]), actor1=by,
                                 sentence=f"Report {i}: a blast{words} killed people."),
                              headline=f"Report {i}"))
    reports = [e | {"article_id": a.id, "published": a.published} for a in corpus for e in a.events]
    expected = sorted(sorted(r["article_id"] for r in inc["reports"]) for inc in merge_reports(reports))
    with _fresh(backend) as s:
        for a in corpus:
            s.add([a])
        got = sorted(sorted(r["article_id"] for r in s.event(row["id"])["reports"])
                     for row in s.events(limit=1000))
    assert got == expected
    assert any(len(g) > 1 for g in got) and len(got) < len(corpus)
