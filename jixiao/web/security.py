"""Request-level protections that Django 5.2 does not ship: the Content-Security-Policy header,
and the client address behind a reverse proxy for the login rate limit.

The policy allows scripts from our own static files only (HTMX is served from there), so an
injected ``<script>`` or ``onclick=`` never runs.  The client address is ``REMOTE_ADDR`` unless
that is one of ``JIXIAO_TRUSTED_PROXIES``; then it is the right-most ``X-Forwarded-For`` entry not
itself a trusted proxy.  A header from anyone else is ignored (it could be forged to dodge or to
cause a lock-out), and users behind one proxy are told apart (one shared address would lock
everyone out after five failures of one user name)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

POLICY = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
))  # fmt: skip


class ContentSecurityPolicy:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", getattr(settings, "JIXIAO_CSP", POLICY))
        return response


def _trusted(address: str, proxies: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(p, strict=False) for p in proxies)


def client_ip(request: HttpRequest) -> str | None:
    """The address the login limit is keyed on (``AXES_CLIENT_IP_CALLABLE``)."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = list(getattr(settings, "JIXIAO_TRUSTED_PROXIES", []))
    if not remote or not proxies or not _trusted(remote, proxies):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed header: key on the proxy, never on forged text
    return remote
