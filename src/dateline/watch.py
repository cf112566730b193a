"""Poll feeds and ingest what is new: ``dateline watch FEED... --every 10m``.

Each round ingests every feed (a URL or a file) with one shared set of entry keys,
so an entry read in an earlier round is skipped before its link is fetched; the
store's hash check skips an article stored by an earlier run. A feed that fails
(timeout, bad XML) costs that feed for that round, never the watch.
"""

from __future__ import annotations

import re
import time
from typing import Callable, Sequence

from .errors import ConfigError
from .ingest import IngestReport, ingest
from .pipeline import Pipeline
from .settings import Settings

__all__ = ["watch", "parse_interval"]

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600}


def parse_interval(text: str) -> float:
    """``90s``, ``10m``, ``1h`` or a number of seconds -> seconds (at least 1)."""
    m = _INTERVAL.match(str(text))
    if not m:
        raise ConfigError(f"interval {text!r} is not like 90s, 10m or 1h")
    seconds = float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
    if seconds < 1:
        raise ConfigError(f"interval {text!r} is under one second")
    return seconds


def watch(feeds: Sequence[str], store, settings: Settings | None = None, *, every: float = 600.0,
          rounds: int | None = None, on_round: Callable[[int, IngestReport], None] | None = None,
          sleep: Callable[[float], None] = time.sleep, **ingest_kw) -> list[IngestReport]:
    """Ingest ``feeds`` every ``every`` seconds, ``rounds`` times (``None``: until interrupted)."""
    pipe = Pipeline(settings)
    seen: set[str] = set()
    reports: list[IngestReport] = []
    while rounds is None or len(reports) < rounds:
        report = ingest(list(feeds), store, pipe.settings, pipeline=pipe, seen=seen, **ingest_kw)
        reports.append(report)
        if on_round:
            on_round(len(reports), report)
        if report.interrupted or (rounds is not None and len(reports) >= rounds):
            break
        try:
            sleep(every)
        except KeyboardInterrupt:
            break
    return reports
