"""Helpers shared by the API routes: the worker's store, JSON answers, parameters."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Query
from starlette.requests import Request
from starlette.responses import Response

from ...store import Store

__all__ = ["store_of", "json_response", "DATE", "COUNTRY", "Limit", "Cursor", "Since", "Until"]

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY = r"^[A-Za-z]{2}$"

Limit = Query(20, ge=1, le=200, description="Rows per page (1-200).")
Cursor = Query(None, max_length=2000, description="The `next` cursor of the previous page.")
Since = Query(None, pattern=DATE, description="On or after this day (YYYY, YYYY-MM or YYYY-MM-DD).")
Until = Query(None, pattern=DATE, description="On or before this day (YYYY, YYYY-MM or YYYY-MM-DD).")


def store_of(request: Request) -> Store:
    """The read-only store of the worker thread answering this request.

    Call it inside the route body, not as a dependency: FastAPI may run a
    dependency on another worker thread than the route, and a store belongs to
    the thread that opened it.
    """
    return request.app.state.stores.reader()


def json_response(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON straight from ``json.dumps`` (plain dicts and lists need no model validation)."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def until_bound(until: str | None) -> str | None:
    """``until`` as an inclusive upper bound on ISO day strings (``2017`` -> ``2017-12-31``)."""
    if until is None:
        return None
    if len(until) == 4:
        return until + "-12-31"
    if len(until) == 7:
        return until + "-31"
    return until
