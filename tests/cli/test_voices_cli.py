"""`propscope show` lists quotes with speakers; `propscope entities` lists, filters and
merges entities; bad options are clear errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.store import open_store
from tests.voices_data import voices_article

runner = CliRunner()


def _db(sqlite_url: str) -> list:
    items = [voices_article(1, speaker="Holt", key="per:holt"),
             voices_article(2), voices_article(3, speaker="Ivan Petrov", key="per:ivan-petrov")]
    with open_store(sqlite_url) as store:
        store.save_batch(items)
        store.save_analyses([a for a, _ in items])
    return [a for a, _ in items]


def test_show_lists_quotes_with_speakers(sqlite_url: str) -> None:
    arts = _db(sqlite_url)
    res = runner.invoke(app, ["show", arts[1].id, "--db", sqlite_url])
    assert res.exit_code == 0, res.output
    assert "quotes (1)" in res.output
    assert "Jane Holt (said): “The treaty is a shameful betrayal of our farmers”" in res.output
    assert "1 in the outlet's own words, 1 inside quotes" in res.output
    assert "Jane Holt critical -0.60" in res.output


def test_entities_list_merge_and_errors(sqlite_url: str) -> None:
    _db(sqlite_url)
    res = runner.invoke(app, ["entities", "--db", sqlite_url, "--format", "json"])
    assert res.exit_code == 0, res.output
    ids = [e["id"] for e in json.loads(res.output)]
    assert ids[0] == "org:city-council" and {"per:holt", "per:jane-holt"} <= set(ids)
    merged = runner.invoke(app, ["entities", "--db", sqlite_url, "--merge", "--kind", "person"])
    assert merged.exit_code == 0, merged.output
    assert "merged 1 of" in merged.output and "per:holt " not in merged.output
    with open_store(sqlite_url) as store:
        holt = store.entity("per:jane-holt")
        assert holt is not None and holt.articles == 2 and store.entity("per:holt") is None
    table = runner.invoke(app, ["entities", "--db", sqlite_url, "--q", "petrov"])
    assert "Ivan Petrov" in table.output and "1 of 1 entities" in table.output
    bad = runner.invoke(app, ["entities", "--db", sqlite_url, "--kind", "planet"])
    assert bad.exit_code == 2 and "--kind must be one of" in bad.output


def test_entities_on_an_empty_store_names_the_command(sqlite_url: str) -> None:
    res = runner.invoke(app, ["entities", "--db", sqlite_url])
    assert res.exit_code == 0 and "run `propscope analyze`" in res.output
