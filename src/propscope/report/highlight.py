"""Technique spans laid over an article's clean text, for every presenter (dashboard, report,
terminal).

Spans may overlap: a paragraph is cut at every span boundary into segments, each carrying
every technique that covers it, so a view can show overlaps without nesting markup. Text
stays text here: escaping is the template's job.

Analyses come from the store and, in the end, from documents and models: offsets may be out
of range, inverted or empty, labels may be any string. Nothing here trusts them; a bad span
is dropped, never an exception, so one odd row cannot break a report of a thousand articles.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from propscope.schema import Article
from propscope.schema.analysis import TITLE, UnitTechniques

#: How much of a paragraph's start is searched for when its full text is not found verbatim.
_PROBE = 40


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # offsets in Article.text
    end: int
    text: str
    techniques: tuple[str, ...]  # sorted; empty for plain text
    scores: tuple[float, ...]  # calibrated confidence, one per technique


@dataclass(frozen=True, slots=True)
class Removed:
    """A removed boilerplate block shown in place (before paragraph `before`)."""

    before: int  # paragraph index it precedes; len(paragraphs) means "after the last"
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class HighlightedParagraph:
    index: int
    segments: tuple[Segment, ...]
    labels: tuple[str, ...]  # paragraph-level techniques (with or without spans)
    label_scores: tuple[float, ...] = ()  # probability of each label, same order


@dataclass(frozen=True, slots=True)
class Highlighted:
    title_labels: tuple[str, ...]
    paragraphs: tuple[HighlightedParagraph, ...]
    removed: tuple[Removed, ...]
    techniques: tuple[str, ...]  # techniques present, for the legend
    title_scores: tuple[float, ...] = ()  # probability of each title label, same order


@dataclass(frozen=True, slots=True)
class CleanSpan:
    """A span that survived validation: clipped to its paragraph, non-empty."""

    technique: str
    start: int
    end: int
    paragraph: int
    score: float


def _score(value: object) -> float:
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return f if math.isfinite(f) else 0.0


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def paragraph_bounds(article: Article) -> list[tuple[int, int]]:
    """Paragraph offsets clipped to the text (an inverted paragraph becomes empty)."""
    n = len(article.text)
    out = []
    for p in article.paragraphs:
        start = min(max(_int(p.start) or 0, 0), n)
        end = min(max(_int(p.end) or 0, start), n)
        out.append((start, end))
    return out


def _home(start: int, end: int, hint: object, bounds: list[tuple[int, int]]) -> int | None:
    """The span's own paragraph if valid, else the paragraph its start falls in."""
    idx = _int(hint)
    if idx is not None and 0 <= idx < len(bounds):
        return idx
    for i, (ps, pe) in enumerate(bounds):
        if ps <= start < pe:
            return i
    return None


def clean_spans(article: Article) -> list[CleanSpan]:
    """Every usable span of the article, clipped to its paragraph, in text order."""
    if article.analysis is None:
        return []
    bounds = paragraph_bounds(article)
    out = []
    for span in article.analysis.spans:
        start, end = _int(span.start), _int(span.end)
        if start is None or end is None or end <= start or not isinstance(span.technique, str):
            continue
        home = _home(start, end, span.paragraph, bounds)
        if home is None:
            continue
        ps, pe = bounds[home]
        start, end = max(start, ps), min(end, pe)
        if start < end:
            out.append(CleanSpan(span.technique, start, end, home, _score(span.score)))
    out.sort(key=lambda s: (s.start, s.end, s.technique))
    return out


def _segments(text: str, start: int, end: int, spans: list[CleanSpan]) -> tuple[Segment, ...]:
    """Cut [start, end) at every span boundary; each piece lists the spans covering it."""
    cuts = sorted({start, end, *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in itertools.pairwise(cuts):
        best: dict[str, float] = {}
        for s in spans:
            if s.start <= a and s.end >= b:
                best[s.technique] = max(best.get(s.technique, 0.0), s.score)
        names = tuple(sorted(best))
        out.append(Segment(a, b, text[a:b], names, tuple(best[t] for t in names)))
    return tuple(out)


def _unit_labels(units: Iterable[UnitTechniques]) -> dict[int, tuple[tuple[str, ...], tuple[float, ...]]]:
    """Labels per paragraph index (TITLE included); duplicate units for a paragraph merge."""
    merged: dict[int, dict[str, float]] = {}
    for unit in units:
        idx = _int(unit.paragraph)
        if idx is None:
            continue
        probs = unit.probabilities if isinstance(unit.probabilities, dict) else {}
        slot = merged.setdefault(idx, {})
        for label in unit.labels or ():
            if isinstance(label, str):
                slot[label] = max(slot.get(label, 0.0), _score(probs.get(label, 0.0)))
    return {i: (tuple(sorted(d)), tuple(d[k] for k in sorted(d))) for i, d in merged.items()}


def _source_positions(article: Article) -> list[int | None]:
    """Where each paragraph starts in source_text, searched in order; None if not found."""
    src, cursor, out = article.source_text or "", 0, []
    for start, end in paragraph_bounds(article):
        body = article.text[start:end]
        pos = src.find(body, cursor) if body else -1
        if pos < 0 and len(body) > _PROBE:
            pos = src.find(body[:_PROBE].strip(), cursor)
        if pos >= 0:
            cursor = pos + (len(body) if src.startswith(body, pos) else 1)
        out.append(pos if pos >= 0 else None)
    return out


def place_removed(article: Article) -> tuple[Removed, ...]:
    """Each removed block before the first paragraph that starts after it in source_text.

    A paragraph not found in source_text takes the position of the one before it, so a
    block is never placed between two paragraphs out of order; without any source text
    every block goes after the last paragraph (we cannot tell where it was).
    """
    positions, last, carried = _source_positions(article), -1, []
    for pos in positions:
        last = pos if pos is not None else last
        carried.append(last)
    found = any(p is not None for p in positions)
    placed = []
    for block in article.removed:
        at = _int(block.start)
        if not found or at is None:
            before = len(positions)
        else:
            before = next((i for i, p in enumerate(carried) if p >= at), len(positions))
        placed.append((before, at if at is not None else 0, Removed(before, str(block.reason), str(block.text))))
    placed.sort(key=lambda item: (item[0], item[1]))
    return tuple(r for _, _, r in placed)


def highlight(article: Article) -> Highlighted:
    """Segments, paragraph and title labels, and removed blocks of one article."""
    spans = clean_spans(article)
    analysis = article.analysis
    units = _unit_labels(analysis.techniques if analysis is not None else ())
    by_para: dict[int, list[CleanSpan]] = {}
    for s in spans:
        by_para.setdefault(s.paragraph, []).append(s)
    paragraphs = []
    for i, (start, end) in enumerate(paragraph_bounds(article)):
        labels, scores = units.get(i, ((), ()))
        paragraphs.append(HighlightedParagraph(
            i, _segments(article.text, start, end, by_para.get(i, [])), labels, scores))
    title_labels, title_scores = units.get(TITLE, ((), ()))
    present = {s.technique for s in spans} | {t for p in paragraphs for t in p.labels} | set(title_labels)
    return Highlighted(title_labels, tuple(paragraphs), place_removed(article),
                       tuple(sorted(present)), title_scores)
