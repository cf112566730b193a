"""Security and reliability of the web server: untrusted text is escaped, queries are
parameterised, bodies and rates are limited, writing needs the flag and the token,
and errors never leak a traceback."""

from __future__ import annotations

import json
import re
import sqlite3
import warnings

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from dateline.errors import ConfigError  # noqa: E402
from dateline.store import open_store  # noqa: E402
from dateline.web import create_app  # noqa: E402

from .conftest import BACKENDS, store_target  # noqa: E402
from .web.fixtures import XSS, handmade_db, hostile_article, on_backend  # noqa: E402

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    """A hostile store on each backend: a SQLite file, then a PostgreSQL schema."""
    path = handmade_db(tmp_path_factory.mktemp("web-sec") / "hostile.db", n=3)
    with on_backend(request.param, path) as target:
        yield target


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, rate_limit=None), raise_server_exceptions=False) as c:
        yield c


def _no_live_markup(html: str) -> None:
    """The hostile markup appears only as text: no tag of it survives, and the only
    scripts are the app's own files and its inert JSON data block."""
    assert "<script>window.__xss" not in html
    assert "<img" not in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert tag.startswith('<script src="/static/') or tag == '<script type="application/json" id="facts-data">', tag
    data = re.search(r'id="facts-data">(.*?)</script>', html, re.S)
    if data:
        assert "<" not in data.group(1) and ">" not in data.group(1)


# -- untrusted text stays text ---------------------------------------------------

def test_server_rendered_pages_escape_article_text(client):
    aid = client.get("/api/articles").json()["items"][0]["id"]
    inc = client.get("/api/events").json()["items"][0]["id"]
    ent = client.get("/api/entities", params={"type": "PERSON"}).json()["items"][0]["id"]
    for url in ("/", "/?q=Alert", f"/articles/{aid}", f"/events/{inc}", "/quotes", "/entities",
                f"/entities/{ent}", "/events"):
        r = client.get(url, headers={"accept": "text/html"})
        assert r.status_code == 200, (url, r.text[:300])
        _no_live_markup(r.text)
    html = client.get(f"/articles/{aid}").text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html          # shown, as text
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert all("__xss" not in s or "\\u003c" in s for s in scripts)         # JSON data cannot close its tag
    data = re.search(r'id="facts-data">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["entity:e1"]["title"] == f"Evil {XSS}"          # ... and still reads back exactly


def test_json_answers_are_json_not_html(client):
    aid = client.get("/api/articles").json()["items"][0]["id"]
    r = client.get(f"/api/articles/{aid}")
    assert r.headers["content-type"].startswith("application/json")
    assert XSS in r.json()["headline"]          # data is returned as it is, typed as JSON
    assert r.headers["x-content-type-options"] == "nosniff"


def test_security_headers_forbid_inline_script(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-frame-options"] == "DENY"


# -- queries are parameterised ------------------------------------------------------

INJECTIONS = ["' OR 1=1 --", "x'; DROP TABLE articles; --", '" OR ""="', "%' OR '%'='", "1) OR (1=1",
              "\\' UNION SELECT doc FROM articles --", "*", "NEAR(a b)", "'%00", "; PRAGMA query_only=0"]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_filters_is_harmless(client, db, payload):
    with open_store(db) as store:
        before = store.count()
    for url, params in (("/api/articles", {"q": payload}), ("/api/articles", {"source": payload}),
                        ("/api/articles", {"event_type": payload}), ("/api/quotes", {"speaker": payload}),
                        ("/api/quotes", {"q": payload}), ("/api/entities", {"q": payload}),
                        ("/api/events", {"type": payload}), (f"/api/entities/PERSON:{payload}", {}),
                        ("/", {"q": payload, "source": payload})):
        r = client.get(url, params=params)
        assert r.status_code in (200, 400, 404), (url, params, r.status_code, r.text[:200])
        assert "Traceback" not in r.text and "sqlite" not in r.text.lower() and "psycopg" not in r.text.lower()
        if r.status_code == 200 and url.startswith("/api") and params.get("source") == payload:
            assert r.json()["items"] == []       # a tautology matches nothing: it is a value, not SQL
    with open_store(db) as store:
        assert store.count() == before


def test_read_stores_cannot_write(db):
    from dateline.errors import StoreError

    app = create_app(db, rate_limit=None)
    store = app.state.stores.reader()
    try:
        if type(store).__name__ == "SQLiteStore":
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                store._conn.execute("DELETE FROM articles")
        else:
            import psycopg

            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction, match="read-only transaction"):
                store._conn.execute("DELETE FROM articles")
            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):   # an explicit transaction too
                store._conn.raw.execute("BEGIN")
                store._conn.execute("DELETE FROM articles")
            store._conn.raw.execute("ROLLBACK")
        with pytest.raises(StoreError):             # the store's own write path is refused as well
            store.add([hostile_article(7)])
    finally:
        app.state.stores.close()
    with open_store(db) as s:
        assert s.count() == 3


# -- limits ------------------------------------------------------------------------

def test_rate_limit_answers_429(db):
    with TestClient(create_app(db, rate_limit=(3, 60.0))) as c:
        assert [c.get("/api/stats").status_code for _ in range(3)] == [200] * 3
        r = c.get("/api/stats")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert r.json()["error"]["code"] == "rate_limited"
        assert c.get("/static/css/app.css").status_code == 200      # assets are not counted


def test_ingest_route_is_absent_without_the_flag(client):
    for headers in ({}, {"authorization": f"Bearer {TOKEN}"}):
        r = client.post("/api/ingest", content=b"Some text", headers=headers)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_ingest_needs_a_token_to_start(db):
    with pytest.raises(ConfigError):
        create_app(db, allow_ingest=True, token=None)


@pytest.fixture(scope="module", params=BACKENDS)
def ingest_client(request, tmp_path_factory, pipeline):
    """An ingesting server over a new store on each backend (the server creates it)."""
    with store_target(request.param, tmp_path_factory.mktemp("web-ingest")) as target:
        app = create_app(target, allow_ingest=True, token=TOKEN, max_body=20_000, rate_limit=None,
                         pipeline=pipeline)
        with TestClient(app, raise_server_exceptions=False) as c:
            yield c


def test_ingest_without_or_with_a_wrong_token(ingest_client):
    r = ingest_client.post("/api/ingest", content=b"x")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = ingest_client.post("/api/ingest", content=b"x", headers={"authorization": "Bearer nope"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = ingest_client.post("/api/ingest", content=b"x", headers={"authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401


def test_oversize_body_is_413(ingest_client):
    auth = {"authorization": f"Bearer {TOKEN}"}
    r = ingest_client.post("/api/ingest", content=b"a" * 20_001, headers=auth)
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"

    def chunks():                           # no Content-Length: counted as it streams
        for _ in range(30):
            yield b"b" * 1000

    r = ingest_client.post("/api/ingest", content=chunks(), headers=auth)
    assert r.status_code == 413 and "Traceback" not in r.text
    r = ingest_client.post("/api/nothing", content=b"a" * 20_001)
    assert r.status_code == 413


def test_ingest_reports_each_article(ingest_client):
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"}
    lines = [
        {"id": "a1", "headline": "Flood closes bridge", "published": "2024-05-02",
         "text": "Flood closes bridge\n\nHeavy rain closed the main bridge in Bologna on Thursday, officials said."},
        {"id": "a2", "headline": f"Hostile {XSS}", "text": f"Hostile {XSS}\n\nThe mayor said the {XSS} is text."},
    ]
    body = ("\n".join(json.dumps(x) for x in lines) + "\n{broken\n").encode()
    r = ingest_client.post("/api/ingest", content=body, headers=auth)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["stored"] == 2 and report["failed"] == 1 and report["duplicates"] == 0
    assert [a["outcome"] for a in report["articles"]] == ["stored", "stored"]
    assert report["failures"][0]["line"] == 3 and "malformed JSON" in report["failures"][0]["reason"]
    again = ingest_client.post("/api/ingest", content=body, headers=auth).json()
    assert again["stored"] == 0 and [a["outcome"] for a in again["articles"]] == ["duplicate", "duplicate"]
    hostile = [a["id"] for a in report["articles"] if "Hostile" in (a["headline"] or "")][0]
    page = ingest_client.get(f"/articles/{hostile}").text
    _no_live_markup(page)
    assert ingest_client.post("/api/ingest", content=b"  ", headers=auth).status_code == 400


# -- errors never leak -------------------------------------------------------------

def test_internal_errors_answer_the_standard_body_without_a_traceback(client, monkeypatch):
    import dateline.store.pages as pages

    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(pages, "article_page", boom)
    r = client.get("/api/articles")
    assert r.status_code == 500
    assert r.json() == {"error": {"status": 500, "code": "internal", "message": "internal error"}}
    page = client.get("/", headers={"accept": "text/html"})
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    for text in (r.text, page.text):
        assert "Traceback" not in text and "secret internal detail" not in text and "RuntimeError" not in text


def test_store_errors_do_not_disclose_paths(client, monkeypatch, db):
    from dateline.errors import StoreError
    import dateline.store.pages as pages

    def broken(*args, **kwargs):
        raise StoreError(f"{db}: database disk image is malformed")

    monkeypatch.setattr(pages, "entity_page", broken)
    r = client.get("/api/entities")
    assert r.status_code == 500 and str(db) not in r.text and r.json()["error"]["code"] == "store_error"


def test_serve_binds_to_localhost_by_default():
    from dateline.cli import main

    ctx = main.commands["serve"].make_context("serve", [])
    assert ctx.params["host"] == "127.0.0.1" and ctx.params["allow_ingest"] is False


def test_nul_characters_are_refused_on_either_backend(client):
    for url, params in (("/api/articles", {"q": "a\x00b"}), ("/api/quotes", {"speaker": "\x00"}),
                        ("/api/articles/abcd%00", {}), ("/api/entities/PERSON:x%00y", {}), ("/", {"q": "\x00"})):
        r = client.get(url, params=params)
        assert r.status_code == 400, (url, r.text[:200])
        assert "Traceback" not in r.text
    assert client.get("/api/articles", params={"q": "%00"}).status_code == 200     # an escaped "%00" is text


def test_serve_takes_a_postgresql_url(monkeypatch):
    from click.testing import CliRunner

    import dateline.web as web
    from dateline.cli import main

    seen = {}
    monkeypatch.setattr(web, "serve", lambda db, **kw: seen.update(db=db, **kw))
    url = "postgresql://reader@127.0.0.1:5432/news?options=-csearch_path%3Dnews"
    result = CliRunner().invoke(main, ["serve", "--db", url])
    assert result.exit_code == 0, result.output
    assert seen["db"] == url and seen["allow_ingest"] is False and seen["host"] == "127.0.0.1"


def test_read_only_server_does_not_create_a_postgresql_store(tmp_path):
    from dateline.errors import StoreError

    with store_target("postgres", tmp_path) as url:
        with pytest.raises(StoreError, match="no dateline store") as info:
            create_app(url, rate_limit=None)
        assert "create it with `dateline ingest`" in str(info.value)
        import psycopg

        with psycopg.connect(url) as raw:     # nothing was created in the schema
            assert raw.execute("SELECT to_regclass('articles')").fetchone()[0] is None
