"""The accurate tier's head re-fit (training/feedback_accurate.py) on synthetic arrays: the
weight follows the informative input, the comparison is cross-fitted and counts one copy
of the rows, and a head is activated only by the rule and only with its fast tier."""

from __future__ import annotations

import numpy as np

from propscope.semeval.labels import TECHNIQUES
from propscope.training.feedback_accurate import (
    FitRows,
    choose_weights,
    decision_for,
    fit_head,
    halves,
    held_out,
)

N_LABELS = len(TECHNIQUES)


def _world(seed: int = 0, n_articles: int = 60, lines: int = 10):
    """Label 0: the fast tier knows it, the encoder is noise. Label 1: the reverse. Label 2:
    never present. Every other label: both inputs weakly informative."""
    rng = np.random.RandomState(seed)
    n = n_articles * lines
    y = (rng.rand(n, N_LABELS) < 0.1).astype(np.int8)
    y[:, 2] = 0
    enc = np.clip(0.1 + 0.2 * y + 0.15 * rng.randn(n, N_LABELS), 0.001, 0.999).astype(np.float32)
    fast = np.clip(0.1 + 0.2 * y + 0.15 * rng.randn(n, N_LABELS), 0.001, 0.999).astype(np.float32)
    enc[:, 0] = rng.rand(n)  # noise
    fast[:, 0] = np.clip(0.05 + 0.8 * y[:, 0] + 0.05 * rng.randn(n), 0.001, 0.999)
    fast[:, 1] = rng.rand(n)
    enc[:, 1] = np.clip(0.05 + 0.8 * y[:, 1] + 0.05 * rng.randn(n), 0.001, 0.999)
    article = np.repeat(np.arange(n_articles), lines)
    corrected = article >= n_articles - 12
    return enc, fast, y, article, corrected


def test_weight_follows_the_informative_input() -> None:
    enc, fast, y, _article, _corrected = _world()
    prior = np.full(N_LABELS, 0.5, dtype=np.float32)
    w = choose_weights(enc, fast, y, prior)
    assert w[0] == 1.0  # the encoder is noise there: ignore it
    assert w[1] == 0.3  # the fast tier is noise there: the least fast weight on the grid
    assert w[2] == 0.5  # no positive row: keeps its prior
    head = fit_head(enc, fast, y, prior)
    assert head.w[0] == 1.0 and head.th.shape == head.a.shape == (N_LABELS,)
    pred = head.decide(enc, fast)
    assert (pred[:, 0] == y[:, 0].astype(bool)).mean() > 0.98


def test_halves_deal_corrected_articles_to_both_sides() -> None:
    _enc, _fast, _y, article, corrected = _world()
    for seed in range(5):
        a = halves(article, corrected, seed)
        assert 5 <= len(np.unique(article[a & corrected])) <= 7
        assert 23 <= len(np.unique(article[a & ~corrected])) <= 25
    two = np.array([0, 0, 1, 1])
    a = halves(two, np.array([False, False, True, True]), 0)
    assert a.any() and not a.all()  # two articles: one each side


def test_comparison_new_fast_tier_wins_and_counts_one_copy() -> None:
    enc, fast, y, article, corrected = _world(seed=1)
    rng = np.random.RandomState(3)
    old_fast = fast.copy()
    old_fast[:, 0] = rng.rand(len(y)) * 0.2  # the old fast tier never learned label 0
    d = FitRows([""] * len(y), y, article, corrected, np.arange(len(y)))
    cmp = held_out(enc, old_fast, fast, d, np.full(N_LABELS, 0.5, dtype=np.float32), repeats=3)
    row = cmp.labels[0]
    assert row.support == int(y[:, 0].sum()) and cmp.rows == len(y)
    assert row.new_f1 > 0.9 and (row.old_f1 or 0.0) < 0.5
    assert cmp.new_micro > cmp.old_micro
    assert cmp.subsets["corrected"]["rows"] == int(corrected.sum())


def test_activated_only_by_the_rule_and_with_its_fast_tier() -> None:
    enc, fast, y, article, corrected = _world(seed=2)
    d = FitRows([""] * len(y), y, article, corrected, np.arange(len(y)))
    prior = np.full(N_LABELS, 0.5, dtype=np.float32)
    better = held_out(enc, fast * 0.0 + 0.1, fast, d, prior, repeats=2)
    worse = held_out(enc, fast, fast * 0.0 + 0.1, d, prior, repeats=2)
    assert better.new_micro > better.old_micro and worse.new_micro < worse.old_micro
    assert decision_for(better, "activated", False) == ("activated", "")
    assert decision_for(worse, "activated", False) == ("kept-old", "")
    assert decision_for(worse, "forced", True) == ("forced", "")
    decision, reason = decision_for(better, "kept-old", False)
    assert decision == "kept-old" and "fast-tier version" in reason


def test_vectorised_platt_solves_the_same_problem_as_the_training_one() -> None:
    from propscope.models.nn import logit
    from propscope.training.feedback_accurate import _losses, fit_platt_all
    from propscope.training.learners import fit_platt

    enc, fast, y, _article, _corrected = _world(seed=4)
    p = 0.5 * enc + 0.5 * fast
    a, b, loss = fit_platt_all(p, y)
    a_ref, b_ref = fit_platt(p, y)
    # Overlapping classes (labels 3...): the same optimum. Nearly separable ones (0, 1):
    # sklearn's L-BFGS stops on its tolerance, Newton goes on; its objective is no worse.
    assert np.allclose(a[3:], a_ref[3:], atol=0.05) and np.allclose(b[3:], b_ref[3:], atol=0.05)
    z = logit(p).astype(np.float64)
    assert (_losses(z, y, a, b, 100.0) <= _losses(z, y, a_ref, b_ref, 100.0) + 1e-6).all()
    assert (a[2], b[2], loss.shape) == (1.0, 0.0, (N_LABELS,))  # one class: identity map
