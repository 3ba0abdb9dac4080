"""The web app's guards, as plain ASGI middleware: security headers, the upload size
limit while the body streams, the optional access token, and request logging without
personal data or job IDs.

CSRF (forms only) is checked in :func:`check_csrf`: a random cookie (``SameSite=Strict``,
``HttpOnly``) must equal the form's hidden ``csrf`` field — a page on another site can
neither read the cookie nor set the field.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from typing import Any

log = logging.getLogger("asn_scheduler.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # a job's link is its key: never send it to another site
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
CSRF_COOKIE = "asn_csrf"
AUTH_COOKIE = "asn_auth"
PUBLIC_PREFIXES = ("/static/", "/login", "/healthz")


class BodyTooLarge(Exception):
    """The request body went over the limit while streaming."""


class Guards:
    """Headers on every response; body limit on every request; access token when set.

    ``max_body`` bounds a request's body (the upload plus a little for form fields): a
    ``Content-Length`` over it is refused at once, and a body that streams past it
    (chunked, or lying) raises :class:`BodyTooLarge` inside the form parser, which the
    app turns into the same 413 answer.
    """

    def __init__(self, app: Any, *, max_body: int, token: str | None):
        self.app = app
        self.max_body = max_body
        self.token = token

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = [0]

        refused = [False]  # the body went over the limit: the app's answer is replaced

        async def send_with_headers(message: dict) -> None:
            if refused[0]:
                if message["type"] == "http.response.start":
                    await too_large(scope, send_with_headers_raw)
                return
            await send_with_headers_raw(message)

        async def send_with_headers_raw(message: dict) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in {h for h, _ in HEADERS}]
                headers += HEADERS
                if not scope["path"].startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        try:
            if self.token and not self._authorised(scope):
                await self._deny(scope, send_with_headers_raw)
                return
            length = _header(scope, b"content-length")
            if length is not None and length.isdigit() and int(length) > self.max_body:
                await _drain(receive, 8 * self.max_body)
                await too_large(scope, send_with_headers_raw)
                return
            seen = [0]

            async def limited_receive() -> dict:
                message = await receive()
                if message["type"] == "http.request":
                    seen[0] += len(message.get("body", b""))
                    if seen[0] > self.max_body:
                        # FastAPI turns errors while parsing a form into its own 400/422:
                        # the flag makes the answer 413 whoever catches this
                        refused[0] = True
                        raise BodyTooLarge
                return message

            await self.app(scope, limited_receive, send_with_headers)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "-"
            log.info("%s %s %s %.0f ms", scope.get("method"), path, status[0],
                     (time.perf_counter() - t0) * 1000)

    def _authorised(self, scope: dict) -> bool:
        path = scope["path"]
        if path.startswith(PUBLIC_PREFIXES):
            return True
        auth = _header(scope, b"authorization") or ""
        if auth.startswith("Bearer ") and same(auth[7:], self.token or ""):
            return True
        cookie = _cookies(scope).get(AUTH_COOKIE, "")
        return same(cookie, session_value(self.token or ""))

    async def _deny(self, scope: dict, send: Any) -> None:
        if scope["path"].startswith("/api/"):
            await _plain(send, 401, '{"detail": "access token required"}',
                         b"application/json", [(b"www-authenticate", b"Bearer")])
            return
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", b"/login")]})
        await send({"type": "http.response.body", "body": b""})


async def _drain(receive: Any, most: int) -> None:
    """Read and drop a refused body (up to ``most`` bytes), so the browser, still
    sending, sees the answer instead of a reset connection."""
    seen = 0
    while seen <= most:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body"):
            return


def form_page(path: str) -> str:
    """The page that holds the form posted to ``path`` (the solve form posts to an
    action, ``/w/{id}/solve``, of the page ``/w/{id}``)."""
    return path.removesuffix("/solve")


async def too_large(scope: dict, send: Any) -> None:
    """413 for the API; for a page, back to its form with the message."""
    if scope["path"].startswith("/api/"):
        await _plain(send, 413, '{"detail": "request body too large"}', b"application/json")
        return
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", (form_page(scope["path"]) + "?error=too_big").encode())]})
    await send({"type": "http.response.body", "body": b""})


def same(a: str, b: str) -> bool:
    """Constant-time string comparison."""
    return hmac.compare_digest(a.encode(), b.encode())


def session_value(token: str) -> str:
    """The auth cookie's value: derived from the token, so the token itself is never
    stored in the browser."""
    return hmac.new(token.encode(), b"asn-scheduler-session", hashlib.sha256).hexdigest()


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def check_csrf(cookie: str | None, field: str | None) -> bool:
    """The form's ``csrf`` field matches the cookie (both present)."""
    return bool(cookie) and bool(field) and same(cookie or "", field or "")


def _header(scope: dict, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return v.decode("latin-1")
    return None


def _cookies(scope: dict) -> dict[str, str]:
    raw = _header(scope, b"cookie") or ""
    out = {}
    for part in raw.split(";"):
        if "=" in part:
            k, v = part.strip().split("=", 1)
            out[k] = v
    return out


async def _plain(send: Any, status: int, body: str, ctype: bytes = b"text/plain; charset=utf-8",
                 extra: list | None = None) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), *(extra or [])]})
    await send({"type": "http.response.body", "body": body.encode()})
