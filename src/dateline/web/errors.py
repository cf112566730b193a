"""One error format for the whole HTTP API.

Every error answer, whatever raised it (a bad parameter, an unknown id, a body
too large, a rate limit, a bug), is JSON of this shape and never holds a
traceback::

    {"error": {"status": 404, "code": "not_found", "message": "no article with id ..."}}

``details`` is added for parameter errors (which parameter, what was wrong).
Pages of the web UI get the same information as an HTML page.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..errors import NotFound, StoreError

__all__ = ["ApiError", "error_body", "error_response", "install_handlers"]

log = logging.getLogger("dateline.web")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "payload_too_large",
          415: "unsupported_media_type", 422: "invalid_parameter", 429: "rate_limited",
          500: "internal", 501: "not_implemented", 503: "unavailable"}


class ApiError(Exception):
    """An error answered with ``status`` and the standard body."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 details: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.details = details
        self.headers = headers or {}


def error_body(status: int, message: str, code: str | None = None, details: Any = None) -> dict:
    err: dict[str, Any] = {"status": status, "code": code or _CODES.get(status, "error"), "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


def error_response(status: int, message: str, code: str | None = None, details: Any = None,
                   headers: dict[str, str] | None = None, html: bool = False) -> Response:
    """The standard error as JSON, or (``html``) as a small escaped HTML page."""
    if html:
        from .ui import render_error_page

        return HTMLResponse(render_error_page(status, message), status_code=status, headers=headers)
    body = json.dumps(error_body(status, message, code, details), ensure_ascii=False)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def wants_html(request: Request) -> bool:
    """UI pages answer errors as HTML; the API (and anything not asking for HTML) as JSON."""
    path = request.url.path
    if path.startswith("/api") or path.startswith("/static") or path in ("/openapi.json",):
        return False
    return "text/html" in request.headers.get("accept", "")


def install_handlers(app) -> None:
    """Route every exception to the standard error format."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.message, exc.code, exc.details, exc.headers,
                              html=wants_html(request))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else _CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None),
                              html=wants_html(request))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        details = [{"parameter": ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body")),
                    "problem": e.get("msg", "invalid")} for e in exc.errors()]
        first = details[0] if details else {"parameter": "?", "problem": "invalid"}
        message = f"invalid parameter {first['parameter']!r}: {first['problem']}"
        return error_response(400, message, "invalid_parameter", details, html=wants_html(request))

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        return error_response(404, _strip_path(str(exc), request), html=wants_html(request))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(500, "the store could not answer this request", "store_error",
                              html=wants_html(request))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        # Logged with its traceback on the server; the client gets the standard body only.
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error", html=wants_html(request))


def _strip_path(message: str, request: Request) -> str:
    """Messages from the store name the database file; the client need not see it."""
    db = getattr(request.app.state, "db_path", None)
    if db:
        message = message.replace(f" in {db}", "")
    return message
