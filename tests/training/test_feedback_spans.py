"""The span comparison behind `train --with-feedback --only spans`, the `trainable` rule of
spans.cross_fit (an article a recipe never had changes nothing it learned), the paired
(common random numbers) fit of the two recipes, and the model tag of a retrained tagger."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from propscope.analyzers.persuasion import techniques_tag
from propscope.semeval.labels import TECHNIQUES
from propscope.semeval.spans import span_scores
from propscope.store.review_queue import accurate_dir, model_dir
from propscope.training import spans
from propscope.training.data import load_language
from propscope.training.feedback_eval import decide
from propscope.training.feedback_spans import compare_spans
from tests.training.feedback_world import (
    have_semeval,
    models_fixture,  # noqa: F401 - the `models` fixture
)


def test_compare_spans_per_technique_totals_and_subsets() -> None:
    truth = [("a", "Doubt", 0, 10), ("a", "Slogans", 20, 30), ("b", "Doubt", 0, 10)]
    old = [("a", "Doubt", 0, 10), ("b", "Doubt", 50, 60), ("a", "Repetition", 5, 8)]
    new = [("a", "Doubt", 0, 10), ("b", "Doubt", 0, 5), ("a", "Slogans", 20, 30)]
    cmp = compare_spans(truth, old, new, corrected={"b"}, lines={"a": 4, "b": 3})
    rows = {r.label: r for r in cmp.labels}
    assert (rows["Doubt"].support, rows["Slogans"].support, rows["Repetition"].support) == (2, 1, 0)
    assert rows["Doubt"].old_f1 == 0.5 and rows["Doubt"].new_f1 == pytest.approx(0.8571, abs=1e-4)
    assert rows["Slogans"].old_f1 == 0.0 and rows["Slogans"].new_f1 == 1.0
    assert rows["Repetition"].old_f1 == 0.0 and rows["Repetition"].new_f1 is None  # no truth, no prediction
    assert rows["Whataboutism"].old_f1 is None and rows["Whataboutism"].delta is None
    assert cmp.new_micro > cmp.old_micro and cmp.rows == 7
    assert cmp.new_macro == pytest.approx((0.8571 + 1.0) / 2, abs=1e-4)  # techniques with support only
    assert cmp.subsets["corrected"] == {"rows": 3, "old_micro_f1": 0.0, "new_micro_f1": 0.6667}
    assert cmp.subsets["original"]["rows"] == 4 and cmp.subsets["original"]["new_micro_f1"] == 1.0
    assert decide(cmp, force=False) == "activated"
    assert decide(compare_spans(truth, new, old, {"b"}, {"a": 4, "b": 3}), force=False) == "kept-old"


@pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")
def test_articles_a_recipe_never_had_change_nothing_it_learned() -> None:
    arts = load_language("en")[:10]
    fold = np.arange(len(arts)) % 2
    learn = np.array([True] * 7 + [False] * 3)
    whole, _ = spans.cross_fit(spans.Tagged.of(arts), fold, 2, lambda _m: None, trainable=learn)
    alone, _ = spans.cross_fit(spans.Tagged.of(arts[:7]), fold[:7], 2, lambda _m: None)
    kept = {a.key for a in arts[:7]}
    assert [r for r in whole.located if r[0] in kept] == alone.located
    assert whole.rules == alone.rules and whole.fw == alone.fw
    # and they are predicted: spans located in them too, with the same models
    assert any(r[0] not in kept for r in whole.located)


def test_a_retrained_tagger_in_the_tag_leaves_the_review_queue_thresholds(models: Path) -> None:
    """The techniques tag names a retrained span tagger (so stored articles are analysed
    again); the review queue still finds the techniques bundle and accurate head behind it."""
    spans_version = {"name": "spans", "version": "1.0.0+fb-20261203T000000Z", "feedback": {"decision": "activated"}}
    (models / "techniques" / "fb-20261203T000001Z").mkdir(parents=True)
    for version in ("1.0.0", "1.0.0+fb-20261203T000001Z", "1.0.0+accurate.en-1.0.0+fb-20261203T000002Z"):
        tech = {"name": "techniques", "version": version}
        plain = techniques_tag(tech, None)
        assert techniques_tag(tech, {"name": "spans", "version": "1.0.0"}) == plain  # shipped tagger: unchanged
        tag = techniques_tag(tech, spans_version)
        assert tag == f"{plain}+spans.1.0.0+fb-20261203T000000Z"
        assert model_dir(tag) == model_dir(plain) and accurate_dir(tag, "en") == accurate_dir(plain, "en")
    assert model_dir("techniques@1.0.0+fb-20261203T000001Z+spans.x") == models / "techniques" / "fb-20261203T000001Z"


def _original_micro(oof: spans.OutOfFold, arts: list, n: int) -> float:
    keys = {a.key for a in arts[:n]}
    return span_scores([r for r in oof.located if r[0] in keys], spans.gold_rows(arts[:n]))["ALL"].f1


@pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")
def test_paired_recipes_share_their_noise() -> None:
    """Appended articles that teach only a technique the original articles never carry
    cannot change where those carry theirs (one column each, Adam per weight): with common
    random numbers OLD and NEW score the original articles (almost) alike, while two
    separately shuffled fits differ by the schedule alone. And with nothing to tell them
    apart the two recipes are one fit, equal to cross_fit's."""
    arts = load_language("en")[:16]
    n = 12
    absent = next(t for t in TECHNIQUES if all(s[0] != t for a in arts[:n] for s in a.spans))
    pool = arts[:n] + [replace(a, spans=[(absent, s, e) for _t, s, e in a.spans]) for a in arts[n:]]
    learn = np.arange(len(pool)) < n
    fold = np.arange(len(pool)) % 2
    quiet = lambda _m: None
    old, new, _ = spans.paired_cross_fit(pool, pool, learn, fold, 2, quiet)
    paired = abs(_original_micro(new, pool, n) - _original_micro(old, pool, n))
    data = spans.Tagged.of(pool)
    old_u, _ = spans.cross_fit(data, fold, 2, quiet, trainable=learn)
    new_u, _ = spans.cross_fit(data, fold, 2, quiet)
    unpaired = abs(_original_micro(new_u, pool, n) - _original_micro(old_u, pool, n))
    assert paired <= 0.002 and unpaired > 5 * max(paired, 0.001), (paired, unpaired)
    old, new, _ = spans.paired_cross_fit(arts[:n], arts[:n], np.ones(n, bool), fold[:n], 2, quiet)
    alone, _ = spans.cross_fit(spans.Tagged.of(arts[:n]), fold[:n], 2, quiet)
    assert old.located == new.located == alone.located and old.rules == alone.rules
    assert np.array_equal(new.p, alone.p)


@pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")
def test_paired_old_recipe_learns_its_own_version_of_a_corrected_article() -> None:
    """A SemEval article whose spans the analysts changed is in both recipes with different
    labels: OLD learns its version (extra rows in the shared batches), never NEW's."""
    arts = load_language("en")[:12]
    absent = next(t for t in TECHNIQUES if all(s[0] != t for a in arts for s in a.spans))
    pool = [replace(arts[0], spans=[(absent, s, e) for _t, s, e in arts[0].spans]), *arts[1:]]
    said: list[str] = []
    old, new, _ = spans.paired_cross_fit(pool, arts, np.ones(12, bool), np.arange(12) % 2, 2, said.append)
    j = TECHNIQUES.index(absent)
    assert "(1 OLD-only articles)" in said[0]
    assert np.all(old.p[:, j] == 0.5) and not np.all(new.p[:, j] == 0.5)  # OLD never saw `absent`
