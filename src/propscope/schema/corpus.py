"""Cross-document vocabulary (issue 5): reuse links, attribution markers, copy artefacts,
narratives and source profiles.

CONTRACT (issue 5): records and field names here are shared by corpus/, store/, api/, web/
and report/. Add fields with defaults; do not rename. Offsets index `Article.text` of the
article they name, like every offset in propscope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: duplicate: the same text (boilerplate-only differences); partial: one contains a
#: substantial part of the other; translated: the same story in another language;
#: spun: a copy (same or other language) with edits that change its slant, or with
#: machine-translation artefacts.
REUSE_KINDS: tuple[str, ...] = ("duplicate", "partial", "translated", "spun")


@dataclass(slots=True)
class Marker:
    """Evidence inside one article: an attribution ("X reports:", "(Reuters)", "Source
    link", "originally appeared on") or a copy artefact ("[19659008]", "the US Army UU")."""

    article_id: str
    kind: str  # attribution: "reports" | "wire" | "source-link" | "originally" | "via" |
    #            "according"; artefact: "mt-artifact" | "markup-debris" | "spin"
    start: int
    end: int
    text: str
    names: list[str] = field(default_factory=list)  # outlet(s) named by an attribution
    #: "text": start/end index Article.text; "source": they index Article.source_text (the
    #: marker sits in a block extraction removed, e.g. a "Source link" footer or a caption).
    where: str = "text"


@dataclass(slots=True)
class Passage:
    """One aligned stretch: paragraph `a` of the earlier article against `b` of the later."""

    a: int  # paragraph index in the earlier article
    b: int  # paragraph index in the later article
    similarity: float  # 0..1 (shingle overlap, or cosine for translations)
    change: str  # "same" | "edited" | "translated"


@dataclass(slots=True)
class ReuseLink:
    """`later` reuses `earlier` (who published first: dates, else ingest order)."""

    earlier: str  # article id
    later: str
    kind: str  # one of REUSE_KINDS
    score: float
    coverage_earlier: float  # share of the earlier article's text found in the later one
    coverage_later: float  # share of the later article's text that comes from the earlier
    passages: list[Passage] = field(default_factory=list)
    added: list[int] = field(default_factory=list)  # later's paragraphs with no source
    dropped: list[int] = field(default_factory=list)  # earlier's paragraphs not reused
    order_by: str = "published"  # "published" | "ingested": how earlier/later was decided
    markers: list[Marker] = field(default_factory=list)  # attributions/artefacts in `later`


@dataclass(slots=True)
class Narrative:
    """A story told across outlets and languages; `id` stays stable as articles join."""

    id: str
    label: str  # key terms + representative title
    key_terms: list[str]
    representative: str  # article id of the most central member
    members: list[str]  # article ids
    sources: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    timeline: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" -> articles
    techniques: dict[str, int] = field(default_factory=dict)  # dominant techniques (articles)
    frames: dict[str, int] = field(default_factory=dict)
    first: str | None = None  # earliest published date
    last: str | None = None


@dataclass(slots=True)
class SourceProfile:
    """One outlet over one period ("all", "2024", "2024-03")."""

    source: str
    period: str
    articles: int
    words: int
    languages: dict[str, int] = field(default_factory=dict)
    techniques_per_1000_words: float = 0.0
    top_techniques: dict[str, int] = field(default_factory=dict)
    frames: dict[str, int] = field(default_factory=dict)
    genres: dict[str, int] = field(default_factory=dict)
    copies_from: dict[str, int] = field(default_factory=dict)  # outlets it reuses
    copied_by: dict[str, int] = field(default_factory=dict)  # outlets reusing it
    narratives: dict[str, int] = field(default_factory=dict)  # narrative id -> articles
