"""Normalised word shingles, MinHash signatures and LSH band keys (issue 5 reuse candidates).

Normalisation (why: a copy must match its source whatever the typography or a copier's
edits to punctuation): NFKC, casefold, tokens are runs of word characters (``\\w+``), so
punctuation and quote styles never matter. Numbers stay tokens (a changed figure is a
real edit), except runs of 6+ digits: those are ids that copy pipelines insert
("[19659008]", "RTS1L010" keeps its letters) and would break every shingle around them.

Shingles are word 5-grams (a text of 1-4 tokens is one shingle), per document and per
paragraph, hashed to 64 bits deterministically (a polynomial hash of the k-gram's bytes mod
2^64 from one prefix sum, then a splitmix64 finaliser, all in numpy): the same text gives
the same hashes in every process, which both engines need for identical results. (Mod 2^64
polynomial hashes can be made to collide on purpose; a crafted collision only adds a
candidate or a little similarity, it cannot hide a copy.)

Implementation chosen by measured speed (scripts/bench_minhash.py: 10,000 synthetic
articles of ~420 words, pinned to one core of this shared 2-core machine, 128 slots,
normalisation and shingling included; rensa and datasketch were fed the same tokens):

    numpy (this module: byte-level shingle hashes, one-permutation MinHash
           with densification, LSH buckets by sorting)        3,000-3,500 articles/s
    rensa 0.5 (Rust RMinHash.update with shingle strings)     2,900-3,500 articles/s
    datasketch 2.0 (MinHash.update_batch)                        660-690 articles/s

(an earlier numpy version with 128 multiply-add permutations ran 470 articles/s). The whole
of ReuseDetector.candidates (paragraph-bounded shingles, the boilerplate pass, signatures,
buckets) runs ~2,000 articles/s on one core over 10,000 synthetic articles (corpus/
synthetic.py, 177 words and ~8 paragraphs each, machine shared and loaded).
The numpy version matches rensa, needs no extra dependency and batches a whole partition,
so it is the one used. Band keys are
``band << 56 | hash(rows) & (2**56 - 1)`` as plain ints: a bucket (key -> ids) is an
independent task, and equal keys can only come from the same band.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence

import numpy as np

SHINGLE = 5
NUM_PERM = 128
_WORD = re.compile(r"\w+")
_ID_DIGITS = 6
_PUNCT = str.maketrans({c: " " for c in string.punctuation.replace("_", "") + "“”‘’‚„«»‹›–—‐‑…·•§©®°¡¿"})
_MASK56 = np.uint64((1 << 56) - 1)
_M64 = (1 << 64) - 1
_EMPTY = np.zeros(0, dtype=np.uint64)


def normalize(text: str) -> str:
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def tokens(text: str) -> list[str]:
    """Word tokens (``\\w+`` runs) of ``text`` after normalisation; long digit runs (ids)
    are dropped. Fast path: common punctuation becomes spaces and ``str.split`` cuts, 4x
    faster than the regex; the regex runs only when something else non-alphanumeric is
    left (then both give the same tokens)."""
    norm = normalize(text)
    out = norm.translate(_PUNCT).split()
    joined = "".join(out)
    if not joined.isalnum():
        out = _WORD.findall(norm)
    if joined.isalpha():
        return out
    return [t for t in out if not (len(t) >= _ID_DIGITS and t.isdigit())]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads a hash over all 64 bits."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


_P = 0x100000001B3
_MAXLEN = 1 << 16
_PPOW: np.ndarray | None = None
_PINV: np.ndarray | None = None


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and P^-i modulo 2^64 (P is odd, so invertible), grown on demand by doubling."""
    global _PPOW, _PINV
    if _PPOW is None or _PINV is None or len(_PPOW) < n:
        size = max(n, _MAXLEN)
        _PPOW, _PINV = _geometric(_P, size), _geometric(pow(_P, -1, 1 << 64), size)
    return _PPOW, _PINV


def _geometric(base: int, size: int) -> np.ndarray:
    out = np.ones(1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        while len(out) < size:
            step = np.uint64(pow(base, len(out), 1 << 64))
            out = np.concatenate([out, out * step])
    return out[:size]


def _span_hashes(toks: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(prefix sums, P^-i, token starts, token ends) over the bytes of the joined tokens."""
    raw = " ".join(toks).encode("utf-8", "surrogatepass")
    buf = np.frombuffer(raw, dtype=np.uint8).astype(np.uint64) + np.uint64(1)
    pw, pi = _powers(len(buf) + 1)
    with np.errstate(over="ignore"):
        csum = np.concatenate([np.zeros(1, dtype=np.uint64), np.cumsum(buf * pw[: len(buf)], dtype=np.uint64)])
    spaces = np.flatnonzero(buf == np.uint64(33))
    return csum, pi, np.concatenate([[0], spaces + 1]), np.concatenate([spaces, [len(buf)]])


def _hash_spans(csum: np.ndarray, pi: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return _mix((csum[ends] - csum[starts]) * pi[starts])


def shingle_hashes_from_tokens(toks: Sequence[str], k: int = SHINGLE) -> np.ndarray:
    """Hashes of the word k-grams (one shingle if fewer than k tokens), unsorted.

    Vectorised over the bytes of the space-joined tokens: a polynomial hash of each k-gram's
    byte span from one prefix sum (span = (C[end] - C[start]) * P^-start mod 2^64), then a
    splitmix64 finaliser; no Python work per token."""
    if not toks:
        return _EMPTY
    csum, pi, starts, ends = _span_hashes(toks)
    if len(starts) < k:
        return _hash_spans(csum, pi, starts[:1], ends[-1:])
    return _hash_spans(csum, pi, starts[: len(starts) - k + 1], ends[k - 1 :])


def _paragraph_hashes(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(k-gram hashes in paragraph order, owning paragraph of each, tokens per paragraph,
    paragraph keys); k-grams never cross a paragraph, a short paragraph is one shingle."""
    per = [tokens(t) for t in texts]
    counts = np.array([len(t) for t in per], dtype=np.int64)
    keys = np.zeros(len(texts), dtype=np.uint64)
    if counts.sum() == 0:
        return _EMPTY, np.zeros(0, np.int64), counts, keys
    csum, pi, starts, ends = _span_hashes([t for toks in per for t in toks])
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    live = counts > 0
    keys[live] = _hash_spans(csum, pi, starts[first[live]], ends[first[live] + counts[live] - 1])
    para = np.repeat(np.arange(len(texts)), counts)
    n = len(starts)
    i = np.flatnonzero(para[: n - k + 1] == para[k - 1 :]) if n >= k else np.zeros(0, np.int64)
    hs, owner = _hash_spans(csum, pi, starts[i], ends[i + k - 1]), para[i]
    short = np.flatnonzero(live & (counts < k))
    if len(short):  # whole-paragraph shingles, merged back in paragraph order
        hs, owner = np.concatenate([hs, keys[short]]), np.concatenate([owner, short])
        order = np.argsort(owner, kind="stable")
        hs, owner = hs[order], owner[order]
    return hs, owner, counts, keys


def paragraph_shingles(texts: Sequence[str], k: int = SHINGLE) -> tuple[list[np.ndarray], np.ndarray]:
    """Per paragraph: sorted unique k-gram hashes (k-grams never cross a paragraph; a
    paragraph of fewer than k tokens is one shingle), and one key per paragraph (the hash
    of all its tokens, 0 for an empty one) that finds verbatim repeats. One vectorised pass
    over the whole article."""
    flat, sizes, keys = paragraph_shingles_flat(texts, k)
    bounds = np.r_[0, np.cumsum(sizes)]
    return [flat[bounds[j] : bounds[j + 1]] for j in range(len(texts))], keys


def paragraph_shingles_flat(texts: Sequence[str], k: int = SHINGLE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """paragraph_shingles as (the sets concatenated in paragraph order, their sizes, the
    keys): one sort for the whole article instead of one per paragraph."""
    hs, owner, _counts, keys = _paragraph_hashes(texts, k)
    if len(hs) > 1:
        order = np.lexsort((hs, owner))
        hs, owner = hs[order], owner[order]
        keep = np.r_[True, (hs[1:] != hs[:-1]) | (owner[1:] != owner[:-1])]
        hs, owner = hs[keep], owner[keep]
    return hs, np.bincount(owner, minlength=len(texts)).astype(np.int64), keys


def document_shingles(texts: Sequence[str], k: int = SHINGLE) -> tuple[np.ndarray, np.ndarray]:
    """(sorted unique shingles of all paragraphs, paragraph keys): what candidate
    generation needs, without the per-paragraph sets."""
    hs, _owner, _counts, keys = _paragraph_hashes(texts, k)
    return unique_sorted(hs), keys


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Sorted unique shingle hashes of one text (a set: repeats count once)."""
    return unique_sorted(shingle_hashes_from_tokens(tokens(text), k))


def unique_sorted(x: np.ndarray) -> np.ndarray:
    """np.unique without its overhead (this runs once per document and paragraph)."""
    if len(x) < 2:
        return x
    x = np.sort(x)
    return x[np.concatenate([[True], x[1:] != x[:-1]])]


def signatures(sets: Sequence[np.ndarray], num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signatures (len(sets), num_perm) uint32 of shingle-hash sets."""
    lens = np.fromiter((len(x) for x in sets), dtype=np.int64, count=len(sets))
    flat = np.concatenate([x for x in sets if len(x)]) if lens.sum() else _EMPTY
    return signatures_flat(flat, lens, num_perm)


def signatures_flat(flat: np.ndarray, lens: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """Signatures of documents given as one concatenated hash array and their lengths, by
    one-permutation hashing with rotation densification (Shrivastava & Li 2014: an
    unbiased LSH for Jaccard): each shingle hash falls in one bin (its low bits) and each
    bin keeps its minimum value (the high 32 bits), one pass for all documents (numpy
    `minimum.at`) instead of one pass per permutation; an empty bin borrows the next
    non-empty bin to its right, shifted by the distance. An empty document gets
    all-0xFFFFFFFF (never a band key: see band_keys)."""
    n = len(lens)
    out = np.full(n * num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if len(flat):
        doc = np.repeat(np.arange(n, dtype=np.int64), lens)
        slot = doc * num_perm + (flat % np.uint64(num_perm)).astype(np.int64)
        np.minimum.at(out, slot, (flat >> np.uint64(32)).astype(np.uint32))
    sig = out.reshape(n, num_perm)
    return _densify(sig, lens > 0)


_ROTATE = np.uint64(0x9E3779B1)


def _densify(sig: np.ndarray, live: np.ndarray) -> np.ndarray:
    n, p = sig.shape
    empty = sig == 0xFFFFFFFF
    if not empty[live].any():
        return sig
    cols = np.arange(p, dtype=np.int64)
    pos = np.where(empty, 2 * p, cols[None, :])
    pos2 = np.concatenate([pos, np.where(empty, 2 * p, cols[None, :] + p)], axis=1)
    nxt = np.minimum.accumulate(pos2[:, ::-1], axis=1)[:, ::-1][:, :p]
    nxt = np.minimum(nxt, 2 * p - 1)
    dist = (nxt - cols[None, :]).astype(np.uint64)
    src = sig[np.arange(n)[:, None], nxt % p].astype(np.uint64)
    with np.errstate(over="ignore"):
        dense = ((src + dist * _ROTATE) & np.uint64(0xFFFFFFFE)).astype(np.uint32)
    out = np.where(empty, dense, sig)
    out[~live] = 0xFFFFFFFF
    return out


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) int64-compatible uint64 keys; rows of an empty signature get key 0."""
    n = sig.shape[0]
    if bands * rows > sig.shape[1]:
        raise ValueError(f"bands*rows={bands * rows} > signature length {sig.shape[1]}")
    keys = np.zeros((n, bands), dtype=np.uint64)
    part = sig[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    acc = np.zeros((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            acc = _mix(acc * np.uint64(0x9E3779B97F4A7C15) + part[:, :, r])
    bidx = np.arange(bands, dtype=np.uint64)[None, :] << np.uint64(56)
    keys = bidx | (acc & _MASK56) | np.uint64(1)  # never 0: 0 marks "no key"
    empty = (sig == 0xFFFFFFFF).all(axis=1)
    keys[empty] = 0
    return keys


def buckets(ids: Sequence[str], keys: np.ndarray) -> dict[int, list[str]]:
    """LSH buckets with two or more ids, found by sorting (no dict of every key): key ->
    ids in input order."""
    n, bands = keys.shape
    flat = keys.reshape(-1)
    doc = np.repeat(np.arange(n), bands)
    live = flat != 0
    flat, doc = flat[live], doc[live]
    order = np.lexsort((doc, flat))
    flat, doc = flat[order], doc[order]
    if len(flat) == 0:
        return {}
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, len(flat)])
    out: dict[int, list[str]] = {}
    for s, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
        # a key carries its band, so a document appears at most once per key
        out[int(flat[s])] = [ids[i] for i in doc[s : s + size].tolist()]
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)
