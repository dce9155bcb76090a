"""Old vs new on held-out rows: per-label F1 without zero_division tricks, totals, decision."""

from __future__ import annotations

import numpy as np

from propscope.training.feedback_eval import compare, decide, table


def _cmp(old_rows: list[list[int]], new_rows: list[list[int]]):
    y = np.array([[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 0]])
    corrected = np.array([False, False, True, True])
    return compare(["a", "b", "c"], y, np.array(old_rows), np.array(new_rows), corrected)


def test_per_label_scores_support_and_totals() -> None:
    cmp = _cmp([[1, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]], [[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    a, b, c = cmp.labels
    assert (a.old_f1, a.new_f1, a.support, a.delta) == (0.6667, 1.0, 2, 0.3333)
    assert (b.old_f1, b.new_f1) == (0.0, 1.0)  # old missed b's one row
    assert (c.old_f1, c.new_f1, c.support) == (None, 0.0, 0)  # no truth, no prediction: no score
    assert cmp.old_micro == 0.5 and cmp.new_micro == round(6 / 7, 4)
    assert (cmp.old_macro, cmp.new_macro) == (0.3333, 1.0)  # labels with support only
    assert cmp.subsets["corrected"] == {"rows": 2, "old_micro_f1": 0.0, "new_micro_f1": 0.6667}
    lines = table(cmp)
    assert lines[0].split() == ["label", "old", "F1", "new", "F1", "delta", "support"]
    assert lines[3].split() == ["c", "-", "0.000", "-", "0"]
    assert lines[4].split()[:4] == ["MICRO", "0.500", "0.857", "+0.357"]


def test_decision_rule() -> None:
    better = _cmp([[0, 0, 0]] * 4, [[1, 0, 0], [1, 0, 0], [0, 0, 0], [0, 0, 0]])
    worse = _cmp([[1, 0, 0], [1, 0, 0], [0, 0, 0], [0, 0, 0]], [[0, 0, 0]] * 4)
    same = _cmp([[1, 0, 0]] * 4, [[1, 0, 0]] * 4)
    assert decide(better, force=False) == "activated" and decide(same, force=False) == "activated"
    assert decide(worse, force=False) == "kept-old" and decide(worse, force=True) == "forced"
    assert worse.to_json()["regressions"] == []  # support 2 < MIN_SUPPORT: not named
