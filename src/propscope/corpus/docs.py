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
