"""Scorers for the gold sets in ``shared/eval``, one function per task.

    >>> from dateline.eval import run_eval
    >>> report = run_eval("extraction", "../shared/eval/extraction/scrapinghub")
    >>> report["metrics"]["body"]["f1"]
    >>> run_eval("quotes", "../shared/eval/quotes/polnear-dev.jsonl", baseline=True)

Each task function takes the gold set's path (plus keyword options) and returns a
report dict with at least ``task``, ``dataset``, ``pages`` and ``metrics``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import EvalError
from .extraction import evaluate_extraction, format_report, trafilatura_baseline_body
from .geo import evaluate_geo_both, format_geo_reports
from .quotes import evaluate_quotes, format_quotes_report
from .time import evaluate_time, format_time_report


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A scorer or formatter imported on first call (keeps heavy imports out of other tasks)."""
    def call(*args: Any, **kw: Any) -> Any:
        from importlib import import_module
        return getattr(import_module(f"{__name__}.{module}"), name)(*args, **kw)
    call.__name__ = name
    return call

__all__ = [
    "TASKS", "BASELINES", "DEFAULT_PATHS", "FORMATTERS", "run_eval", "evaluate_extraction", "evaluate_quotes", "evaluate_geo_both", "evaluate_time",
    "format_report", "format_quotes_report", "format_task_report",
]

#: task name -> scorer; later tasks (quotes, time, geo, events) register here.
TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "extraction": evaluate_extraction,
    "quotes": evaluate_quotes,
    "geo": evaluate_geo_both,          # own recognition, plus gold toponym spans given
    "time": evaluate_time,
    "quantities": _lazy("quantities", "evaluate_quantities"),
    "events": _lazy("events", "evaluate_events"),
    "event-types": _lazy("event_types", "evaluate_event_types"),
}

#: task name -> keyword arguments that make the scorer run the peer baseline instead of us.
BASELINES: dict[str, dict[str, Any]] = {
    "extraction": {"body_fn": trafilatura_baseline_body},   # bare trafilatura.extract
    "quotes": {"extractor": "textacy"},                      # textacy direct_quotations
    "time": {"system": "dateparser"},                        # dateparser.search.search_dates
    "quantities": {"system": "quantulum3"},                  # quantulum3.parser.parse
}

#: task name -> ``formatter(report, baseline=None) -> str``.
FORMATTERS: dict[str, Callable[..., str]] = {
    "extraction": format_report,
    "quotes": format_quotes_report,
    "geo": format_geo_reports,
    "time": format_time_report,
    "quantities": _lazy("quantities", "format_quantities_report"),
    "events": _lazy("events", "format_events_report"),
    "event-types": _lazy("event_types", "format_event_types_report"),
}


#: task name -> gold set used when the command line gives none (run from the repository root).
DEFAULT_PATHS: dict[str, str] = {"quantities": "tests/gold/quantities.jsonl"}


def run_eval(task: str, path: str, baseline: bool = False, **kw: Any) -> dict[str, Any]:
    """Run the scorer registered for ``task`` on the gold set at ``path``.

    With ``baseline=True`` the peer baseline is scored in the same run and its
    report is kept under ``report["baseline"]``.
    """
    try:
        scorer = TASKS[task]
    except KeyError:
        known = ", ".join(sorted(TASKS))
        raise EvalError(f"unknown evaluation task {task!r}; known tasks: {known}") from None
    report = scorer(path, **kw)
    if baseline and task in BASELINES:
        report["baseline"] = scorer(path, **BASELINES[task], **kw)
    return report


def format_task_report(report: dict[str, Any]) -> str:
    """A readable table of a report (and its baseline, when it has one), by its task."""
    formatter = FORMATTERS.get(report.get("task", ""), format_report)
    return formatter(report, report.get("baseline"))
