"""Schema management: head on create, no-op re-open, refusal of a newer schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from propscope.store import SchemaTooNewError, Store, head_revision, open_store
from propscope.store.tables import is_search_object, metadata

TABLES = {"articles", "paragraphs", "removed_blocks", "errors", "ingest_log", "alembic_version"}


def revisions(store: Store) -> tuple[str, ...]:
    with store.engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())


def test_fresh_database_is_at_head(store_url: str) -> None:
    with open_store(store_url) as store:
        assert revisions(store) == (head_revision(),)
        assert TABLES <= set(inspect(store.engine).get_table_names())


def test_migrations_match_table_definitions(store_url: str) -> None:
    """tables.py (what the code queries) and the migrations (what exists) must agree.

    The full-text objects (FTS5 table, its shadow tables and triggers; the PostgreSQL GIN
    expression index) are excluded by name: SQLAlchemy metadata cannot describe them, so
    migration 0003 creates them with raw DDL and test_query checks that they work.
    """
    with open_store(store_url) as store, store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": lambda name, _type, _parents: not is_search_object(name),
        })
        assert compare_metadata(ctx, metadata) == []


def test_reopen_is_a_noop(store_url: str) -> None:
    with open_store(store_url) as store:
        with store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE sentinel (x INTEGER)"))
        before = revisions(store)
    with open_store(store_url) as store:
        assert revisions(store) == before
        assert "sentinel" in inspect(store.engine).get_table_names()


def test_newer_schema_is_refused(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaTooNewError, match="9999_future.*upgrade propscope"):
        open_store(store_url)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    db = tmp_path / "nested" / "dir" / "p.db"
    with open_store(str(db)) as store, store.engine.connect() as conn:
        assert db.exists()
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        busy_ms = conn.execute(text("PRAGMA busy_timeout")).scalar()
        assert busy_ms is not None and busy_ms >= 10_000
