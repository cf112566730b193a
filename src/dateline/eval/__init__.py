"""Scorers for the gold sets in ``shared/eval``, one function per task.

    >>> from dateline.eval import run_eval
    >>> report = run_eval("extraction", "../shared/eval/extraction/scrapinghub")
    >>> report["metrics"]["body"]["f1"]

Each task function takes the gold set's path (plus keyword options) and returns a
report dict with at least ``task``, ``dataset``, ``pages`` and ``metrics``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import EvalError
from .extraction import evaluate_extraction, format_report

__all__ = ["TASKS", "run_eval", "evaluate_extraction", "format_report"]

#: task name -> scorer; later tasks (quotes, time, geo, events) register here.
TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "extraction": evaluate_extraction,
}


def run_eval(task: str, path: str, **kw: Any) -> dict[str, Any]:
    """Run the scorer registered for ``task`` on the gold set at ``path``."""
    try:
        scorer = TASKS[task]
    except KeyError:
        known = ", ".join(sorted(TASKS))
        raise EvalError(f"unknown evaluation task {task!r}; known tasks: {known}") from None
    return scorer(path, **kw)
