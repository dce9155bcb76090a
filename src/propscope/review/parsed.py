"""What an import parser yields per record, and the source of stored articles it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from propscope.review.effective import EffectiveLabels
from propscope.schema import Article
from propscope.schema.review import Correction


@dataclass(slots=True)
class Parsed:
    origin: str  # where in the file ("line 3", "task 2 result 1")
    correction: Correction | None
    error: str | None = None


@dataclass(slots=True)
class ImportReport:
    stored: int = 0
    duplicates: int = 0  # ids already stored (an import is idempotent)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)


class Articles(Protocol):
    """Stored articles for parsers that need their text or their current labels."""

    def article(self, article_id: str) -> Article | None: ...

    def effective(self, article_id: str) -> EffectiveLabels | None: ...
