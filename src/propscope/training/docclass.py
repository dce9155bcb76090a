"""Train the `genre` and `frames` bundles (SemEval-2023 subtasks 1 and 2) with 5-fold CV.

Logistic regression on the article vector: with 1-2 hundred articles per language, anything
larger overfits, and a linear model ships as one small matrix.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from sklearn.linear_model import LogisticRegression

from propscope.models import encoder
from propscope.models.docclass import article_vector
from propscope.semeval.labels import FRAMES, GENRES
from propscope.semeval.metrics import score
from propscope.training.data import TRAIN_LANGS, TrainArticle, load_doc_only
from propscope.training.folds import N_FOLDS, article_folds
from propscope.training.thresholds import GRID

C_GENRE, C_FRAMES = 1.0, 1.0


def doc_matrix(arts: list[TrainArticle]) -> np.ndarray:
    rows = []
    for art in arts:
        units = [ln.text for ln in art.article.lines]
        rows.append(article_vector(encoder.encode(units), len(units), art.lang))
    return np.vstack(rows)


def _per_lang(arts: list[TrainArticle], gold: np.ndarray, pred: np.ndarray, labels: tuple[str, ...],
              average: str) -> dict[str, float]:
    langs = np.array([a.lang for a in arts])
    return {str(lang): round(score(gold[langs == lang], pred[langs == lang], labels, average).f1, 4)
            for lang in sorted(set(langs.tolist()))}


def train_genre(log: Callable[[str], None]) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    arts = [a for code in TRAIN_LANGS for a in load_doc_only(code, 1) if a.genre]
    x = doc_matrix(arts)
    y = np.array([GENRES.index(a.genre or "") for a in arts])
    fold = article_folds([a.lang for a in arts])
    oof = np.zeros(len(arts), dtype=np.int64)
    for k in range(N_FOLDS):
        m = LogisticRegression(C=C_GENRE, class_weight="balanced", max_iter=2000).fit(x[fold != k], y[fold != k])
        oof[fold == k] = m.predict(x[fold == k])
    onehot = np.eye(len(GENRES), dtype=np.int8)
    cv = _per_lang(arts, onehot[y], onehot[oof], GENRES, "macro")
    log(f"  genre CV macro-F1: {cv}")
    final = LogisticRegression(C=C_GENRE, class_weight="balanced", max_iter=2000).fit(x, y)
    w = np.zeros((x.shape[1], len(GENRES)), dtype=np.float32)
    b = np.zeros(len(GENRES), dtype=np.float32)
    w[:, final.classes_] = final.coef_.T
    b[final.classes_] = final.intercept_
    manifest = {"labels": list(GENRES), "kind": "single", "languages": ["en", "fr", "de", "it", "pl", "ru"],
                "cv": {"folds": N_FOLDS, "macro_f1": cv}, "hyperparameters": {"C": C_GENRE}}
    return manifest, {"w": w, "b": b}


def train_frames(log: Callable[[str], None]) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    arts = [a for code in TRAIN_LANGS for a in load_doc_only(code, 2) if a.frames is not None]
    x = doc_matrix(arts)
    y = np.zeros((len(arts), len(FRAMES)), dtype=np.int8)
    for i, a in enumerate(arts):
        for f in a.frames or []:
            y[i, FRAMES.index(f)] = 1
    fold = article_folds([a.lang for a in arts])
    oof = np.zeros(y.shape, dtype=np.float32)
    for k in range(N_FOLDS):
        for j in range(len(FRAMES)):
            m = LogisticRegression(C=C_FRAMES, class_weight="balanced", max_iter=2000)
            oof[fold == k, j] = m.fit(x[fold != k], y[fold != k, j]).predict_proba(x[fold == k])[:, 1]
    pred = np.zeros_like(y)
    for k in range(N_FOLDS):
        th = _frame_thresholds(oof[fold != k], y[fold != k])
        pred[fold == k] = oof[fold == k] >= th
    cv = _per_lang(arts, y, pred, FRAMES, "micro")
    log(f"  frames CV micro-F1: {cv}")
    th = _frame_thresholds(oof, y)
    w = np.zeros((x.shape[1], len(FRAMES)), dtype=np.float32)
    b = np.zeros(len(FRAMES), dtype=np.float32)
    for j in range(len(FRAMES)):
        m = LogisticRegression(C=C_FRAMES, class_weight="balanced", max_iter=2000).fit(x, y[:, j])
        w[:, j], b[j] = m.coef_[0], m.intercept_[0]
    manifest = {"labels": list(FRAMES), "kind": "multi", "languages": ["en", "fr", "de", "it", "pl", "ru"],
                "cv": {"folds": N_FOLDS, "micro_f1": cv}, "hyperparameters": {"C": C_FRAMES}}
    return manifest, {"w": w, "b": b, "threshold": th.astype(np.float32)}


def _frame_thresholds(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """One shared threshold: frames are frequent enough that per-label ones just overfit."""
    from propscope.training.thresholds import micro_f1

    best = max(GRID, key=lambda g: micro_f1(y, p >= g))
    return np.full(p.shape[1], best)
