"""Translated copies at scale: candidates, paragraph vectors once per article, links.

Why three steps: the encoder is the costly part (~5 ms a paragraph on one core). Encoding
the paragraphs of both articles for every candidate pair encoded a popular article once
per partner (up to 2 x translated_top times); here
1. `candidates` (driver, numpy): the `top` nearest articles in other languages published
   within `window_days` and among the `reach` articles published just before or after
   (exact cosine over time-sorted chunks, translated.neighbours: linear in the corpus),
   then anchors (numbers, names, dates; cheap, computed once per article that is a
   candidate) filter the pairs before any encoding;
2. `paragraph_vectors` (engine tasks of VECTOR_TASK articles): the content paragraphs of
   every article in a surviving pair, each article encoded in exactly one task;
3. `verify` (engine tasks of pairs): mutual best paragraph matches (align.align_vectors)
   from the stored vectors, no encoder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from propscope.corpus import translated as T
from propscope.corpus.align import (
    DocShingles,
    align_vectors,
    paragraph_spans,
    profile_from,
)
from propscope.corpus.docs import CorpusDoc, ordered
from propscope.corpus.markers import copy_signals, find_markers
from propscope.schema.corpus import Passage, ReuseLink

#: Articles per paragraph-vector task.
VECTOR_TASK = 64


@dataclass(slots=True)
class ParagraphVectors:
    """An article's content paragraphs (indices), their vectors and the char counts the
    coverages need; float16 halves the memory of a 100k run and moves a cosine < 1e-3."""

    idx: list[int]
    vecs: np.ndarray
    chars: list[int]
    boiler: list[bool]
    numbers: list[frozenset[str]]  # numbers (translated.anchors "#...") of each content paragraph

    def share(self, used: set[int]) -> float:
        total = sum(c for c, b in zip(self.chars, self.boiler) if not b)
        if total == 0:
            return 0.0
        return round(sum(c for i, c in enumerate(self.chars) if i in used and not self.boiler[i]) / total, 4)


def candidates(ranked: Sequence[CorpusDoc], min_cos: float, top: int, window: int,
               anchor_min: float, reach: int | None = None) -> np.ndarray:
    """(i, j) rows of `ranked` (i < j) in different languages whose articles are close and
    share anchors; docs must have vectors."""
    rows = [i for i, d in enumerate(ranked) if d.language]
    docs = [ranked[i] for i in rows]
    if len({d.language for d in docs}) < 2:
        return np.zeros((0, 2), np.int64)
    near = T.neighbours(T.unit_rows(docs), [d.language or "" for d in docs], T.day_numbers(docs),
                        min_cos, top, window, reach=reach)
    anchors: dict[int, set[str]] = {}
    out = []
    for i, j in sorted(near):
        ai = anchors.setdefault(i, T.anchors(docs[i].text))
        aj = anchors.setdefault(j, T.anchors(docs[j].text))
        if T.anchor_share(ai, aj) >= anchor_min:
            out.append((rows[i], rows[j]))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def vector_task(item: tuple[np.ndarray | None, list[CorpusDoc], list[DocShingles]]) -> list[ParagraphVectors]:
    """Content paragraph vectors of a partition of articles: one encoder call."""
    boiler, docs, shingled = item
    metas, texts = [], []
    for doc, ds in zip(docs, shingled, strict=True):
        p = profile_from(doc.id, ds, boiler)
        idx = [i for i, b in enumerate(p.boiler) if not b]
        spans = paragraph_spans(doc)
        texts.extend(doc.text[spans[i][0] : spans[i][1]] for i in idx)
        metas.append((idx, p.chars, p.boiler))
    vecs = T.paragraph_vectors(texts)
    out, at = [], 0
    for idx, chars, boil in metas:
        numbers = [frozenset(a for a in T.anchors(t) if a.startswith("#")) for t in texts[at : at + len(idx)]]
        out.append(ParagraphVectors(idx, vecs[at : at + len(idx)].astype(np.float16), chars, boil, numbers))
        at += len(idx)
    return out


def paragraph_vectors(boiler: np.ndarray | None, docs: Sequence[CorpusDoc],
                      shingled: Sequence[DocShingles], engine: Any = None) -> list[ParagraphVectors]:
    items = [(boiler, list(docs[i : i + VECTOR_TASK]), list(shingled[i : i + VECTOR_TASK]))
             for i in range(0, len(docs), VECTOR_TASK)]
    if engine is not None and getattr(engine, "name", "") == "local":
        from propscope.models import encoder

        encoder.warm_up()  # forked workers share the loaded encoder
    parts = engine.map(vector_task, items) if engine is not None else [vector_task(x) for x in items]
    return [pv for part in parts for pv in part]


def _same_facts(a: frozenset[str], b: frozenset[str], min_share: float) -> bool:
    """A translated paragraph keeps its numbers; another paragraph about the same story
    (close vectors, same names) reports other ones. Numbers only: names are spelt,
    transliterated and capitalised differently across languages (German capitalises every
    noun), numbers are not. No numbers on a side: no evidence either way."""
    return not a or not b or T.anchor_share(set(a), set(b)) >= min_share


def link(x: CorpusDoc, y: CorpusDoc, vx: ParagraphVectors, vy: ParagraphVectors, min_cos: float,
         min_coverage: float, anchor_min: float = 0.0) -> ReuseLink | None:
    """A translated (or spun) link when 2+ paragraphs match (vectors, and the paragraphs'
    numbers share at least `anchor_min`) and cover min_coverage."""
    earlier, later, order_by = ordered(x, y)
    pe, pl = (vx, vy) if earlier is x else (vy, vx)
    passages, added, dropped = align_vectors(pe.vecs.astype(np.float32), pl.vecs.astype(np.float32), min_cos)
    kept = [p for p in passages if _same_facts(pe.numbers[p.a], pl.numbers[p.b], anchor_min)]
    if len(kept) < len(passages):
        added = sorted({*added, *(p.b for p in passages if p not in kept)})
        dropped = sorted({*dropped, *(p.a for p in passages if p not in kept)})
    passages = [Passage(pe.idx[p.a], pl.idx[p.b], p.similarity, p.change) for p in kept]
    cov_e, cov_l = pe.share({p.a for p in passages}), pl.share({p.b for p in passages})
    if len(passages) < 2 or max(cov_e, cov_l) < min_coverage:
        return None
    markers = find_markers(later)
    kind = "spun" if copy_signals(later, markers).verdict == "spun" else "translated"
    score = round(float(np.mean([p.similarity for p in passages])), 4)
    return ReuseLink(earlier.id, later.id, kind, score, cov_e, cov_l, passages,
                     [pl.idx[j] for j in added], [pe.idx[i] for i in dropped], order_by, markers)


def verify_task(item: tuple[tuple[float, float, float], np.ndarray, list[CorpusDoc],
                            list[ParagraphVectors]]) -> list[ReuseLink]:
    """Links of a chunk of pairs (positions in the task's lists of articles and vectors);
    params: (paragraph min cosine, min coverage, paragraph anchor min)."""
    params, local, docs, vecs = item
    out = [link(docs[i], docs[j], vecs[i], vecs[j], *params) for i, j in local.tolist()]
    return [x for x in out if x is not None]
