"""Stores for the web tests: the samples ingested once per run (NLP on), and small
hand-made stores (no NLP) with hostile text and hand-made events, on either backend
(:func:`on_backend`: a SQLite file, or a fresh PostgreSQL schema)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dateline.model import Article, Entity, Mention, Source, Span

from ..conftest import SAMPLES, pg_schema

_CACHE: dict[str, Path] = {}

XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


def sample_db(tmp_path_factory, pipeline) -> Path:
    """The bundled samples ingested with the full pipeline, once per test run."""
    if "samples" not in _CACHE:
        from dateline.ingest import ingest
        from dateline.store import open_store

        path = tmp_path_factory.mktemp("web-samples") / "samples.db"
        with open_store(path) as store:
            report = ingest([str(SAMPLES)], store, pipeline=pipeline)
        assert report.stored >= 5 and not report.failures
        _CACHE["samples"] = path
    return _CACHE["samples"]


def _span(text: str, needle: str, start: int = 0) -> dict:
    i = text.index(needle, start)
    return {"start": i, "end": i + len(needle), "text": needle}


def hostile_article(n: int = 0) -> Article:
    """An article whose headline, body, quote, speaker and entity names hold markup."""
    headline = f"Alert {n} {XSS}"
    body = f'Officials in Mosul said "{XSS} stays text" on Monday, 12 people were killed. {XSS}'
    text = headline + "\n\n" + body
    p_start = len(headline) + 2
    para = Span(p_start, len(text), body)
    quote_words = _span(text, f"{XSS} stays text", p_start)
    speaker = _span(text, "Officials", p_start)
    mosul = _span(text, "Mosul", p_start)
    evil = _span(text, XSS, p_start)
    entities = [
        Entity("e1", f"Evil {XSS}", "PERSON", [f"alias {XSS}"], [Mention(evil["start"], evil["end"], evil["text"], "PERSON")]),
        Entity("e2", "Mosul", "GPE", [], [Mention(mosul["start"], mosul["end"], "Mosul", "GPE")]),
    ]
    quotes = [{"id": "q1", "kind": "direct", "content": quote_words, "pieces": [quote_words],
               "cue": {**_span(text, "said", p_start), "lemma": "say"},
               "speaker": {"name": f"Speaker {XSS}", "entity": "e1", "description": f"Officials {XSS}",
                           "role": None, "affiliation": None, "span": speaker}, "confidence": 0.9}]
    places = [{**mosul, "name": "Mosul", "geonameid": "99072", "feature": "city", "country": "IQ",
               "admin1": "IQ.15", "lat": 36.335, "lon": 43.11889, "precision": "city", "confidence": 0.9}]
    times = [{**_span(text, "Monday", p_start), "type": "DATE", "value": "2017-03-06", "mod": None}]
    killed = _span(text, "12 people", p_start)
    quantities = [{"id": "n1", **killed, "value": 12, "min": 12, "max": 12, "unit": None, "kind": "count",
                   "qualifier": None, "vague": False, "noun": "people"}]
    trigger = _span(text, "killed", p_start)
    events = [{"id": "v1", "code": "ATTACK", "type": "Violence against civilians", "subtype": "Attack",
               "family": "violence", "trigger": trigger,
               "date": {"value": "2017-03-06", "precision": "day", "mod": None, "time": None, "source": "text"},
               "place": {"name": f"Mosul {XSS}", "geonameid": "99072", "country": "IQ", "admin1": "IQ.15",
                         "lat": 36.335, "lon": 43.11889, "precision": "city", "relative": None, **mosul},
               "actor1": None, "actor2": None, "target": None,
               "killed": {"min": 12, "max": 12, "qualifier": None, "vague": False, **killed}, "injured": None,
               "reported_by": None, "aggregate": False,
               "evidence": [_span(text, f"Officials in Mosul said", p_start)], "confidence": 0.8}]
    return Article(text=text, headline=headline, published=f"2017-03-0{6 + n % 3}", language="en",
                   source=Source(path=f"hostile/{XSS}.jsonl", format="jsonl", index=n),
                   paragraphs=[para], entities=entities, quotes=quotes, places=places, times=times,
                   quantities=quantities, events=events)


def handmade_db(path: Path, n: int = 3) -> Path:
    from dateline.store import open_store

    with open_store(path) as store:
        store.add([hostile_article(i) for i in range(n)])
    return path


def copy_store(source: str | Path, target: str) -> None:
    """Every article of the store at ``source`` added to the empty store at ``target``,
    in the order they were ingested (the target merges its own incidents)."""
    from dateline.store import open_store

    with open_store(source) as src:
        ids = [a["id"] for a in reversed(src.articles(limit=src.count()))]
        articles = [src.get(i) for i in ids]
    with open_store(target) as dst:
        assert dst.add(articles).stored == len(articles)


@contextmanager
def on_backend(backend: str, sqlite_path: Path) -> Iterator[str | Path]:
    """The SQLite store at ``sqlite_path`` itself, or a copy of it in a fresh PostgreSQL
    schema (skipped without a test server, failing under CI)."""
    if backend == "sqlite":
        yield sqlite_path
    else:
        with pg_schema() as url:
            copy_store(sqlite_path, url)
            yield url
