"""Spans are placed in the article's clean text, inside the paragraph that carries the label."""

from __future__ import annotations

from propscope.analyzers.spans import find_spans
from propscope.models.spantagger import SpanTagger
from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.analysis import TITLE, UnitTechniques

PARAS = ["Officials met on Tuesday to discuss the budget.",
         "This cowardly, shameful regime lies to its own people again and again.",
         "Who can still believe a word they say? Nobody, of course."]


def _article() -> Article:
    text, paras = paragraphs_from_blocks(PARAS)
    return Article(text=text, title="A regime of liars", paragraphs=paras, language="en")


def test_spans_fall_inside_their_paragraph_of_the_clean_text() -> None:
    article = _article()
    units = [UnitTechniques(TITLE, ["Name_Calling-Labeling"], {"Name_Calling-Labeling": 0.9}),
             UnitTechniques(0, [], {}),
             UnitTechniques(1, ["Loaded_Language"], {"Loaded_Language": 0.8}),
             UnitTechniques(2, ["Doubt"], {"Doubt": 0.7})]
    spans = find_spans(article, units, SpanTagger.load())
    assert {s.technique for s in spans} == {"Loaded_Language", "Doubt"}  # titles have no offsets
    for s in spans:
        para = article.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
        assert article.text[s.start : s.end].strip()
    assert {s.paragraph for s in spans} == {1, 2}
    assert all(s.score == {"Loaded_Language": 0.8, "Doubt": 0.7}[s.technique] for s in spans)
