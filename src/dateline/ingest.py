"""Ingest: run the pipeline over inputs and store the articles, batch by batch.

Duplicates are skipped before NLP (by article id, the hash of the normalised
text), each batch is one transaction, and an interrupted run resumes by
re-running it: what was stored is skipped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from .model import Article, Failure, Skipped
from .pipeline import Pipeline, batched
from .settings import Settings

__all__ = ["IngestReport", "ingest"]


@dataclass
class IngestReport:
    """What an ingest run did. ``read`` counts articles segmented from the inputs."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)   # reason -> count (WARC non-HTML records ...)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "failed": self.failed, "skipped": dict(self.skipped), "seconds": round(self.seconds, 3),
                "articles_per_second": round(self.rate, 2), "interrupted": self.interrupted,
                "failures": [{"path": f.path, "line": f.line, "kind": f.kind, "reason": f.reason}
                             for f in self.failures]}


def ingest(paths: Sequence[str], store, settings: Settings | None = None, *, stdin=None,
           on_progress: Callable[[int], None] | None = None,
           on_failure: Callable[[Failure], None] | None = None,
           pipeline: Pipeline | None = None, seen: set[str] | None = None) -> IngestReport:
    """Read ``paths``, extract, and add new articles to ``store``; return a report.

    On KeyboardInterrupt the run stops and the report comes back with
    ``interrupted=True``; the batch in flight is rolled back by the store, so
    nothing half-written remains and a re-run resumes where this one stopped.
    With ``settings.workers > 1`` spaCy and the extractors run in that many
    processes (:mod:`dateline.engines.pool`); this process still reads, removes
    duplicates and writes, in input order.
    ``seen``: feed entry keys already read, skipped before fetching (``dateline watch``).
    """
    pipe = pipeline or Pipeline(settings)
    report = IngestReport()
    started = time.perf_counter()
    pending: set[str] = set()   # ids sent for annotation and not stored yet

    def prepared():
        """(new articles of a batch, how many articles it read), failures reported on the way."""
        for chunk in batched(pipe.segment(pipe.documents(paths, stdin=stdin, seen=seen)),
                             pipe.settings.batch_size):
            articles: list[Article] = []
            for item in chunk:
                if isinstance(item, Skipped):
                    report.skipped[item.reason] = report.skipped.get(item.reason, 0) + item.count
                elif isinstance(item, Failure):
                    report.failures.append(item)
                    if on_failure:
                        on_failure(item)
                else:
                    articles.append(item)
            report.read += len(articles)
            known = store.known_ids([a.id for a in articles]) | pending
            fresh: dict[str, Article] = {}
            for a in articles:
                if a.id not in known and a.id not in fresh:
                    fresh[a.id] = a
            report.duplicates += len(articles) - len(fresh)
            pending.update(fresh)
            yield list(fresh.values()), len(articles)

    def stored(annotated: Iterator[tuple[list[Article], int]]) -> None:
        for fresh, n_read in annotated:
            result = store.add(fresh)
            pending.difference_update(a.id for a in fresh)
            report.stored += result.stored
            report.duplicates += result.duplicates
            if on_progress:
                on_progress(n_read)

    workers = pipe.settings.workers if pipe.settings.nlp else 1
    try:
        if workers > 1:
            from .engines.pool import PoolAnnotator

            with PoolAnnotator(pipe.settings, workers) as pool:
                stored(pool.map(prepared()))
        else:
            stored((pipe.annotate(fresh), n) for fresh, n in prepared())
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        report.seconds = time.perf_counter() - started
    return report
