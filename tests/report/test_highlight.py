"""highlight(): segments over overlapping spans, hostile offsets, labels, removed blocks in place."""

from __future__ import annotations

import itertools

from propscope.report.highlight import Removed, Segment, highlight
from propscope.schema import Article, RemovedBlock, paragraphs_from_blocks
from propscope.schema.analysis import TITLE, Analysis, Span, UnitTechniques

ONE = "Shameless traitors ruined our beloved town forever."
TWO = "The council met on Monday."


def article(spans: list[Span], units: list[UnitTechniques] | None = None, blocks=(ONE, TWO)) -> Article:
    text, paras = paragraphs_from_blocks(list(blocks))
    return Article(text=text, paragraphs=paras, analysis=Analysis(techniques=units or [], spans=spans))


def cuts(segments: tuple[Segment, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.text, s.techniques) for s in segments]


def test_no_analysis_gives_one_plain_segment_per_paragraph() -> None:
    text, paras = paragraphs_from_blocks([ONE, TWO])
    h = highlight(Article(text=text, paragraphs=paras))
    assert [cuts(p.segments) for p in h.paragraphs] == [[(ONE, ())], [(TWO, ())]]
    assert h.techniques == () and h.title_labels == () and h.removed == ()
    second = h.paragraphs[1].segments[0]
    assert text[second.start:second.end] == TWO


def test_overlapping_spans_are_cut_at_every_boundary() -> None:
    # "Shameless traitors" = 0..18, "traitors ruined" = 10..25
    h = highlight(article([Span("Name_Calling-Labeling", 0, 18, 0, 0.7), Span("Loaded_Language", 10, 25, 0, 0.9)]))
    assert cuts(h.paragraphs[0].segments) == [
        ("Shameless ", ("Name_Calling-Labeling",)),
        ("traitors", ("Loaded_Language", "Name_Calling-Labeling")),
        (" ruined", ("Loaded_Language",)),
        (ONE[25:], ()),
    ]
    both = h.paragraphs[0].segments[1]
    assert both.scores == (0.9, 0.7)  # one per technique, same (sorted) order
    assert h.techniques == ("Loaded_Language", "Name_Calling-Labeling")


def test_nested_adjacent_and_duplicate_spans() -> None:
    spans = [Span("Loaded_Language", 0, 25, 0, 0.5),  # outer
             Span("Doubt", 10, 18, 0, 0.4),  # nested inside
             Span("Doubt", 10, 18, 0, 0.8),  # duplicate: the higher score wins
             Span("Slogans", 25, 32, 0, 0.6)]  # adjacent to the outer one
    segs = highlight(article(spans)).paragraphs[0].segments
    assert cuts(segs)[:4] == [("Shameless ", ("Loaded_Language",)), ("traitors", ("Doubt", "Loaded_Language")),
                              (" ruined", ("Loaded_Language",)), (" our be", ("Slogans",))]
    assert segs[1].scores == (0.8, 0.5)
    assert "".join(s.text for s in segs) == ONE  # segments tile the paragraph exactly
    assert all(a.end == b.start for a, b in itertools.pairwise(segs))


def test_hostile_spans_are_ignored_or_clipped_never_raise() -> None:
    text_len = len(ONE) + 2 + len(TWO)
    spans = [Span("Doubt", 5, 5, 0, 0.9),  # empty
             Span("Doubt", 9, 3, 0, 0.9),  # inverted
             Span("Doubt", -40, -10, 0, 0.9),  # before the text
             Span("Doubt", text_len + 5, text_len + 50, 1, 0.9),  # after the text
             Span("Slogans", 40, 200, 0, float("nan")),  # runs past its paragraph: clipped, score 0
             Span("Repetition", len(ONE) + 2, len(ONE) + 5, 99, 0.3),  # bad paragraph index: found by offset
             Span("Doubt", "3", "9", 0, 0.9)]  # type: ignore[arg-type]  # not integers
    h = highlight(article(spans))
    first, second = h.paragraphs
    assert cuts(first.segments) == [(ONE[:40], ()), (ONE[40:], ("Slogans",))]
    assert first.segments[1].scores == (0.0,)
    assert cuts(second.segments)[0] == ("The", ("Repetition",))
    assert "Doubt" not in h.techniques


def test_broken_paragraph_offsets_do_not_raise() -> None:
    art = article([Span("Doubt", 0, 5, 0, 0.5)])
    art.paragraphs[1].start, art.paragraphs[1].end = 500, 400  # out of range and inverted
    h = highlight(art)
    assert h.paragraphs[1].segments == ()
    assert cuts(h.paragraphs[0].segments)[0] == ("Shame", ("Doubt",))


def test_paragraph_and_title_labels_with_scores() -> None:
    units = [UnitTechniques(TITLE, ["Slogans"], {"Slogans": 0.77}),
             UnitTechniques(1, ["Repetition", "Doubt"], {"Repetition": 0.6, "Doubt": 0.52}),
             UnitTechniques(0, [], {"Doubt": 0.1})]
    h = highlight(article([], units))
    assert h.title_labels == ("Slogans",) and h.title_scores == (0.77,)
    assert h.paragraphs[0].labels == ()
    assert h.paragraphs[1].labels == ("Doubt", "Repetition")
    assert h.paragraphs[1].label_scores == (0.52, 0.6)
    assert h.techniques == ("Doubt", "Repetition", "Slogans")  # labels count even without spans


def test_removed_blocks_are_placed_where_they_were_in_the_source() -> None:
    text, paras = paragraphs_from_blocks([ONE, TWO])
    src = f"Home > News\n{ONE}\nPhoto: Town hall\n{TWO}\nShare this"
    blocks = [RemovedBlock(src.index("Share"), len(src), "subscribe-share", "Share this"),
              RemovedBlock(0, 11, "navigation", "Home > News"),
              RemovedBlock(src.index("Photo"), src.index("Photo") + 16, "caption", "Photo: Town hall")]
    h = highlight(Article(text=text, paragraphs=paras, source_text=src, removed=blocks))
    assert h.removed == (Removed(0, "navigation", "Home > News"), Removed(1, "caption", "Photo: Town hall"),
                         Removed(2, "subscribe-share", "Share this"))


def test_removed_blocks_fall_back_when_paragraphs_are_not_found_verbatim() -> None:
    text, paras = paragraphs_from_blocks([ONE, TWO])
    # the second paragraph's whitespace differs in the source; the first is found
    src = f"{ONE}\nRelated: other story\nThe  council\nmet on Monday."
    at = src.index("Related")
    h = highlight(Article(text=text, paragraphs=paras, source_text=src,
                          removed=[RemovedBlock(at, at + 21, "teaser-headline", "Related: other story")]))
    assert h.removed[0].before == 2  # after the last paragraph it can place, never before the first
    no_source = highlight(Article(text=text, paragraphs=paras,
                                  removed=[RemovedBlock(0, 4, "navigation", "Home")]))
    assert no_source.removed == (Removed(2, "navigation", "Home"),)
