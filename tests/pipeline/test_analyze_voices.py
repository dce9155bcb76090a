"""The voices stage in `analyze_store`: runs by default with the others, skips articles
already analysed by the same voices version, re-runs only voices when that version
changes, and never loses the other stages' stored results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from propscope.analyzers.voices.analyzer import VoicesAnalyzer
from propscope.pipeline.analyze import analyze_store
from propscope.schema.analysis import Analysis, Classification
from propscope.store import Store, open_store
from propscope.store.tables import analyses
from tests.voices_data import voices_article


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def _plain(store: Store, n: int) -> list[str]:
    items = [voices_article(i) for i in range(n)]
    for a, _ in items:
        a.analysis = None
    store.save_batch(items)
    return [a.id for a, _ in items]


def test_voices_only_run_skip_and_new_version(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _plain(store, 3)
    keep = store.get_article(ids[0])
    keep.analysis = Analysis(genre=Classification(["opinion"], {"opinion": 0.8}, model="g@1"))
    store.save_analyses([keep])

    report = analyze_store(store, stages=("voices",), workers=1)
    assert (report.analysed, report.skipped, report.failed) == (3, 0, [])
    got = store.get_article(ids[0]).analysis
    assert got.genre is not None and got.voices is not None  # the genre row survived
    assert any(q.entity == "per:jane-holt" or "Holt" in q.speaker for q in got.voices.quotes)
    assert store.entity("per:jane-holt") is not None or store.count_entities() > 0

    again = analyze_store(store, stages=("voices",), workers=1)
    assert (again.analysed, again.skipped) == (0, 3)

    monkeypatch.setattr(VoicesAnalyzer, "model", "voices@next")
    newer = analyze_store(store, stages=("voices",), workers=1)
    assert (newer.analysed, newer.skipped) == (3, 0)
    with store.engine.connect() as conn:
        models = set(conn.execute(select(analyses.c.model).where(analyses.c.stage == "voices"))
                     .scalars())
    assert {"voices@next"} < models  # the older version's rows are kept too


def test_one_failing_article_does_not_stop_the_run(store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _plain(store, 2)
    real = VoicesAnalyzer.voices

    def flaky(self: VoicesAnalyzer, article):  # type: ignore[no-untyped-def]
        if article.id == ids[1]:
            raise ValueError("lexicon exploded")
        return real(self, article)

    monkeypatch.setattr(VoicesAnalyzer, "voices", flaky)
    report = analyze_store(store, stages=("voices",), workers=1)
    assert report.analysed == 1 and report.failed == [(ids[1], "ValueError: lexicon exploded")]
    assert store.get_article(ids[1]).analysis is None


def test_unknown_stage_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown analyzer.*voices"):
        analyze_store(store, stages=("voice",), workers=1)
