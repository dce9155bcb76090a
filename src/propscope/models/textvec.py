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

    def grams(self, text: str) -> list[str]:
        if self.kind == "word":
            return word_ngrams(text, self.n_max)
        return char_ngrams(text, self.n_min, self.n_max)

    def transform(self, texts: list[str]) -> SparseRows:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        index = self.index
        for text in texts:
            counts = Counter(i for g in self.grams(text) if (i := index.get(g)) is not None)
            vals = [(1.0 + math.log(c)) * float(self.idf[i]) for i, c in counts.items()]
            norm = math.sqrt(sum(v * v for v in vals)) or 1.0
            indices.extend(counts.keys())
            data.extend(v / norm for v in vals)
            indptr.append(len(indices))
        return SparseRows(np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
                          np.asarray(data, dtype=np.float32), len(self.vocabulary))

    @classmethod
    def fit(cls, kind: str, n_min: int, n_max: int, texts: list[str], *, min_df: int,
            max_features: int) -> "NgramTfidf":
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
