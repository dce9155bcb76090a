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


def genre_labels(arts: list[TrainArticle]) -> np.ndarray:
    return np.array([GENRES.index(a.genre or "") for a in arts])


def genre_oof(x: np.ndarray, y: np.ndarray, fold: np.ndarray, n_folds: int = N_FOLDS,
              trainable: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold classes; rows not `trainable` are only ever predicted, never learned."""
    use = np.ones(len(y), dtype=bool) if trainable is None else trainable
    oof = np.zeros(len(y), dtype=np.int64)
    for k in range(n_folds):
        tr = (fold != k) & use
        if len(set(y[tr].tolist())) < 2:  # a tiny slice: one genre only
            oof[fold == k] = y[tr][0] if tr.any() else 0
            continue
        m = LogisticRegression(C=C_GENRE, class_weight="balanced", max_iter=2000).fit(x[tr], y[tr])
        oof[fold == k] = m.predict(x[fold == k])
    return oof


def train_genre(log: Callable[[str], None], arts: list[TrainArticle] | None = None, *,
                article_fold: np.ndarray | None = None,
                n_folds: int = N_FOLDS) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """`arts` default: subtask 1's training articles in every language."""
    if arts is None:
        arts = [a for code in TRAIN_LANGS for a in load_doc_only(code, 1) if a.genre]
    x = doc_matrix(arts)
    y = genre_labels(arts)
    fold = article_folds([a.lang for a in arts], n_folds) if article_fold is None else article_fold
    oof = genre_oof(x, y, fold, n_folds)
    onehot = np.eye(len(GENRES), dtype=np.int8)
    cv = _per_lang(arts, onehot[y], onehot[oof], GENRES, "macro")
    log(f"  genre CV macro-F1: {cv}")
    final = LogisticRegression(C=C_GENRE, class_weight="balanced", max_iter=2000).fit(x, y)
    w = np.zeros((x.shape[1], len(GENRES)), dtype=np.float32)
    b = np.zeros(len(GENRES), dtype=np.float32)
    w[:, final.classes_] = final.coef_.T
    b[final.classes_] = final.intercept_
    manifest = {"labels": list(GENRES), "kind": "single", "languages": ["en", "fr", "de", "it", "pl", "ru"],
                "cv": {"folds": n_folds, "macro_f1": cv}, "hyperparameters": {"C": C_GENRE}}
    return manifest, {"w": w, "b": b}


def frame_labels(arts: list[TrainArticle]) -> np.ndarray:
    y = np.zeros((len(arts), len(FRAMES)), dtype=np.int8)
    for i, a in enumerate(arts):
        for f in a.frames or []:
            y[i, FRAMES.index(f)] = 1
    return y


def _fit_frame(x: np.ndarray, y: np.ndarray) -> LogisticRegression | float:
    """One frame's model; a frame with one class only in `y` is a constant."""
    if y.min() == y.max():
        return float(y[0]) if len(y) else 0.0
    return LogisticRegression(C=C_FRAMES, class_weight="balanced", max_iter=2000).fit(x, y)


def frames_oof(x: np.ndarray, y: np.ndarray, fold: np.ndarray, n_folds: int = N_FOLDS,
               trainable: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold probabilities and decisions (thresholds from the other folds only)."""
    use = np.ones(len(y), dtype=bool) if trainable is None else trainable
    oof = np.zeros(y.shape, dtype=np.float32)
    for k in range(n_folds):
        tr = (fold != k) & use
        for j in range(len(FRAMES)):
            m = _fit_frame(x[tr], y[tr, j])
            oof[fold == k, j] = m if isinstance(m, float) else m.predict_proba(x[fold == k])[:, 1]
    pred = np.zeros_like(y)
    for k in range(n_folds):
        th = _frame_thresholds(oof[fold != k], y[fold != k])
        pred[fold == k] = oof[fold == k] >= th
    return oof, pred


def train_frames(log: Callable[[str], None], arts: list[TrainArticle] | None = None, *,
                 article_fold: np.ndarray | None = None,
                 n_folds: int = N_FOLDS) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """`arts` default: subtask 2's training articles in every language."""
    if arts is None:
        arts = [a for code in TRAIN_LANGS for a in load_doc_only(code, 2) if a.frames is not None]
    x = doc_matrix(arts)
    y = frame_labels(arts)
    fold = article_folds([a.lang for a in arts], n_folds) if article_fold is None else article_fold
    oof, pred = frames_oof(x, y, fold, n_folds)
    cv = _per_lang(arts, y, pred, FRAMES, "micro")
    log(f"  frames CV micro-F1: {cv}")
    th = _frame_thresholds(oof, y)
    w = np.zeros((x.shape[1], len(FRAMES)), dtype=np.float32)
    b = np.zeros(len(FRAMES), dtype=np.float32)
    for j in range(len(FRAMES)):
        m = _fit_frame(x, y[:, j])
        if isinstance(m, float):
            b[j] = 10.0 if m else -10.0
        else:
            w[:, j], b[j] = m.coef_[0], m.intercept_[0]
    manifest = {"labels": list(FRAMES), "kind": "multi", "languages": ["en", "fr", "de", "it", "pl", "ru"],
                "cv": {"folds": n_folds, "micro_f1": cv}, "hyperparameters": {"C": C_FRAMES}}
    return manifest, {"w": w, "b": b, "threshold": th.astype(np.float32)}


def _frame_thresholds(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """One shared threshold: frames are frequent enough that per-label ones just overfit."""
    from propscope.training.thresholds import micro_f1

    best = max(GRID, key=lambda g: micro_f1(y, p >= g))
    return np.full(p.shape[1], best)
