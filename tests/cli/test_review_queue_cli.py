"""`propscope review queue`: the review queue in a terminal, least certain first, the same
filters as /review and GET /api/v1/review/queue, JSON out, hostile titles kept inert, bad
options refused with a clear message."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.store import open_store
from tests.api.test_review_queue import DOUBT, LL, _article, _near

runner = CliRunner()


def _db(url: str) -> list:
    arts = [_article("Alpha", "en", [{LL: _near(LL, "en", 1.0)}]),  # margin 0
            _article("Bravo \x1b[31m<b>red</b>", "en", [{DOUBT: _near(DOUBT, "en", 1.5)}]),
            _article("Charlie", "de", [{LL: _near(LL, "de", 2.0)}])]
    with open_store(url) as store:
        store.save_batch([(a, f"{i:064x}") for i, a in enumerate(arts)])
        store.save_analyses(arts)
    return arts


def test_queue_order_filters_and_json(sqlite_url: str) -> None:
    arts = _db(sqlite_url)
    res = runner.invoke(app, ["review", "queue", "--format", "json", "--db", sqlite_url])
    assert res.exit_code == 0, res.output
    items = json.loads(res.output)
    assert [i["article_id"] for i in items] == [arts[0].id, arts[1].id, arts[2].id]  # least certain first
    assert [round(i["margin"], 3) for i in items] == [0.0, 0.405, 0.693]  # ln 1, ln 1.5, ln 2
    res = runner.invoke(app, ["review", "queue", "--technique", LL, "--language", "de", "--format", "json",
                              "--db", sqlite_url])
    assert [i["title"] for i in json.loads(res.output)] == ["Charlie"]
    res = runner.invoke(app, ["review", "queue", "--limit", "1", "--offset", "1", "--db", sqlite_url])
    assert res.exit_code == 0 and arts[1].id in res.output and arts[0].id not in res.output
    assert "\x1b" not in res.output and "<b>red</b>" in res.output  # escape codes stripped, text kept


def test_queue_refuses_bad_options(sqlite_url: str) -> None:
    _db(sqlite_url)
    res = runner.invoke(app, ["review", "queue", "--technique", "Propaganda", "--db", sqlite_url])
    assert res.exit_code == 2 and "unknown technique 'Propaganda'" in res.output
    res = runner.invoke(app, ["review", "queue", "--limit", "0", "--db", sqlite_url])
    assert res.exit_code == 2
    res = runner.invoke(app, ["review", "queue", "--technique", DOUBT, "--language", "ru", "--db", sqlite_url])
    assert res.exit_code == 0 and "nothing to review" in res.output
