"""Ingest throughput with 1 and N worker processes, in one run of this script.

    python bench/workers.py [--input ../shared/bench/bbc.jsonl] [--limit N] [--workers 2]

Each variant ingests the same articles into a fresh SQLite store (full pipeline:
spaCy and every extractor). Workers start with ``spawn`` and load the model once
each; that start-up is inside the measured time, as a user would see it.
Prints articles/s for each and the speed-up; writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dateline.ingest import ingest  # noqa: E402
from dateline.settings import Settings  # noqa: E402
from dateline.store import open_store  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(args.input)
        lines = src.read_text(encoding="utf-8").splitlines()[: args.limit or None]
        path = Path(tmp) / "input.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        rates = {}
        for workers in (1, args.workers):
            with open_store(Path(tmp) / f"w{workers}.db") as store:
                t0 = time.perf_counter()
                report = ingest([str(path)], store, Settings(workers=workers))
                seconds = time.perf_counter() - t0
            rates[workers] = report.stored / seconds
            print(f"workers={workers}: {report.stored} articles in {seconds:.1f}s = {rates[workers]:.2f} art/s",
                  flush=True)
    ratio = rates[args.workers] / rates[1]
    print(f"speed-up with {args.workers} workers: {ratio:.2f}x (goal >= 1.7x for 2)")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "workers.json").write_text(json.dumps({
        "input": str(src), "articles": len(lines), "rates": rates, "speedup": round(ratio, 3),
        "cpus": os.cpu_count(), "python": platform.python_version()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
