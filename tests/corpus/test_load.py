"""CorpusDocs built from a real store: fields, labels, paging, vectors in and out of process."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from propscope.corpus.load import add_vectors, iter_corpus_docs, iter_corpus_pages
from propscope.pipeline.engine import LocalEngine
from propscope.schema.analysis import Analysis, Classification, UnitTechniques
from propscope.schema.corpus import Narrative
from propscope.store import Store, open_store
from tests.store.conftest import ArticleFactory, build_article


@pytest.fixture
def make_article() -> ArticleFactory:
    return build_article


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


def _analysed(store: Store, make_article: ArticleFactory, n: int) -> list[str]:
    items = [make_article(i) for i in range(n)]
    store.save_batch(items)
    article = items[0][0]
    article.analysis = Analysis(
        techniques=[UnitTechniques(0, ["Doubt", "Loaded_Language"], {}),
                    UnitTechniques(1, ["Loaded_Language"], {})],
        techniques_model="t@1",
        genre=Classification(["opinion"], {}, model="g@1"),
        frames=Classification(["Security", "Economic"], {}, model="f@1"))
    store.save_analyses([article])
    return sorted(a.id for a, _ in items)


def test_docs_carry_text_labels_and_removed(store: Store, make_article: ArticleFactory) -> None:
    ids = _analysed(store, make_article, 7)
    docs = list(iter_corpus_docs(store, batch=3))
    assert [d.id for d in docs] == ids
    first = make_article(0)[0]
    doc = next(d for d in docs if d.id == first.id)
    assert (doc.text, doc.title, doc.source, doc.language, doc.published) == (
        first.text, first.title, first.source, first.language, first.published)
    assert doc.paragraph_texts() == [first.text[p.start:p.end] for p in first.paragraphs]
    assert doc.techniques == {"Loaded_Language": 2, "Doubt": 1}
    assert (doc.frames, doc.genre) == (["Economic", "Security"], "opinion")
    assert [(b.reason, b.text) for b in doc.removed] == [("title", "Headline 0")]
    assert doc.ingested_at.startswith("20") and doc.ingested_at.endswith("+00:00")
    assert doc.vector is None
    other = next(d for d in docs if d.id != first.id)
    assert (other.techniques, other.frames, other.genre) == ({}, [], None)


def test_pages_and_filters(store: Store, make_article: ArticleFactory) -> None:
    ids = _analysed(store, make_article, 5)
    assert [len(p) for p in iter_corpus_pages(store, batch=2)] == [2, 2, 1]
    store.save_narratives([Narrative("n-1", "x", [], ids[1], [ids[1], ids[3]])])
    fresh = [d.id for d in iter_corpus_docs(store, batch=2, without_narrative=True)]
    assert fresh == [ids[0], ids[2], ids[4]]
    assert [d.id for d in iter_corpus_docs(store, ids=[ids[4], ids[0], "none"])] == [ids[0], ids[4]]


def test_vectors_same_in_process_and_forked(store: Store, make_article: ArticleFactory) -> None:
    _analysed(store, make_article, 4)
    local = list(iter_corpus_docs(store, with_vectors=True))
    forked = add_vectors(list(iter_corpus_docs(store)), LocalEngine(2))
    for a, b in zip(local, forked, strict=True):
        assert a.vector is not None and b.vector is not None and a.vector.shape == (512,)
        assert abs(float(np.linalg.norm(a.vector)) - 1.0) < 1e-5
        np.testing.assert_allclose(a.vector, b.vector, atol=1e-6)
    # articles 0 and 2 differ by one number: far closer to each other than to nothing alike
    assert float(local[0].vector @ local[1].vector) > 0.5
