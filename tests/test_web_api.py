"""The HTTP API in-process (ASGI test client): filters, cursor pagination, formats, errors,
and the server-rendered pages over the same store."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():   # starlette's test client warns about httpx on import
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from dateline.store import open_store  # noqa: E402
from dateline.web import create_app  # noqa: E402

from .conftest import BACKENDS  # noqa: E402
from .web.fixtures import handmade_db, on_backend, sample_db  # noqa: E402


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory, pipeline):
    """The samples' store on each backend: a SQLite file, then a PostgreSQL schema."""
    with on_backend(request.param, sample_db(tmp_path_factory, pipeline)) as target:
        yield target


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, rate_limit=None)) as c:
        yield c


@pytest.fixture(scope="module", params=BACKENDS)
def hm_client(request, tmp_path_factory):
    path = handmade_db(tmp_path_factory.mktemp("web-handmade") / "hm.db", n=5)
    with on_backend(request.param, path) as target, TestClient(create_app(target, rate_limit=None)) as c:
        yield c


def _all_pages(client, url: str, limit: int) -> list[dict]:
    items, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        r = client.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        cursor = body["next"]
        pages += 1
        if not cursor:
            return items
        assert pages < 100


def _error(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["code"] and body["error"]["message"]
    assert "Traceback" not in r.text
    return body["error"]


# -- articles ------------------------------------------------------------------

def test_articles_keyset_pages_cover_the_store_once(client, db):
    items = _all_pages(client, "/api/articles", 2)
    with open_store(db) as store:
        assert len(items) == store.count()
    ids = [i["id"] for i in items]
    assert len(set(ids)) == len(ids)
    days = [(i["published"] or i["updated"] or "") for i in items]
    assert days == sorted(days, reverse=True)
    first = items[0]
    assert {"id", "headline", "published", "source", "n_entities", "n_quotes"} <= set(first)


def test_article_search_ranks_and_pages_by_offset(client):
    body = client.get("/api/articles", params={"q": "Mosul"}).json()
    assert body["items"], body
    assert "Mosul" in body["items"][0]["headline"] or "[Mosul]" in body["items"][0]["snippet"]
    assert body["items"][0]["score"] >= body["items"][-1]["score"]
    # "said" is in every sample ("the" would be too, but is a stop word in PostgreSQL's english config)
    everything = _all_pages(client, "/api/articles?q=said", 1)
    assert len({i["id"] for i in everything}) == len(everything) >= 3


def test_search_falls_back_to_plain_words(client):
    r = client.get("/api/articles", params={"q": 'Mosul AND ("'})
    assert r.status_code == 200
    assert r.json()["items"]


def test_article_filters(client):
    get = lambda **p: client.get("/api/articles", params=p).json()["items"]  # noqa: E731
    assert {i["id"] for i in get(since="2025-01-01")} == {i["id"] for i in get() if
                                                          (i["published"] or i["updated"] or "") >= "2025-01-01"}
    in_2017 = get(since="2017", until="2017")
    assert in_2017 and all((i["published"] or i["updated"]).startswith("2017") for i in in_2017)
    assert get(until="1990-01-01") == []
    by_source = get(source="wire.jsonl") + get(source="news.example.org")
    assert by_source and all(i["source"] in ("wire.jsonl", "news.example.org") for i in by_source)
    iraq = get(country="IQ")
    assert iraq and all("Mosul" in (i["headline"] or "") or i for i in iraq)
    assert get(country="iq") == iraq
    with_events, without = get(has_events="true"), get(has_events="false")
    assert with_events and len(with_events) + len(without) == len(get())


def test_article_facets(client):
    body = client.get("/api/articles", params={"facets": "true"}).json()
    facets = body["facets"]
    assert facets["total"] == len(body["items"])
    assert sum(f["count"] for f in facets["source"]) == facets["total"]
    assert any(f["value"] == "IQ" for f in facets["country"])
    assert facets["month"] and all(re.match(r"^\d{4}-\d{2}$", f["value"]) for f in facets["month"])
    types = facets["event_type"]
    if types:   # with the event index
        t = types[0]["value"]
        assert len(client.get("/api/articles", params={"event_type": t}).json()["items"]) == types[0]["count"]


def test_source_facets_filter_their_articles(client):
    """A source is named the same in the list, the facet and the filter (on PostgreSQL in SQL)."""
    body = client.get("/api/articles", params={"facets": "true", "limit": 200}).json()
    listed = {}
    for item in body["items"]:
        listed[item["source"]] = listed.get(item["source"], 0) + 1
    facets = {f["value"]: f["count"] for f in body["facets"]["source"]}
    assert facets == {k: v for k, v in listed.items() if k is not None}
    assert {"news.example.org", "wire.jsonl"} <= set(facets)
    for value, count in facets.items():
        items = client.get("/api/articles", params={"source": value, "limit": 200}).json()["items"]
        assert len(items) == count and all(i["source"] == value for i in items)
    found = client.get("/api/articles", params={"q": "said", "facets": "true", "limit": 200}).json()
    assert found["facets"]["total"] == len(found["items"])


def test_article_document_by_id_and_prefix(client, db):
    aid = client.get("/api/articles").json()["items"][0]["id"]
    doc = client.get(f"/api/articles/{aid}").json()
    assert doc["schema"] == "dateline.article/1" and doc["id"] == aid
    with open_store(db) as store:
        assert doc == store.get(aid).to_dict()
    assert client.get(f"/api/articles/{aid[:6]}").json()["id"] == aid
    for m in (e for ent in doc["entities"] for e in ent["mentions"]):
        assert doc["text"][m["start"]:m["end"]] == m["text"]


def test_unknown_article_is_404_with_the_standard_body(client):
    err = _error(client.get("/api/articles/ffffffffffffffff"), 404)
    assert err["code"] == "not_found" and "ffffffffffffffff" in err["message"]
    assert ".db" not in err["message"] and "://" not in err["message"]   # the database is not disclosed
    _error(client.get("/api/articles/ab"), 404)


# -- events --------------------------------------------------------------------

def test_events_list_filters_and_pages(client):
    everything = _all_pages(client, "/api/events", 3)
    assert everything, "the samples report events"
    assert len({e["id"] for e in everything}) == len(everything)
    row = everything[0]
    assert {"id", "date", "code", "type", "subtype", "country", "place_name", "lat", "lon", "killed", "injured",
            "n_reports"} <= set(row)
    t = row["type"]
    assert all(e["type"] == t for e in client.get("/api/events", params={"type": t}).json()["items"])
    iq = client.get("/api/events", params={"country": "IQ"}).json()["items"]
    assert iq and all(e["country"] == "IQ" for e in iq)
    near = client.get("/api/events", params={"near": "36.34,43.12,50"}).json()["items"]
    assert near and all(e["distance_km"] <= 50 for e in near)
    box = client.get("/api/events", params={"bbox": "30,35,40,50"}).json()["items"]
    assert box and all(30 <= e["lat"] <= 40 and 35 <= e["lon"] <= 50 for e in box)
    killed = client.get("/api/events", params={"min_killed": 1}).json()["items"]
    assert all((e["killed"] or 0) >= 1 for e in killed)
    since = client.get("/api/events", params={"since": "2025-01-01"}).json()["items"]
    assert since and all(e["date"] is None or e["date"] >= "2025" for e in since)


def test_events_geojson_and_acled_csv(client):
    fc = client.get("/api/events", params={"format": "geojson", "limit": 100})
    assert fc.headers["content-type"].startswith("application/geo+json")
    body = fc.json()
    assert body["type"] == "FeatureCollection" and body["features"]
    f = body["features"][0]
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    r = client.get("/api/events", params={"format": "csv", "limit": 100})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    from dateline.render import ACLED_COLUMNS

    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0].keys()) == list(ACLED_COLUMNS)
    assert {row["event_id_cnty"] for row in rows} == {e["id"] for e in
                                                      client.get("/api/events", params={"limit": 100}).json()["items"]}


def test_event_detail_has_every_report_with_evidence(client):
    events = client.get("/api/events", params={"limit": 100}).json()["items"]
    for e in events:
        inc = client.get(f"/api/events/{e['id']}").json()
        assert inc["id"] == e["id"] and len(inc["reports"]) == e["n_reports"]
        for rep in inc["reports"]:
            doc = client.get(f"/api/articles/{rep['article_id']}").json()
            assert rep["evidence"]
            for span in rep["evidence"]:
                assert doc["text"][span["start"]:span["end"]] == span["text"]
    _error(client.get("/api/events/ev_doesnotexist"), 404)


def test_event_parameters_are_validated(client):
    for params in ({"bbox": "1,2,3"}, {"bbox": "95,0,96,1"}, {"near": "0,0,-5"}, {"near": "x"},
                   {"min_killed": -1}, {"format": "xml"}, {"country": "IRQ"}, {"since": "March"},
                   {"limit": 0}, {"limit": 100000}, {"cursor": "!!!"}):
        err = _error(client.get("/api/events", params=params), 400)
        assert err["code"] in ("invalid_parameter", "invalid_cursor")


def test_events_answer_501_without_an_event_index(client, monkeypatch):
    import dateline.web.events_index as ev

    monkeypatch.setattr(ev, "has_events_api", lambda store: False)
    assert _error(client.get("/api/events"), 501)["code"] == "not_implemented"
    assert client.get("/api/stats").json()["events"] is None
    assert client.get("/api/articles").status_code == 200


# -- quotes, entities, places, stats -------------------------------------------

def test_quotes_by_speaker_text_and_pages(client):
    every = _all_pages(client, "/api/quotes", 7)
    assert len(every) >= 10
    assert len({(q["article_id"], q["quote_id"]) for q in every}) == len(every)
    by = client.get("/api/quotes", params={"speaker": "Baghdadi"}).json()["items"]
    assert all(q["article_id"] for q in by)
    word = every[0]["text"].split()[0]
    found = client.get("/api/quotes", params={"q": word}).json()["items"]
    assert found and all(word.lower() in q["text"].lower() for q in found)
    assert client.get("/api/quotes", params={"until": "1990"}).json()["items"] == []


def test_entities_and_entity_page(client):
    every = _all_pages(client, "/api/entities?type=GPE", 5)
    assert every and all(e["type"] == "GPE" for e in every)
    top = client.get("/api/entities", params={"limit": 1}).json()["items"][0]
    detail = client.get(f"/api/entities/{top['id']}").json()
    assert detail["name"] == top["name"] and detail["n_articles"] == top["articles"]
    assert {"aliases", "mentions", "quotes_by", "quotes_about", "events", "articles"} <= set(detail)
    people = client.get("/api/entities", params={"type": "PERSON", "q": "Baghdadi"}).json()["items"]
    assert people
    person = client.get(f"/api/entities/{people[0]['id']}").json()
    assert person["aliases"] or person["n_mentions"] >= 1
    _error(client.get("/api/entities/PERSON:Nobody At All"), 404)
    _error(client.get("/api/entities/nocolon"), 404)


def test_places_and_stats(client):
    places = client.get("/api/places", params={"country": "IQ"}).json()["items"]
    assert places and all(p["country"] == "IQ" and p["lat"] is not None for p in places)
    stats = client.get("/api/stats").json()
    assert stats["articles"] >= 5
    assert sum(d["articles"] for d in stats["articles_by_day"]) <= stats["articles"]
    assert any(c["country"] == "IQ" for c in stats["articles_by_country"])
    assert stats["events"] and sum(t["events"] for t in stats["events_by_type"]) == stats["events"]
    assert all({"day", "type", "events"} <= set(d) for d in stats["events_by_day"])


# -- errors, docs, pages -------------------------------------------------------

def test_one_error_format(client):
    _error(client.get("/api/nothing-here"), 404)
    _error(client.post("/api/articles"), 405)
    _error(client.get("/api/articles", params={"limit": "many"}), 400)
    _error(client.get("/api/articles", params={"cursor": "eyJrIjogMX0"}), 400)
    _error(client.get("/api/quotes", params={"cursor": "eyJrIjpbIngiLCJ5Il19"}), 400)
    err = _error(client.get("/api/articles", params={"since": "yesterday"}), 400)
    assert err["details"][0]["parameter"] == "since"


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{event_id}",
                 "/api/quotes", "/api/entities", "/api/entities/{entity_id}", "/api/places", "/api/stats"):
        assert path in spec["paths"], path
    assert "/api/ingest" not in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert not re.search(r"(src|href)=\"(https?:)?//", docs.text)
    for asset in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", docs.text):
        assert client.get(asset).status_code == 200


def test_pages_render_and_ship_every_asset(client):
    aid = client.get("/api/articles", params={"q": "Mosul"}).json()["items"][0]["id"]
    ev = client.get("/api/events").json()["items"][0]["id"]
    ent = client.get("/api/entities", params={"limit": 1}).json()["items"][0]["id"]
    for url in ("/", "/?q=Mosul", "/?country=IQ&has_events=true", f"/articles/{aid}", "/events",
                "/events?type=Battles&country=IQ", f"/events/{ev}", "/quotes", "/quotes?speaker=Baghdadi",
                "/entities", "/entities?type=PERSON", f"/entities/{ent}"):
        r = client.get(url, headers={"accept": "text/html"})
        assert r.status_code == 200, (url, r.text[:500])
        assert not re.search(r"(src|href)=\"(https?:)?//", r.text), url   # no CDN, no remote asset
        for asset in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", r.text):
            assert client.get(asset).status_code == 200, asset
    assert client.get("/static/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"
    r = client.get("/articles/ffffffffffffffff", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


def test_article_page_marks_every_kind_of_fact(hm_client):
    aid = hm_client.get("/api/articles").json()["items"][0]["id"]
    html = hm_client.get(f"/articles/{aid}").text
    for kind in ("entity", "quote", "time", "place", "quantity", "event"):
        assert f"hl-{kind}" in html, kind
    assert 'class="speaker"' in html                       # the speaker is shown with the quote
    assert 'title="Date: Monday = 2017-03-06"' in html     # the normalised value on hover
    assert "Iraq" in html                                  # the place's country, resolved
    inc = hm_client.get("/api/events").json()["items"][0]["id"]
    assert f'href="/events/{inc}"' in html                 # the event highlight links to its incident
    data = re.search(r'<script type="application/json" id="facts-data">(.*?)</script>', html, re.S).group(1)
    facts = json.loads(data)
    assert facts["quote:q1"]["rows"][0][0] == "speaker"
