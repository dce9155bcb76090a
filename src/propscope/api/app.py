"""The FastAPI application: /api/v1 (JSON), the dashboard pages, static files.

`create_app` takes an open Store rather than a URL so tests and `propscope serve` decide the
store's lifetime, and everything per-app (token, limits, the lazily loaded analyzer) lives on
`app.state`, never in module globals.

Errors a user can cause are 4xx with `{"detail": message}`: bad filters (QueryError) 422,
bad ids 400, unknown ids 404, oversized bodies 413 (FastAPI's `max_body_size`, checked
while the body streams in). Anything else is a bug: a 500 with a generic message, the
traceback only in the server log.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp

from propscope import __version__
from propscope.api import (
    routes_analyze,
    routes_articles,
    routes_corpus,
    routes_export,
    routes_review,
    routes_stats,
    routes_voices,
)
from propscope.api.docs_page import docs_page
from propscope.api.security import HostGuardMiddleware, SecurityHeadersMiddleware, login
from propscope.api.settings import AnalyzerFactory, AnalyzerHolder, ApiSettings
from propscope.store import Store, StoreError
from propscope.store.query import QueryError

PREFIX = "/api/v1"
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
log = logging.getLogger("propscope.api")


async def _query_error(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=422)


async def _store_error(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def _validation_error(_request: Request, exc: Exception) -> Response:
    """FastAPI's 422, but ASCII-escaped: the errors echo the input, and a lone surrogate
    in a JSON body (valid JSON, not encodable UTF-8) would make the default handler a 500."""
    assert isinstance(exc, RequestValidationError)
    body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)
    return Response(body, status_code=422, media_type="application/json")


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette answers 405 with the methods of the first route on the path only; list
    every method that some route on this path accepts (GET and DELETE on an article)."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code != 405:
        return await http_exception_handler(request, exc)
    allowed = [m for m in _METHODS
               if any(r.matches({**request.scope, "method": m})[0] == Match.FULL
                      for r in request.app.routes)]
    return JSONResponse({"detail": exc.detail}, status_code=405,
                        headers={"Allow": ", ".join(allowed)})


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal server error (see the server log)"},
                        status_code=500)


class _App(FastAPI):
    """FastAPI with the security headers outside *every* layer: 500s from the server-error
    middleware and 413s from the body limit are built outside user middleware, and they
    must carry the CSP too."""

    def build_middleware_stack(self) -> ASGIApp:
        inner = super().build_middleware_stack()
        allowed = self.state.settings.allowed_hosts
        if allowed is not None:
            inner = HostGuardMiddleware(inner, allowed)
        return SecurityHeadersMiddleware(inner)


def _include_dashboard(app: FastAPI) -> None:
    """The dashboard pages (propscope.web) and their static files: part of every app, so a
    broken import fails loudly here instead of serving an API without its pages."""
    from propscope.web import routes as web_routes
    from propscope.web import routes_corpus as web_corpus
    from propscope.web import routes_voices as web_voices

    app.include_router(web_routes.router)
    app.include_router(web_corpus.router)
    app.include_router(web_voices.router)
    static = Path(__file__).resolve().parent.parent / "web" / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")


def create_app(store: Store, *, token: str | None, analyzer_factory: AnalyzerFactory | None = None,
               settings: ApiSettings | None = None) -> FastAPI:
    """The whole web application over `store`; `token=None` makes it read-only."""
    settings = settings or ApiSettings()
    settings.token = token or None
    app = _App(
        title="propscope", version=__version__,
        description="Persuasion techniques, frames and genres in a news corpus.",
        openapi_url=f"{PREFIX}/openapi.json", docs_url=None, redoc_url=None,
        max_body_size=settings.max_body_bytes,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.analyzer = AnalyzerHolder(analyzer_factory)
    exception_handlers: dict[Any, Any] = {
        QueryError: _query_error, StoreError: _store_error,
        RequestValidationError: _validation_error,
        StarletteHTTPException: _http_error, Exception: _internal_error}
    for exc_type, handler in exception_handlers.items():
        app.add_exception_handler(exc_type, handler)
    for module in (routes_articles, routes_analyze, routes_stats, routes_export, routes_corpus,
                   routes_voices, routes_review):
        app.include_router(module.router, prefix=PREFIX)
    app.add_api_route(f"{PREFIX}/docs", docs_page, methods=["GET"], include_in_schema=False)
    app.add_api_route("/login", login, methods=["GET"], include_in_schema=False)
    _include_dashboard(app)
    return app
