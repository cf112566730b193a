"""Arbitrary text never crashes the segmenter or the pipeline; interrupted ingests resume."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import NoArticleFound
from dateline.ingest import ingest
from dateline.model import Article, RawDocument
from dateline.pipeline import Pipeline
from dateline.segment import segment
from dateline.settings import Settings
from dateline.store import open_store

from .conftest import SAMPLES

# Text made of the pieces pages are made of, glued in any order, plus raw noise.
PIECES = ["\n", "\n\n", "\n\n\n", "1 / 3", "Follow", "Updated 09 March 2017", "  • “Quote", "- Sub head -",
          "MOSUL, Iraq: ", "WASHINGTON (Reuters) - ", "(AFP / NAME)", "By Jane Doe", "-----", "“", "”", "'",
          "Headline words here", "A sentence that ends.", "He said.", "\t", "\r\n", "\u00a0", "é", "٣", "👍"]
page_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=40).map("".join)


def _check(articles: list[Article]) -> None:
    for a in articles:
        for s in a.spans():
            assert a.text[s.start:s.end] == s.text
        assert a.paragraphs


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=page_text, fmt=st.sampled_from(["dump", "article"]), headline=st.one_of(st.none(), st.text(max_size=20)))
def test_segmenter_never_raises_on_arbitrary_text(text, fmt, headline):
    try:
        articles = segment(RawDocument(text, fmt, headline=headline))
    except NoArticleFound:
        return
    _check(articles)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=page_text)
def test_pipeline_never_raises_on_arbitrary_text(pipeline, text):
    items = list(pipeline.run([RawDocument(text, "dump", path="x.txt")]))
    articles = [i for i in items if isinstance(i, Article)]
    _check(articles)
    for a in articles:
        for e in a.entities:
            assert e.mentions and all(a.text[m.start:m.end] == m.text for m in e.mentions)


class _Interrupting(Pipeline):
    """Raises KeyboardInterrupt when annotating the n-th batch, like Ctrl-C mid-run."""

    def __init__(self, *a, stop_at: int, **kw):
        super().__init__(*a, **kw)
        self.calls, self.stop_at = 0, stop_at

    def annotate(self, articles):
        self.calls += 1
        if self.calls == self.stop_at:
            raise KeyboardInterrupt
        return super().annotate(articles)


def test_interrupted_ingest_leaves_a_consistent_store_and_resumes(tmp_path, nlp):
    settings_ = Settings(batch_size=1)
    db = tmp_path / "resume.db"
    with open_store(db) as store:
        report = ingest([str(SAMPLES)], store, settings_, pipeline=_Interrupting(settings_, nlp=nlp, stop_at=3))
        assert report.interrupted and report.stored == 2
        assert store.count() == 2
        for row in store.articles():
            store.get(row["id"])                  # every stored article is whole
    with open_store(db) as store:
        again = ingest([str(SAMPLES)], store, settings_, pipeline=Pipeline(settings_, nlp=nlp))
        assert not again.interrupted
        assert again.stored == 4 and again.duplicates == 2
        assert store.count() == 6


def test_store_rejects_nothing_half_written_on_crash_in_batch(tmp_path, nlp):
    """A failure while writing one batch rolls back the whole batch."""
    db = tmp_path / "crash.db"
    with open_store(db) as store:
        arts = list(Pipeline(Settings(nlp=False)).run_paths([str(SAMPLES / "seed_dump.txt")]))
        arts[1].entities = [object()]             # not serialisable: the write fails half-way
        with pytest.raises(Exception):
            store.add(arts)
        assert store.count() == 0
        assert json.dumps(store.stats())


def test_killed_ingest_leaves_a_consistent_database_and_a_rerun_finishes(tmp_path):
    """SIGKILL mid-run (no cleanup at all): the database stays consistent and a re-run completes."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    base = (SAMPLES / "seed_dump.txt").read_text(encoding="utf-8")
    for i in range(40):
        # every copy of both articles differs, so 80 distinct articles in all
        (folder / f"{i:03d}.txt").write_text(base.replace(" said", f" said{i}"), encoding="utf-8")
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(folder), "--db", str(db), "--batch-size", "1",
           "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            if db.exists():
                try:
                    with sqlite3.connect(db) as con:
                        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.Error:
                    stored = 0
            if stored >= 4:
                break
        assert proc.poll() is None, "ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0
    assert 4 <= n_articles < 80
    done = subprocess.run(cmd + ["--json"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["stored"] == 80 - n_articles and report["duplicates"] == n_articles
