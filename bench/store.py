"""Compare the SQLite and PostgreSQL stores on the same articles.

    eval "$(scripts/pg-test-server)"
    python bench/store.py [--articles 300] [--queries 200] [--pg URL]

Takes the first ``--articles`` BBC articles of ../shared/bench/bbc.jsonl (past its 2,225,
copies with varied ids and first lines) and, for each
backend, into an empty store: (1) ``dateline ingest --no-nlp`` (read, segment, store;
no spaCy) timed end to end; (2) the same segmented articles added again into a second
empty store, one ``add()`` per batch of 100, to time the store alone (only up to 5,000
articles); (3) ``--queries``
searches over a rotating list of words, p50/p95 latency. PostgreSQL runs in a fresh
schema (``bench_<pid>``) dropped afterwards; SQLite in a temporary file.
Results go to bench/results/store.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import replicate  # noqa: E402
from dateline.ingest import ingest  # noqa: E402
from dateline.pipeline import Pipeline  # noqa: E402
from dateline.settings import Settings  # noqa: E402
from dateline.store import open_store  # noqa: E402

WORDS = ["government", "market", "election", "music", "film", "football", "economy", "minister",
         "growth", "police", "technology", "chelsea", "\"prime minister\"", "bank OR shares", "oil",
         "mobile phone", "award", "court", "tax", "rugby"]


ADD_LIMIT = 5000   # above this many articles only the end-to-end ingest and search are timed


@contextmanager
def targets(backend: str, pg: str | None, folder: Path, name: str):
    if backend == "sqlite":
        yield str(folder / f"{name}.db")
        return
    import psycopg

    schema = f"bench_{os.getpid()}_{name}"
    with psycopg.connect(pg, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def run(backend: str, pg: str | None, source: Path, articles: list, queries: int, folder: Path) -> dict:
    settings = Settings().with_(nlp=False)
    out: dict = {"backend": backend}
    with targets(backend, pg, folder, "ingest") as target, open_store(target) as store:
        report = ingest([str(source)], store, settings)
        out["ingest_articles"] = report.stored
        out["ingest_seconds"] = round(report.seconds, 3)
        out["ingest_per_second"] = round(report.stored / report.seconds, 1)
        times = []
        for i in range(queries):
            started = time.perf_counter()
            store.search(WORDS[i % len(WORDS)], limit=20)
            times.append(time.perf_counter() - started)
        times.sort()
        out["search_p50_ms"] = round(1000 * statistics.median(times), 2)
        out["search_p95_ms"] = round(1000 * times[int(0.95 * (len(times) - 1))], 2)
    if not articles:
        return out
    with targets(backend, pg, folder, "add") as target, open_store(target) as store:
        started = time.perf_counter()
        for i in range(0, len(articles), 100):
            store.add(articles[i:i + 100])
        seconds = time.perf_counter() - started
        out["add_per_second"] = round(len(articles) / seconds, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--pg", default=os.environ.get("DATELINE_TEST_PG"),
                        help="PostgreSQL server URL (default $DATELINE_TEST_PG)")
    args = parser.parse_args()
    shared = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "articles"
        replicate(shared / "bench" / "bbc.jsonl", args.articles, source)
        pipe = Pipeline(Settings().with_(nlp=False))
        articles = [] if args.articles > ADD_LIMIT else \
            [a for a in pipe.segment(pipe.documents([str(source)])) if hasattr(a, "text")]
        results = [run("sqlite", None, source, articles, args.queries, folder)]
        if args.pg:
            results.append(run("postgres", args.pg, source, articles, args.queries, folder))
        else:
            print("no PostgreSQL URL (--pg or DATELINE_TEST_PG): SQLite only", file=sys.stderr)
    for r in results:
        print(json.dumps(r))
    out = REPO / "bench" / "results" / "store.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"articles": args.articles, "queries": args.queries, "results": results},
                              indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
