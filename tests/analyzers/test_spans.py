"""Sentence boundaries used for argument-level technique spans."""

from __future__ import annotations

from propscope.analyzers.spans import _sentences


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in _sentences(text)]


def test_titles_and_initials_do_not_end_sentences() -> None:
    text = "Gen. Smith met Dr. Jones in the U.S. capital. They disagreed! Why would they?"
    assert _split(text) == ["Gen. Smith met Dr. Jones in the U.S. capital.", "They disagreed!", "Why would they?"]


def test_quotes_after_the_stop_stay_with_the_sentence() -> None:
    text = '"This is absurd." The minister left.'
    assert _split(text) == ['"This is absurd."', "The minister left."]


def test_single_sentence_and_empty() -> None:
    assert _split("No stop at all") == ["No stop at all"]
    assert _split("   ") == []
