"""Span scores: partial credit by character overlap, per technique, merged duplicates."""

from __future__ import annotations

import pytest

from propscope.semeval.spans import merge, span_scores


def test_merge_joins_overlapping_and_touching_spans_and_drops_empty() -> None:
    assert merge([(5, 9), (0, 3), (3, 4), (8, 12), (20, 20)]) == [(0, 4), (5, 12)]


def test_exact_match_scores_one() -> None:
    rows = [("a1", "Doubt", 10, 20), ("a2", "Slogans", 0, 5)]
    s = span_scores(rows, rows)
    assert s["ALL"].f1 == 1.0 and s["Doubt"].precision == 1.0 and s["Slogans"].recall == 1.0


def test_partial_overlap_gets_partial_credit() -> None:
    # predicted 0-10, gold 5-25: overlap 5 -> precision 5/10, recall 5/20
    s = span_scores([("a", "Doubt", 0, 10)], [("a", "Doubt", 5, 25)])["Doubt"]
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.25)
    assert s.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75, abs=1e-4)


def test_no_credit_across_techniques_or_articles() -> None:
    s = span_scores([("a", "Doubt", 0, 10), ("b", "Slogans", 0, 10)],
                    [("a", "Slogans", 0, 10), ("a", "Doubt", 50, 60)])
    assert s["Doubt"].precision == 0.0 and s["Doubt"].recall == 0.0
    assert s["Slogans"].n_pred == 1 and s["Slogans"].n_gold == 1 and s["Slogans"].f1 == 0.0
    assert s["ALL"].f1 == 0.0


def test_duplicate_predictions_cannot_earn_credit_twice() -> None:
    gold = [("a", "Doubt", 0, 10)]
    s = span_scores([("a", "Doubt", 0, 10), ("a", "Doubt", 0, 10), ("a", "Doubt", 2, 8)], gold)["Doubt"]
    assert s.n_pred == 1 and s.precision == 1.0 and s.recall == 1.0


def test_one_prediction_covering_two_gold_spans() -> None:
    s = span_scores([("a", "Doubt", 0, 40)], [("a", "Doubt", 0, 10), ("a", "Doubt", 30, 40)])["Doubt"]
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(1.0)


def test_empty_sides_follow_zero_division_one() -> None:
    only_gold = span_scores([], [("a", "Doubt", 0, 5)])["Doubt"]
    assert only_gold.precision == 1.0 and only_gold.recall == 0.0 and only_gold.f1 == 0.0
    assert span_scores([], [])["ALL"].f1 == 1.0
