"""Tables (dateline.tables) and `dateline export`: Parquet from a store equals the
rows of the stored documents; JSON Lines round-trips the documents."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.export import all_rows
from dateline.ingest import ingest
from dateline.store import open_store
from dateline.tables import TABLES, article_rows, month_of

from .conftest import SAMPLES

pa = pytest.importorskip("pyarrow")


def _canon(rows):
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def test_month_of():
    assert month_of("2017-03-09") == "2017-03" and month_of("2017-03") == "2017-03"
    assert month_of(None) == "unknown" and month_of("March 2017") == "unknown"


def test_article_rows_cover_every_fact_and_keep_it_whole(pipeline):
    article = next(a for a in pipeline.run_paths([str(SAMPLES / "seed_dump.txt")]) if hasattr(a, "entities"))
    doc = article.to_dict()
    rows = article_rows(doc)
    assert set(rows) == set(TABLES) - {"incidents"}
    assert len(rows["entities"]) == len(doc["entities"]) and len(rows["places"]) == len(doc["places"])
    assert json.loads(rows["articles"][0]["doc"]) == doc
    for table, data in rows.items():
        names = [c for c, _ in TABLES[table]]
        assert all(list(r) == names for r in data), table
        assert all(r["month"] == "2017-03" for r in data)


def test_export_parquet_equals_the_stored_documents(tmp_path, pipeline):
    import pyarrow.dataset as ds

    db = tmp_path / "s.db"
    with open_store(db) as store:
        ingest([str(SAMPLES)], store, pipeline=pipeline)
        docs = [store.get(r["id"]).to_dict() for r in store.articles(limit=100)]
    out = tmp_path / "pq"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    expected = all_rows(docs)
    for table in TABLES:
        got = ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist() \
            if (out / table).exists() else []
        # hive partitioning puts `month` last: compare as dicts
        assert _canon(got) == _canon(expected[table]), table
    assert expected["articles"] and expected["places"]
    # a second export replaces, not appends
    CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out)])
    assert ds.dataset(out / "articles", format="parquet", partitioning="hive").count_rows() == len(docs)


def test_export_jsonl_round_trips(tmp_path, pipeline):
    db = tmp_path / "s.db"
    with open_store(db) as store:
        ingest([str(SAMPLES / "wire.jsonl")], store, pipeline=pipeline)
        n = store.count()
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "jsonl", "--out", "-"])
    assert result.exit_code == 0
    lines = [json.loads(l) for l in result.stdout.splitlines()]
    assert len(lines) == n and all(d["schema"] == "dateline.article/1" for d in lines)
