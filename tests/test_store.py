"""Tests for the store, each behavioural one on SQLite and on PostgreSQL (``store_url``).
Articles are built by hand; no spaCy, no network beyond the loopback test server."""

from __future__ import annotations

import json
import sqlite3

import pytest

from dateline.errors import DatelineError, NotFound, StoreError
from dateline.model import Article, Caption, Entity, Mention, Source, Span
from dateline.store import LATEST_VERSION, AddResult, SQLiteStore, Store, open_store

LIST_KEYS = {"id", "headline", "published", "updated", "source_path", "source_id", "url",
             "language", "n_entities", "n_chars"}
SEARCH_KEYS = {"id", "headline", "published", "snippet", "score"}


def make(headline: str, body: str, entities=(), *, id: str = "", path: str = "x.txt",
         **kw) -> Article:
    """An article 'headline\\n\\nbody'; entities are (name, type, aliases, [surface, ...])
    and each surface is located by its first occurrence in the body at or after the last."""
    text = f"{headline}\n\n{body}"
    start = len(headline) + 2
    ents = []
    for n, (name, etype, aliases, surfaces) in enumerate(entities, 1):
        mentions, pos = [], start
        for surface in surfaces:
            i = text.index(surface, pos)
            mentions.append(Mention(i, i + len(surface), surface, etype))
            pos = i + len(surface)
        ents.append(Entity(f"e{n}", name, etype, list(aliases), mentions))
    return Article(text=text, headline=headline, paragraphs=[Span.of(text, start, len(text))],
                   entities=ents, source=Source(path=path, format="text"), id=id, **kw)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


@pytest.fixture
def mosul():
    return make("Fighting near Mosul", "Troops advanced on Mosul on Monday, officials in Mosul said.",
                [("Mosul", "GPE", ["Mosul city"], ["Mosul", "Mosul"])])


def raw_count(store: Store, table: str) -> int:
    return store._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# -- round trip and duplicates ------------------------------------------------

def test_round_trip_keeps_every_field(store):
    text = "Café blast kills 3\n\nBAGHDAD (Reuters) - A blast hit a café.\n\nPhoto: AP"
    body_start = text.index("BAGHDAD")
    body_end = text.index("\n\nPhoto")
    cap = text.index("Photo")
    a = Article(
        text=text, headline="Café blast kills 3", published="2024-05-01", updated="2024-05-02",
        byline="A. Writer", language="en",
        dateline=Span.of(text, body_start, body_start + 7),
        paragraphs=[Span.of(text, body_start, body_end)],
        captions=[Caption(cap, len(text), text[cap:], Span.of(text, cap + 7, len(text)))],
        entities=[Entity("e1", "Baghdad", "GPE", ["BAGHDAD"],
                         [Mention(body_start, body_start + 7, "BAGHDAD", "GPE")])],
        quotes=[{"id": "q1", "kind": "direct", "content": {"start": 0, "end": 4, "text": "Café"},
                 "speaker": None, "cue": None, "confidence": 0.5}],
        quantities=[{"value": 3, "span": {"start": 17, "end": 18, "text": "3"}}],
        source=Source(path="in/a.jsonl", url="https://example.org/a", format="jsonl", index=4, id="r7"),
    )
    assert store.add([a]) == AddResult(stored=1, duplicates=0, ids=[a.id])
    back = store.get(a.id)
    assert back.to_dict() == a.to_dict()
    assert back.body == a.body
    doc = store._conn.execute("SELECT doc FROM articles WHERE id = ?", (a.id,)).fetchone()[0]
    assert "Café" in doc  # stored with ensure_ascii=False
    assert json.loads(doc) == a.to_dict()


def test_columns_and_mentions_match_the_article(store, mosul):
    store.add([mosul])
    row = store._conn.execute(
        "SELECT source_path, source_format, source_index, n_chars, ingested_at FROM articles"
    ).fetchone()
    assert row[:4] == ("x.txt", "text", 0, len(mosul.text))
    assert row[4]
    for start, end, text, label in store._conn.execute(
            'SELECT "start", "end", text, label FROM mentions WHERE article_id = ?', (mosul.id,)):
        assert mosul.text[start:end] == text == "Mosul"
        assert label == "GPE"
    assert raw_count(store, "mentions") == 2
    n = store._conn.execute("SELECT n_mentions FROM entities").fetchone()[0]
    assert n == 2


def test_readd_counts_duplicates(store, mosul):
    other = make("Other", "Nothing here.")
    assert store.add([mosul]).stored == 1
    result = store.add([mosul, other])
    assert result == AddResult(stored=1, duplicates=1, ids=[other.id])
    assert store.count() == 2
    assert raw_count(store, "entities") == 1  # no second copy of mosul's entities
    assert raw_count(store, "articles_fts") == 2


def test_duplicate_within_one_batch(store, mosul):
    same_text = make("Fighting near Mosul", "Troops advanced on Mosul on Monday, officials in Mosul said.")
    assert same_text.id == mosul.id
    result = store.add([mosul, same_text, mosul])
    assert (result.stored, result.duplicates, result.ids) == (1, 2, [mosul.id])
    assert store.count() == 1
    assert raw_count(store, "mentions") == 2


def test_empty_batch(store):
    assert store.add([]) == AddResult(0, 0, [])
    assert store.count() == 0


def test_known_ids(store, mosul):
    assert store.known_ids([]) == set()
    assert store.known_ids([mosul.id]) == set()
    store.add([mosul])
    many = [f"missing{i}" for i in range(1200)] + [mosul.id, mosul.id]
    assert store.known_ids(many) == {mosul.id}
    assert store.known_ids(iter([mosul.id, "nope"])) == {mosul.id}


# -- get ------------------------------------------------------------------------

def test_get_by_unique_prefix(store, mosul):
    store.add([mosul, make("Other", "Body.")])
    assert store.get(mosul.id[:6]).id == mosul.id
    assert store.get(f"  {mosul.id}\n").id == mosul.id


def test_get_missing_and_short_prefix(store, mosul):
    store.add([mosul])
    with pytest.raises(NotFound, match="no article with id 'ffffffff'"):
        store.get("ffffffff")
    with pytest.raises(NotFound, match="at least 4"):
        store.get(mosul.id[:3])
    with pytest.raises(NotFound):
        store.get("")
    assert issubclass(NotFound, StoreError)


def test_get_ambiguous_prefix(store):
    store.add([make("One", "First.", id="abcd1111"), make("Two", "Second.", id="abcd2222")])
    with pytest.raises(NotFound, match="ambiguous") as info:
        store.get("abcd")
    assert "abcd1111" in str(info.value) and "abcd2222" in str(info.value)
    assert store.get("abcd2").headline == "Two"
    assert store.get("abcd1111").headline == "One"


# -- articles ---------------------------------------------------------------------

def test_articles_newest_first_with_summary_keys(store, mosul):
    first, second = make("First", "Alpha."), make("Second", "Beta.")
    store.add([first, second])
    store.add([mosul])
    rows = store.articles()
    assert [r["id"] for r in rows] == [mosul.id, second.id, first.id]
    assert set(rows[0]) == LIST_KEYS
    assert rows[0]["n_entities"] == 1 and rows[1]["n_entities"] == 0
    assert rows[0]["n_chars"] == len(mosul.text)
    assert rows[0]["source_path"] == "x.txt"
    assert [r["id"] for r in store.articles(limit=1, offset=1)] == [second.id]
    assert store.articles(limit=0) == []
    with pytest.raises(StoreError):
        store.articles(limit=-1)


# -- search -------------------------------------------------------------------------

@pytest.fixture
def corpus(store):
    arts = [
        make("Mosul offensive begins", "Iraqi forces moved at dawn.", id="a1aa0001"),
        make("Oil prices rise", "Traders cited tension near Mosul and Kirkuk.", id="a2aa0002"),
        make("Weather report", "Rain in Basra; a café in Erbil reopened.", id="a3aa0003"),
    ]
    store.add(arts)
    return store


def test_search_ranks_headline_hits_first_with_snippets(corpus):
    hits = corpus.search("mosul")
    assert [h["id"] for h in hits] == ["a1aa0001", "a2aa0002"]
    assert set(hits[0]) == SEARCH_KEYS
    assert hits[0]["headline"] == "Mosul offensive begins"
    assert hits[0]["score"] > hits[1]["score"]
    assert "[Mosul]" in hits[0]["snippet"] and "[Mosul]" in hits[1]["snippet"]
    assert corpus.search("mosul", limit=1)[0]["id"] == "a1aa0001"


def test_search_snippet_ellipsis_and_diacritics(store):
    long_body = " ".join(["filler"] * 40) + " the ceasefire held " + " ".join(["more"] * 40)
    store.add([make("Plain", long_body, id="b1bb0001"),
               make("Café reopens", "Customers returned.", id="b2bb0002")])
    snippet = store.search("ceasefire")[0]["snippet"]
    assert "[ceasefire]" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [h["id"] for h in store.search("café")] == ["b2bb0002"]
    if isinstance(store, SQLiteStore):       # FTS5 folds diacritics; PostgreSQL's english config does not
        assert [h["id"] for h in store.search("cafe")] == ["b2bb0002"]


def test_search_fts_syntax_still_works(corpus):
    assert [h["id"] for h in corpus.search("mosul NOT oil")] == ["a1aa0001"]
    assert {h["id"] for h in corpus.search("kirkuk OR basra")} == {"a2aa0002", "a3aa0003"}
    assert [h["id"] for h in corpus.search("headline:mosul")] == ["a1aa0001"]
    assert [h["id"] for h in corpus.search("kirk*")] == ["a2aa0002"]


@pytest.mark.parametrize("query", ['"mosul', "-", "AND", "NOT", "(", "mosul AND", "foo:bar",
                                   "*", 'a "b', "NEAR(", "^", "mosul)"])
def test_malformed_query_does_not_crash(corpus, query):
    hits = corpus.search(query)
    assert isinstance(hits, list)


def test_malformed_query_falls_back_to_plain_terms(corpus):
    assert [h["id"] for h in corpus.search('"mosul')] == ["a1aa0001", "a2aa0002"]
    assert [h["id"] for h in corpus.search("kirkuk)")] == ["a2aa0002"]
    assert corpus.search("-") == []


@pytest.mark.parametrize("query", ["", "   ", "\n"])
def test_empty_query_is_an_error(corpus, query):
    with pytest.raises(StoreError, match="empty"):
        corpus.search(query)


# -- entities ---------------------------------------------------------------------------

def test_entities_aggregate_by_name_and_type(store):
    store.add([
        make("Mosul falls", "Fighters left Mosul. Later Mosul was quiet. Ali Hassan spoke.",
             [("Mosul", "GPE", ["Mosul"], ["Mosul", "Mosul"]),
              ("Ali Hassan", "PERSON", [], ["Ali Hassan"])]),
        make("Aid to Mosul", "Convoys reached Mosul city.",
             [("Mosul", "GPE", ["Mosul city"], ["Mosul city"])]),
        make("Talks in Erbil", "Erbil hosted talks. Hassan attended.",
             [("Erbil", "GPE", [], ["Erbil"]),
              ("Ali Hassan", "PERSON", ["Hassan"], ["Hassan"])]),
        make("Mosul the band", "Mosul played a concert.", [("Mosul", "ORG", [], ["Mosul"])]),
    ])
    rows = store.entities()
    assert rows[0] == {"name": "Mosul", "type": "GPE", "articles": 2, "mentions": 3,
                       "aliases": ["Mosul", "Mosul city"]}
    assert rows[1] == {"name": "Ali Hassan", "type": "PERSON", "articles": 2, "mentions": 2,
                       "aliases": ["Hassan"]}
    assert [(r["name"], r["type"]) for r in rows[2:]] == [("Erbil", "GPE"), ("Mosul", "ORG")]

    gpe = store.entities(type="GPE")
    assert [(r["name"], r["articles"]) for r in gpe] == [("Mosul", 2), ("Erbil", 1)]
    assert store.entities(type="NORP") == []
    assert len(store.entities(limit=1)) == 1
    assert [r["type"] for r in store.entities(query="mosul")] == ["GPE", "ORG"]
    assert [r["name"] for r in store.entities(query="hassan", type="PERSON")] == ["Ali Hassan"]
    assert store.entities(query="100%") == []


def test_stats_and_count(store, mosul):
    store.add([mosul, make("Other", "Mosul again.", [("Mosul", "GPE", [], ["Mosul"])])])
    assert store.count() == 2
    stats = store.stats()
    assert stats["articles"] == 2
    assert stats["entities"] == 1  # one (name, type) across both articles
    assert stats["mentions"] == 3
    assert stats["path"] == store.path and stats["schema_version"] == LATEST_VERSION


# -- atomicity ----------------------------------------------------------------------------

class Exploding(Article):
    """An article whose serialisation fails with the given exception."""

    error: BaseException = RuntimeError("boom")

    def to_dict(self):
        raise type(self).error


def assert_empty(store):
    assert store.count() == 0
    for table in ("articles", "articles_fts", "entities", "mentions"):
        assert raw_count(store, table) == 0, table


@pytest.mark.parametrize("error, expected", [(KeyboardInterrupt(), KeyboardInterrupt),
                                              (ValueError("bad value"), StoreError)])
def test_failure_mid_batch_rolls_back_everything(store, mosul, error, expected):
    class Bomb(Exploding):
        pass

    Bomb.error = error
    bomb = Bomb(text="Bomb\n\nThis one explodes.")
    later = make("Later", "Never stored.")
    with pytest.raises(expected):
        store.add([mosul, make("Second", "Stored first."), bomb, later])
    assert_empty(store)
    assert store.add([mosul]).stored == 1  # the store is still usable
    assert raw_count(store, "entities") == 1


def test_database_error_inside_an_article_rolls_back(store, mosul):
    text = "Twice\n\nMosul and Mosul."
    broken = Article(text=text, headline="Twice", paragraphs=[Span.of(text, 7, len(text))],
                     entities=[Entity("e1", "Mosul", "GPE", [], [Mention(7, 12, "Mosul", "GPE")]),
                               Entity("e1", "Mosul", "GPE", [], [Mention(17, 22, "Mosul", "GPE")])])
    with pytest.raises(StoreError, match="e1"):
        store.add([mosul, broken])
    assert_empty(store)


def test_unserialisable_fact_is_a_store_error(store, mosul):
    bad = make("Bad", "Has a set in a fact.", quotes=[{"content": {"start": 0, "end": 3, "text": "Has"},
                                                       "speakers": {"a", "b"}}])
    with pytest.raises(StoreError, match="serialis"):
        store.add([mosul, bad])
    assert_empty(store)


# -- opening, files, migrations ----------------------------------------------------------------

def test_memory_stores_are_independent(mosul):
    with open_store(":memory:") as one, open_store(":memory:") as two:
        one.add([mosul])
        assert (one.count(), two.count()) == (1, 0)


def test_file_store_uses_wal_and_persists(tmp_path, mosul):
    db = tmp_path / "news.db"
    with open_store(db) as s:
        s.add([mosul])
        assert s._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.stats()["path"] == str(db)
    check = sqlite3.connect(db)
    try:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        check.close()
    with open_store(str(db)) as s:
        assert s.get(mosul.id).to_dict() == mosul.to_dict()


def test_migrations_recorded_and_reopen_is_idempotent(tmp_path, mosul):
    db = tmp_path / "news.db"
    with open_store(db) as s:
        s.add([mosul])
        assert s.stats()["schema_version"] == LATEST_VERSION
    for _ in range(2):
        with open_store(db) as s:
            rows = s._conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall()
            assert [r[0] for r in rows] == list(range(1, LATEST_VERSION + 1))
            assert all(r[1] for r in rows)
            assert s.count() == 1


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "future.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, 'x')",
                     (LATEST_VERSION + 1,))
    conn.close()
    with pytest.raises(StoreError, match="newer") as info:
        open_store(db)
    assert str(db) in str(info.value)


def test_text_file_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\n" * 20)
    with pytest.raises(StoreError) as info:
        open_store(notes)
    message = str(info.value)
    assert str(notes) in message and "not a SQLite database" in message
    assert "\n" not in message
    assert notes.read_text() == "just some notes\n" * 20  # untouched


def test_corrupt_sqlite_file_is_refused(tmp_path):
    db = tmp_path / "broken.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(StoreError) as info:
        open_store(db)
    assert str(db) in str(info.value)
    assert not isinstance(info.value, sqlite3.Error)


def test_empty_file_becomes_a_store(tmp_path, mosul):
    db = tmp_path / "empty.db"
    db.touch()
    with open_store(db) as s:
        assert s.add([mosul]).stored == 1


def test_missing_directory_is_refused(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "news.db"
    with pytest.raises(StoreError, match="does not exist") as info:
        open_store(target)
    assert str(target) in str(info.value)
    assert not (tmp_path / "no").exists()


def test_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)


@pytest.mark.parametrize("url", ["postgresql://user:s3cret@127.0.0.1:1/news", "postgres://user:s3cret@127.0.0.1:1/db",
                                 "postgresql+psycopg://user:s3cret@127.0.0.1:1/db"])
def test_unreachable_postgres_is_a_one_line_store_error_without_the_password(url):
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store(url)
    message = str(info.value)
    assert "s3cret" not in message and "user:***@127.0.0.1:1" in message
    assert "\n" not in message and "Traceback" not in message


def test_other_urls_and_bad_targets_refused():
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://localhost/db")
    with pytest.raises(StoreError):
        open_store(42)


def test_closed_store_raises_store_error(store_url, mosul):
    s = open_store(store_url)
    s.close()
    s.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        s.count()
    with pytest.raises(StoreError, match="closed"):
        s.add([mosul])


def test_context_manager_closes(store_url):
    with open_store(store_url) as s:
        assert isinstance(s, Store) and isinstance(s, SQLiteStore) == store_url.endswith(".db")
        assert "open" in repr(s)
    assert "closed" in repr(s)
    with pytest.raises(DatelineError):
        s.count()


def test_entity_repeated_in_one_article_counts_that_article_once(store):
    text = "Two Mosuls\n\nMosul here. Mosul there."
    a = Article(text=text, headline="Two Mosuls", paragraphs=[Span.of(text, 12, len(text))],
                entities=[Entity("e1", "Mosul", "GPE", ["Mosul"], [Mention(12, 17, "Mosul", "GPE")]),
                          Entity("e2", "Mosul", "GPE", ["Mosul"], [Mention(24, 29, "Mosul", "GPE")])])
    assert text[24:29] == "Mosul"
    store.add([a])
    assert store.entities() == [{"name": "Mosul", "type": "GPE", "articles": 1, "mentions": 2,
                                 "aliases": ["Mosul"]}]


# -- the migration runner itself ----------------------------------------------------------

def test_migrate_applies_only_missing_steps_and_is_all_or_nothing():
    from dateline.store.schema import Migration, current_version, migrate

    one = Migration(1, "t1", ("CREATE TABLE t1 (x INTEGER)",))
    two = Migration(2, "t2", ("CREATE TABLE t2 (x INTEGER)",))
    bad = Migration(3, "bad", ("CREATE TABLE t3 (x INTEGER)", "CREATE TABLE t1 (x INTEGER)"))
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        assert migrate(conn, "mem", (one,)) == [1]
        assert migrate(conn, "mem", (one,)) == []
        assert migrate(conn, "mem", (one, two)) == [2]
        with pytest.raises(StoreError, match="mem: cannot migrate"):
            migrate(conn, "mem", (one, two, bad))
        assert current_version(conn) == 2
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "t3" not in tables and {"t1", "t2"} <= tables
        with pytest.raises(StoreError, match="newer"):
            migrate(conn, "mem", (one,))
    finally:
        conn.close()


def test_fresh_migration_is_one_transaction():
    from dateline.store.schema import Migration, current_version, migrate

    good = Migration(1, "ok", ("CREATE TABLE ok (x INTEGER)",))
    bad = Migration(2, "bad", ("CREATE TABLE nope (x INTEGER)", "NOT SQL AT ALL"))
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with pytest.raises(StoreError):
            migrate(conn, "mem", (good, bad))
        assert current_version(conn) == 0
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table'").fetchone()[0] == 0
    finally:
        conn.close()
