"""Shared fixtures. ``store_url`` runs a test on SQLite AND on a real PostgreSQL.

The PostgreSQL server comes from ``scripts/pg-test-server.sh`` (make test exports its URL
as PROPSCOPE_TEST_PG). Each test gets its own schema on that server (via the libpq
``search_path`` option in the URL), so tests never see each other's rows and migrations
run from scratch every time. Without PROPSCOPE_TEST_PG the postgres cases FAIL when CI or
PROPSCOPE_REQUIRE_PG is set (a green CI run must mean PostgreSQL was tested) and are
skipped only on a developer machine.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

# A developer's active retrained model (propscope train --with-feedback) must not change what
# the suite measures: every test sees the shipped bundles unless it sets its own folder.
os.environ["PROPSCOPE_MODELS_DIR"] = tempfile.mkdtemp(prefix="propscope-test-models-")

PG_ENV = "PROPSCOPE_TEST_PG"
HOW_TO_START = (
    f"{PG_ENV} is not set; start PostgreSQL with: "
    f"export {PG_ENV}=$(scripts/pg-test-server.sh)  (make test does this)"
)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def pg_required() -> bool:
    """CI (or an explicit request) must never silently skip the PostgreSQL half."""
    return _flag("CI") or _flag("PROPSCOPE_REQUIRE_PG")


@pytest.fixture(scope="session")
def pg_admin_engine() -> Iterator[Engine]:
    """Engine on the PROPSCOPE_TEST_PG database, used to create per-test schemas."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if pg_required():
            pytest.fail(HOW_TO_START, pytrace=False)
        pytest.skip(HOW_TO_START)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure here means "server not usable"
        engine.dispose()
        pytest.fail(f"{PG_ENV}={url} is not reachable ({exc}); run scripts/pg-test-server.sh",
                    pytrace=False)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin_engine: Engine) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL schema, dropped after the test."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with pg_admin_engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = pg_admin_engine.url.update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with pg_admin_engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a not-yet-existing SQLite file."""
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """A fresh database URL, once per backend."""
    name = "pg_url" if request.param == "postgresql" else "sqlite_url"
    return str(request.getfixturevalue(name))

