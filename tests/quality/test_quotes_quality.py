"""Issue 6 quotes quality gate on the hand-annotated set (tests/fixtures/quotes), end to end.

Entities come from `find_entities`, quotes from `find_quotes`; scoring rules are in
`propscope.analyzers.voices.quote_eval`. Floors are the issue's targets (speaker P >= .90,
R >= .80, span F1 >= .85) raised toward what was measured; never lowered to pass a change.
Measured (scripts/eval_quotes.py): P 1.00, R 0.99, span F1 1.00 on 117 quotes; on the
25-quote held-out file, written before the rules saw it: P 1.00, R 0.88, F1 1.00.

The first blind set (tests/fixtures/quotes_blind, 156 quotes annotated without reading the
extractor) was first measured at P 0.86, R 0.78; the general failure classes it exposed
were then fixed (so it is a development set now, not a blind one) and it is gated at the
issue's targets, per language: P >= .90, R >= .80, span F1 >= .85 (measured P .94, R .95).
"""

from __future__ import annotations

import pytest

from propscope.analyzers.voices.quote_eval import FIXTURES, evaluate, load_fixtures

pytestmark = pytest.mark.quality

FLOORS = {"speaker_precision": 0.95, "speaker_recall": 0.93, "span_f1": 0.95}
PER_LANGUAGE = {"en": 0.90, "ru": 0.90}  # speaker precision and recall floor per language


def test_quotes_meet_the_pinned_floors() -> None:
    scores = evaluate(load_fixtures())
    got = scores.summary()
    assert scores.n_gold >= 60
    for metric, floor in FLOORS.items():
        assert got[metric] >= floor, (metric, got, scores.errors)


@pytest.mark.parametrize("lang", sorted(PER_LANGUAGE))
def test_english_and_russian_each_meet_the_targets(lang: str) -> None:
    scores = evaluate(load_fixtures(), language=lang)
    assert scores.speaker_precision >= PER_LANGUAGE[lang], scores.errors
    assert scores.speaker_recall >= PER_LANGUAGE[lang], scores.errors
    assert scores.span_f1 >= 0.85


BLIND = FIXTURES.parent / "quotes_blind"
ISSUE_TARGETS = {"speaker_precision": 0.90, "speaker_recall": 0.80, "span_f1": 0.85}


@pytest.mark.parametrize("lang", ["en", "ru", None])
def test_the_formerly_blind_set_meets_the_issue_targets(lang: str | None) -> None:
    scores = evaluate(load_fixtures(BLIND), language=lang)
    got = scores.summary()
    assert scores.n_gold >= (40 if lang else 150)
    for metric, floor in ISSUE_TARGETS.items():
        assert got[metric] >= floor, (metric, got, scores.errors)


#: The final held-out set (tests/fixtures/quotes_blind2, 177 quote spans, written by a second
#: annotator who never read the extractor or the other fixtures). Measured before the tuning
#: on the first blind set: P .891, R .785 (en .907/.831, ru .854/.695); after it, unseen by
#: everyone who tuned: en P .904, R .873; ru P .981, R .881; all P .928, R .876, span F1 .993.
#: Gated at the issue's targets; a rule that loses held-out quality fails here.
HELD_OUT = FIXTURES.parent / "quotes_blind2"


@pytest.mark.parametrize("lang", ["en", "ru", None])
def test_the_held_out_set_meets_the_issue_targets(lang: str | None) -> None:
    scores = evaluate(load_fixtures(HELD_OUT), language=lang)
    got = scores.summary()
    assert scores.n_gold >= (59 if lang else 177)
    for metric, floor in ISSUE_TARGETS.items():
        assert got[metric] >= floor, (metric, got, scores.errors)
