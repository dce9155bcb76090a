"""Building CorpusDocs from a store, page by page, with multilingual vectors on request.

Why vectors are optional: the encoder costs ~0.1 s per article, so only the stages that
need them (translated pairs, narratives) ask, and they compute them through the engine so
the work spreads over local processes or Dask workers like everything else.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from propscope.corpus.docs import CorpusDoc

if TYPE_CHECKING:
    from propscope.pipeline.engine import Engine
    from propscope.store import Store

#: Articles per vector task: a few seconds of encoder time, worth a process round trip.
VECTOR_TASK = 64


def iter_corpus_pages(store: Store, batch: int = 500, *, without_narrative: bool = False,
                      ids: Sequence[str] | None = None) -> Iterator[list[CorpusDoc]]:
    """Pages of at most `batch` CorpusDocs (no vectors) in id order, each read briefly."""
    after = ""
    while True:
        page = store.corpus_doc_ids(after, batch, without_narrative=without_narrative, ids=ids)
        if not page:
            return
        yield store.corpus_docs(page)
        after = page[-1]


def iter_corpus_docs(store: Store, batch: int = 500, with_vectors: bool = False, *,
                     engine: Engine | None = None, without_narrative: bool = False,
                     ids: Sequence[str] | None = None) -> Iterator[CorpusDoc]:
    """Every article as a CorpusDoc in id order; `with_vectors` fills `vector` (through
    `engine` when given, else in this process)."""
    for page in iter_corpus_pages(store, batch, without_narrative=without_narrative, ids=ids):
        if with_vectors:
            add_vectors(page, engine)
        yield from page


def doc_vector(text: str, paragraphs: list[str], title: str = "") -> np.ndarray:
    """Unit-length mean of the paragraph vectors (the title, else the text, if none)."""
    from propscope.models import encoder

    texts = [p for p in paragraphs if p.strip()] or [title or text or "."]
    mean = encoder.encode(texts).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm > 0 else mean).astype(np.float32)


def _vectors(items: list[tuple[str, list[str], str]]) -> list[np.ndarray]:
    return [doc_vector(text, paras, title) for text, paras, title in items]


def add_vectors(docs: list[CorpusDoc], engine: Engine | None = None) -> list[CorpusDoc]:
    """Fill `vector` of the docs that have none; returns `docs`."""
    todo = [d for d in docs if d.vector is None]
    if not todo:
        return docs
    items = [(d.text, d.paragraph_texts(), d.title) for d in todo]
    if engine is None:
        vectors = _vectors(items)
    else:
        from propscope.models import encoder
        from propscope.pipeline.engine import chunked

        if engine.name == "local":
            encoder.warm_up()  # forked workers then share the loaded encoder
        vectors = [v for part in engine.map(_vectors, chunked(items, VECTOR_TASK)) for v in part]
    for doc, vec in zip(todo, vectors, strict=True):
        doc.vector = vec
    return docs
