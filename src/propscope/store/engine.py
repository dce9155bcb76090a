"""Database URL resolution and engine creation for the two supported backends.

SQLite is the zero-setup default; PostgreSQL is for shared or large deployments. The
SQLite engine emits its own BEGIN so DDL is transactional and writers can take the write
lock up front (BEGIN IMMEDIATE): that is what makes concurrent opens and concurrent
writers wait (busy timeout) instead of failing half way with "database is locked".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from propscope.store.exceptions import UnsupportedURLError

DEFAULT_URL = "sqlite:///propscope.db"
ENV_VAR = "PROPSCOPE_DB"
#: Seconds a SQLite connection waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_S = 60.0
#: Execution option asking the SQLite BEGIN to take the write lock immediately.
WRITE_OPTION = "propscope_write"

_DRIVERS = {
    "sqlite": "sqlite+pysqlite",
    "sqlite+pysqlite": "sqlite+pysqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def resolve_url(url: str | None = None) -> URL:
    """Explicit argument, then $PROPSCOPE_DB, then ./propscope.db; bare paths are SQLite."""
    raw = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in raw:
        raw = f"sqlite:///{raw}"
    scheme = raw.split("://", 1)[0].lower()
    if scheme not in _DRIVERS:
        raise UnsupportedURLError(
            f"unsupported database URL scheme {scheme!r}; use a file path, sqlite:///PATH "
            "or postgresql+psycopg://USER@HOST:PORT/DB"
        )
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise UnsupportedURLError(f"cannot parse database URL: {exc}") from exc
    return parsed.set(drivername=_DRIVERS[scheme])


def safe_url(url: URL) -> str:
    """The URL with any password masked, for messages and logs."""
    return url.render_as_string(hide_password=True)


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _sqlite_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def _make_sqlite_engine(url: URL) -> Engine:
    """SQLite with WAL, foreign keys, a busy timeout and explicit BEGIN control."""
    kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S}}
    if _sqlite_memory(url):
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"]["check_same_thread"] = False
    else:
        Path(url.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    """Per-connection pragmas; the driver's own transaction handling is switched off."""
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_sqlite_begin)
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: no corruption on crash
    finally:
        cur.close()


def _on_sqlite_begin(conn: Any) -> None:
    """Writers take the write lock at BEGIN so two writers never deadlock on upgrade."""
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: URL) -> Engine:
    """Engine for a resolved URL (see resolve_url)."""
    if is_sqlite(url):
        return _make_sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)
