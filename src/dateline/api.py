"""The Python API: the same documents as the CLI, from a string, a path or many paths."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError
from .model import Article, Failure, Skipped
from .pipeline import Pipeline
from .readers import document_from_text
from .settings import Settings

__all__ = ["extract", "open_store"]

OnError = str | Callable[[Failure], None]


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and (value == "-" or os.path.exists(value))


def extract(source: str | os.PathLike | Iterable[str | os.PathLike], *,
            settings: Settings | None = None, on_error: OnError = "raise",
            pipeline: Pipeline | None = None) -> Iterator[Article]:
    """Yield the articles found in ``source``.

    ``source`` is article text (a str holding a dump, one article or an HTML
    page), a path to a file or folder (str or Path), or a list of paths.
    ``on_error``: ``"raise"`` (default) raises the InputError of the first bad
    input, ``"skip"`` drops it, a callable receives each :class:`Failure`.
    """
    pipe = pipeline or Pipeline(settings)
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        items = pipe.documents([os.fspath(source)])
    elif isinstance(source, str):
        items = iter([document_from_text(source)])
    else:
        items = pipe.documents([os.fspath(p) for p in source])
    for item in pipe.run(items):
        if isinstance(item, Article):
            yield item
        elif isinstance(item, Skipped):
            continue
        elif on_error == "raise":
            raise InputError(item.reason, item.path, item.line)
        elif callable(on_error):
            on_error(item)


def open_store(path: str | Path = "dateline.db"):
    """Open (creating and migrating if needed) the article store at ``path``."""
    from .store import open_store as _open

    return _open(path)
