"""HTTP API and web UI over a dateline store (``dateline serve``).

Importing :mod:`dateline` does not import this package; it needs FastAPI and
uvicorn, which ``dateline serve`` loads on demand.
"""

from __future__ import annotations

import ipaddress
import os

__all__ = ["create_app", "serve"]


def create_app(*args, **kwargs):
    """See :func:`dateline.web.app.create_app`."""
    from .app import create_app as _create

    return _create(*args, **kwargs)


def serve(db: str | os.PathLike, host: str = "127.0.0.1", port: int = 8080, *, allow_ingest: bool = False,
          token: str | None = None, max_body: int | None = None, rate_limit: tuple[int, float] | None = ...,
          log_level: str = "info") -> None:
    """Serve the API and web UI over the store at ``db`` until interrupted.

    Binds to localhost by default and is read-only unless ``allow_ingest``
    (which needs ``token``, by default from ``DATELINE_TOKEN``).
    """
    import uvicorn

    from .app import DEFAULT_MAX_BODY, DEFAULT_RATE_LIMIT, create_app as _create

    if token is None:
        token = os.environ.get("DATELINE_TOKEN") or None
    app = _create(db, allow_ingest=allow_ingest, token=token,
                  max_body=max_body or DEFAULT_MAX_BODY,
                  rate_limit=DEFAULT_RATE_LIMIT if rate_limit is ... else rate_limit)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False,
                access_log=log_level == "debug")


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
