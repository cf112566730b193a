"""Throughput of the full pipeline against bare spaCy on the same texts, in one process.

    python bench/throughput.py [--input ../shared/bench/bbc.jsonl] [--limit N] [--repeat R]

Runs, in this order and in this process, with the model loaded once beforehand:
  1. baseline: ``nlp.pipe`` over each article's whole text (what anyone would start from);
  1b. blocks:  ``nlp.pipe`` over exactly the blocks (headline, paragraphs...) dateline feeds spaCy,
     so ``extract / blocks`` is the cost of dateline's own work on top of the same spaCy work;
  2. extract:  dateline's pipeline (read JSON Lines, segment, spaCy per block, entities, aliases);
  3. ingest:   the same plus writing to a fresh SQLite store.
Prints articles/s for each and the overhead ratios; writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dateline.ingest import ingest  # noqa: E402
from dateline.model import Failure  # noqa: E402
from dateline.nlp import load_model  # noqa: E402
from dateline.pipeline import Pipeline  # noqa: E402
from dateline.settings import Settings  # noqa: E402
from dateline.store import open_store  # noqa: E402


def _limited_copy(src: Path, limit: int | None, tmp: Path) -> tuple[Path, list[str]]:
    lines = src.read_text(encoding="utf-8").splitlines()
    if limit:
        lines = lines[:limit]
    path = tmp / "input.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [json.loads(l)["text"] for l in lines]


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each variant; the best is kept")
    args = ap.parse_args(argv)

    settings = Settings()
    nlp = load_model(settings.model)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        path, texts = _limited_copy(Path(args.input), args.limit, tmp)
        n = len(texts)
        list(nlp.pipe(texts[:20]))          # warm up

        def baseline():
            for _ in nlp.pipe(texts, batch_size=64):
                pass

        seg = Pipeline(settings.with_(nlp=False))
        blocks = [span.text for item in seg.run_paths([str(path)]) if not isinstance(item, Failure)
                  for _, span in item.blocks()]

        def baseline_blocks():
            for _ in nlp.pipe(blocks, batch_size=256):
                pass

        failures: list[Failure] = []
        produced: list[int] = []

        def extract():
            count = 0
            for item in Pipeline(settings, nlp=nlp).run_paths([str(path)]):
                if isinstance(item, Failure):
                    failures.append(item)
                else:
                    count += 1
            produced.append(count)

        db_runs = iter(range(10_000))

        def store_run():
            db = tmp / f"bench-{next(db_runs)}.db"
            with open_store(db) as store:
                report = ingest([str(path)], store, settings, pipeline=Pipeline(settings, nlp=nlp))
            failures.extend(report.failures)

        t_base = _best(baseline, args.repeat)
        t_blocks = _best(baseline_blocks, args.repeat)
        t_extract = _best(extract, args.repeat)
        t_ingest = _best(store_run, args.repeat)

    result = {
        "input": args.input, "articles": n, "produced": produced[-1] if produced else 0,
        "failures": len(failures), "python": platform.python_version(), "model": settings.model,
        "baseline_nlp_pipe": {"seconds": round(t_base, 2), "articles_per_s": round(n / t_base, 1)},
        "baseline_nlp_pipe_blocks": {"seconds": round(t_blocks, 2), "articles_per_s": round(n / t_blocks, 1)},
        "extract": {"seconds": round(t_extract, 2), "articles_per_s": round(n / t_extract, 1)},
        "ingest_sqlite": {"seconds": round(t_ingest, 2), "articles_per_s": round(n / t_ingest, 1)},
        "extract_overhead": round(t_extract / t_base - 1, 3),
        "ingest_overhead": round(t_ingest / t_base - 1, 3),
        "extract_overhead_vs_blocks": round(t_extract / t_blocks - 1, 3),
        "ingest_overhead_vs_blocks": round(t_ingest / t_blocks - 1, 3),
    }
    print(f"articles: {n} ({result['produced']} produced, {len(failures)} failed)")
    for key in ("baseline_nlp_pipe", "baseline_nlp_pipe_blocks", "extract", "ingest_sqlite"):
        r = result[key]
        print(f"  {key:<18} {r['articles_per_s']:>8.1f} articles/s  ({r['seconds']} s)")
    print(f"  extract overhead on top of bare nlp.pipe: {result['extract_overhead']:+.1%}")
    print(f"  ingest  overhead on top of bare nlp.pipe: {result['ingest_overhead']:+.1%}")
    print(f"  extract overhead on top of nlp.pipe over the same blocks: {result['extract_overhead_vs_blocks']:+.1%}")
    print(f"  ingest  overhead on top of nlp.pipe over the same blocks: {result['ingest_overhead_vs_blocks']:+.1%}")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(result, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
