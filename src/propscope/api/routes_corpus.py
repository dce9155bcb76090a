"""/api/v1 reuse, narratives, sources: what `propscope reuse | narratives | sources` found.

Reading only; every filter is validated by its declared type (a Literal kind or period, a
bounded page), so bad input is a documented 422 and never reaches the database.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from propscope.api import corpus_data as data
from propscope.api.convert_corpus import (
    member_out,
    narrative_fields,
    narrative_summary,
    pair_out,
    profile_out,
)
from propscope.api.deps import NO_NUL, Text, get_store
from propscope.api.routes_articles import next_page
from propscope.api.schemas import Message
from propscope.api.schemas_corpus import (
    NarrativeOut,
    NarrativePageOut,
    ReusePageOut,
    SourcesOut,
)
from propscope.store import Store

router = APIRouter(tags=["corpus"])

Kind = Literal["duplicate", "partial", "translated", "spun"]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=100_000_000)]
NarrativeId = Annotated[str, Path(max_length=100, pattern=NO_NUL,
                                  description="Narrative id, e.g. n-4be1c0a9f3d2")]


@router.get("/reuse", response_model=ReusePageOut)
def list_reuse(request: Request, store: Annotated[Store, Depends(get_store)],
               kind: Kind | None = None, limit: Limit = 50, offset: Offset = 0) -> ReusePageOut:
    """Reuse links (earlier -> later), in id order, optionally of one kind."""
    total, counts = data.reuse_total(store, kind)
    links = store.list_reuse(limit=limit, offset=offset, kind=kind)
    return ReusePageOut(items=[pair_out(p) for p in data.link_pairs(store, links)], total=total,
                        counts=counts, limit=limit, offset=offset,
                        next=next_page(request, offset, limit, len(links), total))


@router.get("/narratives", response_model=NarrativePageOut)
def list_narratives(request: Request, store: Annotated[Store, Depends(get_store)],
                    min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                    limit: Limit = 50, offset: Offset = 0) -> NarrativePageOut:
    """Narratives, biggest first, with at least `min_size` members."""
    total = store.count_narratives(min_size)
    found = store.narratives(limit=limit, offset=offset, min_size=min_size)
    return NarrativePageOut(items=[narrative_summary(s) for s in found], total=total,
                            limit=limit, offset=offset,
                            next=next_page(request, offset, limit, len(found), total))


@router.get("/narratives/{narrative_id}", response_model=NarrativeOut,
            responses={404: {"model": Message, "description": "No such narrative"}})
def get_narrative(request: Request, narrative_id: NarrativeId,
                  store: Annotated[Store, Depends(get_store)],
                  member_limit: Limit = 50, member_offset: Offset = 0) -> NarrativeOut:
    """One narrative: label, key terms, counts, timeline, and a page of its members."""
    summary = data.narrative_summary(store, narrative_id)
    if summary is None:
        raise HTTPException(404, f"no narrative with id {narrative_id[:100]!r}")
    page = data.members(store, narrative_id, member_limit, member_offset)
    return NarrativeOut(
        **narrative_fields(summary),  # type: ignore[arg-type]
        members=[member_out(b, score) for b, score in page],
        member_offset=member_offset, member_limit=member_limit,
        members_next=next_page(request, member_offset, member_limit, len(page), summary.size,
                               prefix="member_"))


@router.get("/sources", response_model=SourcesOut)
def sources(request: Request, store: Annotated[Store, Depends(get_store)],
            period: Literal["all", "year", "month"] = "all", source: Text = None) -> SourcesOut:
    """Per-outlet profiles over a period: volume, languages, technique density, frames,
    genres, who it copies and who copies it, its narratives."""
    found = data.profiles(request.app.state, store, period, source or None)
    return SourcesOut(period=period, items=[profile_out(p) for p in found])
