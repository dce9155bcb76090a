"""The shared vocabulary of one document as it flows ingest -> extract -> store.

Plain dataclasses rather than an ORM or pydantic: every stage (and a Dask worker) can build,
pickle and compare them without importing storage code, and ``to_dict`` is the one JSON shape
the CLI, the store and later the API all agree on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from propscope.schema.analysis import Analysis

#: Why a block of the raw input was not kept as article text. Extractors must use these
#: names (tests and the dashboard rely on them); add a new one here, not ad hoc.
REMOVAL_REASONS: tuple[str, ...] = (
    "title",  # the headline itself: kept as Article.title, not as body text
    "caption",  # photo / video caption, including "- Outlet" suffixed captions
    "photo-credit",  # "© Photo : X Ministry", "Photo: Reuters", agency slugs like "RTS1L010"
    "teaser-headline",  # headline of *another* story inserted mid-text ("Related: ...")
    "navigation",  # breadcrumbs, menus, "Home / Category / Title", "Newsfeed"
    "subscribe-share",  # "Subscribe", "Share", "Follow us"
    "donation",  # "Support X", widget amounts like "2,500 $"
    "comments",  # comment section headers, comment counts and the comments themselves
    "author-bio",  # byline/bio block ("Jane Doe / I am a ... interested in ...")
    "cookie",  # cookie / consent banners
    "site-description",  # outlet tagline ("Get the latest news from around the world ...")
    "foreign-language-ui",  # UI strings in a language other than the article's
    "date-line",  # a standalone date line ("JUNE 2021") kept as metadata
    "fact-check-badge",  # "Fact checked" style badges
    "markup-debris",  # leftover tags/entities/ids ("</span> <span class=", "[19659008]")
    "source-link",  # "Source link", "originally appeared on" trailers
    "duplicate",  # a line repeating the title or an earlier block verbatim
    "boilerplate",  # anything else recognisably not article text
)


def normalize_for_id(text: str) -> str:
    """Normalisation that makes re-ingesting the same article a no-op.

    NFKC + casefold + whitespace collapsing: the id survives different line endings,
    non-breaking spaces and re-encoding, but not a change of a single word.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def article_id(clean_text: str) -> str:
    """Stable id: first 16 hex chars of SHA-256 over the normalised clean text."""
    return hashlib.sha256(normalize_for_id(clean_text).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class RawDocument:
    """Bytes plus provenance, exactly as a reader found them; nothing is interpreted yet.

    ``origin`` names where the bytes came from precisely enough to re-read them
    (``path``, ``path#L12`` for a JSONL line, ``path#record=3`` for a WARC record, a URL,
    ``<stdin>``). ``fields`` carries already-structured metadata (JSONL/CSV columns, WARC
    headers, HTTP headers) that extraction may use but must not trust blindly.
    """

    data: bytes
    origin: str
    media_type: str = "text/plain"  # "text/plain" | "text/html" | anything a reader saw
    url: str | None = None
    encoding: str | None = None  # declared charset, if any (HTTP header, WARC, meta)
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Paragraph:
    """One article paragraph; ``start``/``end`` index Article.text (end exclusive)."""

    start: int
    end: int


@dataclass(slots=True)
class RemovedBlock:
    """A block of the source text judged not to be article text, and why.

    Offsets index ``Article.source_text`` (the decoded raw text for plain-text input, the
    rendered visible text for HTML input), so the dashboard can show the block in place.
    """

    start: int
    end: int
    reason: str
    text: str

    def __post_init__(self) -> None:
        if self.reason not in REMOVAL_REASONS:
            raise ValueError(f"unknown removal reason {self.reason!r}")


@dataclass(slots=True)
class Article:
    """One clean article version. Character offsets everywhere refer to ``text``."""

    text: str
    title: str = ""
    url: str | None = None
    origin: str = ""
    source: str | None = None  # outlet, e.g. "Sputnik International"
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or datetime
    language: str | None = None  # ISO 639-1
    language_confidence: float | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    source_text: str = ""  # what RemovedBlock offsets index
    raw: bytes = b""  # the input exactly as read
    media_type: str = "text/plain"
    extractor: str = ""  # which extraction path produced it (for audits)
    id: str = ""
    analysis: Analysis | None = None  # assigned by analyzers (techniques, genre, frames)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]

    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        """The JSON contract of ``propscope extract --json`` and ``export``."""
        d = asdict(self)
        d.pop("raw")
        if d.get("analysis") is None:
            d.pop("analysis", None)
        if not include_raw:
            d.pop("source_text")
        d["paragraphs"] = [
            {"start": p.start, "end": p.end, "text": self.text[p.start : p.end]}
            for p in self.paragraphs
        ]
        return d


def paragraphs_from_blocks(blocks: list[str]) -> tuple[str, list[Paragraph]]:
    """Join kept paragraphs with blank lines and record their offsets.

    One place builds clean text so every extractor produces the same layout
    (``para\\n\\npara``) and offsets that always slice back to the paragraph.
    """
    parts: list[str] = []
    paras: list[Paragraph] = []
    pos = 0
    for block in blocks:
        block = block.strip()
        if not block:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block)
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block)
    return "".join(parts), paras
