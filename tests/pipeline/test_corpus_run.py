"""Corpus stages over a real store: what is loaded, what is stored, incremental runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from propscope.corpus.docs import CorpusDoc
from propscope.pipeline import corpus_run
from propscope.pipeline.corpus_run import run_narratives, run_reuse
from propscope.pipeline.engine import LocalEngine
from propscope.store import Store, open_store
from tests.pipeline.corpus_fakes import (
    ARTICLES,
    BySourceModel,
    SharedParagraphDetector,
    fill,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as s:
        yield s


@pytest.fixture
def cheap_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hashed bag of words instead of the encoder (pipeline logic, not model quality)."""
    from propscope.corpus.narrative_vec import stand_in_vector

    def vectors(docs: list[CorpusDoc]) -> np.ndarray:
        return np.vstack([stand_in_vector(d) for d in docs])

    monkeypatch.setattr(corpus_run, "_narrative_vectors", vectors)


def test_reuse_stores_links_and_markers(store: Store) -> None:
    ids = fill(store)
    detector = SharedParagraphDetector()
    report = run_reuse(store, LocalEngine(1), detector)
    assert detector.engines == ["local"]  # the detector got the engine to partition with
    assert report.articles == 5 and report.links["partial"] == 1 and report.markers == 1
    (link,) = store.reuse_links(ids[1])
    assert (link.earlier, link.later, link.kind) == (ids[0], ids[1], "partial")
    assert [m.names for m in store.markers(ids[1])] == [["River Times"]]
    store.delete_article(ids[0])
    assert run_reuse(store, LocalEngine(1), detector).links["partial"] == 0
    assert store.markers(ids[1])[0].text == "River Times reports:"  # still in the text


def test_reuse_same_result_with_more_workers(store: Store) -> None:
    fill(store)
    run_reuse(store, LocalEngine(1), SharedParagraphDetector())
    one = store.list_reuse()
    run_reuse(store, LocalEngine(2), SharedParagraphDetector())
    assert store.list_reuse() == one


def test_narratives_incremental_keeps_ids(store: Store, cheap_vectors: None) -> None:
    ids = fill(store, ARTICLES[:2] + ARTICLES[3:4])
    report = run_narratives(store, LocalEngine(1), BySourceModel())
    assert (report.articles, report.created, report.total) == (3, 2, 2)
    bridge = store.narrative("n-bridge")
    assert bridge is not None and sorted(bridge.members) == sorted(ids[:2])
    assert bridge.sources == {"copy-desk": 1, "river-times": 1}
    assert bridge.timeline == {"2024-03": 2} and bridge.first == "2024-03-01"
    assert "dvina" in bridge.key_terms and bridge.representative in ids[:2]
    assert "<script>" not in bridge.key_terms
    assert store.get_corpus_state("narratives")["calls"] == 1
    # two new articles: only they are clustered, the state is carried over
    new = fill(store, [ARTICLES[2], ARTICLES[4]])
    report = run_narratives(store, LocalEngine(1), BySourceModel())
    assert (report.articles, report.touched, report.created, report.total) == (2, 2, 0, 2)
    state = store.get_corpus_state("narratives")
    assert state == {"calls": 2, "seen": sorted(new)}
    bridge = store.narrative("n-bridge")
    assert bridge is not None and sorted(bridge.members) == sorted(ids[:2] + new[:1])
    assert bridge.languages == {"en": 2, "ru": 1}
    assert run_narratives(store, LocalEngine(1), BySourceModel()).articles == 0  # nothing new


def test_narratives_rebuild_starts_over(store: Store, cheap_vectors: None) -> None:
    fill(store)
    run_narratives(store, LocalEngine(1), BySourceModel())
    report = run_narratives(store, LocalEngine(1), BySourceModel(), rebuild=True)
    assert (report.articles, report.created, report.total) == (5, 2, 2)
    assert store.get_corpus_state("narratives")["calls"] == 1  # the old state was ignored
    assert sorted(s.size for s in store.narratives()) == [2, 3]


def test_real_narrative_model_end_to_end(store: Store) -> None:
    """The shipped NarrativeModel with the real encoder, through a forked engine."""
    from propscope.corpus.narratives import NarrativeModel, narrative_id

    ids = fill(store)
    report = run_narratives(store, LocalEngine(2), NarrativeModel())
    assert report.articles == 5
    homes = {i: [s.narrative.id for s in store.article_narratives(i)] for i in ids}
    assert all(len(h) == 1 for h in homes.values())
    assert homes[ids[0]] == homes[ids[1]] == [narrative_id(ids[0])]  # the copy joins the original
    assert homes[ids[3]] != homes[ids[0]]
    assert run_narratives(store, LocalEngine(2), NarrativeModel()).articles == 0


def test_real_reuse_detector_and_source_profiles(store: Store) -> None:
    """The shipped ReuseDetector end to end: the copy with 'River Times reports:' is linked
    to its original and carries the attribution; profiles count the reuse both ways."""
    from propscope.corpus.reuse import ReuseDetector

    ids = fill(store)
    report = run_reuse(store, LocalEngine(2), ReuseDetector(translated=False))
    links = store.list_reuse()
    assert [(x.earlier, x.later) for x in links] == [(ids[0], ids[1])], report
    assert any(m.kind == "reports" for m in store.markers(ids[1]))
    run_narratives(store, LocalEngine(1), BySourceModel())
    profiles = {p.source: p for p in corpus_run.source_profiles(store, "all")}
    assert profiles["copy-desk"].copies_from == {"river-times": 1}
    assert profiles["river-times"].copied_by == {"copy-desk": 1}
    assert profiles["vestnik"].narratives == {"n-bridge": 1}
