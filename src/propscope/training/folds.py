"""Article-level folds, stratified by language, from a fixed seed.

Paragraphs of one article never straddle train and test: neighbouring paragraphs share
names and phrasing, and splitting them would inflate every score.
"""

from __future__ import annotations

import numpy as np

N_FOLDS = 5
SEED = 20230301


def article_folds(article_langs: list[str], n_folds: int = N_FOLDS, seed: int = SEED) -> np.ndarray:
    rng = np.random.RandomState(seed)
    out = np.zeros(len(article_langs), dtype=np.int64)
    for lang in sorted(set(article_langs)):
        idx = np.array([i for i, a in enumerate(article_langs) if a == lang])
        rng.shuffle(idx)
        out[idx] = np.arange(len(idx)) % n_folds
    return out
