"""What a cross-document stage sees of one article.

CONTRACT (issue 5). Corpus stages take `CorpusDoc`s, never a Store: they stay pure, run the
same on a Dask worker as in-process, and only pipeline/ persists. A CorpusDoc is small and
picklable (no raw bytes). `removed` is optional: the blocks extraction cut (captions,
"Source link" footers, teasers) carry copy artefacts such as "[19659008]" that the body no
longer shows; markers found there index `Article.source_text` (Marker.where == "source").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from propscope.schema import RemovedBlock


@dataclass(slots=True)
class CorpusDoc:
    id: str
    text: str
    title: str = ""
    source: str | None = None
    language: str | None = None
    published: str | None = None  # ISO date/datetime text
    ingested_at: str = ""  # ISO datetime: the tie-breaker for "who published first"
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # offsets in text
    vector: np.ndarray | None = None  # multilingual article vector (models.encoder), if computed
    techniques: dict[str, int] = field(default_factory=dict)  # technique -> units carrying it
    frames: list[str] = field(default_factory=list)
    genre: str | None = None
    removed: list[RemovedBlock] = field(default_factory=list)  # offsets in Article.source_text

    def paragraph_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraphs]


def _date_key(doc: CorpusDoc) -> str | None:
    return doc.published.strip() if doc.published and doc.published.strip() else None


def order_key(doc: CorpusDoc) -> tuple[str, str, str]:
    """Sort key: published (undated last), ingested_at, id."""
    return (_date_key(doc) or "\uffff", doc.ingested_at or "\uffff", doc.id)


def ordered(x: CorpusDoc, y: CorpusDoc) -> tuple[CorpusDoc, CorpusDoc, str]:
    """(earlier, later, how decided): published dates when both have different ones (date
    parts compared first), else ingested_at, else id."""
    px, py = _date_key(x), _date_key(y)
    if px and py:
        dx, dy = (px[:10], py[:10]) if px[:10] != py[:10] or len(px) <= 10 or len(py) <= 10 else (px, py)
        if dx != dy:
            return (x, y, "published") if dx < dy else (y, x, "published")
    if x.ingested_at and y.ingested_at and x.ingested_at != y.ingested_at:
        return (x, y, "ingested") if x.ingested_at < y.ingested_at else (y, x, "ingested")
    return (x, y, "id") if x.id < y.id else (y, x, "id")
