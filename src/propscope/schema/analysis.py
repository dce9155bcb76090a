"""What the per-document analyzers assign to an Article (SemEval-2023 Task 3 vocabulary).

Spans index `Article.text`, like every offset in propscope, so a span can be highlighted in
any view of that article version. Title labels have no span: the title is not part of the
clean text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from propscope.schema.voices import Voices

TITLE = -1  # `UnitTechniques.paragraph` for the headline


@dataclass(slots=True)
class Span:
    technique: str
    start: int
    end: int
    paragraph: int  # index into Article.paragraphs
    score: float


@dataclass(slots=True)
class UnitTechniques:
    paragraph: int  # index into Article.paragraphs, or TITLE
    labels: list[str]  # above threshold
    probabilities: dict[str, float]  # calibrated, every technique


@dataclass(slots=True)
class Classification:
    labels: list[str]  # the decision: one genre, or the frames above threshold
    probabilities: dict[str, float]
    low_confidence: bool = False  # language the model was not trained on
    model: str = ""  # "<bundle>@<version>"


@dataclass(slots=True)
class Analysis:
    techniques: list[UnitTechniques] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    techniques_low_confidence: bool = False
    techniques_model: str = ""
    genre: Classification | None = None
    frames: Classification | None = None
    voices: Voices | None = None  # quotes, entities, stance (issue 6)
