"""/api/v1/articles: filtered listing, one article, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from propscope.api.convert import article_out, list_item
from propscope.api.convert_corpus import with_corpus
from propscope.api.deps import article_filter, get_store, load_article
from propscope.api.schemas import (
    ArticleOut,
    ArticlePageOut,
    DeletedOut,
    Message,
    Problem,
)
from propscope.api.security import require_write
from propscope.store import Store
from propscope.store.query import ArticleFilter, Order
from propscope.store.review_facade import ReviewedArticleError

router = APIRouter(tags=["articles"])

NOT_FOUND = {404: {"model": Message, "description": "No such article"},
             400: {"model": Message, "description": "Not an id, too short or ambiguous prefix"}}
WRITE = {401: {"model": Message, "description": "Missing or wrong token"},
         403: {"model": Message, "description": "Writes disabled, or cross-origin cookie use"}}


def next_page(request: Request, offset: int, limit: int, shown: int, total: int,
              prefix: str = "") -> str | None:
    """Relative URL of the next page with the same filters, or None on the last page
    (`prefix` names the parameters: "member_" pages a narrative's members)."""
    if shown == 0 or offset + shown >= total:
        return None
    url = request.url.include_query_params(**{f"{prefix}offset": offset + shown,
                                              f"{prefix}limit": limit})
    return f"{url.path}?{url.query}"


@router.get("/articles", response_model=ArticlePageOut,
            responses={422: {"model": Problem, "description": "Bad filter or query"}})
def list_articles(
    request: Request,
    f: Annotated[ArticleFilter, Depends(article_filter)],
    store: Annotated[Store, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    order: Order = "ingested",
) -> ArticlePageOut:
    """Articles matching every given filter, one page at a time."""
    page = store.query_articles(f, limit=limit, offset=offset, order=order)
    return ArticlePageOut(
        items=[list_item(i) for i in page.items], total=page.total, limit=page.limit,
        offset=page.offset,
        next=next_page(request, page.offset, limit, len(page.items), page.total),
    )


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND)
def get_article(article_id: str, store: Annotated[Store, Depends(get_store)]) -> ArticleOut:
    """The clean text, its paragraphs, the analysis, the removed boilerplate, and what the
    corpus runs found: reuse links both ways, narratives, attribution/artefact markers."""
    return with_corpus(article_out(load_article(store, article_id), stored=True), store)


@router.delete("/articles/{article_id}", response_model=DeletedOut,
               dependencies=[Depends(require_write)], responses={**NOT_FOUND, **WRITE})
def delete_article(article_id: str, store: Annotated[Store, Depends(get_store)]) -> DeletedOut:
    """Remove an article and everything derived from it (needs the token); 409 if
    analysts corrected it (their corrections are never dropped silently)."""
    article = load_article(store, article_id)
    try:
        return DeletedOut(id=article.id, deleted=store.delete_article(article.id))
    except ReviewedArticleError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from None
