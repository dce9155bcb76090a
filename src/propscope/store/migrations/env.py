"""Alembic environment for propscope: always online, on a connection the caller owns.

propscope.store.migrate opens the connection, takes the migration lock and begins the
transaction, then hands the connection over via ``config.attributes["connection"]``; this
file only configures the context so there is no alembic.ini or second engine to keep in sync.

Adding a table (techniques, spans, frames, quotes ...): write versions/000N_<name>.py by
hand with ``revision = "000N"`` and ``down_revision`` = the previous one, spell out its DDL
with ``op`` (names wrapped in ``op.f``), add the same Table to tables.py, and the
test comparing migrations with tables.py will tell you if the two drifted.
"""

from __future__ import annotations

from alembic import context

from propscope.store.tables import metadata


def run_migrations_online() -> None:
    """Run pending revisions inside the caller's transaction."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("propscope migrations run only via propscope.store.open_store")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        transactional_ddl=True,  # the caller's transaction makes SQLite DDL atomic too
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER support on SQLite
        compare_type=True,
    )
    context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
