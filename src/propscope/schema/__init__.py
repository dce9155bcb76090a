"""Shared vocabulary; later stages add Span, Frame, Quote, Entity, ReuseLink, Narrative here."""

from propscope.schema.document import (
    REMOVAL_REASONS,
    Article,
    Paragraph,
    RawDocument,
    RemovedBlock,
    article_id,
    normalize_for_id,
    paragraphs_from_blocks,
)
from propscope.schema.errors import DocumentError

__all__ = [
    "REMOVAL_REASONS",
    "Article",
    "DocumentError",
    "Paragraph",
    "RawDocument",
    "RemovedBlock",
    "article_id",
    "normalize_for_id",
    "paragraphs_from_blocks",
]
