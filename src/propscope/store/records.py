"""Plain result records returned by the store (no ORM objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(slots=True)
class BatchResult:
    """What one save_batch call did; ids let the pipeline report and resume precisely."""

    stored: int = 0
    duplicates: int = 0
    errors: int = 0
    stored_ids: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    #: True when the batch transaction failed and rows were saved one by one instead.
    fell_back: bool = False


@dataclass(slots=True, frozen=True)
class ArticleSummary:
    """One row of an article listing: enough for a table, without the text itself."""

    id: str
    title: str
    source: str | None
    language: str | None
    published: str | None
    n_paragraphs: int
    n_chars: int
    ingested_at: datetime


@dataclass(slots=True, frozen=True)
class ErrorRecord:
    """One stored document failure."""

    id: int
    origin: str
    kind: str
    message: str
    raw_sha256: str | None
    at: datetime


def as_utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; everything we store is UTC, so say so."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)
