"""Migration 0008 (the review queue) on a database that already holds analyses: the upgrade
fills the queue from the newest techniques analysis of each article; the downgrade drops it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect

from propscope.schema.analysis import Analysis, UnitTechniques
from propscope.store import open_store
from propscope.store.review_queue import thresholds
from propscope.store.write import save_batch
from tests.store.conftest import ArticleFactory
from tests.store.test_migration_0003 import _at_revision, _insert_analysis


def _analysis(model: str, probs: dict[str, float]) -> Analysis:
    return Analysis(techniques=[UnitTechniques(0, [], probs)], techniques_model=model)


def test_upgrade_from_0007_fills_the_queue(store_url: str, make_article: ArticleFactory) -> None:
    items = [make_article(n) for n in range(3)]
    at = thresholds(items[0][0].language).get("Doubt", 0.5)  # the per-language shift counts
    old = datetime(2024, 1, 1, tzinfo=UTC)
    with _at_revision(store_url, "0007") as engine:
        save_batch(engine, items, [])
        a0, a1, a2 = (i[0].id for i in items)
        with engine.begin() as conn:
            # a0: the newer analysis (at the threshold) wins over the older, sure one
            _insert_analysis(conn, a0, _analysis("t@1", {"Doubt": 0.99999}), old)
            _insert_analysis(conn, a0, _analysis("t@2", {"Doubt": at}), old + timedelta(days=1))
            _insert_analysis(conn, a1, _analysis("t@1", {"Slogans": 0.00001}), old)  # sure
    with open_store(store_url) as store:
        got = store.review_queue()
        assert [(q.article_id, q.technique) for q in got] == [(a0, "Doubt")]
        assert got[0].margin < 0.05 and a2 not in {q.article_id for q in got}


def test_downgrade_drops_the_queue(store_url: str) -> None:
    open_store(store_url).close()
    with _at_revision(store_url, "0007", down=True) as engine:
        assert "review_queue" not in set(inspect(engine).get_table_names())
    open_store(store_url).close()  # and up again
