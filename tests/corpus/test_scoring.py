"""Scores against hand-computed values and scikit-learn's ARI."""

from __future__ import annotations

import random

import pytest
from sklearn.metrics import adjusted_rand_score

from propscope.corpus.scoring import (
    adjusted_rand,
    bcubed,
    pair_f1,
    score_narratives,
    score_reuse,
)
from propscope.schema.corpus import ReuseLink


def _link(a: str, b: str, kind: str) -> ReuseLink:
    return ReuseLink(earlier=a, later=b, kind=kind, score=1.0, coverage_earlier=1.0, coverage_later=1.0)


def test_reuse_precision_recall_per_kind_unordered() -> None:
    truth = {("a", "b"): "duplicate", ("c", "d"): "partial", ("e", "f"): "translated"}
    links = [
        _link("b", "a", "duplicate"),  # reversed order still matches
        _link("c", "d", "duplicate"),  # right pair, wrong kind
        _link("x", "y", "partial"),  # no such pair
        _link("g", "h", "partial"),  # ambiguous pair: left out of precision
    ]
    s = score_reuse(links, truth, ignore=[("h", "g")], boilerplate_pairs=[("x", "y"), ("p", "q")])
    assert s.by_kind["duplicate"].tp == 1 and s.by_kind["duplicate"].predicted == 2
    assert s.by_kind["duplicate"].precision == 0.5
    assert s.by_kind["partial"].recall == 0.0 and s.by_kind["partial"].predicted == 1
    assert s.any_kind["partial"].recall == 1.0  # found, under another kind
    assert s.by_kind["translated"].recall == 0.0
    assert (s.overall.tp, s.overall.predicted, s.overall.expected) == (2, 3, 3)
    assert s.boilerplate_links == 1 and s.boilerplate_pairs == 2
    assert s.as_dict()["overall"]["precision"] == pytest.approx(2 / 3, abs=1e-4)


def test_bcubed_and_pair_f1_by_hand() -> None:
    true = {"1": "A", "2": "A", "3": "A", "4": "B", "5": "B"}
    pred = {"1": "x", "2": "x", "3": "y", "4": "y", "5": "y"}
    b = bcubed(pred, true)
    # precision: items 1,2 -> 1; items 3,4,5 in y (1 A, 2 B): 1/3, 2/3, 2/3
    assert b["precision"] == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    # recall: 1,2 -> 2/3; 3 -> 1/3; 4,5 -> 1
    assert b["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    p = pair_f1(pred, true)
    # predicted pairs: (1,2), (3,4), (3,5), (4,5) -> true among them: (1,2), (4,5)
    assert p["precision"] == pytest.approx(2 / 4)
    assert p["recall"] == pytest.approx(2 / 4)  # true pairs: (1,2),(1,3),(2,3),(4,5)
    assert bcubed(true, true)["f1"] == 1.0 and pair_f1(true, true)["f1"] == 1.0


@pytest.mark.parametrize("seed", range(6))
def test_ari_matches_sklearn(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 300)
    true = {str(i): f"t{rng.randrange(rng.randint(1, 12))}" for i in range(n)}
    pred = {str(i): f"p{rng.randrange(rng.randint(1, 12))}" for i in range(n)}
    ids = sorted(true)
    expected = adjusted_rand_score([true[i] for i in ids], [pred[i] for i in ids])
    assert adjusted_rand(pred, true) == pytest.approx(expected, abs=1e-12)


def test_ari_edge_cases_match_sklearn() -> None:
    one = {str(i): "a" for i in range(5)}
    singletons = {str(i): str(i) for i in range(5)}
    for p, t in ((one, one), (singletons, singletons), (one, singletons)):
        ids = sorted(t)
        assert adjusted_rand(p, t) == pytest.approx(
            adjusted_rand_score([t[i] for i in ids], [p[i] for i in ids]))


def test_clusterings_must_cover_the_same_items() -> None:
    with pytest.raises(ValueError):
        bcubed({"1": "a"}, {"1": "a", "2": "b"})
    s = score_narratives({"1": "a", "2": "a"}, {"1": "a", "2": "a", "3": "b"})
    assert s["items"] == 2 and s["bcubed_f1"] == 1.0
