"""`propscope serve`: the REST API and the dashboard on one port.

Token rules (docs/workbench.md, "Access control"): PROPSCOPE_TOKEN sets the write token. On
a loopback address without it, a random token is made and the login URL printed (like
Jupyter), so a local user can write while other local users cannot guess it. A
non-loopback host without PROPSCOPE_TOKEN refuses to start: exposing the store's write side
to a network with a token nobody chose on purpose is never what was meant.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import secrets
from typing import Annotated

import typer

from propscope.cli._common import DbOption, console, fail, open_store_or_exit

TOKEN_ENV = "PROPSCOPE_TOKEN"
#: Host headers a loopback server answers (DNS rebinding guard); a LAN server answers any.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_TOKEN_IN_QUERY = re.compile(r"([?&]token=)[^&\s\"]*")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and "localhost"; anything else (0.0.0.0, ::, a LAN name) is not."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class _RedactToken(logging.Filter):
    """The access log must not record /login?token=... in clear."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_TOKEN_IN_QUERY.sub(r"\1***", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


def resolve_token(host: str) -> tuple[str, bool]:
    """(token, generated) or raise the usage error for a non-loopback host without one."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        return token, False
    if not is_loopback(host):
        raise fail(f"refusing to listen on {host!r} without a token: set {TOKEN_ENV} to a long "
                   "random secret (only loopback addresses get a generated one)")
    return secrets.token_urlsafe(32), True


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the REST API (/api/v1) and the dashboard."""
    import uvicorn

    from propscope.api.app import create_app
    from propscope.api.settings import ApiSettings

    token, generated = resolve_token(host)
    store = open_store_or_exit(db)
    settings = ApiSettings(allowed_hosts=LOOPBACK_NAMES | {host}) if is_loopback(host) else None
    app = create_app(store, token=token, settings=settings)
    shown = f"[{host}]" if ":" in host else host
    if generated:
        console.print(f"Write token generated for this run. Open:\n  http://{shown}:{port}/login?"
                      f"token={token}", soft_wrap=True)
    else:
        console.print(f"Serving on http://{shown}:{port}/ (write token from {TOKEN_ENV})")
    logging.getLogger("uvicorn.access").addFilter(_RedactToken())
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                    timeout_keep_alive=5, timeout_graceful_shutdown=5)
    finally:
        store.close()
