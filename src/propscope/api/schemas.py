"""Pydantic response and request models of /api/v1: the documented JSON contract.

Why separate models instead of `Article.to_dict`: the OpenAPI schema (and schemathesis) need
typed fields with examples, and the API must never leak `raw` or `source_text` by accident;
a field exists in a response only if it is declared here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from propscope.api.schemas_corpus import ArticleReuseOut, MarkerOut, NarrativeRef
from propscope.api.schemas_voices import ArticleEntityOut, QuoteOut, StanceOut

EXAMPLE_ID = "3f2a9c1d5e7b8a60"


class SnippetPart(BaseModel):
    text: str
    hit: bool = Field(description="True for the words that matched the search query")


class ArticleListItem(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": EXAMPLE_ID, "title": "Council approves budget", "source": "Example Gazette",
        "language": "en", "published": "2024-03-01", "n_paragraphs": 4, "n_chars": 1830,
        "ingested_at": "2024-03-02T10:00:00Z", "genre": "reporting", "frames": ["Economic"],
        "techniques": ["Loaded_Language"], "snippet": [],
    }]})

    id: str
    title: str
    source: str | None
    language: str | None
    published: str | None
    n_paragraphs: int
    n_chars: int
    ingested_at: datetime
    genre: str | None = None
    frames: list[str] = []
    techniques: list[str] = Field(default=[], description="Distinct labels, most frequent first")
    snippet: list[SnippetPart] = Field(default=[], description="Search hit context (with q)")


class ArticlePageOut(BaseModel):
    items: list[ArticleListItem]
    total: int = Field(description="Articles matching the filters, all pages together")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, null on the last one",
                             examples=["/api/v1/articles?limit=50&offset=50"])


class ParagraphOut(BaseModel):
    index: int
    start: int = Field(description="Offset in `text` (characters, end exclusive)")
    end: int
    text: str


class UnitOut(BaseModel):
    paragraph: int = Field(description="Paragraph index, or -1 for the title")
    labels: list[str]
    probabilities: dict[str, float]


class SpanOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "technique": "Loaded_Language", "start": 120, "end": 141, "paragraph": 1,
        "score": 0.71, "text": "a shameful betrayal", "voice": "outlet",
        "voice_name": "outlet"}]})

    technique: str
    start: int
    end: int
    paragraph: int
    score: float
    text: str
    voice: str = Field(default="outlet", description=(
        'Whose words: "outlet", or the quoted speaker (entity id, or "speaker:<as written>") '
        "when the span lies mostly inside a quote"))
    voice_name: str = Field(default="outlet", description="The voice as a reader sees it")


class ClassificationOut(BaseModel):
    labels: list[str]
    probabilities: dict[str, float]
    low_confidence: bool = False
    model: str = ""


class RemovedOut(BaseModel):
    start: int = Field(description="Offset in the source text the extractor saw")
    end: int
    reason: str
    text: str


class MetadataOut(BaseModel):
    url: str | None = None
    source: str | None = None
    authors: list[str] = []
    published: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    origin: str = ""
    extractor: str = ""
    media_type: str = "text/plain"


class ArticleOut(BaseModel):
    """One analysed article; offsets everywhere index `text`, except removed blocks."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": EXAMPLE_ID, "stored": True, "title": "Council approves budget",
        "text": "The council voted on Monday.", "paragraphs": [
            {"index": 0, "start": 0, "end": 28, "text": "The council voted on Monday."}],
        "analysed": True, "techniques": [], "spans": [], "genre": None, "frames": None,
        "removed": [], "metadata": {"url": None, "source": "Example Gazette", "authors": [],
                                    "published": "2024-03-01", "language": "en",
                                    "language_confidence": 0.98, "origin": "api:text",
                                    "extractor": "plaintext", "media_type": "text/plain"},
        "quotes": [], "entities": [], "stances": [], "voices_model": "",
        "reuse": [], "narratives": [], "markers": []}]})

    id: str
    stored: bool = Field(description="Whether the article is in the store")
    title: str
    text: str
    paragraphs: list[ParagraphOut]
    analysed: bool
    techniques: list[UnitOut] = Field(description="Per unit (title, paragraphs) techniques")
    techniques_low_confidence: bool = False
    techniques_model: str = ""
    spans: list[SpanOut]
    genre: ClassificationOut | None
    frames: ClassificationOut | None
    removed: list[RemovedOut] = Field(description="Boilerplate removed by extraction")
    metadata: MetadataOut
    quotes: list[QuoteOut] = Field(default=[], description="Direct and indirect speech, text order")
    entities: list[ArticleEntityOut] = Field(
        default=[], description="People, organizations, places, groups; most salient first")
    stances: list[StanceOut] = Field(default=[], description="Stance toward its main entities")
    voices_model: str = Field(default="", description="Rules version of quotes/entities/stance")
    reuse: list[ArticleReuseOut] = Field(
        default=[], description="Reuse links in both directions (filled by `propscope reuse`)")
    narratives: list[NarrativeRef] = Field(
        default=[], description="Narratives it belongs to (filled by `propscope narratives`)")
    markers: list[MarkerOut] = Field(
        default=[], description="Attributions and copy artefacts found in this article")


class AnalyzeIn(BaseModel):
    """Exactly one of text, html or url."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "Title line\n\nA paragraph of the article to analyse.", "store": False}]})

    text: str | None = Field(default=None, description="Plain text (first line = title)")
    html: str | None = Field(default=None, description="An HTML page")
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://",
                            description="Fetched with the SSRF guard (public addresses only)")
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=300)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$",
                                 description="ISO 639-1 code; overrides detection")
    store: bool = Field(default=False, description="Save the article and its analysis")

    @model_validator(mode="after")
    def _exactly_one(self) -> AnalyzeIn:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class CorpusStatsOut(BaseModel):
    articles: int
    analysed: int
    by_source: dict[str, int]
    by_language: dict[str, int]
    by_genre: dict[str, int]
    by_frame: dict[str, int]
    by_technique: dict[str, int]
    timeline: dict[str, int] = Field(description='"YYYY-MM" of published -> articles')


class LabelInfo(BaseModel):
    name: str
    kind: Literal["technique", "frame", "genre"]
    label: str = Field(description="Human-readable name")
    definition: str = ""
    colour: str | None = Field(default=None, examples=["#f47b8f"])
    group: str | None = Field(default=None, description="Technique group")


class LabelsOut(BaseModel):
    techniques: list[LabelInfo]
    frames: list[LabelInfo]
    genres: list[LabelInfo]


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    articles: int
    writes_enabled: bool


class Message(BaseModel):
    detail: str


class Problem(BaseModel):
    """A 422: a message for bad filters and documents, FastAPI's list for invalid input."""

    detail: str | list[dict[str, Any]] = Field(
        examples=["unknown technique 'X'", [{"loc": ["query", "limit"], "msg": "too large",
                                             "type": "less_than_equal"}]])


class DeletedOut(BaseModel):
    id: str
    deleted: bool
