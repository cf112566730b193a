"""Regenerate the example document in README.md from samples/wire.jsonl (record wire-0002)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import dateline  # noqa: E402


def main() -> int:
    (article,) = [a for a in dateline.extract(REPO / "samples" / "wire.jsonl") if a.source.id == "wire-0002"]
    doc = article.to_dict()
    doc["source"]["path"] = "samples/wire.jsonl"
    block = "<!-- example:wire-0002 -->\n```json\n" + json.dumps(doc, ensure_ascii=False, indent=2) + "\n```"
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    new, n = re.subn(r"<!-- example:wire-0002 -->\s*```json\n.*?```", lambda _: block, text, flags=re.S)
    if n != 1:
        print("README.md has no example block to replace", file=sys.stderr)
        return 1
    readme.write_text(new, encoding="utf-8")
    print("README example regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
