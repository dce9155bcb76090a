"""/api/v1/entities: the entity list and one entity's page (articles, quotes, stance per
outlet). Filters are typed (Literal kinds and orders, bounded pages) so bad input is a
documented 422 and never reaches the database."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from propscope.api.convert_voices import (
    entity_article_out,
    entity_quote_out,
    entity_summary_out,
    source_stance_out,
)
from propscope.api.deps import NO_NUL, Text, get_store
from propscope.api.routes_articles import next_page
from propscope.api.routes_corpus import Limit, Offset
from propscope.api.schemas import Message
from propscope.api.schemas_voices import (
    EntityKind,
    EntityOut,
    EntityPageOut,
    SourceVoicesOut,
    SourceVoicesPageOut,
)
from propscope.store import Store

router = APIRouter(tags=["entities"])

EntityId = Annotated[str, Path(max_length=200, pattern=NO_NUL,
                               description="Canonical entity id, e.g. per:jane-holt")]


@router.get("/entities", response_model=EntityPageOut)
def list_entities(request: Request, store: Annotated[Store, Depends(get_store)],
                  kind: EntityKind | None = None,
                  q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL,
                                                 description="Part of the name or id")] = None,
                  source: Text = None,
                  order: Literal["articles", "quotes", "mentions", "name"] = "articles",
                  limit: Limit = 50, offset: Offset = 0) -> EntityPageOut:
    """Entities across the corpus (after `propscope entities --merge`, merged keys count as
    one), with articles, mentions, quotes and the stance articles take toward them."""
    filters = {"kind": kind, "q": q or None, "source": source or None}
    total = store.count_entities(**filters)
    items = store.entities(**filters, order=order, limit=limit, offset=offset)
    return EntityPageOut(items=[entity_summary_out(e) for e in items], total=total, limit=limit,
                         offset=offset, next=next_page(request, offset, limit, len(items), total))


@router.get("/entities/{entity_id}", response_model=EntityOut,
            responses={404: {"model": Message, "description": "No such entity"}})
def get_entity(request: Request, entity_id: EntityId, store: Annotated[Store, Depends(get_store)],
               limit: Limit = 50, offset: Offset = 0,
               quote_limit: Annotated[int, Query(ge=0, le=500)] = 50) -> EntityOut:
    """One entity: counts, a page of its articles (newest first), what it is quoted saying,
    and each outlet's stance toward it."""
    summary = store.entity(entity_id)
    if summary is None:
        raise HTTPException(404, f"no entity with id {entity_id[:200]!r}")
    page = store.entity_articles(entity_id, limit=limit, offset=offset)
    quotes = store.entity_quotes(entity_id, limit=quote_limit) if quote_limit else []
    return EntityOut(
        **entity_summary_out(summary).model_dump(),
        article_items=[entity_article_out(x) for x in page],
        articles_next=next_page(request, offset, limit, len(page), summary.articles),
        quote_items=[entity_quote_out(x) for x in quotes],
        by_source=[source_stance_out(x) for x in store.entity_stance_by_source(entity_id)])


@router.get("/sources/voices", response_model=SourceVoicesPageOut)
def sources_by_voice(store: Annotated[Store, Depends(get_store)],
                     source: Text = None) -> SourceVoicesPageOut:
    """Per outlet: technique spans in its own words vs inside quotes, by technique, and
    whose quotes carry them (sums over the store's voice index)."""
    rows = store.source_voices()
    return SourceVoicesPageOut(items=[
        SourceVoicesOut(**{**asdict(r), "quoted_share": r.quoted_share}) for r in rows
        if not source or r.source == source])
