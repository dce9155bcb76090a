"""Technique spans laid over an article's clean text, for every presenter (dashboard, report,
terminal).

INTERFACE STUB (issue 4): signatures and records are the contract; the bodies are filled in
by the report work. Spans may overlap: a paragraph is cut at every span boundary into
segments, each carrying every technique that covers it, so a view can show overlaps
without nesting markup. Text stays text here: escaping is the template's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from propscope.schema import Article


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


@dataclass(frozen=True, slots=True)
class Highlighted:
    title_labels: tuple[str, ...]
    paragraphs: tuple[HighlightedParagraph, ...]
    removed: tuple[Removed, ...]
    techniques: tuple[str, ...]  # techniques present, for the legend


def highlight(article: Article) -> Highlighted:
    raise NotImplementedError
