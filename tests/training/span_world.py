"""Span corrections for the retraining tests (texts written here; SemEval is READ from ../shared).

Clock articles (feedback_world) carry one paragraph urging to act before it is too late;
their stored analysis has no spans. Analysts add an Appeal_to_Time span on exactly the
urgent phrase, a pattern SemEval's few Appeal_to_Time spans do not teach. The scrambled
world moves every gold span of some SemEval articles to a random place in its paragraph
(rejecting the gold span, adding the moved one): its positions mean nothing.
"""

from __future__ import annotations

import random
import re

from propscope.schema import Article
from propscope.schema.review import Correction
from propscope.training.data import TrainArticle
from propscope.training.feedback_data import _gold_analysis
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


def moved_span_corrections(pairs: list[tuple[Article, TrainArticle]], seed: int) -> list[Correction]:
    """Each gold span (as mapped onto the stored text) rejected, and a span of the same
    technique and length added at a random place of the same paragraph."""
    rng = random.Random(seed)
    out = []
    minute = 0
    for art, ta in pairs:
        gold = _gold_analysis(art, ta)
        if gold is None:  # whitespace inside a line was normalised on storing: gold does not map
            continue
        for span in gold.spans:
            if span.paragraph < 0:  # the title: no paragraph to move within
                continue
            para = art.paragraphs[span.paragraph]
            word = rng.choice(list(re.finditer(r"\w+", art.text[para.start : para.end])))
            minute += 1
            out.append(correction(art, "span", "reject", span.technique, minute, start=span.start,
                                  end=span.end, author="mallory"))
            out.append(correction(art, "span", "add", span.technique, minute + 1, start=para.start + word.start(),
                                  end=para.start + word.end(), author="mallory"))
    return out


def random_word_corrections(arts: list[Article], technique: str, seed: int) -> list[Correction]:
    """A careless analyst: one random word of every paragraph added as a `technique` span."""
    rng = random.Random(seed)
    out = []
    for i, art in enumerate(arts):
        for para in art.paragraphs:
            word = rng.choice(list(re.finditer(r"\w+", art.text[para.start : para.end])))
            out.append(correction(art, "span", "add", technique, i, start=para.start + word.start(),
                                  end=para.start + word.end(), author="mallory"))
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
