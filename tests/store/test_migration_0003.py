"""Migration 0003 on a database that already holds articles and analyses (upgrade path)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import Connection, Engine, inspect

from propscope.schema.analysis import Analysis, Classification, UnitTechniques
from propscope.store import open_store
from propscope.store.analysis import _payloads
from propscope.store.engine import make_engine, resolve_url
from propscope.store.migrate import alembic_config
from propscope.store.query import ArticleFilter
from propscope.store.tables import analyses
from propscope.store.write import save_batch
from tests.store.conftest import ArticleFactory


@contextmanager
def _at_revision(url: str, revision: str, down: bool = False) -> Iterator[Engine]:
    engine = make_engine(resolve_url(url))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)
    yield engine
    engine.dispose()


def _insert_analysis(conn: Connection, article_id: str, analysis: Analysis, at: datetime) -> None:
    conn.execute(analyses.insert(), [
        {"article_id": article_id, "stage": stage, "model": model, "payload": payload,
         "analyzed_at": at} for stage, model, payload in _payloads(analysis)])


def _analysis(model: str, genre: str, units: list[list[str]]) -> Analysis:
    return Analysis(techniques=[UnitTechniques(i, u, {}) for i, u in enumerate(units)],
                    techniques_model=model, genre=Classification([genre], {}, model=model),
                    frames=Classification(["Economic"], {}, model=model))


def test_upgrade_from_0002_backfills_labels_and_search(store_url: str,
                                                        make_article: ArticleFactory) -> None:
    items = [make_article(n, title=f"Старый заголовок {n}") for n in range(3)]
    old = datetime(2024, 1, 1, tzinfo=UTC)
    with _at_revision(store_url, "0002") as engine:
        save_batch(engine, items, [])
        with engine.begin() as conn:
            a0, a1 = items[0][0].id, items[1][0].id
            # Two models for a0: the later analyzed_at wins, whatever the model name says.
            _insert_analysis(conn, a0, _analysis("z@9", "satire", [["Doubt"]]), old)
            _insert_analysis(conn, a0, _analysis("a@1", "opinion",
                                                 [["Slogans"], ["Slogans", "Doubt"]]),
                             old + timedelta(days=1))
            _insert_analysis(conn, a1, _analysis("a@1", "reporting", [[]]), old)
    with open_store(store_url) as store:
        page = store.query_articles(ArticleFilter(genre="opinion"))
        assert [i.summary.id for i in page.items] == [a0]
        item = page.items[0]
        assert item.techniques == ("Slogans", "Doubt") and item.frames == ("Economic",)
        assert store.query_articles(ArticleFilter(genre="satire")).total == 0
        stats = store.corpus_stats(ArticleFilter())
        assert (stats.articles, stats.analysed) == (3, 2)
        assert stats.by_genre == {"opinion": 1, "reporting": 1}
        assert stats.by_technique == {"Doubt": 1, "Slogans": 1}
        hits = store.query_articles(ArticleFilter(q="заголовок"))  # rows from before 0003
        assert hits.total == 3 and all(any(h for _, h in i.snippet) for i in hits.items)


def test_downgrade_removes_labels_and_search(store_url: str) -> None:
    open_store(store_url).close()
    with _at_revision(store_url, "0002", down=True) as engine:
        names = set(inspect(engine).get_table_names())
        assert "article_labels" not in names and not any(n.startswith("articles_fts") for n in names)
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("articles")}
        assert "ix_articles_search" not in indexes
    with open_store(store_url) as store:  # and back up again
        assert store.query_articles(ArticleFilter(q="anything")).total == 0


def test_sqlite_search_survives_vacuum(sqlite_url: str, make_article: ArticleFactory) -> None:
    """FTS5 external content is keyed by the articles rowid: VACUUM must not shift it."""
    items = [make_article(n, title=f"Word{n} headline") for n in range(6)]
    with open_store(sqlite_url) as store:
        store.save_batch(items)
        store.delete_article(items[2][0].id)  # a gap that a renumbering VACUUM would close
        raw = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
        raw.execute("VACUUM")
        # 'integrity-check' with rank 1 compares the index with the content table: raises if not.
        raw.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        raw.close()
        for n in (0, 3, 5):
            [item] = store.query_articles(ArticleFilter(q=f"Word{n}")).items
            assert item.summary.id == items[n][0].id
