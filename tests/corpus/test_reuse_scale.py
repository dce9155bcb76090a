"""Reuse at scale: partitioned runs (articles, then pairs, in tasks) give the links of one
in-process run on both engines; candidate pairs from band keys in numpy equal the
bucket-by-bucket ones; translated articles have their paragraphs encoded once each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import numpy as np
import pytest
from _reuse_texts import DE, EN, EN_OTHER, FR, RU, make_doc

from propscope.corpus import reuse_tasks as RT
from propscope.corpus import reuse_translated as RX
from propscope.corpus import translated as T
from propscope.corpus.docs import order_key
from propscope.corpus.narrative_vec import stand_in_vector
from propscope.corpus.reuse import ReuseDetector
from propscope.corpus.synthetic import generate
from propscope.pipeline.engine import DaskEngine, LocalEngine
from tests.dask_cluster import local_cluster


@pytest.fixture(scope="module")
def corpus() -> list:
    c = generate(600, 5)
    for d in c.docs:
        d.vector = stand_in_vector(d)
    return c.docs


@pytest.fixture()
def small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many tasks of each kind, so partition boundaries really cut the work."""
    monkeypatch.setattr(RT, "SHINGLE_TASK", 37)
    monkeypatch.setattr(RT, "PAIR_TASK", 150)
    monkeypatch.setattr(RX, "VECTOR_TASK", 2)


def test_rank_pairs_equal_the_bucket_pairs(corpus: list) -> None:
    det = ReuseDetector(translated=False)
    expected = det.candidate_pairs(det.candidates(corpus))
    ranked = sorted(corpus, key=order_key)
    _shingled, keys = det._band_keys(ranked)
    got = RT.rank_pairs(keys, det.bucket_cap, det.bucket_neighbours).tolist()
    assert sorted((ranked[i].id, ranked[j].id) for i, j in got) == expected and len(expected) > 500
    assert len(RT.rank_pairs(keys, 1)) < len(expected)  # stop keys bound big buckets


def test_local_engine_partitions_give_the_in_process_links(corpus: list, small_tasks: None) -> None:
    whole = ReuseDetector(translated=False).find(corpus)
    assert len(whole) > 100
    assert ReuseDetector(translated=False).find(list(reversed(corpus)), engine=LocalEngine(2)) == whole


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with local_cluster() as address:
        yield address


def test_dask_partitions_give_the_same_links(corpus: list, small_tasks: None, scheduler: str) -> None:
    whole = ReuseDetector(translated=False).find(corpus)
    engine = DaskEngine(scheduler)
    try:
        assert ReuseDetector(translated=False).find(corpus, engine=engine) == whole
    finally:
        engine.close()


def test_dask_engine_submits_a_bounded_number_ahead(scheduler: str) -> None:
    engine = DaskEngine(scheduler)
    pulled, ahead = [0], []

    def items() -> Iterator[int]:
        for i in range(60):
            pulled[0] += 1
            yield i

    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        ahead.append(pulled[0] - done[0])

    try:
        assert engine.map(abs, items(), progress=tick) == list(range(60))
        assert max(ahead) <= engine.in_flight() and len(ahead) == 60
    finally:
        engine.close()


def _multilingual() -> list:
    return [make_doc("en", EN[:4], language="en", published="2024-03-01"),
            make_doc("de", DE, language="de", published="2024-03-02"),
            make_doc("ru", RU, language="ru", published="2024-03-03"),
            make_doc("fr", FR, language="fr", published="2024-03-04"),
            make_doc("other", EN_OTHER, language="en", published="2024-03-01")]


def test_each_articles_paragraphs_are_encoded_once(monkeypatch: pytest.MonkeyPatch, small_tasks: None) -> None:
    expected = ReuseDetector().find(_multilingual())
    translated = [x for x in expected if x.kind == "translated"]
    assert len({x.earlier for x in translated} | {x.later for x in translated}) >= 3
    encoded: Counter[str] = Counter()
    real = T.paragraph_vectors

    def counting(paragraphs: list[str]) -> np.ndarray:
        encoded.update(paragraphs)
        return real(paragraphs)

    monkeypatch.setattr(T, "paragraph_vectors", counting)
    docs = _multilingual()
    assert ReuseDetector().find(docs, engine=LocalEngine(1)) == expected
    # "en" is a candidate of de, ru and fr: still one encoding of each of its paragraphs
    assert encoded and max(encoded.values()) == 1
    for doc in docs:
        if doc.id in {x.earlier for x in translated}:
            assert all(doc.text[s:e] in encoded for s, e in doc.paragraphs)
