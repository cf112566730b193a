"""Build dateline's gazetteer index ahead of time (otherwise it is built on first use).

    python scripts/build_gazetteer.py [PATH]

Default PATH: the cache ($DATELINE_CACHE, else $XDG_CACHE_HOME/dateline, else
~/.cache/dateline). Prints the path, size and build time.
"""

from __future__ import annotations

import sys
import time

from dateline.resolve.gazetteer import build_index


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    path = build_index(argv[0] if argv else None)
    print(f"{path}  {path.stat().st_size / 1e6:.1f} MB  {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
