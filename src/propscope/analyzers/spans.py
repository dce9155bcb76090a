"""Where in a paragraph a technique is: character spans for each predicted label.

The paragraph classifier says *that* a paragraph uses a technique; the span is found with the
n-gram weights of the ensemble's TF-IDF member for that technique. Word-level techniques
(name calling, loaded language, slogans, ...) are short in the gold data (22-41 characters on
average), so they get the strongest n-grams; argument-level techniques (doubt, whataboutism,
causal oversimplification, ...) span a clause or more, so they get the best sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from propscope.schema import Article
from propscope.schema.analysis import TITLE, Span, UnitTechniques

if TYPE_CHECKING:
    from propscope.models.techniques import TechniqueModel

#: Techniques whose gold spans average under ~45 characters in SemEval-2023 (a few words).
PHRASE_LEVEL = frozenset({"Name_Calling-Labeling", "Loaded_Language", "Repetition", "Slogans",
                          "Conversation_Killer"})
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)]*\s+")
#: Other n-grams within this share of the best one's weight are marked too, up to MAX_PHRASES.
RELATIVE = 0.75
MAX_PHRASES = 3
#: N-grams in more than ~5 % of training paragraphs (idf below this) are function words and
#: names that merely co-occur with a technique; they are never a span on their own.
MIN_IDF = 4.0


_ABBREVIATION = re.compile(r"(?:\b[A-ZА-ЯЁ][\w]{0,3}|\b\w)\.$")  # "Gen.", "Dr.", "U.S.", "т."


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[max(0, m.start() - 6) : m.start()]):
            continue  # a title or initial, not a sentence end
        end = m.start() + len(m.group().rstrip())  # closing quotes belong to the sentence
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def _gram_weights(text: str, column: np.ndarray, index: dict[str, int],
                  idf: np.ndarray | None = None) -> list[tuple[float, int, int]]:
    """(weight, start, end) of every known word uni- and bigram in `text` (rare ones if `idf`)."""
    toks = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out = []
    for i, (tok, s, e) in enumerate(toks):
        j = index.get(tok)
        if j is not None and (idf is None or idf[j] >= MIN_IDF):
            out.append((float(column[j]), s, e))
        if i + 1 < len(toks):
            j = index.get(f"{tok} {toks[i + 1][0]}")
            if j is not None and (idf is None or idf[j] >= MIN_IDF):
                out.append((float(column[j]), s, toks[i + 1][2]))
    return out


def _phrase_spans(text: str, column: np.ndarray, index: dict[str, int],
                  idf: np.ndarray) -> list[tuple[int, int, float]]:
    grams = [g for g in _gram_weights(text, column, index, idf) if g[0] > 0]
    if not grams:
        return []
    best = max(g[0] for g in grams)
    top = sorted((g for g in grams if g[0] >= RELATIVE * best), reverse=True)[:MAX_PHRASES]
    chosen = sorted((s, e, w) for w, s, e in top)
    merged: list[tuple[int, int, float]] = []
    for s, e, w in chosen:
        if merged and s <= merged[-1][1] + 1:
            ps, pe, pw = merged[-1]
            merged[-1] = (ps, max(pe, e), max(pw, w))
        else:
            merged.append((s, e, w))
    return merged


def _sentence_span(text: str, column: np.ndarray, index: dict[str, int],
                   idf: np.ndarray) -> list[tuple[int, int, float]]:
    sents = _sentences(text)
    if len(sents) <= 1:
        return [(0, len(text.rstrip()), 1.0)] if text.strip() else []
    scored = [(sum(w for w, _, _ in _gram_weights(text[s:e], column, index)), s, e) for s, e in sents]
    best = max(scored)
    return [(best[1], best[2], best[0])]


def find_spans(article: Article, units: list[UnitTechniques], model: "TechniqueModel") -> list[Span]:
    weights, index = model.word_weights()
    idf = model.word_idf()
    labels = model.labels
    spans: list[Span] = []
    for unit in units:
        if unit.paragraph == TITLE or not unit.labels:
            continue
        para = article.paragraphs[unit.paragraph]
        text = article.text[para.start : para.end]
        for label in unit.labels:
            column = weights[:, labels.index(label)]
            finder = _phrase_spans if label in PHRASE_LEVEL else _sentence_span
            found = finder(text, column, index, idf) or [(0, len(text), 0.0)]
            spans.extend(Span(label, para.start + s, para.start + e, unit.paragraph,
                              round(unit.probabilities.get(label, 0.0), 4)) for s, e, _ in found)
    return spans
