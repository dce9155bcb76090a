"""attribute_spans: a technique inside a quote is the speaker's, elsewhere the outlet's."""

from __future__ import annotations

from propscope.analyzers.voices.attribution import (
    UNKNOWN_SPEAKER,
    attribute_spans,
    quote_voice,
    voice_name,
)
from propscope.schema.analysis import Span
from propscope.schema.voices import OUTLET, Entity, Quote
from tests.voices_data import voices_article


def _span(start: int, end: int) -> Span:
    return Span("Loaded_Language", start, end, 0, 0.5)


def test_inside_a_quote_is_the_speaker_outside_the_outlet() -> None:
    article, _ = voices_article(1)
    a = article.analysis
    assert a is not None and a.voices is not None
    assert attribute_spans(a.spans, a.voices.quotes) == ["per:jane-holt", OUTLET]


def test_mostly_inside_counts_and_half_does_not() -> None:
    quotes = [Quote(10, 20, 0, "direct", entity="per:a")]
    got = attribute_spans([_span(12, 22), _span(5, 15), _span(15, 25), _span(0, 9)], quotes)
    # 8 of 10 inside; 5 of 10 (exactly half: not "mostly"); 5 of 10; none.
    assert got == ["per:a", OUTLET, OUTLET, OUTLET]


def test_unresolved_speaker_is_kept_as_written_and_empty_as_unknown() -> None:
    quotes = [Quote(0, 10, 0, "indirect", speaker="  the  ministry "),
              Quote(20, 30, 0, "direct")]
    assert attribute_spans([_span(1, 9), _span(21, 29)], quotes) == [
        "speaker:the ministry", UNKNOWN_SPEAKER]


def test_nested_quotes_pick_the_one_holding_most_of_the_span() -> None:
    outer = Quote(0, 100, 0, "mixed", entity="per:outer")
    inner = Quote(40, 60, 0, "direct", entity="per:inner")
    got = attribute_spans([_span(42, 58), _span(5, 30)], [inner, outer])
    assert got == ["per:inner", "per:outer"]  # both cover 42..58: the innermost speaks
    assert attribute_spans([_span(30, 70)], [outer, inner]) == ["per:outer"]


def test_bad_offsets_never_raise() -> None:
    quotes = [Quote(5, 5, 0, "direct", entity="per:x"), Quote(9, 3, 0, "direct", entity="per:y")]
    spans = [_span(4, 6), Span("Doubt", 7, 2, 0, 0.1)]
    assert attribute_spans(spans, quotes) == [OUTLET, OUTLET]
    assert attribute_spans([], quotes) == [] and attribute_spans(spans, []) == [OUTLET, OUTLET]


def test_voice_names() -> None:
    ents = [Entity("per:jane-holt", "Jane Holt", "person")]
    assert voice_name("per:jane-holt", ents) == "Jane Holt"
    assert voice_name(OUTLET, ents) == "outlet"
    assert voice_name("speaker:the ministry") == "the ministry"
    assert voice_name("per:unknown-key", ents) == "per:unknown-key"
    assert quote_voice(Quote(0, 1, 0, "direct", speaker="he", entity="per:a")) == "per:a"
