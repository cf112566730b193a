"""The ASGI app: the JSON API under ``/api``, the web UI, OpenAPI at ``/docs``.

    create_app(db_path)          read-only app over one store (a SQLite file or a PostgreSQL URL)
      middleware                 SecurityHeaders > RateLimit > BodyLimit (outermost first)
      /api/...                   api/articles.py, api/events.py, api/facts.py (+ api/ingest.py)
      /, /articles/{id}, ...     ui.py (server-rendered pages, Jinja2, autoescaped)
      /static/...                own CSS/JS and vendored assets (no CDN)
      /docs, /openapi.json       Swagger UI from the vendored bundle
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import ConfigError
from .errors import install_handlers
from .limits import BodyLimit, RateLimit, SecurityHeaders, refuse_nul
from .stores import StorePool, check_target

__all__ = ["create_app", "DEFAULT_MAX_BODY", "DEFAULT_RATE_LIMIT", "STATIC"]

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 10 * 1024 * 1024          # bytes per request body
DEFAULT_RATE_LIMIT = (600, 60.0)             # requests per seconds, per client address

_DESCRIPTION = """Read-only JSON API over a dateline store: articles with full-text search, incidents
merged across reports (JSON, GeoJSON, ACLED CSV), quotes, entities, places and counts.

Lists answer `{"items": [...], "limit": N, "next": CURSOR}`; pass `next` back as `?cursor=`
for the following page (`null` on the last). Every error answers
`{"error": {"status", "code", "message"}}`. Every fact carries character offsets into the
article's `text`."""


def create_app(db_path: str | os.PathLike, *, allow_ingest: bool = False, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY, rate_limit: tuple[int, float] | None = DEFAULT_RATE_LIMIT,
               pipeline=None) -> FastAPI:
    """The dateline web app over the store at ``db_path``: a SQLite file or a
    ``postgresql://`` URL (:func:`~dateline.store.open_store`).

    Read-only unless ``allow_ingest``, which also needs ``token`` (the bearer
    token of ``POST /api/ingest``). ``max_body`` caps request bodies (413
    beyond); ``rate_limit`` is ``(requests, seconds)`` per client address (429
    beyond), ``None`` for none. ``pipeline`` (a :class:`~dateline.Pipeline`)
    serves ingest; by default one is built from the environment on first use.
    """
    path = os.fspath(db_path)
    if allow_ingest and not token:
        raise ConfigError("ingest over HTTP needs a token: set DATELINE_TOKEN")
    if max_body < 1:
        raise ConfigError(f"max_body must be positive, got {max_body}")
    name = check_target(path, create=allow_ingest)   # opens, checks and migrates once, with errors at start-up
    pool = StorePool(path)

    @asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()

    app = FastAPI(title="dateline", version=__version__, description=_DESCRIPTION, docs_url=None,
                  redoc_url=None, lifespan=lifespan, dependencies=[Depends(refuse_nul)])
    app.state.stores = pool
    app.state.db_path = name         # as the store's messages name it (a URL's password masked)
    app.state.pipeline = pipeline
    app.state.allow_ingest = allow_ingest
    install_handlers(app)

    from .api import router as api_router
    from .ui import router as ui_router

    app.include_router(api_router)
    if allow_ingest:
        from .api.ingest import make_router

        app.include_router(make_router(token))
    app.include_router(ui_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)

    app.add_middleware(BodyLimit, max_body=max_body)
    if rate_limit:
        app.add_middleware(RateLimit, requests=rate_limit[0], seconds=rate_limit[1])
    app.add_middleware(SecurityHeaders)
    return app


_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dateline API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/js/docs.js"></script>
</body></html>"""
