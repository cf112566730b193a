"""Cursor pagination: each list answer carries ``next``, an opaque cursor for the
following page (``null`` on the last page). Pass it back as ``?cursor=``.

A cursor is URL-safe base64 of a small JSON object: ``{"o": offset}`` for ranked
or store-ordered lists, ``{"k": [...]}`` for keyset pages (the sort key of the
last row seen), so a page deep in a large list costs no more than the first.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from .errors import ApiError

__all__ = ["encode_cursor", "decode_cursor", "offset_from", "page"]

MAX_LIMIT = 200


def encode_cursor(state: dict[str, Any]) -> str:
    raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any]:
    """The cursor's state, ``{}`` for none; a malformed cursor is a 400."""
    if not cursor:
        return {}
    try:
        if len(cursor) > 2000:
            raise ValueError("too long")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        state = json.loads(raw.decode("utf-8"))
        if not isinstance(state, dict):
            raise ValueError("not an object")
        if "o" in state and (not isinstance(state["o"], int) or isinstance(state["o"], bool) or state["o"] < 0):
            raise ValueError("bad offset")
        if "k" in state and not (isinstance(state["k"], list)
                                 and all(isinstance(v, (str, int, float)) for v in state["k"])):
            raise ValueError("bad key")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"invalid cursor: {exc}", "invalid_cursor") from None
    return state


def offset_from(cursor: str | None) -> int:
    state = decode_cursor(cursor)
    if state and "o" not in state:
        raise ApiError(400, "invalid cursor: not an offset cursor for this list", "invalid_cursor")
    return int(state.get("o", 0))


def page(items: list, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    """A list answer from ``limit + 1`` fetched rows at ``offset``."""
    more = len(items) > limit
    items = items[:limit]
    out: dict[str, Any] = {"items": items, "limit": limit,
                           "next": encode_cursor({"o": offset + limit}) if more else None}
    out.update(extra)
    return out
