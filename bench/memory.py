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


def _rss_kb(pid: int) -> dict[int, int]:
    """VmRSS in KB of the process and each of its children, by pid."""
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    out = {}
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out[p] = int(line.split()[1])
        except OSError:
            continue
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--no-nlp", action="store_true", help="segmentation only (fast; reader, segmenter and store)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--log", help="append a JSON line per minute (elapsed s, RSS by process) to this file")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = replicate(Path(args.input), args.articles, Path(tmp) / "corpus")   # shards under max_bytes
        cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(Path(tmp) / "m.db"),
               "--json", "--no-progress", "--workers", str(args.workers)] + (["--no-nlp"] if args.no_nlp else [])
        t0 = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        samples: list[tuple[float, int]] = []
        parts: list[dict[int, int]] = []
        while child.poll() is None:
            rss = _rss_kb(child.pid)
            samples.append((time.perf_counter() - t0, sum(rss.values())))
            parts.append(rss)
            if args.log and len(samples) % 120 == 1:
                with open(args.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps({"s": round(samples[-1][0]), "total_mb": round(samples[-1][1] / 1024),
                                          "by_pid_mb": {p: round(kb / 1024) for p, kb in rss.items()}}) + "\n")
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
    main_pid = child.pid
    by_role = {}
    for q in (0.1, 0.5, 0.999):
        rss = parts[min(len(parts) - 1, int(q * len(parts)))] if parts else {}
        workers = sorted((kb for p, kb in rss.items() if p != main_pid), reverse=True)
        by_role[f"{int(q * 100)}%"] = {"writer_mb": round(rss.get(main_pid, 0) / 1024, 1),
                                       "workers_mb": [round(kb / 1024, 1) for kb in workers]}
    print("by process: " + "; ".join(f"{k} writer {v['writer_mb']:.0f} MB, workers {v['workers_mb']}"
                                      for k, v in by_role.items()))
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "memory.json").write_text(json.dumps({"articles": args.articles, "stored": report.get("stored"),
                                                 "no_nlp": args.no_nlp, "workers": args.workers,
                                                 "seconds": round(seconds, 1), "peak_mb": round(peak, 1),
                                                 "rss_mb_at": at, "by_process": by_role}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
