"""Response models of the cross-document routes (issue 5): reuse links, markers,
narratives, source profiles. Field names follow schema/corpus.py, the shared contract."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_ID = "3f2a9c1d5e7b8a60"
EXAMPLE_OTHER = "9b1e07c4d2a35f18"
EXAMPLE_NARRATIVE = "n-4be1c0a9f3d2"


class MarkerOut(BaseModel):
    """Evidence inside one article: an attribution or a copy / machine-translation artefact."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "article_id": EXAMPLE_OTHER, "kind": "reports", "start": 0, "end": 12,
        "text": "RT reports:", "names": ["RT"], "where": "text"}]})

    article_id: str
    kind: str = Field(description="attribution: reports | wire | source-link | originally | "
                                  "via | according; artefact: mt-artifact | markup-debris | spin")
    start: int
    end: int
    text: str
    names: list[str] = Field(default=[], description="Outlets an attribution names")
    where: str = Field(default="text", description='"text": offsets index the article text; '
                                                   '"source": a removed block')


class PassageOut(BaseModel):
    a: int = Field(description="Paragraph index in the earlier article")
    b: int = Field(description="Paragraph index in the later article")
    similarity: float
    change: str = Field(description="same | edited | translated")


class LinkedArticle(BaseModel):
    id: str
    title: str
    source: str | None
    language: str | None
    published: str | None
    stored: bool = Field(default=True, description="False if deleted since the reuse run")


class _LinkBody(BaseModel):
    kind: str = Field(description="duplicate | partial | translated | spun")
    score: float
    coverage_earlier: float = Field(description="Share of the earlier text found in the later")
    coverage_later: float = Field(description="Share of the later text taken from the earlier")
    passages: list[PassageOut]
    added: list[int] = Field(description="Later paragraphs with no source")
    dropped: list[int] = Field(description="Earlier paragraphs not reused")
    order_by: str = Field(description="published | ingested: how earlier/later was decided")
    markers: list[MarkerOut] = Field(description="Attributions and artefacts in the later one")


_LINK_EXAMPLE = {
    "kind": "partial", "score": 0.82, "coverage_earlier": 0.9, "coverage_later": 0.6,
    "passages": [{"a": 0, "b": 1, "similarity": 0.95, "change": "same"}], "added": [0],
    "dropped": [], "order_by": "published", "markers": []}
_BRIEF = {"title": "Council approves budget", "source": "Example Gazette", "language": "en",
          "published": "2024-03-01", "stored": True}


class ArticleReuseOut(_LinkBody):
    """A reuse link seen from one article."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "direction": "copies", "other": {"id": EXAMPLE_OTHER, **_BRIEF},
        "earlier": EXAMPLE_OTHER, "later": EXAMPLE_ID, **_LINK_EXAMPLE}]})

    direction: Literal["copies", "copied by"] = Field(
        description='"copies": this article reuses `other`; "copied by": `other` reuses it')
    other: LinkedArticle
    earlier: str
    later: str


class ReuseLinkOut(_LinkBody):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "earlier": {"id": EXAMPLE_OTHER, **_BRIEF}, "later": {"id": EXAMPLE_ID, **_BRIEF},
        **_LINK_EXAMPLE}]})

    earlier: LinkedArticle
    later: LinkedArticle


class ReusePageOut(BaseModel):
    items: list[ReuseLinkOut]
    total: int
    counts: dict[str, int] = Field(description="Links per kind (under the kind filter)")
    limit: int
    offset: int
    next: str | None = Field(examples=["/api/v1/reuse?limit=50&offset=50"])


class NarrativeRef(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": EXAMPLE_NARRATIVE, "label": "bridge, tender, harbour", "size": 7}]})

    id: str
    label: str
    size: int


class NarrativeSummaryOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": EXAMPLE_NARRATIVE, "label": "bridge, tender, harbour",
        "key_terms": ["bridge", "tender", "harbour"], "representative": EXAMPLE_ID, "size": 7,
        "sources": {"Example Gazette": 4}, "languages": {"en": 5, "de": 2},
        "timeline": {"2024-03": 7}, "techniques": {"Loaded_Language": 3},
        "frames": {"Economic": 5}, "first": "2024-03-01", "last": "2024-03-19",
        "updated_at": "2024-03-20T08:00:00Z"}]})

    id: str
    label: str
    key_terms: list[str]
    representative: str = Field(description="Article id of the most central member")
    size: int = Field(description="Members stored")
    sources: dict[str, int]
    languages: dict[str, int]
    timeline: dict[str, int] = Field(description='"YYYY-MM" -> articles')
    techniques: dict[str, int] = Field(description="Dominant techniques (articles using each)")
    frames: dict[str, int]
    first: str | None
    last: str | None
    updated_at: datetime


class NarrativePageOut(BaseModel):
    items: list[NarrativeSummaryOut]
    total: int
    limit: int
    offset: int
    next: str | None = Field(examples=["/api/v1/narratives?limit=50&offset=50"])


class MemberOut(LinkedArticle):
    score: float = Field(description="Similarity to the narrative (most central first)")


class NarrativeOut(NarrativeSummaryOut):
    """One narrative; members come a page at a time (member_limit / member_offset)."""

    members: list[MemberOut]
    member_offset: int
    member_limit: int
    members_next: str | None = Field(
        examples=[f"/api/v1/narratives/{EXAMPLE_NARRATIVE}?member_offset=50&member_limit=50"])


class SourceProfileOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "source": "Example Gazette", "period": "2024-03", "articles": 12, "words": 6400,
        "languages": {"en": 12}, "techniques_per_1000_words": 2.4,
        "top_techniques": {"Loaded_Language": 9}, "frames": {"Economic": 6},
        "genres": {"reporting": 10, "opinion": 2}, "copies_from": {"Wire Service": 3},
        "copied_by": {}, "narratives": {EXAMPLE_NARRATIVE: 4}}]})

    source: str
    period: str = Field(description='"all", a year "2024", a month "2024-03" or "undated"')
    articles: int
    words: int
    languages: dict[str, int]
    techniques_per_1000_words: float
    top_techniques: dict[str, int]
    frames: dict[str, int]
    genres: dict[str, int]
    copies_from: dict[str, int] = Field(description="Outlets it reuses -> links")
    copied_by: dict[str, int] = Field(description="Outlets reusing it -> links")
    narratives: dict[str, int] = Field(description="Narrative id -> its articles")


class SourcesOut(BaseModel):
    period: Literal["all", "year", "month"]
    items: list[SourceProfileOut]
