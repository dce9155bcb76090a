"""Where in a paragraph a technique is: character spans in the article's clean text.

The paragraph classifier says *that* a paragraph uses a technique; the span tagger (trained
on SemEval's span files, see `models.spantagger`) says where. Offsets are shifted from the
paragraph to the article's clean text so a span can be highlighted anywhere. Titles are not
part of the clean text, so their labels carry no spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from propscope.schema import Article
from propscope.schema.analysis import TITLE, Span, UnitTechniques

if TYPE_CHECKING:
    from propscope.models.spantagger import SpanTagger


def find_spans(article: Article, units: list[UnitTechniques], tagger: SpanTagger) -> list[Span]:
    spans: list[Span] = []
    for unit in units:
        if unit.paragraph == TITLE or not unit.labels:
            continue
        para = article.paragraphs[unit.paragraph]
        text = article.text[para.start : para.end]
        for label, found in tagger.spans(text, unit.labels).items():
            prob = round(unit.probabilities.get(label, 0.0), 4)
            spans.extend(Span(label, para.start + s, para.start + e, unit.paragraph, prob) for s, e, _ in found)
    return spans
