"""Running the corpus stages over a store with an engine, and persisting what they find.

Why here: corpus stages are pure functions of CorpusDocs (they run the same on a Dask
worker as in-process); this module is the only place that reads their input from the store
and writes their output back, each result set in one transaction.

Reuse: a full run over every article replaces all links and markers. Narratives: by
default incremental -- only articles no narrative holds yet are clustered, against the
centroids kept in corpus_state, and only the narratives they join are rewritten (old
members keep their scores); `rebuild` starts from nothing.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.load import iter_corpus_docs
from propscope.pipeline.engine import Engine, chunked
from propscope.pipeline.narrative_summary import centrality, describe
from propscope.schema.corpus import (
    REUSE_KINDS,
    Marker,
    Narrative,
    ReuseLink,
    SourceProfile,
)
from propscope.store import Store

NARRATIVE_STATE = "narratives"
#: Documents per vector task sent to the engine.
VECTOR_TASK = 64
Progress = Callable[[str], None]


@dataclass
class ReuseReport:
    articles: int = 0
    links: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REUSE_KINDS, 0))
    markers: int = 0


@dataclass
class NarrativeReport:
    articles: int = 0  # clustered in this run
    touched: int = 0  # narratives created or grown
    created: int = 0
    total: int = 0  # narratives stored after the run


def _with_engine(method: Callable[..., Any], engine: Engine, *args: Any) -> Any:
    """Call a stage method, handing it the engine when it accepts one (to partition)."""
    try:
        accepts = "engine" in inspect.signature(method).parameters
    except (TypeError, ValueError):
        accepts = False
    return method(*args, engine=engine) if accepts else method(*args)


def _say(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def find_reuse(docs: list[CorpusDoc], engine: Engine,
               detector: Any) -> tuple[list[ReuseLink], list[Marker]]:
    """Links and per-article markers from `detector`, sorted by id (engine-independent).

    `detector.find(docs[, engine])` returns links, or (links, markers); markers of an
    article come from `detector.markers(docs[, engine])` when it has that method, else from
    the links' own markers.
    """
    found = _with_engine(detector.find, engine, docs)
    links, markers = found if isinstance(found, tuple) else (found, None)
    if markers is None and callable(getattr(detector, "markers", None)):
        markers = _with_engine(detector.markers, engine, docs)
    if markers is None:
        seen = {(m.article_id, m.where, m.start, m.end, m.kind): m
                for link in links for m in link.markers}
        markers = list(seen.values())
    links = sorted(links, key=lambda x: (x.earlier, x.later))
    markers = sorted(markers, key=lambda m: (m.article_id, m.where, m.start, m.end, m.kind))
    return links, markers


def run_reuse(store: Store, engine: Engine, detector: Any, *, batch: int = 500,
              progress: Progress | None = None) -> ReuseReport:
    """Find reuse across every stored article and replace the stored links and markers."""
    _say(progress, "loading articles")
    docs = list(iter_corpus_docs(store, batch))
    if getattr(detector, "needs_vectors", False):
        _say(progress, "encoding articles")
        from propscope.corpus.load import add_vectors

        add_vectors(docs, engine)
    _say(progress, f"comparing {len(docs)} articles")
    links, markers = find_reuse(docs, engine, detector)
    _say(progress, "saving")
    store.save_reuse(links, markers)
    report = ReuseReport(articles=len(docs))
    report.links.update(store.count_reuse())  # what was stored (deleted articles drop out)
    report.markers = len(markers)
    return report


def _narrative_vectors(docs: list[CorpusDoc]) -> np.ndarray:
    from propscope.corpus.narrative_vec import text_vectors

    return text_vectors(docs)


def encode_for_narratives(docs: list[CorpusDoc], engine: Engine) -> None:
    """Fill doc.vector with the model's own text vectors, computed through the engine."""
    todo = [d for d in docs if d.vector is None]
    parts = engine.map(_narrative_vectors, chunked(todo, VECTOR_TASK))
    for doc, vec in zip(todo, (v for part in parts for v in part), strict=True):
        doc.vector = np.asarray(vec, dtype=np.float32)


def _centroids(state: Any, text_dim: int) -> dict[str, np.ndarray]:
    """Text part of each narrative centroid in the model state (empty if not readable)."""
    try:
        sums = np.asarray(state["sums"], dtype=np.float64)[:, :text_dim]
        ids = list(state["ids"])
    except (KeyError, TypeError, IndexError, ValueError):
        return {}
    norms = np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
    return dict(zip(ids, sums / norms, strict=False))


def _scores(groups: dict[str, list[CorpusDoc]], state: Any) -> dict[str, float]:
    """Cosine of each new member to its narrative centroid (or to the new members' mean)."""
    dims = {len(d.vector) for docs in groups.values() for d in docs if d.vector is not None}
    cents = _centroids(state, dims.pop()) if len(dims) == 1 else {}
    out: dict[str, float] = {}
    for nid, docs in groups.items():
        c = cents.get(nid)
        if c is None or any(d.vector is None for d in docs):
            out.update(centrality(docs))
            continue
        for d in docs:
            v = np.asarray(d.vector, dtype=np.float64)
            out[d.id] = round(float(v @ c / max(float(np.linalg.norm(v)), 1e-9)), 6)
    return out


def run_narratives(store: Store, engine: Engine, model: Any, *, rebuild: bool = False,
                   batch: int = 500, language: str | None = None,
                   progress: Progress | None = None) -> NarrativeReport:
    """Cluster the articles without a narrative (all of them with `rebuild`) and save.

    `language`: the reader's language, for representative titles (when the model can).
    """
    state = None if rebuild else store.get_corpus_state(NARRATIVE_STATE)
    docs = list(iter_corpus_docs(store, batch, without_narrative=not rebuild))
    report = NarrativeReport(articles=len(docs))
    if docs:
        _say(progress, f"encoding {len(docs)} articles")
        encode_for_narratives(docs, engine)
        _say(progress, "clustering")
        assignment, state = _with_engine(model.partial_fit, engine, docs, state)
        groups: dict[str, list[CorpusDoc]] = {}
        for doc in docs:
            groups.setdefault(assignment[doc.id], []).append(doc)
        scores = _scores(groups, state)
        _say(progress, "describing narratives")
        records = _describe_all(store, model, groups, scores, rebuild, language)
        report.touched = len(records)
        report.created = sum(not existed for _, existed in records)
        store.save_narratives([n for n, _ in records], state, scores=scores, rebuild=rebuild,
                              state_key=NARRATIVE_STATE)
    elif rebuild:
        store.save_narratives([], state or {}, rebuild=True, state_key=NARRATIVE_STATE)
    report.total = store.count_narratives()
    return report


def _describe_all(store: Store, model: Any, groups: dict[str, list[CorpusDoc]],
                  scores: dict[str, float], rebuild: bool,
                  language: str | None) -> list[tuple[Narrative, bool]]:
    """(record, whether it existed before) for every narrative in `groups`.

    Old members are loaded (their stored scores kept) so counts and labels cover the whole
    narrative. Labels come from the model's `narratives(docs, assignments, language)` when
    it has one; narratives it leaves out (below its min_size) get narrative_summary's.
    """
    members: dict[str, list[CorpusDoc]] = {}
    existed: dict[str, bool] = {}
    for nid in sorted(groups):
        old = [] if rebuild else store.narrative_members(nid)
        scores.update(old)
        existed[nid] = bool(old)
        members[nid] = groups[nid] + store.corpus_docs([a for a, _ in old])
    labelled: dict[str, Narrative] = {}
    if callable(getattr(model, "narratives", None)):
        everyone = [d for docs in members.values() for d in docs]
        assignment = {d.id: nid for nid, docs in members.items() for d in docs}
        labelled = {n.id: n for n in model.narratives(everyone, assignment, language=language)}
    return [(labelled.get(nid) or describe(nid, docs, scores), existed[nid])
            for nid, docs in members.items()]


def all_links(store: Store, page: int = 5000) -> list[ReuseLink]:
    out: list[ReuseLink] = []
    while batch := store.list_reuse(limit=page, offset=len(out)):
        out.extend(batch)
    return out


def source_profiles(store: Store, period: str = "all") -> list[SourceProfile]:
    """Per-outlet profiles over `period` (all | year | month) from what the store holds:
    articles with their labels, the stored reuse links and narrative memberships."""
    from propscope.corpus import sources

    docs = list(iter_corpus_docs(store))
    return sources.source_profiles(docs, all_links(store), store.narrative_assignments(),
                                   period)  # type: ignore[arg-type]
