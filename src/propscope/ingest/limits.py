"""Knobs that keep hostile input bounded, and the record-field mapping.

Both are plain frozen dataclasses so a CLI, a config file or a test can build them and a
worker process can receive them pickled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True, slots=True)
class Limits:
    """Size, time and type limits applied by every reader.

    * ``max_document_bytes``: the most bytes one RawDocument may carry (a .txt/.html file,
      stdin, a URL body, a record's text). Plain files above it are refused from ``stat``.
    * ``max_file_bytes``: the most a container file (JSONL/CSV/WARC, or a decompressed
      .gz container stream) may hold; containers are streamed, never read whole.
    * ``max_decompressed_bytes``: the most one *record* may expand to (a JSONL line, a CSV
      row, a .json file, a WARC record, a .txt.gz document). Inflating past it is a
      decompression bomb.
    * ``max_compression_ratio``: once ``ratio_grace_bytes`` have been inflated, output over
      input above this ratio is a bomb (gzip tops out near 1030:1; real text is < 20:1).
    * fetch timeouts apply to URL ingestion; ``total_timeout`` bounds a whole fetch,
      redirects included, so a slow-drip server cannot hold a worker forever.
    """

    max_document_bytes: int = 20 * MiB
    max_file_bytes: int = 2 * GiB
    max_decompressed_bytes: int = 50 * MiB
    max_compression_ratio: float = 200.0
    ratio_grace_bytes: int = 1 * MiB
    connect_timeout: float = 10.0
    read_timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = 5
    allowed_content_types: tuple[str, ...] = (
        "text/html",
        "application/xhtml+xml",
        "text/plain",
    )

    def __post_init__(self) -> None:
        """Fail at construction (a CLI usage error), not deep inside a batch."""
        for name in ("max_document_bytes", "max_file_bytes", "max_decompressed_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} must be positive")
        timeouts = (self.connect_timeout, self.read_timeout, self.total_timeout)
        if self.max_compression_ratio <= 1 or min(timeouts) <= 0 or self.max_redirects < 0:
            raise ValueError("Limits: ratio must be > 1, timeouts > 0, max_redirects >= 0")


#: Our field names -> keys tried in order (case-insensitively) when none are configured.
DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "text": ("text", "content", "body", "article", "maintext", "article_text"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "url": ("url", "link", "uri", "canonical_url"),
    "date": ("date", "published", "published_at", "pubdate", "publish_date", "date_published"),
    "source": ("source", "outlet", "site", "site_name", "publisher", "domain"),
    "author": ("author", "authors", "byline", "creator"),
}
OUR_FIELDS: tuple[str, ...] = tuple(DEFAULT_ALIASES)


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which record keys (JSON keys, CSV columns) feed our fields.

    An explicit mapping (``text=body``) replaces the aliases for that field, so a user can
    stop a wrong column from being picked up; unmapped fields keep their defaults.
    """

    keys: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ALIASES))

    @classmethod
    def parse(cls, spec: str | None) -> FieldMap:
        """Parse ``"text=body,date=pubdate"``; raises ValueError on a bad spec (CLI error)."""
        keys = dict(DEFAULT_ALIASES)
        for part in (spec or "").split(","):
            if not part.strip():
                continue
            ours, sep, theirs = part.partition("=")
            ours, theirs = ours.strip().lower(), theirs.strip()
            if not sep or not theirs:
                raise ValueError(f"field mapping {part!r} is not of the form ours=theirs")
            if ours not in DEFAULT_ALIASES:
                raise ValueError(f"unknown field {ours!r}; expected one of {OUR_FIELDS}")
            keys[ours] = (theirs,)
        return cls(keys)

    def extract(self, record: Mapping[str, Any]) -> dict[str, str]:
        """Our-name -> string value for every mapped key present and non-empty."""
        lowered = {str(k).strip().lower(): v for k, v in record.items()}
        out: dict[str, str] = {}
        for ours, candidates in self.keys.items():
            for key in candidates:
                value = _as_text(lowered.get(key.lower()))
                if value:
                    out[ours] = value
                    break
        return out


def _as_text(value: Any) -> str | None:
    """Flatten a JSON/CSV value: lists (e.g. authors) are joined with '; '."""
    if value is None or isinstance(value, (dict, bool)):
        return None
    if isinstance(value, list):
        parts = [p for p in (_as_text(v) for v in value) if p]
        return "; ".join(parts) or None
    text = str(value)
    return text if text.strip() else None
