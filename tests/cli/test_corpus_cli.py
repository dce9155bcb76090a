"""propscope reuse | narratives | sources on a real SQLite store (and a real Dask cluster)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from propscope.cli import narratives_cmd, reuse_cmd, sources_cmd
from propscope.cli.main import app
from propscope.pipeline import corpus_run, engine
from propscope.schema.corpus import SourceProfile
from propscope.store import open_store
from tests.dask_cluster import local_cluster
from tests.pipeline.corpus_fakes import BySourceModel, SharedParagraphDetector, fill


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        fill(store)
    return url


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-in stages: these tests are about the commands, not the models."""
    from propscope.corpus.narrative_vec import stand_in_vector

    monkeypatch.setattr(reuse_cmd, "_detector", SharedParagraphDetector)
    monkeypatch.setattr(narratives_cmd, "_model", BySourceModel)
    monkeypatch.setattr(corpus_run, "_narrative_vectors",
                        lambda docs: np.vstack([stand_in_vector(d) for d in docs]))


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _links(url: str) -> list[Any]:
    with open_store(url) as store:
        return store.list_reuse(limit=1000)


def test_reuse_prints_and_stores(db: str, fakes: None) -> None:
    res = invoke("reuse", "--db", db, "-q")
    assert res.exit_code == 0, res.output
    assert "5 articles: duplicate 0, partial 1" in res.output
    assert "partial" in res.output and "River Times reports:" in res.output
    assert len(_links(db)) == 1
    assert invoke("reuse", "--db", db, "-q", "--workers", "2").exit_code == 0
    assert len(_links(db)) == 1  # a re-run replaces, never duplicates


@pytest.mark.parametrize(("args", "message"), [
    (["--engine", "dask"], "--engine dask needs --scheduler"),
    (["--engine", "local", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    (["--engine", "spark"], "unknown engine 'spark'"),
    (["--engine", "dask", "--scheduler", "127.0.0.1:8786"], "must be a Dask address"),
    (["--workers", "0"], "--workers must be at least 1"),
])
def test_bad_engine_options(db: str, fakes: None, args: list[str], message: str) -> None:
    for command in ("reuse", "narratives"):
        res = invoke(command, "--db", db, "-q", *args)
        assert res.exit_code == 2 and message in res.output, res.output


def test_unreachable_scheduler(db: str, fakes: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT_S", 1.0)
    res = invoke("reuse", "--db", db, "-q", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert res.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 1 s" in res.output


def test_reuse_on_dask_stores_the_same_links(db: str, fakes: None, tmp_path: Path) -> None:
    other = f"sqlite:///{tmp_path / 'dask.db'}"
    with open_store(other) as store:
        fill(store)
    assert invoke("reuse", "--db", db, "-q").exit_code == 0
    with local_cluster() as address:
        res = invoke("reuse", "--db", other, "-q", "--engine", "dask", "--scheduler", address)
    assert res.exit_code == 0, res.output
    local, dask = _links(db), _links(other)
    assert local and [(x.earlier, x.later, x.kind, x.score) for x in dask] == \
        [(x.earlier, x.later, x.kind, x.score) for x in local]


def test_narratives_incremental_and_rebuild(db: str, fakes: None) -> None:
    res = invoke("narratives", "--db", db, "-q")
    assert res.exit_code == 0, res.output
    assert "clustered 5 articles: 2 new narratives" in res.output
    assert "n-bridge" in res.output and "river-times" in res.output and "ru 1" in res.output
    assert "\x1b" not in res.output  # the hostile title's escape never reaches the terminal
    assert "clustered 0 articles" in invoke("narratives", "--db", db, "-q").output
    res = invoke("narratives", "--db", db, "-q", "--rebuild", "--min-size", "3")
    assert "clustered 5 articles" in res.output and "n-vote" not in res.output


def _profile(source: str, store: Any = None, period: str = "all") -> SourceProfile:
    return SourceProfile(source, period, 2, 120, {"en": 2}, 4.5, {"Doubt": 3},
                         copies_from={"river-times": 1})


def test_sources_table_json_and_errors(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources_cmd, "_profiles", lambda store, period: [
        _profile("copy-desk", period=period), _profile("river-times\x1b[31m", period=period)])
    res = invoke("sources", "--db", db)
    assert res.exit_code == 0 and "copy-desk" in res.output and "Doubt 3" in res.output
    assert "\x1b[31m" not in res.output
    res = invoke("sources", "--db", db, "--format", "json", "--source", "copy-desk",
                 "--period", "month")
    data = json.loads(res.output)
    assert [(p["source"], p["period"]) for p in data] == [("copy-desk", "month")]
    assert invoke("sources", "--db", db, "--period", "week").exit_code == 2
    assert invoke("sources", "--db", db, "--format", "xml").exit_code == 2
    res = invoke("sources", "--db", db, "--source", "nobody")
    assert res.exit_code == 1 and "no articles from source 'nobody'" in res.output



def test_real_detector_same_links_on_dask(db: str, tmp_path: Path) -> None:
    """The shipped ReuseDetector (translated pairs included) locally and on Dask."""
    other = f"sqlite:///{tmp_path / 'dask.db'}"
    with open_store(other) as store:
        fill(store)
    res = invoke("reuse", "--db", db, "-q")
    assert res.exit_code == 0 and "River Times reports:" in res.output, res.output
    with local_cluster() as address:
        res = invoke("reuse", "--db", other, "-q", "--engine", "dask", "--scheduler", address)
    assert res.exit_code == 0, res.output
    assert _links(db) == _links(other) and len(_links(db)) >= 1
