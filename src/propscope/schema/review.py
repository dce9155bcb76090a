"""An analyst's correction of what the machine said about one article (issue 8).

A correction is a verdict on one *key*: (target, label, location), where the location is a
character span of `Article.text` (target "span"), a paragraph index (target "paragraph",
`TITLE` = -1 for the headline) or nothing (document labels "genre" and "frames"). The
article id is a hash of the *normalised* clean text, so two texts differing only in
whitespace share it; `article_version` hashes the exact text, which is what offsets point
into. Corrections are immutable records: a change of mind is a newer correction.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from propscope.schema.analysis import TITLE
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES

TARGETS: tuple[str, ...] = ("span", "paragraph", "genre", "frames")
ACTIONS: tuple[str, ...] = ("accept", "reject", "relabel", "add")
#: The label vocabulary each target draws from (SemEval-2023 Task 3 names).
VOCABULARY: dict[str, tuple[str, ...]] = {
    "span": TECHNIQUES, "paragraph": TECHNIQUES, "genre": GENRES, "frames": FRAMES,
}
MAX_AUTHOR = 200
MAX_NOTE = 2000
MAX_MODEL = 200
_ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class CorrectionError(ValueError):
    """A correction that cannot be stored as given; the message says which field and why."""


def text_version(text: str) -> str:
    """Exact-text fingerprint: what offsets refer to (the article id ignores whitespace)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Correction:
    article_id: str
    article_version: str
    target: str
    action: str
    technique: str  # the label judged (a technique, genre or frame, per target)
    author: str
    new_label: str | None = None  # relabel only
    start: int | None = None  # span target: offsets into Article.text, end exclusive
    end: int | None = None
    paragraph: int | None = None  # paragraph target: index into Article.paragraphs or TITLE
    model: str = ""  # the model output reviewed, e.g. the techniques model tag
    note: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _check_fields(self)

    @property
    def location(self) -> tuple[int, int] | int | None:
        """Where the verdict applies: (start, end), a paragraph index, or the document."""
        if self.target == "span":
            return (int(self.start or 0), int(self.end or 0))
        return self.paragraph if self.target == "paragraph" else None

    def key(self) -> tuple[str, str, object]:
        """Corrections with equal keys judge the same thing; the latest one wins."""
        return (self.target, self.technique, self.location)


def _check_text(name: str, value: object, limit: int, *, empty: bool) -> None:
    if not isinstance(value, str):
        raise CorrectionError(f"{name} must be a string, got {type(value).__name__}")
    if not empty and not value.strip():
        raise CorrectionError(f"{name} must not be empty")
    if len(value) > limit:
        raise CorrectionError(f"{name} is longer than {limit} characters")


def _check_fields(c: Correction) -> None:
    if not isinstance(c.id, str) or not _ID_RE.match(c.id):
        raise CorrectionError(f"id {c.id!r}: 1-64 characters of A-Z a-z 0-9 _ . : -")
    _check_text("article_id", c.article_id, 64, empty=False)
    _check_text("article_version", c.article_version, 64, empty=False)
    _check_text("author", c.author, MAX_AUTHOR, empty=False)
    if _CONTROL.search(c.author):
        raise CorrectionError("author must not contain control or bidi characters")
    _check_text("note", c.note, MAX_NOTE, empty=True)
    _check_text("model", c.model, MAX_MODEL, empty=True)
    if c.target not in TARGETS:
        raise CorrectionError(f"unknown target {c.target!r}; expected one of: {', '.join(TARGETS)}")
    if c.action not in ACTIONS:
        raise CorrectionError(f"unknown action {c.action!r}; expected one of: {', '.join(ACTIONS)}")
    vocab = VOCABULARY[c.target]
    if c.technique not in vocab:
        raise CorrectionError(f"unknown {_kind(c.target)} {c.technique!r} for target {c.target!r}")
    _check_relabel(c, vocab)
    _check_location(c)
    if not isinstance(c.created_at, datetime) or c.created_at.tzinfo is None:
        raise CorrectionError("created_at must be a timezone-aware datetime (UTC)")


def _kind(target: str) -> str:
    return {"genre": "genre", "frames": "frame"}.get(target, "technique")


def _check_relabel(c: Correction, vocab: tuple[str, ...]) -> None:
    if c.action != "relabel":
        if c.new_label is not None:
            raise CorrectionError(f"new_label is only for relabel, not {c.action!r}")
        return
    if c.new_label is None:
        raise CorrectionError("relabel needs new_label")
    if c.new_label not in vocab:
        raise CorrectionError(f"unknown {_kind(c.target)} {c.new_label!r} (new_label)")
    if c.new_label == c.technique:
        raise CorrectionError("relabel to the same label: use accept")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_location(c: Correction) -> None:
    if c.target == "span":
        if c.paragraph is not None:
            raise CorrectionError("a span correction has offsets, not a paragraph")
        if not (_is_int(c.start) and _is_int(c.end)):
            raise CorrectionError(f"a span {c.action} needs integer start and end offsets")
        if not 0 <= c.start < c.end:  # type: ignore[operator]
            raise CorrectionError(f"offsets {c.start}..{c.end}: need 0 <= start < end")
    elif c.start is not None or c.end is not None:
        raise CorrectionError(f"a {c.target} correction has no offsets")
    if c.target == "paragraph":
        if not _is_int(c.paragraph) or c.paragraph < TITLE:  # type: ignore[operator]
            raise CorrectionError("a paragraph correction needs a paragraph index >= -1 (-1: title)")
    elif c.paragraph is not None:
        raise CorrectionError(f"a {c.target} correction has no paragraph index")


def check_against(c: Correction, text: str, n_paragraphs: int) -> None:
    """Offsets and paragraph index must fit the very text version the article has."""
    if c.article_version != text_version(text):
        raise CorrectionError(
            f"article {c.article_id}: version {c.article_version} is not the stored text "
            f"({text_version(text)}); the offsets refer to another text")
    if c.target == "span" and (c.end or 0) > len(text):
        raise CorrectionError(f"offsets {c.start}..{c.end} outside the text ({len(text)} characters)")
    if c.target == "paragraph" and (c.paragraph or 0) >= n_paragraphs:
        raise CorrectionError(f"paragraph {c.paragraph} outside the article ({n_paragraphs} paragraphs)")
