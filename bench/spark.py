"""Spark local mode against the process pool, on the same articles, in one run.

    python bench/spark.py [--input ../shared/bench/bbc.jsonl] [--limit 400] [--workers 2]

(1) ``dateline ingest --workers N`` into a fresh SQLite file, then ``dateline export
--format parquet`` (so both sides end with the same Parquet tables); (2) ``dateline spark``
with ``local[N]`` writing the tables directly. Spark's JVM and Python-worker start-up is
inside its time, as a user would see it. Prints articles/s for each and the ratio; writes
bench/results/spark.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dateline.export import export_parquet  # noqa: E402
from dateline.ingest import ingest  # noqa: E402
from dateline.settings import Settings  # noqa: E402
from dateline.store import open_store  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    from dateline.engines.spark import run_spark, spark_session

    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(args.input).read_text(encoding="utf-8").splitlines()[: args.limit]
        corpus = Path(tmp) / "in"
        corpus.mkdir()
        for i in range(args.workers):          # one file per worker so Spark can split the input
            (corpus / f"part-{i}.jsonl").write_text("\n".join(lines[i::args.workers]) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        with open_store(Path(tmp) / "pool.db") as store:
            report = ingest([str(corpus)], store, Settings(workers=args.workers))
            export_parquet(store, Path(tmp) / "pool-tables")
        pool_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        session = spark_session(f"local[{args.workers}]")
        counts = run_spark([str(corpus)], str(Path(tmp) / "spark-tables"), Settings(), spark=session,
                           partitions=args.workers)
        session.stop()
        spark_s = time.perf_counter() - t0
    pool_rate, spark_rate = report.stored / pool_s, counts["articles"] / spark_s
    print(f"process pool ({args.workers} workers) + export: {report.stored} articles in {pool_s:.1f}s "
          f"= {pool_rate:.2f} art/s")
    print(f"spark local[{args.workers}]: {counts['articles']} articles in {spark_s:.1f}s = {spark_rate:.2f} art/s")
    print(f"spark / pool: {spark_rate / pool_rate:.2f}x")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "spark.json").write_text(json.dumps({
        "articles": len(lines), "workers": args.workers, "pool_seconds": round(pool_s, 1),
        "spark_seconds": round(spark_s, 1), "pool_rate": round(pool_rate, 2), "spark_rate": round(spark_rate, 2),
        "cpus": os.cpu_count()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
