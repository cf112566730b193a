"""Annotate batches of articles in worker processes, keeping input order.

The parent reads, segments, de-duplicates and writes (one writer); workers run
:meth:`Pipeline.annotate` (spaCy and the extractors), each loading the model
once. At most ``2 × workers`` batches are in flight, so memory stays flat however
large the input, and results come back in submission order, so the store sees
the same sequence as a one-process run.

Workers start with ``spawn``: a fresh interpreter per worker, no inherited
threads or open database handles.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator, TypeVar

from ..model import Article
from ..settings import Settings

__all__ = ["PoolAnnotator"]

T = TypeVar("T")

_pipeline = None   # one Pipeline per worker process, set by _start (never in the parent)


def _start(settings: Settings) -> None:
    global _pipeline
    from ..pipeline import Pipeline

    _pipeline = Pipeline(settings)
    _pipeline.nlp   # load the model now, not inside the first batch


def _annotate(batch: list[Article]) -> list[Article]:
    return _pipeline.annotate(batch)


class PoolAnnotator:
    """``with PoolAnnotator(settings, workers) as pool: for batch, tag in pool.map(items): ...``"""

    def __init__(self, settings: Settings, workers: int):
        self.settings = settings
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "PoolAnnotator":
        self._executor = ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start, initargs=(self.settings,))
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=exc_type is None, cancel_futures=True)
            self._executor = None

    def map(self, items: Iterable[tuple[list[Article], T]]) -> Iterator[tuple[list[Article], T]]:
        """Annotate each ``(batch, tag)``; yield ``(annotated batch, tag)`` in input order.

        ``tag`` travels with its batch without leaving this process (the caller's
        bookkeeping: failures, counts)."""
        if self._executor is None:
            raise RuntimeError("PoolAnnotator.map() needs the pool opened with `with`")
        in_flight: deque[tuple[Future, T]] = deque()
        limit = 2 * self.workers
        for batch, tag in items:
            in_flight.append((self._executor.submit(_annotate, batch) if batch else _done(batch), tag))
            while len(in_flight) >= limit:
                future, t = in_flight.popleft()
                yield future.result(), t
        while in_flight:
            future, t = in_flight.popleft()
            yield future.result(), t


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future
