"""ingest --workers: the same stored result, in the same order, as one process."""

from __future__ import annotations

import json

from dateline.engines.pool import PoolAnnotator
from dateline.ingest import ingest
from dateline.model import Article
from dateline.settings import Settings
from dateline.store import open_store

from .conftest import SAMPLES


def _wire_copies(tmp_path, n: int = 9):
    """A JSON Lines file of short distinct articles, plus one duplicate line."""
    lines = []
    for i in range(n):
        text = (f"Flood waters rose in Town{i} on Monday, officials said. "
                f"About {10 + i} homes were evacuated and two people were injured, police said.")
        lines.append(json.dumps({"id": f"w{i}", "headline": f"Floods hit Town{i}", "text": text,
                                 "published": "2024-03-0" + str(1 + i % 9)}))
    lines.append(lines[0])
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _stored(db):
    with open_store(db) as store:
        rows = store.articles(limit=1000)
        return [r["id"] for r in rows], {r["id"]: store.get(r["id"]).to_dict() for r in rows}


def test_two_workers_store_what_one_process_stores_in_the_same_order(tmp_path):
    wire = _wire_copies(tmp_path)
    inputs = [str(SAMPLES), str(wire)]
    reports = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            reports[workers] = ingest(inputs, store, Settings(workers=workers, batch_size=4))
    one, two = reports[1], reports[2]
    assert (one.read, one.stored, one.duplicates, one.failed) == (two.read, two.stored, two.duplicates, two.failed)
    assert two.duplicates >= 1
    ids1, docs1 = _stored(tmp_path / "w1.db")
    ids2, docs2 = _stored(tmp_path / "w2.db")
    assert ids1 == ids2
    for key in ids1:
        a, b = dict(docs1[key]), dict(docs2[key])
        assert a == b


def test_pool_keeps_order_and_tags(tmp_path):
    settings = Settings(nlp=False)   # annotate() returns batches untouched: order and tags are what is tested
    batches = [([Article(text=f"Article number {i}.")], i) for i in range(7)] + [([], 7)]
    with PoolAnnotator(settings, 2) as pool:
        out = list(pool.map(iter(batches)))
    assert [tag for _, tag in out] == list(range(8))
    assert [b[0].text if b else None for b, _ in out] == [f"Article number {i}." for i in range(7)] + [None]
