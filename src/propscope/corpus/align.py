"""Seed-and-extend paragraph alignment of two articles -> passages, coverage, added/dropped.

Why paragraphs: a republisher copies, drops, reorders and rewrites paragraphs; an analyst
wants "paragraphs 1-4 of A are 2-5 of B, B added 1 and 6, rewrote 3". Seeds are paragraph
pairs sharing a large part of their shingles, found anywhere (reordering costs nothing);
extension then accepts the neighbours of a seed (i+1/j+1, i-1/j-1) at a lower bar, which
catches paragraphs rewritten between two copied ones. Boilerplate (a paragraph that is
mostly run-wide frequent shingles, or that the extractor's line rules call boilerplate)
never seeds a passage and counts in no coverage, so two texts that differ only in their
boilerplate align as the same text and two that share only boilerplate share nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from propscope.corpus import shingles as S
from propscope.corpus.docs import CorpusDoc
from propscope.extract.text_boilerplate import Meta, classify_lines
from propscope.extract.text_lines import split_lines
from propscope.schema.corpus import Passage

#: A seed shares at least this share of the smaller paragraph's shingles ...
SEED_SIM = 0.5
#: ... and at least this many shingles (unless the smaller paragraph has fewer).
SEED_MIN = 3
#: A neighbour of a seed joins at this lower share (a rewritten paragraph).
EXTEND_SIM = 0.15
#: At or above this share both ways the passage is "same", else "edited".
SAME_SIM = 0.9
#: Paragraphs with this share of run-wide frequent shingles are boilerplate.
BOILER_SHARE = 0.5
_BLANK = re.compile(r"\n[ \t]*\n")


@dataclass(slots=True)
class Profile:
    """What alignment needs of one article: per-paragraph shingle sets (boilerplate
    shingles removed) and paragraph lengths; computed once per article per run."""

    id: str
    sets: list[np.ndarray]
    chars: list[int]
    boiler: list[bool]
    union: np.ndarray = field(default_factory=lambda: S.unique_sorted(np.zeros(0, np.uint64)))

    @property
    def content_chars(self) -> int:
        return sum(c for c, b in zip(self.chars, self.boiler) if not b)


def paragraph_spans(doc: CorpusDoc) -> list[tuple[int, int]]:
    """doc.paragraphs, or blank-line separated blocks of doc.text when none are given."""
    if doc.paragraphs:
        return [(int(s), int(e)) for s, e in doc.paragraphs]
    spans, pos = [], 0
    for m in _BLANK.finditer(doc.text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(doc.text)))
    return [(s, e) for s, e in spans if doc.text[s:e].strip()]


def is_boilerplate_text(text: str) -> bool:
    """The extractor's line rules remove every line of this short paragraph."""
    if len(text) > 400 or not text.strip():
        return not text.strip()
    lines = split_lines(text)
    classify_lines(lines, Meta())
    return bool(lines) and all(line.reason for line in lines)


def profile(doc: CorpusDoc, boilerplate: np.ndarray | None = None,
            shingled: tuple[list[np.ndarray], np.ndarray] | None = None) -> Profile:
    """Shingle sets of doc's paragraphs; `boilerplate` is a sorted array of run-wide
    frequent shingle hashes (dropped from every set); `shingled` is
    shingles.paragraph_shingles of the doc's paragraphs when already computed."""
    texts = [doc.text[s:e] for s, e in paragraph_spans(doc)]
    raw = (shingled or S.paragraph_shingles(texts))[0]
    sets, chars, boiler = [], [], []
    for text, hs in zip(texts, raw):
        is_boiler = is_boilerplate_text(text)
        if boilerplate is not None and len(boilerplate) and len(hs):
            frequent = np.isin(hs, boilerplate, assume_unique=True)
            is_boiler = is_boiler or frequent.mean() >= BOILER_SHARE
            hs = hs[~frequent]
        sets.append(hs[:0] if is_boiler else hs)
        chars.append(len(text.strip()))
        boiler.append(is_boiler or len(hs) == 0)
    live = [x for x in sets if len(x)]
    union = S.unique_sorted(np.concatenate(live)) if live else np.zeros(0, np.uint64)
    return Profile(doc.id, sets, chars, boiler, union)


@dataclass(slots=True)
class Alignment:
    passages: list[Passage]
    coverage_a: float  # char-weighted share of A's content shingles found in B
    coverage_b: float
    added: list[int]  # B's content paragraphs in no passage
    dropped: list[int]  # A's content paragraphs in no passage
    shared: int = 0  # content shingles the two have in common


def _shared(x: np.ndarray, y: np.ndarray) -> int:
    return len(np.intersect1d(x, y, assume_unique=True)) if len(x) and len(y) else 0


def _seed_pairs(a: Profile, b: Profile) -> dict[tuple[int, int], tuple[float, float]]:
    """Paragraph pairs sharing any shingle (an inverted index of A's paragraphs)."""
    index: dict[int, list[int]] = {}
    for i, hs in enumerate(a.sets):
        for h in hs.tolist():
            index.setdefault(h, []).append(i)
    counts: dict[tuple[int, int], int] = {}
    for j, hs in enumerate(b.sets):
        for h in hs.tolist():
            for i in index.get(h, ()):
                counts[(i, j)] = counts.get((i, j), 0) + 1
    out = {}
    for (i, j), n in counts.items():
        small, large = len(a.sets[i]), len(b.sets[j])
        out[(i, j)] = (n / min(small, large), n / max(small, large))
    return out


def align(a: Profile, b: Profile) -> Alignment:
    """Passages of A found in B: seeds (any order), then extension to neighbours."""
    pairs = _seed_pairs(a, b)
    chosen: dict[int, tuple[int, float, float]] = {}  # j -> (i, small-share, large-share)
    for (i, j), (small, large) in sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[0])):
        n_small = min(len(a.sets[i]), len(b.sets[j]))
        if small >= SEED_SIM and (small * n_small >= SEED_MIN or small >= 0.999) and j not in chosen:
            chosen[j] = (i, small, large)
    _extend(a, b, chosen, pairs)
    passages = [
        Passage(i, j, round(large, 4), "same" if large >= SAME_SIM else "edited")
        for j, (i, _small, large) in sorted(chosen.items(), key=lambda kv: (kv[1][0], kv[0]))
    ]
    used_a = {p.a for p in passages}
    return Alignment(
        passages,
        _coverage(a, b, [(p.a, p.b) for p in passages]),
        _coverage(b, a, [(p.b, p.a) for p in passages]),
        [j for j in range(len(b.sets)) if not b.boiler[j] and j not in chosen],
        [i for i in range(len(a.sets)) if not a.boiler[i] and i not in used_a],
        _shared(a.union, b.union),
    )


def _extend(a: Profile, b: Profile, chosen: dict[int, tuple[int, float, float]], pairs: dict) -> None:
    """Grow every passage into its unmatched neighbours while they share enough."""
    frontier = sorted(chosen.items())
    while frontier:
        j, (i, _s, _l) = frontier.pop()
        for di in (-1, 1):
            ni, nj = i + di, j + di
            if not (0 <= ni < len(a.sets) and 0 <= nj < len(b.sets)) or nj in chosen:
                continue
            if a.boiler[ni] or b.boiler[nj]:
                continue
            small, large = pairs.get((ni, nj), (0.0, 0.0))
            if small >= EXTEND_SIM:
                chosen[nj] = (ni, small, large)
                frontier.append((nj, chosen[nj]))


def _coverage(p: Profile, q: Profile, pairs: list[tuple[int, int]]) -> float:
    """Char-weighted share of p's content shingles found in the paragraphs of q aligned
    with them (shingles shared outside passages, such as a quoted sentence, do not count)."""
    total = p.content_chars
    if total == 0:
        return 0.0
    matched: dict[int, list[int]] = {}
    for i, j in pairs:
        matched.setdefault(i, []).append(j)
    got = 0.0
    for i, js in matched.items():
        hs = p.sets[i]
        if p.boiler[i] or not len(hs):
            continue
        other = q.sets[js[0]] if len(js) == 1 else S.unique_sorted(np.concatenate([q.sets[j] for j in js]))
        got += p.chars[i] * np.isin(hs, other, assume_unique=True).mean()
    return round(got / total, 4)


def align_vectors(va: np.ndarray, vb: np.ndarray, min_cos: float) -> tuple[list[Passage], list[int], list[int]]:
    """Translated paragraphs: mutual best matches by cosine of paragraph vectors (rows L2
    normalised here) -> passages "translated", added (B) and dropped (A)."""
    if len(va) == 0 or len(vb) == 0:
        return [], list(range(len(vb))), list(range(len(va)))
    na = va / np.maximum(np.linalg.norm(va, axis=1, keepdims=True), 1e-9)
    nb = vb / np.maximum(np.linalg.norm(vb, axis=1, keepdims=True), 1e-9)
    cos = na @ nb.T
    best_b, best_a = cos.argmax(axis=1), cos.argmax(axis=0)
    passages = [
        Passage(int(i), int(j), round(float(cos[i, j]), 4), "translated")
        for i, j in enumerate(best_b)
        if best_a[j] == i and cos[i, j] >= min_cos
    ]
    used_a, used_b = {p.a for p in passages}, {p.b for p in passages}
    return passages, [j for j in range(len(vb)) if j not in used_b], [i for i in range(len(va)) if i not in used_a]
