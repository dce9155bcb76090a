"""Our F1 must equal sklearn's `f1_score(..., zero_division=1)`, which the task's scorer uses."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import f1_score, precision_score, recall_score

from propscope.semeval.metrics import indicator, score

LABELS = tuple(f"L{i}" for i in range(6))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("average", ["micro", "macro"])
def test_matches_sklearn_on_random_multilabel(seed: int, average: str) -> None:
    rng = np.random.RandomState(seed)
    gold = (rng.rand(40, 6) < 0.2).astype(np.int8)
    pred = (rng.rand(40, 6) < 0.25).astype(np.int8)
    gold[:, 5] = 0  # a label nobody has: zero_division decides its score
    pred[:, 5] = 0
    ours = score(gold, pred, LABELS, average)
    assert ours.f1 == pytest.approx(f1_score(gold, pred, average=average, zero_division=1))
    p = precision_score(gold, pred, average=None, zero_division=1)
    r = recall_score(gold, pred, average=None, zero_division=1)
    f = f1_score(gold, pred, average=None, zero_division=1)
    for i, ls in enumerate(ours.per_label):
        assert (ls.precision, ls.recall, ls.f1) == pytest.approx((p[i], r[i], f[i]))


def test_indicator_rejects_unknown_labels_and_shape_mismatch() -> None:
    with pytest.raises(ValueError, match="unknown label"):
        indicator([["nope"]], LABELS)
    with pytest.raises(ValueError, match="differ"):
        score(np.zeros((2, 6)), np.zeros((3, 6)), LABELS, "micro")


def test_perfect_and_empty_predictions() -> None:
    gold = indicator([["L0"], [], ["L1", "L2"]], LABELS)
    assert score(gold, gold, LABELS, "micro").f1 == 1.0
    assert score(gold, np.zeros_like(gold), LABELS, "micro").f1 == 0.0
