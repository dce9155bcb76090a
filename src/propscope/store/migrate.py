"""Bring a database to the code's schema head, safely under concurrent opens.

Why not ``alembic upgrade head`` from a shell: propscope ships its migrations inside the
package and runs them on every open, so a user never has a half-created database. Two
processes opening a fresh database at once are serialised by a lock held for the whole
migration transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level advisory
lock), so the second one waits and then finds the schema already at head.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from propscope.store.engine import WRITE_OPTION
from propscope.store.exceptions import SchemaTooNewError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Arbitrary constant key for pg_advisory_xact_lock ("propscope" in a signed 63-bit int).
PG_MIGRATION_LOCK_KEY = 0x70726F7073636F70 & 0x7FFFFFFFFFFFFFFF


def alembic_config() -> Config:
    """An in-memory Alembic config pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise RuntimeError("no migrations packaged")
    return head


def current_revisions(conn: Connection) -> tuple[str, ...]:
    """Revisions recorded in the database (empty for a fresh one)."""
    return tuple(MigrationContext.configure(conn).get_current_heads())


def _check_not_newer(conn: Connection, url_text: str) -> None:
    """Refuse a database stamped with a revision this code does not know."""
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = [rev for rev in current_revisions(conn) if rev not in known]
    if unknown:
        raise SchemaTooNewError(
            f"database {url_text} has schema revision {', '.join(unknown)}, newer than this "
            f"propscope knows (head {script.get_current_head()}); upgrade propscope"
        )


def _lock(conn: Connection) -> None:
    """Serialise migrators (SQLite already holds the write lock from BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK_KEY})


def upgrade_to_head(engine: Engine, url_text: str) -> None:
    """Check the recorded revision, then apply pending migrations in one transaction."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
        with conn.begin():
            _lock(conn)
            _check_not_newer(conn, url_text)
            if current_revisions(conn) == (head_revision(),):
                return
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
