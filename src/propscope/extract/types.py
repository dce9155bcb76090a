"""What every extraction path returns before the dispatcher turns it into an Article."""

from __future__ import annotations

from dataclasses import dataclass, field

from propscope.schema import RemovedBlock


@dataclass(slots=True)
class Extracted:
    """Result of one extraction path (HTML or plain text).

    ``blocks`` are the kept article paragraphs in order (the dispatcher joins them with
    ``paragraphs_from_blocks`` so offsets are computed in one place). ``removed`` offsets
    index ``source_text``: the decoded input for plain text, the rendered visible page text
    for HTML. Metadata fields are ``None``/empty when not found; never guessed.
    """

    title: str
    blocks: list[str]
    removed: list[RemovedBlock] = field(default_factory=list)
    source_text: str = ""
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601: YYYY-MM-DD, or full datetime if known
    language_hint: str | None = None  # e.g. <html lang>, used only as a tie-breaker
    extractor: str = ""
