"""Benchmark the HTTP API on a store of at least 10,000 articles.

    python bench/api.py [--db /tmp/dateline-bench-api.db] [--articles 10000] [--requests 300]

Building the store (once; reused while it has enough articles): the 2,225 BBC
articles of ../shared/bench/bbc.jsonl are ingested with the full pipeline (NLP and
every extractor), then replicated through the store API until the store holds
``--articles``: each copy is the stored article with one marker line appended to
its text ("[bench copy K]", so its hash id differs; every span keeps its offsets),
``source.id`` suffixed ``#copyK``, and nothing else changed (entities, quotes,
places, events are the original's; copies of an event merge into the original's
incident, as several outlets reporting one story would).

Measuring: p50/p95 latency over ``--requests`` requests each of search
(``/api/articles?q=``, a rotating set of words), article (``/api/articles/{id}``,
random ids) and events (``/api/events``, rotating filters), first in-process
(ASGI test client, no sockets) and then over real HTTP (uvicorn on loopback, one
keep-alive client). Results go to bench/results/api.json.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import threading
import time
import warnings
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dateline.model import Article, Source, article_id  # noqa: E402
from dateline.store import open_store  # noqa: E402

BBC = REPO.parent / "shared" / "bench" / "bbc.jsonl"
WORDS = ["economy", "election", "Blair", "film", "mobile", "growth", "football", "music", "government",
         "oil prices", "court", "China", "\"interest rates\"", "Microsoft", "police", "injury", "budget",
         "internet", "Iraq", "award"]
EVENT_QUERIES = ["", "country=GB", "country=US", "type=Protests", "since=2004-06", "min_killed=1",
                 "near=51.5,-0.12,200", "bbox=35,-10,60,30", "type=violence", "limit=100"]


def build(db: Path, target: int) -> dict:
    started = time.perf_counter()
    info: dict = {}
    with open_store(db) as store:
        have = store.count()
        if have >= target:
            return {"reused": True, "articles": have}
        copies = [r for r in _all_ids(store) if "#copy" in (r.get("source_id") or "")]
        if not copies:     # (re)run the NLP ingest: it resumes, skipping what is stored
            t = time.perf_counter()
            stored, failed = _nlp_ingest(store)
            info["nlp_ingest_s"] = round(time.perf_counter() - t, 1)
            info["nlp_articles"] = stored
            info["nlp_failed_articles"] = failed
            print(f"ingested {stored} BBC articles with NLP in {info['nlp_ingest_s']} s "
                  f"({failed} stored without facts after an extractor error)", flush=True)
        originals = [r["id"] for r in _all_ids(store) if "#copy" not in (r.get("source_id") or "")]
        copy = 1
        t = time.perf_counter()
        while store.count() < target:
            batch: list[Article] = []
            for aid in originals:
                a = store.get(aid)
                text = a.text + f"\n\n[bench copy {copy}]"
                src = a.source
                batch.append(replace(a, text=text, id=article_id(text),
                                     source=Source(src.path, src.url, src.format, src.index,
                                                   f"{src.id or aid}#copy{copy}")))
                if len(batch) == 500:
                    store.add(batch)
                    batch = []
            if batch:
                store.add(batch)
            print(f"copy {copy}: {store.count()} articles", flush=True)
            copy += 1
        info["replicate_s"] = round(time.perf_counter() - t, 1)
        info["articles"] = store.count()
        info["incidents"] = len(store.events(limit=1_000_000)) if hasattr(store, "events") else None
    info["build_s"] = round(time.perf_counter() - started, 1)
    return info


def _nlp_ingest(store) -> tuple[int, int]:
    """``dateline ingest`` of the BBC file, except that an article an extractor fails on
    is stored without facts (counted) instead of stopping the run."""
    from dateline.pipeline import Pipeline, batched

    pipe = Pipeline()
    stored = failed = 0
    for chunk in batched(pipe.segment(pipe.documents([str(BBC)])), 64):
        articles = [a for a in chunk if isinstance(a, Article)]
        known = store.known_ids(a.id for a in articles)
        fresh = list({a.id: a for a in articles if a.id not in known}.values())
        try:
            pipe.annotate(fresh)
        except Exception:            # noqa: BLE001 - one bad article must not stop a benchmark build
            for a in fresh:
                try:
                    pipe.annotate([a])
                except Exception:    # noqa: BLE001
                    failed += 1
                    a.entities, a.quotes, a.times, a.places, a.quantities, a.events = [], [], [], [], [], []
                    a.focus = None
        stored += store.add(fresh).stored
    return stored, failed


def _all_ids(store) -> list[dict]:
    out, offset = [], 0
    while True:
        rows = store.articles(limit=1000, offset=offset)
        if not rows:
            return out
        out += rows
        offset += len(rows)


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _summary(times: list[float]) -> dict:
    ms = [t * 1000 for t in times]
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(_pct(ms, 0.95), 2),
            "max_ms": round(max(ms), 2)}


def workloads(ids: list[str], n: int, seed: int = 7) -> dict[str, list[str]]:
    rnd = random.Random(seed)
    return {
        "search": [f"/api/articles?q={WORDS[i % len(WORDS)]}&limit=20" for i in range(n)],
        "article": [f"/api/articles/{rnd.choice(ids)}" for _ in range(n)],
        "events": [f"/api/events?{EVENT_QUERIES[i % len(EVENT_QUERIES)]}" for i in range(n)],
        "articles_list": ["/api/articles?limit=20" for _ in range(n)],
    }


def measure(get, urls: list[str]) -> dict:
    for url in urls[:10]:      # warm the caches and the worker threads
        get(url)
    times = []
    for url in urls:
        t = time.perf_counter()
        status, size = get(url)
        times.append(time.perf_counter() - t)
        if status != 200:
            raise SystemExit(f"{url}: HTTP {status}")
    return _summary(times)


def run(db: Path, n: int) -> dict:
    from dateline.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    import httpx
    import uvicorn

    with open_store(db) as store:
        ids = [r["id"] for r in _all_ids(store)]
        count = len(ids)
    work = workloads(ids, n)
    results: dict = {"articles": count, "requests_per_endpoint": n, "in_process": {}, "http": {}}
    app = create_app(db, rate_limit=None)
    with TestClient(app) as client:
        def get(url):
            r = client.get(url)
            return r.status_code, len(r.content)
        for name, urls in work.items():
            results["in_process"][name] = measure(get, urls)
            print("in-process", name, results["in_process"][name], flush=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, rate_limit=None), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            def get(url):
                r = client.get(url)
                return r.status_code, len(r.content)
            for name, urls in work.items():
                results["http"][name] = measure(get, urls)
                print("http", name, results["http"][name], flush=True)
    finally:
        server.should_exit = True
        thread.join(10)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/dateline-bench-api.db", help="store to build or reuse")
    ap.add_argument("--articles", type=int, default=10_000, help="articles the store must hold")
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    ap.add_argument("--out", default=str(REPO / "bench" / "results" / "api.json"))
    args = ap.parse_args()
    db = Path(args.db)
    info = build(db, args.articles)
    results = run(db, args.requests)
    results["build"] = info
    import platform
    import os

    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print("\n| endpoint | in-process p50 | p95 | HTTP p50 | p95 |\n| --- | --- | --- | --- | --- |")
    for name in results["in_process"]:
        a, b = results["in_process"][name], results["http"][name]
        print(f"| {name} | {a['p50_ms']} ms | {a['p95_ms']} ms | {b['p50_ms']} ms | {b['p95_ms']} ms |")


if __name__ == "__main__":
    main()
