"""/api/v1 analysts' corrections (issue 8): thin routes over the Store's review methods.

Checking stays where it lives for every other way in (schema/review.py and
Store.add_corrections): the route only fills what the server knows (the article's exact text
version, ids, timestamps) and turns CorrectionError into a 422 with its message. Strings no
database could store (NUL, lone surrogates) are a 422 here, never a driver error; a batch
is stored whole or not at all.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field, field_validator

from propscope.api.deps import NO_NUL, get_store, load_article
from propscope.api.routes_articles import NOT_FOUND, WRITE
from propscope.api.routes_review_queue import router as queue_router
from propscope.api.schemas import Message, Problem
from propscope.api.security import require_write
from propscope.review.agreement import TechniqueAgreement
from propscope.review.effective import Conflict, EffectiveLabels
from propscope.schema.review import (
    MAX_AUTHOR,
    MAX_MODEL,
    MAX_NOTE,
    Correction,
    CorrectionError,
    text_version,
)
from propscope.store import Store

router = APIRouter(tags=["review"])

MAX_BATCH = 1000
INT32 = 2**31 - 1
BAD = {422: {"model": Problem, "description": "Invalid correction (the message says why); "
                                              "nothing was stored"}}
Author = Annotated[str, Query(min_length=1, max_length=MAX_AUTHOR, pattern=NO_NUL)]
OptAuthor = Annotated[str | None, Query(max_length=MAX_AUTHOR, pattern=NO_NUL)]
OptLabel = Annotated[str | None, Query(max_length=100, pattern=NO_NUL)]

_EXAMPLE = {"target": "span", "action": "reject", "technique": "Loaded_Language",
            "start": 120, "end": 138, "author": "analyst-1", "note": "neutral wording"}


class CorrectionIn(BaseModel):
    """One verdict; the article and its text version come from the URL and the store."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})
    target: str = Field(max_length=20, description="span | paragraph | genre | frames")
    action: str = Field(max_length=20, description="accept | reject | relabel | add")
    technique: str = Field(max_length=100, description="The label judged (SemEval name)")
    author: str = Field(max_length=MAX_AUTHOR)
    new_label: str | None = Field(None, max_length=100, description="relabel only")
    start: int | None = Field(None, ge=0, le=INT32, description="span: offset into the text")
    end: int | None = Field(None, ge=0, le=INT32, description="span: end offset, exclusive")
    paragraph: int | None = Field(None, ge=-1, le=INT32, description="-1 = the title")
    model: str = Field("", max_length=MAX_MODEL, description="The model output reviewed")
    note: str = Field("", max_length=MAX_NOTE)

    @field_validator("target", "action", "technique", "author", "new_label", "model", "note")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        """PostgreSQL refuses NUL in text (lone surrogates pydantic refuses itself)."""
        if value is not None and "\x00" in value:
            raise ValueError("NUL characters cannot be stored")
        return value


class CorrectionOut(BaseModel):
    id: str
    article_id: str
    article_version: str
    target: str
    action: str
    technique: str
    author: str
    new_label: str | None
    start: int | None
    end: int | None
    paragraph: int | None
    model: str
    note: str
    created_at: str = Field(description="ISO 8601, UTC")


class CorrectionPageOut(BaseModel):
    items: list[CorrectionOut]
    total: int
    limit: int
    offset: int


class StoredOut(BaseModel):
    stored: int
    items: list[CorrectionOut]


class SpanLabelOut(BaseModel):
    technique: str
    start: int
    end: int


class ParagraphLabelsOut(BaseModel):
    paragraph: int = Field(description="-1 = the title")
    labels: list[str]


class ConflictOut(BaseModel):
    target: str
    label: str
    start: int | None = None
    end: int | None = None
    paragraph: int | None = None
    verdicts: list[CorrectionOut] = Field(description="Each author's latest verdict")


class EffectiveOut(BaseModel):
    article_id: str
    spans: list[SpanLabelOut]
    paragraphs: list[ParagraphLabelsOut]
    genre: list[str]
    frames: list[str]
    conflicts: list[ConflictOut]
    stale: list[CorrectionOut] = Field(description="Made on another text version; not applied")
    applied: int = Field(description="Keys decided by corrections")


class AgreementOut(BaseModel):
    technique: str
    units: int
    observed: float | None
    kappa: float | None
    span_chars_a: int
    span_chars_b: int
    span_f1: float | None


def correction_out(c: Correction) -> CorrectionOut:
    return CorrectionOut(
        id=c.id, article_id=c.article_id, article_version=c.article_version, target=c.target,
        action=c.action, technique=c.technique, author=c.author, new_label=c.new_label,
        start=c.start, end=c.end, paragraph=c.paragraph, model=c.model, note=c.note,
        created_at=c.created_at.isoformat())


def _conflict_out(conflict: Conflict) -> ConflictOut:
    target, label, location = conflict.key
    where: dict[str, Any] = {}
    if isinstance(location, tuple):
        where = {"start": location[0], "end": location[1]}
    elif isinstance(location, int):
        where = {"paragraph": location}
    return ConflictOut(target=target, label=label, **where,
                       verdicts=[correction_out(c) for c in conflict.verdicts])


def effective_out(eff: EffectiveLabels) -> EffectiveOut:
    return EffectiveOut(
        article_id=eff.article_id,
        spans=[SpanLabelOut(technique=t, start=s, end=e) for t, s, e in eff.spans],
        paragraphs=[ParagraphLabelsOut(paragraph=p, labels=list(labs))
                    for p, labs in sorted(eff.paragraphs.items())],
        genre=list(eff.genre), frames=list(eff.frames),
        conflicts=[_conflict_out(c) for c in eff.conflicts],
        stale=[correction_out(c) for c in eff.stale], applied=eff.applied)


def _agreement_out(row: TechniqueAgreement) -> AgreementOut:
    return AgreementOut(technique=row.technique, units=row.units, observed=row.observed,
                        kappa=row.kappa, span_chars_a=row.span_chars_a,
                        span_chars_b=row.span_chars_b, span_f1=row.span_f1)


Batch = Annotated[CorrectionIn | list[CorrectionIn], Body(
    description=f"One correction or a list of at most {MAX_BATCH}",
    openapi_examples={"one": {"summary": "Reject a span", "value": _EXAMPLE},
                      "batch": {"summary": "Two verdicts at once", "value": [
                          _EXAMPLE, {"target": "genre", "action": "relabel",
                                     "technique": "reporting", "new_label": "opinion",
                                     "author": "analyst-1"}]}})]


@router.post("/articles/{article_id}/corrections", response_model=StoredOut, status_code=201,
             dependencies=[Depends(require_write)],
             responses={**NOT_FOUND, **WRITE, **BAD,
                        413: {"model": Message, "description": "Body too large"}})
def add_corrections(article_id: str, body: Batch,
                    store: Annotated[Store, Depends(get_store)]) -> StoredOut:
    """Store analysts' verdicts on one article (needs the token): all of them, or none
    (422 with the reason) if any does not fit the stored text."""
    items = body if isinstance(body, list) else [body]
    if not items or len(items) > MAX_BATCH:
        raise HTTPException(422, f"send 1 to {MAX_BATCH} corrections, not {len(items)}")
    article = load_article(store, article_id)
    version = text_version(article.text)
    try:
        made = [Correction(article_id=article.id, article_version=version,
                           **item.model_dump()) for item in items]
        store.add_corrections(made)
    except CorrectionError as exc:
        raise HTTPException(422, str(exc)) from None
    return StoredOut(stored=len(made), items=[correction_out(c) for c in made])


@router.get("/articles/{article_id}/corrections", response_model=CorrectionPageOut,
            responses=NOT_FOUND)
def list_corrections(article_id: str, store: Annotated[Store, Depends(get_store)],
                     author: OptAuthor = None, technique: OptLabel = None,
                     limit: Annotated[int, Query(ge=1, le=1000)] = 200,
                     offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
                     ) -> CorrectionPageOut:
    """The article's corrections, oldest first (optionally one author's or one label's)."""
    aid = load_article(store, article_id).id
    filters = {"article_id": aid, "author": author or None, "technique": technique or None}
    found = store.corrections(**filters, limit=limit, offset=offset)
    return CorrectionPageOut(items=[correction_out(c) for c in found], limit=limit,
                             offset=offset, total=store.count_corrections(**filters))


@router.get("/articles/{article_id}/effective", response_model=EffectiveOut,
            responses=NOT_FOUND)
def effective(article_id: str, store: Annotated[Store, Depends(get_store)],
              author: OptAuthor = None) -> EffectiveOut:
    """Model output with the corrections applied, the conflicts between authors, and the
    corrections made on another text version (stale); `author` gives one analyst's view."""
    aid = load_article(store, article_id).id
    eff = store.effective_labels(aid, author=author or None)
    if eff is None:  # deleted between the two reads
        raise HTTPException(404, f"no article with id {aid!r}")
    return effective_out(eff)


@router.get("/review/agreement", response_model=list[AgreementOut])
def agreement(a: Author, b: Author,
              store: Annotated[Store, Depends(get_store)]) -> list[AgreementOut]:
    """Per technique, between authors `a` and `b` over the articles both reviewed:
    Cohen's kappa on paragraph labels and character-level span F1 (null when undefined)."""
    return [_agreement_out(row) for row in store.agreement(a, b)]


# the queue and the export live in their own module; mounted here so the app's router list
# (api/app.py) stays as it is
router.include_router(queue_router)
