"""What only PostgreSQL has to show: migrations under a lock, concurrent ingesters,
readers beside an open write transaction, tsvector search, errors as one line.

Runs against the server named by DATELINE_TEST_PG (``eval "$(scripts/pg-test-server)"``),
each test in a fresh schema; skipped without it, failing under CI.
"""

from __future__ import annotations

import threading
import time

import pytest

from dateline.errors import NotFound, StoreError
from dateline.model import Article, Entity, Mention, Span
from dateline.store import LATEST_VERSION, open_store
from dateline.store.schema import MIGRATIONS, Migration

from .test_store import make
from .test_store_events import _corpus, _incidents


def _raw(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


# -- migrations ---------------------------------------------------------------------

def test_migrations_applied_once_and_reopen_is_idempotent(pg_url):
    from dateline.store.pg import current_version_pg, migrate_pg

    with open_store(pg_url) as s:
        assert type(s).__name__ == "PostgresStore"
        assert s.stats()["schema_version"] == LATEST_VERSION
        s.add([make("Kept", "Across reopen.")])
    with open_store(pg_url) as s, _raw(pg_url) as raw:
        assert s.count() == 1
        assert migrate_pg(s._conn, "again") == []
        assert current_version_pg(s._conn) == LATEST_VERSION
        versions = [r[0] for r in raw.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [m.version for m in MIGRATIONS]
        # the full-text index is PostgreSQL's own: a generated tsvector with a GIN index
        (kind,) = raw.execute("SELECT data_type FROM information_schema.columns WHERE table_schema = "
                              "current_schema() AND table_name = 'articles_fts' AND column_name = 'tsv'").fetchone()
        assert kind == "tsvector"
        assert raw.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                           "AND indexname = 'articles_fts_tsv'").fetchone()[0].count("gin") == 1
        # SQLite's REAL is 8 bytes: coordinates must not lose precision in PostgreSQL
        types = dict(raw.execute("SELECT column_name, data_type FROM information_schema.columns WHERE "
                                 "table_schema = current_schema() AND table_name = 'places'").fetchall())
        assert types["lat"] == types["lon"] == "double precision"


def test_newer_schema_is_refused(pg_url):
    open_store(pg_url).close()
    with _raw(pg_url) as raw:
        raw.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (%s, 'later')",
                    (LATEST_VERSION + 1,))
    with pytest.raises(StoreError, match="newer than this version") as info:
        open_store(pg_url)
    assert "\n" not in str(info.value)


def test_a_failing_migration_applies_nothing(pg_url):
    from dateline.store.pg import connect, current_version_pg, migrate_pg

    good = Migration(1, "ok", ("CREATE TABLE ok (x INTEGER)",))
    bad = Migration(2, "bad", ("CREATE TABLE nope (x INTEGER)", "NOT SQL AT ALL"))
    conn = connect(pg_url)
    try:
        assert migrate_pg(conn, "pg", (good,)) == [1]
        with pytest.raises(StoreError, match="^pg: cannot migrate the database schema: syntax error"):
            migrate_pg(conn, "pg", (good, bad))
        assert current_version_pg(conn) == 1
        assert conn.raw.execute("SELECT to_regclass('nope')").fetchone()[0] is None
    finally:
        conn.close()


# -- concurrency --------------------------------------------------------------------

def test_two_ingesters_at_once_store_each_article_once_and_agree_on_incidents(pg_url):
    corpus = _corpus() + [make(f"Story {i}", f"Body number {i} about Mosul.") for i in range(30)]
    with open_store(":memory:") as alone:
        alone.add(corpus)
        expected = _incidents(alone)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    results = []

    def ingest(order):
        try:
            with open_store(pg_url) as s:
                barrier.wait()
                for i in range(0, len(order), 3):       # small batches, interleaved with the other writer
                    results.append(s.add(order[i:i + 3]))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    open_store(pg_url).close()          # migrate once, so both threads race on the data only
    threads = [threading.Thread(target=ingest, args=(o,)) for o in (corpus, corpus[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sum(r.stored for r in results) == len(corpus)
    assert sum(r.duplicates for r in results) == len(corpus)
    with open_store(pg_url) as s:
        assert s.count() == len(corpus)
        assert _incidents(s) == expected
        assert s.stats()["events"] == 7


def test_reader_is_unaffected_by_an_open_write_transaction(pg_url):
    with open_store(pg_url) as writer, open_store(pg_url) as reader:
        writer.add([make("Mosul market reopens", "Traders returned to Mosul.", id="c1cc0001")])
        with writer._writing() as conn:
            writer._insert_article(conn, make("Mosul curfew lifted", "Mosul is calm.", id="c2cc0002"),
                                   "2024-01-01T00:00:00.000000+00:00")
            started = time.perf_counter()
            assert reader.count() == 1                                   # not blocked, not half-seen
            assert [h["id"] for h in reader.search("mosul")] == ["c1cc0001"]
            assert reader.stats()["articles"] == 1
            with pytest.raises(NotFound):
                reader.get("c2cc0002")
            assert time.perf_counter() - started < 5
        assert reader.count() == 2                                       # committed: now seen
        assert {h["id"] for h in reader.search("curfew")} == {"c2cc0002"}


def test_a_second_writer_waits_for_the_first(pg_url):
    with open_store(pg_url) as first, open_store(pg_url) as second:
        done = threading.Event()

        def write():
            second.add([make("Second", "Written after the first commits.")])
            done.set()

        with first._writing() as conn:
            first._insert_article(conn, make("First", "Holds the write lock."), "2024-01-01T00:00:00+00:00")
            thread = threading.Thread(target=write)
            thread.start()
            assert not done.wait(0.5)           # blocked on the advisory lock
        thread.join(10)
        assert done.is_set() and first.count() == 2


# -- search ----------------------------------------------------------------------------

@pytest.fixture
def corpus(pg_url):
    with open_store(pg_url) as s:
        s.add([
            make("Mosul offensive begins", "Iraqi forces moved at dawn.", id="a1aa0001"),
            make("Oil prices rise", "Traders cited tension near Mosul and Kirkuk.", id="a2aa0002"),
            make("Weather report", "Rain in Basra; bombs were found in Erbil.", id="a3aa0003"),
        ])
        yield s


def test_search_ranks_the_headline_first_with_marked_snippets(corpus):
    hits = corpus.search("mosul")
    assert [h["id"] for h in hits] == ["a1aa0001", "a2aa0002"]
    assert hits[0]["score"] == pytest.approx(5 * hits[1]["score"])       # headline weighs five times the body
    assert hits[0]["snippet"] == "[Mosul] offensive begins"
    assert hits[1]["snippet"] == "Traders cited tension near [Mosul] and Kirkuk"
    assert [h["id"] for h in corpus.search("bombing")] == ["a3aa0003"]    # english stemming
    assert [h["id"] for h in corpus.search('"tension near mosul"')] == ["a2aa0002"]
    assert [h["id"] for h in corpus.search("mosul -oil")] == ["a1aa0001"]
    assert [h["id"] for h in corpus.search("body:mosul")] == ["a2aa0002"]
    assert [h["id"] for h in corpus.search("NOT headline:mosul mosul")] == ["a2aa0002"]


@pytest.mark.parametrize("query", ['"mosul', "-", "AND", "NOT", "(", "mosul AND", "foo:bar", "*", 'a "b',
                                   "NEAR(", "^", "mosul)", "!!", "&|", "mosul:*", "'", "\\", "%s", "?"])
def test_any_query_text_is_safe(corpus, query):
    assert isinstance(corpus.search(query), list)


def test_pg_query_splits_websearch_and_tsquery_terms():
    from dateline.store.postgres import pg_query

    assert pg_query('"exact phrase" OR word') == ('"exact phrase" OR word', "")
    assert pg_query("mosul NOT oil AND gas") == ("mosul -oil gas", "")
    assert pg_query("kirk* headline:mosul NOT body:oil") == ("", "kirk:* & mosul:A & !oil:D")
    assert pg_query("it's* x") == ("x", "its:*")


def test_errors_are_one_line_store_errors(pg_url):
    with open_store(pg_url) as s, _raw(pg_url) as raw:
        raw.execute("DROP TABLE mentions")
        with pytest.raises(StoreError, match='relation "mentions" does not exist') as info:
            s.stats()
        assert "\n" not in str(info.value) and "LINE" not in str(info.value)
        assert s.count() == 0                     # the failed read left no transaction open


def test_prefixes_are_literal_and_nul_is_refused(pg_url):
    with open_store(pg_url) as s:
        s.add([make("One", "First.", id="abcd1111")])
        assert s.get("abcd").id == "abcd1111"
        for pattern in ("ab_d", "ab%d", "ABCD"):
            with pytest.raises(NotFound):
                s.get(pattern)
        text = "Nul\n\nA \x00 inside."
        bad = Article(text=text, headline="Nul", paragraphs=[Span.of(text, 5, len(text))],
                      entities=[Entity("e1", "A", "ORG", [], [Mention(5, 6, "A", "ORG")])])
        with pytest.raises(StoreError, match="NUL"):
            s.add([make("Fine", "Not stored either."), bad])
        assert s.count() == 1


# -- the read-only pages' SQL (store/pages.py) ------------------------------------------

SOURCES = [
    (None, "https://www.news.example.org/world/2024/x"), (None, "http://Example.COM:8080/a?b#c"),
    ("a/b.jsonl", "https://user:pw@host.example.net/p"), ("dump.txt", "//cdn.example.org/x"),
    ("/data/feeds/", None), ("C:\\feeds\\wire.jsonl", None), ("wire.jsonl", "mailto:desk@example.org"),
    ("x.html", ""), ("", None), (None, None), ("/", None), ("d/e.warc", "http://[::1]:8000/x"),
    ("f.txt", "ftp://www.files.example.org"), ("g.txt", "1http://nohost.example.org/"),
    ("h.txt", "http://a@b@c.example.org/"), ("i.txt", "https://www./"), ("j.txt", "http:///nohost"),
]


def test_source_names_in_sql_agree_with_python(pg_url):
    """The web pages file, filter and count articles by source in SQL: PostgreSQL's
    expression must name each source as ``source_name`` (SQLite's registered function) does."""
    from dateline.store.pages import source_name

    values = "SELECT CAST(? AS TEXT) AS path, CAST(? AS TEXT) AS url"
    with open_store(pg_url) as store, store._reading() as conn:
        for path, url in SOURCES:
            (got,) = conn.execute(f"SELECT {store._source_sql('s.path', 's.url')} FROM ({values}) AS s",
                                  (path, url)).fetchone()
            assert got == source_name(path, url), (path, url)
