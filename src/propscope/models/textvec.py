"""Word and character n-gram TF-IDF in plain Python + numpy, shared by training and inference.

We do not ship scikit-learn objects: pickles are version-fragile and unsafe to load, and the
runtime must not need scikit-learn. Training fits these same classes, so the features a model
was trained on are exactly the ones it sees at inference.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")
#: Memoised words per vectorizer before the cache is dropped (bounds a long-running worker).
_CACHE_WORDS = 200_000


def word_ngrams(text: str, n_max: int) -> list[str]:
    toks = _TOKEN.findall(text.lower())
    out = list(toks)
    for n in range(2, n_max + 1):
        out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return out


def char_ngrams(text: str, n_min: int, n_max: int) -> list[str]:
    """Character n-grams inside word boundaries, padded with one space (sklearn's char_wb)."""
    out: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        w = f" {word} "
        size = len(w)
        for n in range(n_min, min(n_max, size) + 1):
            out.extend(w[i : i + n] for i in range(size - n + 1))
    return out


@dataclass(slots=True)
class SparseRows:
    """A CSR matrix without scipy: enough for `rows @ dense`."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_cols: int

    def dot(self, dense: np.ndarray) -> np.ndarray:
        n_rows = len(self.indptr) - 1
        out = np.zeros((n_rows, dense.shape[1]), dtype=np.float32)
        if len(self.indices) == 0:
            return out
        contrib = dense[self.indices].astype(np.float32) * self.data[:, None]
        lengths = np.diff(self.indptr)
        nonempty = lengths > 0
        sums = np.add.reduceat(contrib, self.indptr[:-1][nonempty], axis=0)
        out[nonempty] = sums
        return out


class NgramTfidf:
    """Sublinear TF-IDF over a fixed vocabulary; one L2-normalised block per analyzer."""

    def __init__(self, kind: str, n_min: int, n_max: int, vocabulary: list[str], idf: np.ndarray):
        if kind not in ("word", "char"):
            raise ValueError(f"unknown n-gram kind {kind!r}")
        self.kind, self.n_min, self.n_max = kind, n_min, n_max
        self.vocabulary = vocabulary
        self.index = {t: i for i, t in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self._cache: dict[str, np.ndarray] = {}

    def grams(self, text: str) -> list[str]:
        if self.kind == "word":
            return word_ngrams(text, self.n_max)
        return char_ngrams(text, self.n_min, self.n_max)

    def _word_ids(self, word: str) -> np.ndarray:
        """Vocabulary ids of one word's character n-grams, memoised: words repeat (Zipf), so
        this turns the per-character Python loop into a dictionary hit for most tokens."""
        ids = self._cache.get(word)
        if ids is None:
            if len(self._cache) >= _CACHE_WORDS:
                self._cache.clear()
            index = self.index
            grams = char_ngrams(word, self.n_min, self.n_max)
            ids = np.fromiter((i for g in grams if (i := index.get(g)) is not None), dtype=np.int64)
            self._cache[word] = ids
        return ids

    def _ids(self, text: str) -> np.ndarray:
        if self.kind == "char":
            parts = [self._word_ids(w) for w in text.lower().split()]
            return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        index = self.index
        return np.fromiter((i for g in word_ngrams(text, self.n_max) if (i := index.get(g)) is not None),
                           dtype=np.int64)

    def transform(self, texts: list[str]) -> SparseRows:
        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        total = 0
        for text in texts:
            uniq, counts = np.unique(self._ids(text), return_counts=True)
            vals = (1.0 + np.log(counts.astype(np.float32))) * self.idf[uniq]
            norm = float(np.sqrt(np.dot(vals, vals))) or 1.0
            indices.append(uniq)
            data.append((vals / norm).astype(np.float32))
            total += len(uniq)
            indptr.append(total)
        return SparseRows(np.asarray(indptr, dtype=np.int64),
                          np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                          np.concatenate(data) if data else np.zeros(0, dtype=np.float32),
                          len(self.vocabulary))

    @classmethod
    def fit(cls, kind: str, n_min: int, n_max: int, texts: list[str], *, min_df: int,
            max_features: int) -> NgramTfidf:
        """Keep the `max_features` n-grams with the highest document frequency (ties by name)."""
        probe = cls(kind, n_min, n_max, [], np.zeros(0))
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(probe.grams(text)))
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))
        vocab = sorted(kept[:max_features])
        n = len(texts)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab], dtype=np.float32)
        return cls(kind, n_min, n_max, vocab, idf)
