"""Persistent storage of articles, errors and the ingest log (SQLite or PostgreSQL).

SQLAlchemy Core plus packaged Alembic migrations that run on every open_store(); see
store.py for the API and tables.py for the schema.
"""

from __future__ import annotations

from propscope.store.engine import DEFAULT_URL, ENV_VAR, resolve_url
from propscope.store.exceptions import (
    AmbiguousIdError,
    IdTooShortError,
    SchemaTooNewError,
    StoreError,
    UnsupportedURLError,
)
from propscope.store.migrate import head_revision
from propscope.store.records import ArticleSummary, BatchResult, ErrorRecord
from propscope.store.store import Store, open_store

__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "AmbiguousIdError",
    "ArticleSummary",
    "BatchResult",
    "ErrorRecord",
    "IdTooShortError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "UnsupportedURLError",
    "head_revision",
    "open_store",
    "resolve_url",
]
