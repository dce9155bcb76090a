"""Who may write, and the headers every response carries.

Reading is open; writes (analyze-now, delete, re-analyse, dashboard POSTs) need the token.
Two ways to present it:
* `Authorization: Bearer <token>` (API clients). A browser never adds this header on its own,
  so it needs no CSRF check.
* the `propscope_token` cookie set by `/login?token=...` (the dashboard). A browser *does*
  send cookies on its own, so a cookie-authorised write must also come from our own origin:
  the Origin header (else the Referer) must name the Host the request was sent to. SameSite
  =Strict already keeps the cookie off cross-site requests; the origin check also covers
  same-site attackers (another port on localhost) and old browsers.
Tokens are compared with hmac.compare_digest on bytes, so timing says nothing about them.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "propscope_token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
_HEADER_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)
NO_TOKEN = ("writes are disabled: this server has no token configured "
            "(start it with PROPSCOPE_TOKEN set)")


def token_matches(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"),
                               expected.encode("utf-8", "surrogatepass"))


def _host_port(netloc: str, scheme: str) -> tuple[str, int | None] | None:
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:
        return None
    return ((parts.hostname or "").lower(), port) if parts.hostname else None


def host_allowed(host_header: str | None, allowed: frozenset[str]) -> bool:
    """The Host header names one of `allowed` (host names, any port)."""
    parsed = _host_port(host_header or "", "http")
    return parsed is not None and parsed[0] in allowed


def same_origin(request: Request) -> bool:
    """Origin (else Referer) names the host and port this request was addressed to."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    host = request.headers.get("host")
    if not claimed or not host or claimed == "null":
        return False
    try:
        origin = urlsplit(claimed)
    except ValueError:
        return False
    if origin.scheme not in ("http", "https"):
        return False
    return _host_port(origin.netloc, origin.scheme) == _host_port(host, request.url.scheme)


def check_write(request: Request) -> None:
    """Raise the HTTPException that refuses a write, or return if it is authorised."""
    expected: str | None = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, NO_TOKEN)
    auth = request.headers.get("authorization")
    if auth is not None:
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not token_matches(given.strip(), expected):
            raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})
        return
    cookie = request.cookies.get(COOKIE)
    if cookie is None:
        raise HTTPException(401, "this needs the token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not token_matches(cookie, expected):
        raise HTTPException(401, "invalid token cookie: log in again at /login?token=...")
    if not same_origin(request):
        raise HTTPException(403, "cross-origin write refused: Origin/Referer must match Host")


def require_write(request: Request) -> None:
    """FastAPI dependency for every write route (API and dashboard)."""
    check_write(request)


def login(request: Request, token: str = "") -> RedirectResponse:
    """`/login?token=...`: set the HttpOnly SameSite=Strict cookie and go to the dashboard."""
    if not request.app.state.settings.token:
        raise HTTPException(403, NO_TOKEN)
    if not token_matches(token, request.app.state.settings.token):
        raise HTTPException(401, "wrong token")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return response


class SecurityHeadersMiddleware:
    """Adds the security headers (and `Cache-Control: no-store` on the API and the login)
    to every response: JSON, HTML, static files, errors and redirects alike."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        no_store = path.startswith("/api/") or path == "/login"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in _HEADER_NAMES]
                headers.extend(SECURITY_HEADERS)
                if no_store:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostGuardMiddleware:
    """Refuses requests whose Host is not one of ours (400), against DNS rebinding: a page on
    evil.example that rebinds its name to 127.0.0.1 would otherwise read the corpus of a
    loopback server and pass the same-origin check with Origin = Host = evil.example."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = frozenset(h.strip("[]").lower() for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            if not host_allowed(host, self.allowed):
                response = JSONResponse({"detail": "unexpected Host header"}, status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
