"""Peak memory of a long ingest: does it stay flat as the corpus grows?

    python bench/memory.py [--articles 100000] [--no-nlp] [--workers N]

Writes a JSON Lines corpus of N articles by repeating ../shared/bench/bbc.jsonl with
varied ids and a varied first line (so every article hashes differently), runs
``dateline ingest`` on it in a child process into a fresh SQLite file, and samples the
child's resident memory (VmRSS from /proc, children included) every 0.5 s. Prints the
peak and the RSS at 10%, 25%, 50%, 75% and 100% of the run; writes bench/results/memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import replicate  # noqa: E402


def _rss_kb(pid: int) -> int:
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--no-nlp", action="store_true", help="segmentation only (fast; reader, segmenter and store)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = replicate(Path(args.input), args.articles, Path(tmp) / "corpus")   # shards under max_bytes
        cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(Path(tmp) / "m.db"),
               "--json", "--no-progress", "--workers", str(args.workers)] + (["--no-nlp"] if args.no_nlp else [])
        t0 = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        samples: list[tuple[float, int]] = []
        while child.poll() is None:
            samples.append((time.perf_counter() - t0, _rss_kb(child.pid)))
            time.sleep(0.5)
        stdout, stderr = child.communicate()
        if child.returncode not in (0, 1):
            sys.exit(f"ingest failed ({child.returncode}): {stderr.decode(errors='replace')[-2000:]}")
        report = json.loads(stdout or b"{}")
        seconds = time.perf_counter() - t0
    peak = max(kb for _, kb in samples) / 1024 if samples else 0.0
    at = {f"{int(q * 100)}%": round(samples[min(len(samples) - 1, int(q * len(samples)))][1] / 1024, 1)
          for q in (0.1, 0.25, 0.5, 0.75, 0.999)} if samples else {}
    print(f"{report.get('stored')} articles stored in {seconds:.0f} s "
          f"({'segmentation only' if args.no_nlp else 'full pipeline'}, workers={args.workers})")
    print(f"peak RSS {peak:.0f} MB; RSS through the run: " + ", ".join(f"{k} {v:.0f} MB" for k, v in at.items()))
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "memory.json").write_text(json.dumps({"articles": args.articles, "stored": report.get("stored"),
                                                 "no_nlp": args.no_nlp, "workers": args.workers,
                                                 "seconds": round(seconds, 1), "peak_mb": round(peak, 1),
                                                 "rss_mb_at": at}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
