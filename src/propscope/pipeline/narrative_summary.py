"""Turning narrative assignments into stored Narrative records (counts, timeline, label).

Why here and not in the model: the model only decides who belongs together; describing a
narrative needs every member, old ones included, which only the pipeline can load. The
label falls back to frequent title words when the model labels no such narrative (the shipped
model labels those of its min_size and up: corpus/narrative_label.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from propscope.corpus.docs import CorpusDoc
from propscope.schema.corpus import Narrative

_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
KEY_TERMS = 5


def month(doc: CorpusDoc) -> str | None:
    value = doc.published or doc.ingested_at
    return value[:7] if value and re.match(r"\d{4}-\d{2}", value) else None


def _counts(values: Sequence[str | None]) -> dict[str, int]:
    got = Counter(v if v else "unknown" for v in values)
    return dict(sorted(got.items(), key=lambda kv: (-kv[1], kv[0])))


def _article_counts(docs: Sequence[CorpusDoc], attr: str) -> dict[str, int]:
    """How many members carry each technique / frame (articles, not units)."""
    got: Counter[str] = Counter()
    for d in docs:
        got.update(set(getattr(d, attr)))
    return dict(sorted(got.items(), key=lambda kv: (-kv[1], kv[0])))


def title_terms(docs: Sequence[CorpusDoc], limit: int = KEY_TERMS) -> list[str]:
    """Words found in the most member titles (ties: alphabetical)."""
    df: Counter[str] = Counter()
    for d in docs:
        df.update({w.casefold() for w in _WORD.findall(d.title)})
    return [w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def describe(nid: str, docs: Sequence[CorpusDoc], scores: Mapping[str, float],
             key_terms: list[str] | None = None) -> Narrative:
    """The record for narrative `nid` with members `docs` (most central first)."""
    ordered = sorted(docs, key=lambda d: (-scores.get(d.id, 0.0), d.id))
    rep = ordered[0]
    terms = key_terms if key_terms is not None else title_terms(docs)
    dates = sorted(d.published[:10] for d in docs if d.published)
    label = ", ".join(terms[:3])
    label = f"{label} — {rep.title}" if label and rep.title else (label or rep.title or nid)
    return Narrative(
        id=nid, label=label, key_terms=terms, representative=rep.id,
        members=[d.id for d in ordered], sources=_counts([d.source for d in docs]),
        languages=_counts([d.language for d in docs]),
        timeline=dict(sorted(Counter(m for d in docs if (m := month(d))).items())),
        techniques=_article_counts(docs, "techniques"), frames=_article_counts(docs, "frames"),
        first=dates[0] if dates else None, last=dates[-1] if dates else None)


def centrality(docs: Sequence[CorpusDoc]) -> dict[str, float]:
    """Cosine of each member's vector to the members' mean (1.0 for a member without one)."""
    vecs = [d.vector for d in docs if d.vector is not None]
    if not vecs:
        return {d.id: 1.0 for d in docs}
    mean = np.mean(np.vstack(vecs), axis=0)
    mean = mean / max(float(np.linalg.norm(mean)), 1e-9)
    out: dict[str, float] = {}
    for d in docs:
        if d.vector is None:
            out[d.id] = 1.0
        else:
            v = np.asarray(d.vector, dtype=np.float64)
            out[d.id] = round(float(v @ mean / max(float(np.linalg.norm(v)), 1e-9)), 6)
    return out
