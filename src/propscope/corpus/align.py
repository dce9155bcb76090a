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
from dataclasses import dataclass
from functools import lru_cache

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
    shingles removed) and paragraph lengths.

    The shingle -> paragraphs index (a dict, ~10 KB and ~50 us to build) is made on first
    need (`lookup`): a pair needs the index of one side only, the other side is scanned.
    Verification builds it for the earlier article of each pair -- once per article, as
    pair tasks run in publication order -- while a later partner, which may sit anywhere
    in the year, stays a ~2 KB profile that a process can keep many of or rebuild cheaply.
    """

    id: str
    sets: list[np.ndarray]
    chars: list[int]
    boiler: list[bool]
    index: dict[int, tuple[int, ...]] | None = None  # shingle -> its paragraphs (lookup())

    @property
    def content_chars(self) -> int:
        return sum(c for c, b in zip(self.chars, self.boiler) if not b)

    def lookup(self) -> dict[int, tuple[int, ...]]:
        if self.index is None:
            index: dict[int, tuple[int, ...]] = {}
            for j, hs in enumerate(self.sets):
                for h in hs.tolist():
                    index[h] = (*index[h], j) if h in index else (j,)
            self.index = index
        return self.index


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


@lru_cache(maxsize=1 << 16)
def is_boilerplate_text(text: str) -> bool:
    """The extractor's line rules remove every line of this short paragraph (cached: an
    outlet's furniture recurs in all its articles, and a profile is built once per task)."""
    if len(text) > 400 or not text.strip():
        return not text.strip()
    lines = split_lines(text)
    classify_lines(lines, Meta())
    return bool(lines) and all(line.reason for line in lines)


def in_sorted(x: np.ndarray, sorted_ref: np.ndarray) -> np.ndarray:
    """Mask of the entries of x found in the sorted array sorted_ref."""
    if not len(x) or not len(sorted_ref):
        return np.zeros(len(x), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_ref, x), len(sorted_ref) - 1)
    return sorted_ref[pos] == x


@dataclass(slots=True)
class DocShingles:
    """One article's shingles before the run's boilerplate is known: computed once per
    article in a partition (tokenising is most of the cost), then used for candidate
    generation (`union`), the boilerplate pass (`keys`) and alignment (`profile_from`)."""

    flat: np.ndarray  # per paragraph sorted unique shingle hashes, paragraphs in order
    sizes: np.ndarray  # shingles per paragraph
    keys: np.ndarray  # one hash of all a paragraph's tokens (verbatim repeats), 0 if empty
    rule: np.ndarray | None  # the extractor's line rules call the paragraph boilerplate
    # (None when made for candidate generation only, which never looks: ~20% of its cost)
    chars: np.ndarray  # stripped characters per paragraph

    @property
    def union(self) -> np.ndarray:
        return S.unique_sorted(self.flat)


def doc_shingles(doc: CorpusDoc, rule: bool = True) -> DocShingles:
    texts = [doc.text[s:e] for s, e in paragraph_spans(doc)]
    flat, sizes, keys = S.paragraph_shingles_flat(texts)
    return DocShingles(
        flat, sizes, keys,
        np.array([is_boilerplate_text(t) for t in texts], dtype=bool) if rule else None,
        np.array([len(t.strip()) for t in texts], dtype=np.int64))


def profile(doc: CorpusDoc, boilerplate: np.ndarray | None = None,
            shingled: DocShingles | None = None) -> Profile:
    """Shingle sets of doc's paragraphs; `boilerplate` is a sorted array of run-wide
    frequent shingle hashes (dropped from every set); `shingled` is doc_shingles(doc)
    when already computed."""
    return profile_from(doc.id, shingled or doc_shingles(doc), boilerplate)


def profile_from(doc_id: str, ds: DocShingles, boilerplate: np.ndarray | None = None) -> Profile:
    if ds.rule is None:
        raise ValueError(f"shingles of {doc_id} were made without the boilerplate rule (doc_shingles(rule=False))")
    n = len(ds.sizes)
    owner = np.repeat(np.arange(n), ds.sizes)
    frequent = in_sorted(ds.flat, boilerplate if boilerplate is not None else ds.flat[:0])
    n_freq = np.bincount(owner[frequent], minlength=n)
    boiler = ds.rule | (n_freq / np.maximum(ds.sizes, 1) >= BOILER_SHARE) | (n_freq == ds.sizes)
    keep = ~frequent & ~boiler[owner]
    flat, owner = ds.flat[keep], owner[keep]
    bounds = np.searchsorted(owner, np.arange(n + 1))
    return Profile(doc_id, [flat[bounds[j] : bounds[j + 1]] for j in range(n)], ds.chars.tolist(),
                   boiler.tolist())


@dataclass(slots=True)
class Alignment:
    passages: list[Passage]
    coverage_a: float  # char-weighted share of A's content shingles found in B
    coverage_b: float
    added: list[int]  # B's content paragraphs in no passage
    dropped: list[int]  # A's content paragraphs in no passage
    shared: int = 0  # content shingles the two have in common


def _pair_counts(a: Profile, b: Profile) -> tuple[dict[tuple[int, int], int], int]:
    """({(i, j): shingles A's paragraph i and B's paragraph j share}, content shingles the
    articles share): B's shingles looked up in A's index (B's, when only B has one built),
    ~20-30 us a pair, the cost that decides a run of millions of candidate pairs (numpy
    calls cost more here)."""
    swap = b.index is not None and a.index is None
    index, scan = (b.lookup(), a) if swap else (a.lookup(), b)
    counts: dict[tuple[int, int], int] = {}
    hit: set[int] = set()
    for y, hs in enumerate(scan.sets):
        for h in hs.tolist():
            xs = index.get(h)
            if xs is None:
                continue
            hit.add(h)
            for x in xs:
                key = (y, x) if swap else (x, y)
                counts[key] = counts.get(key, 0) + 1
    return counts, len(hit)


def shared_shingles(a: Profile, b: Profile) -> int:
    """Content shingles the two articles have in common."""
    return _pair_counts(a, b)[1]


def align(a: Profile, b: Profile, min_shared: int = 0) -> Alignment:
    """Passages of A found in B: seeds (any order), then extension to neighbours. Below
    `min_shared` shared shingles no passage is looked for (a caller that rejects such
    pairs, like the reuse verifier, saves the work)."""
    counts, shared = _pair_counts(a, b)
    pairs: dict[tuple[int, int], tuple[float, float]] = {}
    seeds = []
    for (i, j), n in counts.items() if shared >= min_shared else ():
        na, nb = len(a.sets[i]), len(b.sets[j])
        small, large = n / min(na, nb), n / max(na, nb)
        pairs[(i, j)] = (small, large)
        if small >= SEED_SIM and (small * min(na, nb) >= SEED_MIN or small >= 0.999):
            seeds.append((-small, i, j, large))
    if not seeds:  # most candidate pairs: no passage can start, nothing to extend
        return Alignment([], 0.0, 0.0, [j for j in range(len(b.sets)) if not b.boiler[j]],
                         [i for i in range(len(a.sets)) if not a.boiler[i]], shared)
    chosen: dict[int, tuple[int, float, float]] = {}  # j -> (i, small-share, large-share)
    for neg, i, j, large in sorted(seeds):
        if j not in chosen:
            chosen[j] = (i, -neg, large)
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
        shared,
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
        there = set(q.sets[js[0]].tolist()).union(*(q.sets[j].tolist() for j in js[1:]))
        found = sum(h in there for h in hs.tolist())
        got += p.chars[i] * (found / len(hs))
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
