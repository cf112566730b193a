"""The HTTP API under ``/api``: JSON, cursor pagination, one error format."""

from __future__ import annotations

from fastapi import APIRouter

from . import articles, events, facts

__all__ = ["router"]

router = APIRouter(prefix="/api")
router.include_router(articles.router)
router.include_router(events.router)
router.include_router(facts.router)
