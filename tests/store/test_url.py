"""Database URL resolution: explicit argument, then $PROPSCOPE_DB, then ./propscope.db."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.store import StoreError, UnsupportedURLError, open_store, resolve_url


def test_default_is_sqlite_file_in_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROPSCOPE_DB", raising=False)
    url = resolve_url()
    assert (url.drivername, url.database) == ("sqlite+pysqlite", "propscope.db")


def test_env_then_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROPSCOPE_DB", "/data/env.db")
    assert resolve_url().database == "/data/env.db"
    assert resolve_url("sqlite:///explicit.db").database == "explicit.db"


@pytest.mark.parametrize(
    ("given", "driver", "database"),
    [
        ("corpus.db", "sqlite+pysqlite", "corpus.db"),
        ("/abs/corpus.db", "sqlite+pysqlite", "/abs/corpus.db"),
        ("sqlite:///rel.db", "sqlite+pysqlite", "rel.db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg", "db"),
        ("postgres://u@h/db", "postgresql+psycopg", "db"),
        ("postgresql+psycopg://u:pw@h:1/db", "postgresql+psycopg", "db"),
    ],
)
def test_forms(given: str, driver: str, database: str) -> None:
    url = resolve_url(given)
    assert (url.drivername, url.database) == (driver, database)


@pytest.mark.parametrize("bad", ["mysql://u@h/db", "http://example.org/x", "oracle+cx://a/b"])
def test_unknown_scheme_is_refused(bad: str) -> None:
    with pytest.raises(UnsupportedURLError, match="unsupported database URL scheme"):
        open_store(bad)


def test_bare_path_opens_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROPSCOPE_DB", raising=False)
    with open_store() as store:
        assert store.count_articles() == 0
    assert (tmp_path / "propscope.db").exists()


def test_in_memory_sqlite() -> None:
    with open_store("sqlite:///:memory:") as store:
        assert store.stats()["articles"] == 0


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(str(junk))


def test_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open database .*\*\*\*"):
        open_store("postgresql+psycopg://u:secret@127.0.0.1:1/db?connect_timeout=2")
