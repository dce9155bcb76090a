"""The fast tier's members trained on the other folds, scored on fold K (all languages).

Needed for a like-for-like comparison and for the ensemble: the accurate tier averages its
probabilities with the fast tier's, and thresholds for that average must be chosen on
fast-tier scores that are out-of-fold too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from propscope.models.textvec import NgramTfidf
from propscope.training import techniques as fast
from propscope.training.data import load_all
from propscope.training.folds import article_folds


def run_fast_fold(k: int, work: Path, log: Callable[[str], None]) -> None:
    arts = load_all()
    d = fast.build_units(arts, log)
    fold = article_folds([a.lang for a in arts])[d.article]
    word = NgramTfidf.fit("word", 1, 2, d.texts, min_df=2, max_features=fast.TFIDF["word_max"])
    char = NgramTfidf.fit("char", 2, 5, d.texts, min_df=3, max_features=fast.TFIDF["char_max"])
    xs = sp.hstack([fast._csr(word.transform(d.texts)), fast._csr(char.transform(d.texts)),
                    sp.csr_matrix(d.x_extra)]).tocsr()
    tr, te = np.where(fold != k)[0], np.where(fold == k)[0]
    raw = fast._predict(fast._fit_members(d, xs, tr), d, xs, te)
    # Unit order inside an article is its line order in both tiers, so (lang, article, position) joins them.
    pos = np.zeros(len(d.texts), dtype=np.int64)
    for i in range(1, len(d.texts)):
        pos[i] = pos[i - 1] + 1 if d.article[i] == d.article[i - 1] else 0
    keys = np.array([arts[a].key for a in d.article[te]])
    np.savez(work / f"fast_fold{k}.npz", raw=raw, y=d.y[te], langs=d.langs[te], key=keys, position=pos[te])
    log(f"fast fold {k}: {len(te)} held-out units written")
