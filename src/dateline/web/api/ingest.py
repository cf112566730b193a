"""``POST /api/ingest``: store uploaded articles. The route exists only when the
server is started with ``--allow-ingest``, and needs ``Authorization: Bearer
<DATELINE_TOKEN>``; the body size is limited by the server's ``max_body``."""

from __future__ import annotations

import hmac
import threading

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ...model import Article, Failure
from ..errors import ApiError
from .common import json_response

__all__ = ["make_router", "ingest_bytes"]

_TYPES = {"text/plain": "text", "text/markdown": "text", "text/html": "html", "application/xhtml+xml": "html",
          "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/jsonlines": "jsonl",
          "application/json-lines": "jsonl", "application/json": "jsonl"}


def _check_token(request: Request, token: str) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header or scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "ingest needs 'Authorization: Bearer <token>'", headers={"www-authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise ApiError(403, "the bearer token is not valid for ingest")


def make_router(token: str) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["ingest"])

    @router.post("/ingest", summary="Store uploaded articles (only with --allow-ingest)",
                 responses={401: {"description": "no bearer token"}, 403: {"description": "wrong token"},
                            413: {"description": "body over the size limit"}})
    async def ingest(request: Request, format: str | None = Query(
            None, pattern=r"^(text|html|jsonl)$",
            description="text (a dump), html (one page) or jsonl; default from Content-Type, else sniffed")) -> Response:
        """Body: a text dump, an HTML page or JSON Lines records. Answers what happened to
        each article (`stored` or `duplicate`) and each failure with its one-line reason."""
        _check_token(request, token)
        data = await request.body()
        if not data.strip():
            raise ApiError(400, "the request body is empty")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        fmt = format or _TYPES.get(ctype)
        report = await run_in_threadpool(ingest_bytes, request.app.state, data, fmt)
        return json_response(report)

    return router


_pipeline_lock = threading.Lock()


def _pipeline(state):
    with _pipeline_lock:
        if getattr(state, "pipeline", None) is None:
            from ...pipeline import Pipeline
            from ...settings import Settings

            state.pipeline = Pipeline(Settings.from_env())
        return state.pipeline


def ingest_bytes(state, data: bytes, fmt: str | None) -> dict:
    """Segment, annotate and store the articles in ``data``; per-article outcomes."""
    from ...readers import documents_from_bytes

    pipe = _pipeline(state)
    items = list(pipe.segment(documents_from_bytes(data, path="upload", format=fmt)))
    articles = [a for a in items if isinstance(a, Article)]
    failures = [f for f in items if isinstance(f, Failure)]
    outcomes = []
    with state.stores.writer() as store:
        known = store.known_ids([a.id for a in articles])
        fresh: dict[str, Article] = {}
        for a in articles:
            if a.id not in known and a.id not in fresh:
                fresh[a.id] = a
                outcomes.append({"id": a.id, "headline": a.headline, "outcome": "stored"})
            else:
                outcomes.append({"id": a.id, "headline": a.headline, "outcome": "duplicate"})
        pipe.annotate(list(fresh.values()))
        result = store.add(list(fresh.values()))
    stored = set(result.ids)
    for o in outcomes:
        if o["outcome"] == "stored" and o["id"] not in stored:
            o["outcome"] = "duplicate"     # stored by someone else meanwhile
    return {"read": len(articles), "stored": len(stored),
            "duplicates": sum(o["outcome"] == "duplicate" for o in outcomes), "failed": len(failures),
            "articles": outcomes,
            "failures": [{"path": f.path, "line": f.line, "kind": f.kind, "reason": f.reason, "message": str(f)}
                         for f in failures]}
