"""SemEval-2023 Task 3 scores, computed like sklearn's `f1_score(..., zero_division=1)`.

Implemented here (not imported from scikit-learn) because the runtime does not depend on
scikit-learn; `tests/semeval/test_metrics.py` checks agreement with sklearn on random data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Scores:
    average: str  # "micro" or "macro"
    f1: float
    per_label: tuple[LabelScore, ...]
    n_rows: int


def _div(num: float, den: float) -> float:
    return num / den if den else 1.0  # zero_division=1


def indicator(rows: list[list[str]], labels: tuple[str, ...]) -> np.ndarray:
    index = {name: i for i, name in enumerate(labels)}
    out = np.zeros((len(rows), len(labels)), dtype=np.int8)
    for r, names in enumerate(rows):
        for name in names:
            if name not in index:
                raise ValueError(f"unknown label {name!r}")
            out[r, index[name]] = 1
    return out


def score(gold: np.ndarray, pred: np.ndarray, labels: tuple[str, ...], average: str) -> Scores:
    if gold.shape != pred.shape:
        raise ValueError(f"gold {gold.shape} and predictions {pred.shape} differ in shape")
    g, p = gold.astype(bool), pred.astype(bool)
    tp = (g & p).sum(axis=0)
    fp = (~g & p).sum(axis=0)
    fn = (g & ~p).sum(axis=0)
    per = tuple(
        LabelScore(name, _div(tp[i], tp[i] + fp[i]), _div(tp[i], tp[i] + fn[i]),
                   _div(2 * tp[i], 2 * tp[i] + fp[i] + fn[i]), int(g[:, i].sum()))
        for i, name in enumerate(labels)
    )
    if average == "micro":
        f1 = _div(2 * tp.sum(), 2 * tp.sum() + fp.sum() + fn.sum())
    elif average == "macro":
        f1 = float(np.mean([s.f1 for s in per])) if per else 1.0
    else:
        raise ValueError(f"unknown average {average!r}")
    return Scores(average, float(f1), per, len(gold))
