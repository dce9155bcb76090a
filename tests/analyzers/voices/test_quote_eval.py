"""quote_eval: the matching rule and the metrics, and the annotated fixtures themselves."""

from __future__ import annotations

from collections import Counter

import pytest

from propscope.analyzers.voices.quote_eval import (
    GoldQuote,
    Scores,
    evaluate,
    load_fixtures,
    match,
    same_speaker,
    score_article,
)
from propscope.schema.voices import QUOTE_KINDS, Entity, Quote

RECORDS = load_fixtures()


def test_fixture_offsets_slice_the_stored_quote() -> None:
    for rec in RECORDS:
        for q in rec["quotes"]:
            assert rec["text"][q["start"] : q["end"]] == q["quote"], (rec["id"], q)
            assert q["kind"] in QUOTE_KINDS and q["speaker"].strip()


def test_fixture_set_is_big_enough_and_bilingual() -> None:
    per_lang = Counter()
    for rec in RECORDS:
        per_lang[rec["language"]] += len(rec["quotes"])
    assert sum(per_lang.values()) >= 60
    assert per_lang["en"] >= 40 and per_lang["ru"] >= 25
    assert {"fr", "de", "it", "pl"} <= set(per_lang)
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)


def test_match_needs_half_of_the_shorter_span_and_is_one_to_one() -> None:
    pred = [Quote(0, 10, 0, "direct"), Quote(0, 4, 0, "direct"), Quote(50, 60, 0, "direct")]
    gold = [GoldQuote(2, 12, "X"), GoldQuote(56, 80, "Y")]
    pairs = match(pred, gold)
    assert pairs == [(0, 0)]  # 8 chars overlap wins; pred 1 has no gold left; 4/10 < half


def test_same_speaker_compares_folded_surnames() -> None:
    assert same_speaker("Maj. Gen. Igor Konashenkov", "Igor Konashenkov")
    assert same_speaker("Захарова", "Maria Zakharova")
    assert not same_speaker("Mark Toner", "John Kirby")
    assert not same_speaker("", "Kirby")


def test_scores_use_the_entity_name_before_the_speaker_text() -> None:
    text = "x" * 100
    ents = [Entity("per:kirby", "John Kirby", "person")]
    pred = [Quote(0, 20, 0, "direct", speaker="he", entity="per:kirby"),
            Quote(30, 40, 0, "direct", speaker="she"),
            Quote(70, 90, 0, "direct", speaker="Toner")]
    gold = [GoldQuote(0, 18, "Kirby"), GoldQuote(30, 40, "Anna Keller"), GoldQuote(50, 60, "Toner")]
    s = Scores()
    score_article(s, text, pred, gold, ents)
    assert (s.n_pred, s.n_gold, s.matched, s.right_speaker) == (3, 3, 2, 1)
    assert s.speaker_precision == pytest.approx(1 / 3) and s.speaker_recall == pytest.approx(1 / 3)
    assert s.span_f1 == pytest.approx(2 * (28 / 30) * 1.0 / (28 / 30 + 1.0))
    assert s.span_f1_all < s.span_f1
    assert any("spurious" in e for e in s.errors) and any("missed" in e for e in s.errors)


def test_evaluate_with_hand_made_entities_counts_every_record() -> None:
    s = evaluate(RECORDS[:2], entities_of=lambda art: [])
    assert s.n_gold == sum(len(r["quotes"]) for r in RECORDS[:2])
    assert s.n_pred > 0
