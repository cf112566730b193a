"""A corpus of any size from ../shared/bench/bbc.jsonl, for the benchmarks (not a test).

``replicate(bbc, n, folder)`` writes ``n`` articles as JSON Lines shards, one per copy of
the file, so every shard stays under the reader's size limit. Copy 0 is the file as it
is; later copies get a varied id and a varied first line, so every article hashes
differently (the file's own duplicates stay duplicates).
"""

from __future__ import annotations

import json
from pathlib import Path


def replicate(bbc: Path, n: int, folder: Path) -> Path:
    base = [json.loads(line) for line in bbc.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(-(-n // len(base))):
        rows = []
        for i in range(copy * len(base), min(n, (copy + 1) * len(base))):
            rec = dict(base[i % len(base)])
            if copy:
                rec["id"] = f"{rec.get('id', 'a')}-copy{copy}"
                rec["text"] = f"Copy {copy}.\n\n" + rec["text"]
            rows.append(json.dumps(rec, ensure_ascii=False))
        (folder / f"copy-{copy:04d}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder
