"""Held-out scores for the accurate tier: micro-F1, calibration error, with honest thresholds.

Only fold K is held out from fine-tuning (one fold of fine-tuning fits the 2-core budget,
five do not). Calibration maps and thresholds therefore cannot come from other folds'
out-of-fold predictions as in `training.techniques`; they are *cross-fitted* inside fold K:
its articles are split in two halves, maps and thresholds are fit on one half and applied
to the other, both ways, and the pooled predictions are scored. The split is repeated with
`REPEATS` seeds and the mean and spread reported. No score ever sees the articles whose
thresholds it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from propscope.models.nn import platt
from propscope.training.learners import fit_platt
from propscope.training.thresholds import GRID, label_thresholds, micro_f1

REPEATS = 10
ECE_BINS = 15


def ece(p: np.ndarray, y: np.ndarray, bins: int = ECE_BINS, min_p: float = 0.0) -> float:
    """Expected calibration error over all (unit, label) cells with p >= min_p, equal-width bins."""
    p, y = p.ravel(), y.ravel().astype(np.float64)
    keep = p >= min_p
    p, y = p[keep], y[keep]
    if not len(p):
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = which == b
        if m.any():
            total += m.sum() * abs(p[m].mean() - y[m].mean())
    return float(total / len(p))


def global_threshold(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    best = max(GRID, key=lambda g: (micro_f1(y, p >= g), -abs(g - 0.5)))
    return np.full(p.shape[1], best)


def fit_decision(p: np.ndarray, y: np.ndarray, per_label: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Platt map and thresholds (on the calibrated scale) from one set of articles."""
    a, b = fit_platt(p, y)
    cal = platt(p, a, b)
    th = label_thresholds(cal, y) if per_label else global_threshold(cal, y)
    return a, b, th


def halves(article: np.ndarray, seed: int) -> np.ndarray:
    """Boolean per unit: is its article in half A (articles shuffled with `seed`)."""
    arts = np.unique(article)
    rng = np.random.RandomState(seed)
    rng.shuffle(arts)
    in_a = set(arts[: len(arts) // 2].tolist())
    return np.array([a in in_a for a in article])


def cross_fit(p: np.ndarray, y: np.ndarray, article: np.ndarray, seed: int,
              per_label: bool) -> tuple[np.ndarray, np.ndarray]:
    """Calibrated probabilities and decisions for every unit, each from the other half's fit."""
    cal = np.zeros_like(p, dtype=np.float32)
    pred = np.zeros(p.shape, dtype=bool)
    a_half = halves(article, seed)
    for fit_on in (a_half, ~a_half):
        a, b, th = fit_decision(p[fit_on], y[fit_on], per_label)
        cal[~fit_on] = platt(p[~fit_on], a, b)
        pred[~fit_on] = cal[~fit_on] >= th
    return cal, pred


def score(p: np.ndarray, y: np.ndarray, article: np.ndarray, per_label: bool = True) -> dict[str, Any]:
    f1s, eces, eces_hi = [], [], []
    per_label_f1 = np.zeros(y.shape[1])
    for seed in range(REPEATS):
        cal, pred = cross_fit(p, y, article, seed, per_label)
        f1s.append(micro_f1(y, pred))
        eces.append(ece(cal, y))
        eces_hi.append(ece(cal, y, min_p=0.1))
        per_label_f1 += [micro_f1(y[:, [j]], pred[:, [j]]) for j in range(y.shape[1])]
    return {"micro_f1": round(float(np.mean(f1s)), 4), "micro_f1_sd": round(float(np.std(f1s)), 4),
            "ece": round(float(np.mean(eces)), 4), "ece_p_ge_0.1": round(float(np.mean(eces_hi)), 4),
            "per_label_f1": [round(float(v), 4) for v in per_label_f1 / REPEATS]}


def compare(variants: dict[str, np.ndarray], y: np.ndarray, article: np.ndarray,
            log: Callable[[str], None], global_too: tuple[str, ...] = ()) -> dict[str, Any]:
    """Per-label thresholds for every variant; one global threshold too for `global_too`."""
    out: dict[str, Any] = {}
    for name, p in variants.items():
        for per_label in (True, False) if name in global_too else (True,):
            key = f"{name}/{'per_label' if per_label else 'global'}_threshold"
            out[key] = score(p, y, article, per_label)
            log(f"  {key}: micro-F1 {out[key]['micro_f1']} ± {out[key]['micro_f1_sd']}, "
                f"ECE {out[key]['ece']} (p>=.1: {out[key]['ece_p_ge_0.1']})")
    return out
