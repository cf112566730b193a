"""`dateline spark` in local mode: its tables equal what `dateline extract` gives for the
same inputs (duplicates dropped the way ingest drops them, incidents merged alike)."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from dateline.export import all_rows
from dateline.model import Article
from dateline.tables import TABLES, read_table


def _need(module: str):
    try:
        return __import__(module)
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{module} is missing; CI installs it from requirements-test.lock")
        pytest.skip(f"{module} not installed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from .conftest import SAMPLES

    folder = tmp_path_factory.mktemp("corpus")
    for name in ("seed_dump.txt", "wire.jsonl"):
        shutil.copy(SAMPLES / name, folder / name)
    first = (SAMPLES / "wire.jsonl").read_text().splitlines()[0]
    (folder / "again.jsonl").write_text(first + "\n")          # a duplicate of an article above
    (folder / "broken.jsonl").write_text('{"text": "unterminated\n')
    return folder


@pytest.fixture(scope="module")
def spark_out(corpus, tmp_path_factory):
    _need("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI") == "true":
            pytest.fail("java is missing; .ci/run installs a JRE for the Spark test")
        pytest.skip("no Java runtime for Spark")
    from dateline.engines.spark import run_spark, spark_session

    out = tmp_path_factory.mktemp("spark") / "tables"
    session = spark_session("local[2]")
    try:
        counts = run_spark([str(corpus)], str(out), partitions=2, spark=session)
    finally:
        session.stop()
    return out, counts


def test_spark_tables_equal_the_single_machine_pipeline(corpus, spark_out, pipeline):
    out, counts = spark_out
    seen, docs = set(), []
    for item in pipeline.run_paths([str(corpus)]):
        if isinstance(item, Article) and item.id not in seen:
            seen.add(item.id)
            docs.append(item.to_dict())
    expected = all_rows(docs)
    canon = lambda rows: sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)  # noqa: E731
    for table in TABLES:
        got = read_table(out, table).to_pylist()
        assert canon(got) == canon(expected[table]), table
        assert counts[table] == len(expected[table])
    assert counts["articles"] == len(docs) >= 5
    assert counts["failed"] == 1 and "broken.jsonl" in counts["failures"][0]
