"""RawDocument -> Article: decode, pick the HTML or plain-text path, add language.

The dispatcher is the only place that knows both paths exist, so readers and the
pipeline stay ignorant of formats and each path stays a pure function of a string.
"""

from __future__ import annotations

import re

from propscope.extract.dates import normalize_date
from propscope.extract.decode import decode_bytes
from propscope.extract.html import extract_html
from propscope.extract.langid import detect_language
from propscope.extract.plaintext import extract_plaintext
from propscope.ingest.mediatype import sniff_media_type
from propscope.extract.types import Extracted
from propscope.schema import Article, DocumentError, RawDocument, paragraphs_from_blocks

__all__ = ["extract", "extract_text", "Extracted"]

#: One document larger than this is refused before decoding (readers enforce their own
#: limit too; this protects library callers who build RawDocuments by hand).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
#: Fewer words than this is a stub, an error page or debris, not an article.
MIN_WORDS = 5
_WORD = re.compile(r"\w+")

def _is_html(raw: RawDocument) -> bool:
    """Declared HTML, or HTML served as text/plain / read from a file with no useful name."""
    return "html" in (raw.media_type or "").lower() or sniff_media_type(raw.data) == "text/html"


def _split_authors(value: str) -> list[str]:
    parts = re.split(r"\s*(?:;|,|\band\b|&|\bund\b|\bи\b)\s*", value.strip())
    return [p for p in (x.strip() for x in parts) if p]


def _apply_fields(ex: Extracted, fields: dict[str, str]) -> None:
    """Structured record fields beat what extraction guessed from the page."""
    if title := (fields.get("title") or "").strip():
        ex.title = title[:1000]
    if source := (fields.get("source") or "").strip():
        ex.source = source[:300]
    if author := (fields.get("author") or "").strip():
        ex.authors = _split_authors(author)[:20]
    if date := normalize_date(fields.get("date")):
        ex.published = date


def extract_text(text: str, *, html: bool, url: str | None = None) -> Extracted:
    """Run one extraction path on already-decoded text."""
    return extract_html(text, url=url) if html else extract_plaintext(text, url=url)


def extract(raw: RawDocument) -> Article:
    """Turn one RawDocument into an Article, or raise DocumentError saying why not."""
    if len(raw.data) > MAX_DOCUMENT_BYTES:
        raise DocumentError("too-large", f"{len(raw.data)} bytes > {MAX_DOCUMENT_BYTES}", raw.origin)
    # NUL is never text, and PostgreSQL cannot store it: drop it before offsets exist.
    text = decode_bytes(raw.data, declared=raw.encoding, origin=raw.origin).replace("\x00", "")
    html = _is_html(raw)
    url = raw.url or raw.fields.get("url") or None
    ex = extract_text(text, html=html, url=url)
    _apply_fields(ex, raw.fields)
    clean, paragraphs = paragraphs_from_blocks(ex.blocks)
    n_words = len(_WORD.findall(clean[:2000]))
    if n_words < MIN_WORDS:
        raise DocumentError("no-text", f"only {n_words} words of article text after removing "
                            "boilerplate", raw.origin)
    language, confidence = detect_language(clean)
    if language is None and ex.language_hint:
        language = ex.language_hint.split("-")[0].lower()[:8] or None
    return Article(
        text=clean,
        title=ex.title,
        url=url,
        origin=raw.origin,
        source=ex.source,
        authors=ex.authors,
        published=ex.published,
        language=language,
        language_confidence=confidence,
        paragraphs=paragraphs,
        removed=ex.removed,
        source_text=ex.source_text or text,
        raw=raw.data,
        media_type="text/html" if html else "text/plain",
        extractor=ex.extractor or ("html" if html else "plaintext"),
    )
