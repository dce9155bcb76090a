"""The analyzer contract: pure functions of an Article that declare what they need and set.

Like spaCy components, each analyzer names the Article attributes it `requires` and the
`assigns` it fills, so the pipeline can order stages and refuse a misconfigured run before
touching any data. Analyzers never touch storage.
"""

from __future__ import annotations

from typing import Protocol

from propscope.schema import Article


class Analyzer(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, articles: list[Article]) -> list[Article]:
        """Batch in, same batch out (models amortise their cost over a batch)."""
        ...
