"""Second blind quote set (final measurement after tuning on the first blind set).

The set is only worth anything if its annotations are internally consistent, so these
tests pin the format the evaluator relies on: offsets index ``text``, spans are the
quoted content without marks, kinds are from the closed set and the set stays large
enough to measure per-language recall.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "quotes_blind2"
KINDS = {"direct", "indirect", "mixed"}
MIN_QUOTES = {"en": 60, "ru": 40}
MIN_ARTICLES = {"en": 12, "ru": 8}
QUOTE_MARKS = '"“”«»'


def _records(language: str) -> list[dict]:
    path = FIXTURE_DIR / f"{language}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("language", sorted(MIN_QUOTES))
def test_records_have_the_expected_shape(language: str) -> None:
    records = _records(language)
    assert len(records) >= MIN_ARTICLES[language]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    for rec in records:
        assert set(rec) == {"id", "language", "title", "text", "quotes"}
        assert rec["language"] == language
        assert rec["title"].strip() and rec["text"].strip()
        for quote in rec["quotes"]:
            assert set(quote) == {"start", "end", "quote", "speaker", "kind"}


@pytest.mark.parametrize("language", sorted(MIN_QUOTES))
def test_offsets_match_quote_text(language: str) -> None:
    for rec in _records(language):
        text = rec["text"]
        for quote in rec["quotes"]:
            start, end = quote["start"], quote["end"]
            assert 0 <= start < end <= len(text), (rec["id"], quote)
            assert text[start:end] == quote["quote"], (rec["id"], quote)
            assert quote["quote"] == quote["quote"].strip(), (rec["id"], quote)


@pytest.mark.parametrize("language", sorted(MIN_QUOTES))
def test_spans_are_ordered_and_disjoint(language: str) -> None:
    for rec in _records(language):
        spans = [(q["start"], q["end"]) for q in rec["quotes"]]
        assert spans == sorted(spans), rec["id"]
        for (_, prev_end), (next_start, _) in itertools.pairwise(spans):
            assert prev_end <= next_start, rec["id"]


@pytest.mark.parametrize("language", sorted(MIN_QUOTES))
def test_kinds_speakers_and_counts(language: str) -> None:
    kinds: Counter[str] = Counter()
    for rec in _records(language):
        for quote in rec["quotes"]:
            assert quote["kind"] in KINDS, (rec["id"], quote)
            assert quote["speaker"].strip(), (rec["id"], quote)
            kinds[quote["kind"]] += 1
    assert sum(kinds.values()) >= MIN_QUOTES[language]
    # Every kind must be represented, otherwise per-kind numbers are meaningless.
    assert set(kinds) == KINDS


@pytest.mark.parametrize("language", sorted(MIN_QUOTES))
def test_direct_spans_sit_between_quotation_marks(language: str) -> None:
    """A direct span is delimited by a mark (or a Russian dash where the cue interrupts it)."""
    for rec in _records(language):
        text = rec["text"]
        for quote in (q for q in rec["quotes"] if q["kind"] == "direct"):
            before = text[: quote["start"]].rstrip()
            after = text[quote["end"] :].lstrip()
            # The span is the content only: the marks themselves stay outside it.
            assert quote["quote"][0] not in QUOTE_MARKS, (rec["id"], quote)
            assert before[-1:] in QUOTE_MARKS + "—", (rec["id"], quote)
            assert after[:1] in QUOTE_MARKS + ",\n" or after.startswith(("—", ", —")), (
                rec["id"],
                quote,
            )


def test_mixed_spans_contain_a_quoted_fragment() -> None:
    for language in MIN_QUOTES:
        for rec in _records(language):
            for quote in (q for q in rec["quotes"] if q["kind"] == "mixed"):
                assert any(mark in quote["quote"] for mark in QUOTE_MARKS), (
                    rec["id"],
                    quote,
                )
