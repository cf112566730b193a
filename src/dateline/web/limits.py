"""ASGI middleware guarding the server: request body size, request rate, and
security headers on every answer; and the NUL check every route depends on. Each
answers with the standard error body."""

from __future__ import annotations

import json
import math
import threading
import time
from typing import Any

from starlette.requests import Request

from .errors import ApiError, error_body

__all__ = ["BodyLimit", "RateLimit", "SecurityHeaders", "BodyTooLarge", "refuse_nul"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body is larger than the limit of {limit} bytes")


async def _send_error(send, status: int, message: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps(error_body(status, message)).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


async def refuse_nul(request: Request) -> None:
    """400 for a NUL character in the path or a query parameter: no stored text holds one
    (PostgreSQL cannot store it), so it is never a meaningful value, on either backend."""
    if "\x00" in request.scope.get("path", "") or any(
            "\x00" in k or "\x00" in v for k, v in request.query_params.multi_items()):
        raise ApiError(400, "NUL characters are not allowed in a request", "invalid_parameter")


class BodyLimit:
    """Refuse bodies over ``max_body`` bytes with 413: at once when Content-Length
    says so, else as soon as the streamed body passes the limit."""

    def __init__(self, app, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_error(send, 400, "invalid Content-Length header")
                    return
                if declared > self.max_body:
                    await _send_error(send, 413, f"request body is larger than the limit of {self.max_body} bytes")
                    return
        seen = 0
        limit = self.max_body

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


class RateLimit:
    """A token bucket per client address: ``requests`` per ``seconds``, 429 beyond.

    Static assets are not counted. In-memory and per process: a single-user
    server's guard against runaway scripts, not a shared quota.
    """

    def __init__(self, app, requests: int, seconds: float, exempt: tuple[str, ...] = ("/static/",)) -> None:
        self.app = app
        self.capacity = float(requests)
        self.rate = requests / seconds
        self.exempt = exempt
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _take(self, key: str) -> float:
        """0 if a request may go now, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > 10000:   # forget idle clients
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 3600}
            return (1.0 - tokens) / self.rate

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("path", "").startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        client = scope.get("client") or ("?", 0)
        wait = self._take(str(client[0]))
        if wait > 0:
            retry = str(max(1, math.ceil(wait))).encode()
            await _send_error(send, 429, "too many requests; slow down", [(b"retry-after", retry)])
            return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Headers on every answer: a strict Content-Security-Policy (scripts only from
    this server, no inline script), no MIME sniffing, no framing, no referrer."""

    def __init__(self, app) -> None:
        self.app = app
        self.headers: list[tuple[bytes, bytes]] = [
            (b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in self.headers if h[0] not in present]
            await send(message)

        await self.app(scope, receive, with_headers)
