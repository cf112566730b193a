"""Where the pipeline's time goes: spaCy vs each extractor, on the same articles, one process.

    python bench/stages.py [--input ../shared/bench/bbc.jsonl] [--limit 500]

Wraps the stage functions the pipeline calls (without changing them) with timers, runs
the full pipeline once, and reports each stage's seconds and its share of the spaCy time
(the issue goals are stated as time added on top of the pipeline).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import dateline.pipeline as pipeline_module  # noqa: E402
from dateline.model import Failure  # noqa: E402
from dateline.nlp import load_model  # noqa: E402
from dateline.pipeline import Pipeline  # noqa: E402
from dateline.settings import Settings  # noqa: E402

STAGES = ["segment", "mentions_from_doc", "resolve_entities", "extract_quotes", "extract_times",
          "extract_places", "article_focus", "extract_quantities", "extract_events"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(REPO.parent / "shared" / "bench" / "bbc.jsonl"))
    ap.add_argument("--limit", type=int, default=500)
    args = ap.parse_args(argv)
    settings = Settings()
    nlp = load_model(settings.model)
    spent: dict[str, float] = defaultdict(float)

    def timed(name, fn):
        def wrapper(*a, **kw):
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] += time.perf_counter() - t0
        return wrapper

    originals = {name: getattr(pipeline_module, name) for name in STAGES}
    for name, fn in originals.items():
        setattr(pipeline_module, name, timed(name, fn))
    original_pipe = pipeline_module.pipe

    def timed_pipe(model, texts, batch_size=256):
        it = original_pipe(model, texts, batch_size=batch_size)
        while True:
            t0 = time.perf_counter()
            try:
                doc = next(it)
            except StopIteration:
                return
            finally:
                spent["spacy"] += time.perf_counter() - t0
            yield doc

    pipeline_module.pipe = timed_pipe
    lines = Path(args.input).read_text(encoding="utf-8").splitlines()[: args.limit]
    tmp = REPO / "bench" / "results"
    tmp.mkdir(exist_ok=True)
    path = tmp / "stages-input.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    list(nlp.pipe(["warm up the model"] * 10))
    t0 = time.perf_counter()
    items = list(Pipeline(settings, nlp=nlp).run_paths([str(path)]))
    total = time.perf_counter() - t0
    path.unlink()
    for name, fn in originals.items():
        setattr(pipeline_module, name, fn)
    pipeline_module.pipe = original_pipe
    n = sum(1 for i in items if not isinstance(i, Failure))
    spacy = spent["spacy"]
    print(f"articles: {n}; total {total:.1f} s; spaCy {spacy:.1f} s ({spacy / total:.0%} of total)")
    result = {"articles": n, "total_s": round(total, 2), "spacy_s": round(spacy, 2), "stages": {}}
    for name in STAGES:
        share = spent[name] / spacy if spacy else 0.0
        result["stages"][name] = {"seconds": round(spent[name], 3), "vs_spacy": round(share, 4)}
        print(f"  {name:<18} {spent[name]:7.2f} s  {share:+.1%} on top of spaCy")
    (tmp / "stages.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
