"""`propscope analyze --tier`: the tier reaches the stored analysis; a bad tier is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.store import open_store
from tests.helpers import write_corpus

runner = CliRunner()


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("PROPSCOPE_TIER", raising=False)
    write_corpus(tmp_path / "corpus", 2)
    res = runner.invoke(app, ["ingest", str(tmp_path / "corpus"), "--db", sqlite_url, "--quiet"])
    assert res.exit_code == 0, res.output
    return sqlite_url


def _tags(url: str) -> set[str]:
    with open_store(url) as store:
        arts = [store.get_article(s.id) for s in store.list_articles(limit=10)]
    return {a.analysis.techniques_model for a in arts if a and a.analysis}


def test_tier_switch_reanalyses_with_the_other_model(db: str) -> None:
    res = runner.invoke(app, ["analyze", "--db", db, "--quiet", "--only", "techniques", "--tier", "fast",
                              "--workers", "1"])
    assert res.exit_code == 0, res.output
    fast = _tags(db)
    res = runner.invoke(app, ["analyze", "--db", db, "--quiet", "--only", "techniques", "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert "analysed 2" in res.output  # the default tier is accurate: a different model, so redone
    accurate = _tags(db)
    assert len(fast) == len(accurate) == 1 and fast != accurate
    assert "accurate.en" in next(iter(accurate))
    assert "PROPSCOPE_TIER" not in __import__("os").environ  # the command restored the environment


def test_unknown_tier_is_an_error(db: str) -> None:
    res = runner.invoke(app, ["analyze", "--db", db, "--quiet", "--tier", "best"])
    assert res.exit_code != 0
    assert "unknown tier" in res.output
