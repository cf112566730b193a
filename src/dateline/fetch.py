"""Fetch one URL politely and safely: the only module that opens network connections.

Used for feed URLs given on the command line and for feed entries whose full text
is not embedded. Rules:

* a timeout on connect and read, a size limit (``max_bytes``) on the body;
* a user agent naming dateline and where to read about it;
* ``http`` and ``https`` only; addresses that resolve to private, loopback,
  link-local, multicast or reserved networks are refused (each redirect hop is
  checked again) unless ``allow_private`` is set — a feed must not make dateline
  read an intranet or a cloud metadata service.

Every failure is an :class:`~dateline.errors.UnreadableInput` naming the URL.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import __version__
from .errors import InputTooLarge, UnreadableInput

__all__ = ["Fetched", "fetch", "is_url", "USER_AGENT"]

USER_AGENT = f"dateline/{__version__} (news fact extraction; python-urllib)"
_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str            # after redirects
    status: int
    content_type: str
    data: bytes


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _check_host(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        raise UnreadableInput(f"only http(s) URLs are fetched, not {url!r}", url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnreadableInput(f"cannot resolve {parts.hostname}: {exc}", url) from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise UnreadableInput(
                f"refused: {parts.hostname} is a private or local address ({address}); "
                "pass --allow-private to fetch it", url)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_host(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = 50 * 1024 * 1024,
          allow_private: bool = False) -> Fetched:
    """GET ``url``; raise :class:`UnreadableInput` (or :class:`InputTooLarge`) with a one-line reason."""
    _check_host(url, allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputTooLarge(f"response is {length} bytes, over the size limit (set max_bytes)", url)
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputTooLarge("response is over the size limit (set max_bytes)", url)
            return Fetched(response.geturl(), response.status, response.headers.get("Content-Type", ""), data)
    except urllib.error.HTTPError as exc:
        raise UnreadableInput(f"HTTP {exc.code} {exc.reason}", url) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else str(exc.reason)
        raise UnreadableInput(f"cannot fetch: {reason}", url) from exc
    except (TimeoutError, socket.timeout) as exc:
        raise UnreadableInput(f"timed out after {timeout:g}s", url) from exc
    except (OSError, ValueError) as exc:
        raise UnreadableInput(f"cannot fetch: {exc}", url) from exc
