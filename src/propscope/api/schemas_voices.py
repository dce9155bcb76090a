"""Response models for who says what (issue 6): quotes, entities, stance, entity pages.

Offsets index the article's `text` like every span; `text` fields repeat the slice so a
client need not cut strings itself. A `voice` is an entity id, "speaker:<as written>"
for a speaker no entity resolves, or "outlet" for the outlet's own words.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntityKind = Literal["person", "organization", "place", "group"]
StanceLabel = Literal["supportive", "neutral", "critical"]
EXAMPLE_ENTITY = "per:jane-holt"


class MentionOut(BaseModel):
    start: int
    end: int
    text: str


class QuoteOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "start": 71, "end": 119, "paragraph": 1, "kind": "direct",
        "text": "The treaty is a shameful betrayal of our farmers", "cue": "said",
        "cue_start": 127, "cue_end": 131, "speaker": "Holt", "speaker_start": 122,
        "speaker_end": 126, "entity": EXAMPLE_ENTITY, "entity_name": "Jane Holt",
        "confidence": 0.9}]})

    start: int = Field(description="Offset of the quoted content in `text` (no quote marks)")
    end: int
    paragraph: int
    kind: Literal["direct", "indirect", "mixed"]
    text: str
    cue: str = Field(description='Reporting verb or phrase as written ("said", "заявил")')
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str = Field(description='Speaker as written nearest the quote ("he", "Holt")')
    speaker_start: int | None = None
    speaker_end: int | None = None
    entity: str | None = Field(description="Canonical id the speaker resolves to, or null")
    entity_name: str | None = None
    confidence: float


class ArticleEntityOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": EXAMPLE_ENTITY, "name": "Jane Holt", "kind": "person", "salience": 0.9,
        "aliases": ["Jane Holt", "Holt"], "quotes": 1, "mentions": [
            {"start": 8, "end": 17, "text": "Jane Holt"}]}]})

    id: str = Field(description="Canonical key, the same in every article and language")
    name: str
    kind: EntityKind
    salience: float
    aliases: list[str]
    quotes: int = Field(description="Quotes in this article whose speaker is this entity")
    mentions: list[MentionOut]


class StanceOut(BaseModel):
    entity: str
    name: str
    label: StanceLabel
    score: float = Field(description="-1 critical .. +1 supportive")
    evidence: list[MentionOut] = Field(description="Sentences that show the stance")


class EntitySummaryOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": EXAMPLE_ENTITY, "name": "Jane Holt", "kind": "person", "articles": 12,
        "mentions": 30, "quotes": 9, "stance": {"critical": 4, "neutral": 8},
        "stance_score": -0.21}]})

    id: str
    name: str
    kind: EntityKind
    articles: int
    mentions: int
    quotes: int
    stance: dict[str, int] = Field(description="Articles per stance label")
    stance_score: float | None = Field(description="Mean stance score, null if none")


class EntityPageOut(BaseModel):
    items: list[EntitySummaryOut]
    total: int
    limit: int
    offset: int
    next: str | None


class EntityArticleOut(BaseModel):
    id: str
    title: str
    source: str | None
    language: str | None
    published: str | None
    mentions: int
    salience: float
    quotes: int
    stance: StanceLabel | None
    stance_score: float | None


class EntityQuoteOut(BaseModel):
    article_id: str
    title: str
    source: str | None
    published: str | None
    text: str
    kind: str
    cue: str
    speaker: str


class SourceStanceOut(BaseModel):
    source: str
    articles: int
    stance: dict[str, int]
    stance_score: float | None


class EntityOut(EntitySummaryOut):
    """One entity with a page of its articles, its quotes and each outlet's stance."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": EXAMPLE_ENTITY, "name": "Jane Holt", "kind": "person", "articles": 1,
        "mentions": 2, "quotes": 1, "stance": {"critical": 1}, "stance_score": -0.6,
        "article_items": [], "articles_next": None, "quote_items": [], "by_source": []}]})

    article_items: list[EntityArticleOut]
    articles_next: str | None
    quote_items: list[EntityQuoteOut] = Field(description="Newest first, at most quote_limit")
    by_source: list[SourceStanceOut]


class SourceVoicesOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "source": "Example Gazette", "articles": 40, "quotes": 95, "outlet_spans": 120,
        "quoted_spans": 45, "quoted_share": 0.2727,
        "outlet_techniques": {"Loaded_Language": 70}, "quoted_techniques": {"Doubt": 20},
        "speakers": {EXAMPLE_ENTITY: 12}}]})

    source: str
    articles: int = Field(description="Articles with a voices analysis")
    quotes: int
    outlet_spans: int = Field(description="Technique spans in the outlet's own words")
    quoted_spans: int = Field(description="Technique spans inside quotes")
    quoted_share: float
    outlet_techniques: dict[str, int]
    quoted_techniques: dict[str, int]
    speakers: dict[str, int] = Field(description="Voices of the quoted spans, top 5")


class SourceVoicesPageOut(BaseModel):
    items: list[SourceVoicesOut]
