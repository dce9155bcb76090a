"""Span corrections for the retraining tests (texts written here; SemEval is READ from ../shared).

Clock articles (feedback_world) carry one paragraph urging to act before it is too late;
their stored analysis has no spans. Analysts add an Appeal_to_Time span on exactly the
urgent phrase, a pattern SemEval's few Appeal_to_Time spans do not teach (the shipped tagger
marks the whole sentence). Another analyst contradicts that pattern in other articles: one
random word of the urgent paragraph is the span, the rest of the phrase is not.
"""

from __future__ import annotations

import random
import re

from propscope.schema import Article
from propscope.schema.review import Correction
from tests.training.feedback_world import correction, urgent_paragraph

#: The phrase of each URGENT sentence (feedback_world.URGENT, same order) analysts mark.
PHRASES = ["we must act now, before it is too late", "The clock is ticking",
           "the window to act closes this very week", "tomorrow will be too late"]


def urgent_span(art: Article) -> tuple[int, int]:
    """Offsets in Article.text of the urgent phrase."""
    para = art.paragraphs[urgent_paragraph(art)]
    text = art.text[para.start : para.end]
    phrase = next(p for p in PHRASES if p in text)
    start = para.start + text.index(phrase)
    return start, start + len(phrase)


def clock_span_corrections(arts: list[Article]) -> list[Correction]:
    out = []
    for i, a in enumerate(arts):
        start, end = urgent_span(a)
        out.append(correction(a, "span", "add", "Appeal_to_Time", i, start=start, end=end,
                              author=("ana", "bo")[i % 2]))
    return out


def urgent_word_corrections(arts: list[Article], seed: int) -> list[Correction]:
    """An analyst who disagrees with the phrase pattern: one random word of the urgent
    paragraph added as the Appeal_to_Time span (the rest of the phrase is then "not it")."""
    rng = random.Random(seed)
    out = []
    for i, art in enumerate(arts):
        para = art.paragraphs[urgent_paragraph(art)]
        word = rng.choice(list(re.finditer(r"\w+", art.text[para.start : para.end])))
        out.append(correction(art, "span", "add", "Appeal_to_Time", i, start=para.start + word.start(),
                              end=para.start + word.end(), author="mallory"))
    return out
