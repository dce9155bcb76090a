"""/api/v1/export: the filtered corpus as JSON Lines (full articles) or CSV (one row each).

Streamed page by page so memory stays flat, and capped (`ApiSettings.export_cap`) so one
request cannot walk a million-article corpus. The first page is read before the response
starts, so a bad filter is still a clean 422 and not a truncated 200.
CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) get a
leading apostrophe: the file is for people opening it in Excel/LibreOffice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from propscope.api.convert import article_out
from propscope.api.deps import article_filter, get_store
from propscope.api.schemas import Problem
from propscope.store import Store
from propscope.store.query import ArticleFilter, ArticleItem, ArticlePage

router = APIRouter(tags=["corpus"])
PAGE = 200
CSV_COLUMNS = ("id", "title", "source", "language", "published", "n_paragraphs", "n_chars",
               "ingested_at", "genre", "frames", "techniques")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _csv_row(item: ArticleItem) -> str:
    s = item.summary
    values = (s.id, s.title, s.source, s.language, s.published, s.n_paragraphs, s.n_chars,
              s.ingested_at.isoformat(), item.genre, " ".join(item.frames),
              " ".join(item.techniques))
    buf = io.StringIO()
    csv.writer(buf).writerow([_cell(v) for v in values])
    return buf.getvalue()


def _items(store: Store, f: ArticleFilter, first: ArticlePage, cap: int) -> Iterator[ArticleItem]:
    page, sent = first, 0
    while page.items:
        for item in page.items:
            if sent >= cap:
                return
            sent += 1
            yield item
        if len(page.items) < PAGE:
            return
        page = store.query_articles(f, limit=PAGE, offset=page.offset + PAGE)


def _jsonl(store: Store, items: Iterator[ArticleItem]) -> Iterator[str]:
    for item in items:
        article = store.get_article(item.summary.id)
        if article is not None:  # deleted while streaming
            yield article_out(article, stored=True).model_dump_json() + "\n"


def _csv(items: Iterator[ArticleItem]) -> Iterator[str]:
    yield ",".join(CSV_COLUMNS) + "\r\n"
    for item in items:
        yield _csv_row(item)


@router.get("/export", response_class=StreamingResponse, responses={
    200: {"description": "application/x-ndjson or text/csv stream",
          "content": {"application/x-ndjson": {}, "text/csv": {}}},
    422: {"model": Problem, "description": "Bad filter or query"}})
def export(
    request: Request,
    f: Annotated[ArticleFilter, Depends(article_filter)],
    store: Annotated[Store, Depends(get_store)],
    format: Literal["jsonl", "csv"] = "jsonl",
    limit: Annotated[int | None, Query(ge=1, le=1_000_000,
                                       description="At most this many (server cap applies)")]
    = None,
) -> StreamingResponse:
    """Matching articles, newest ingested first, as a download."""
    cap = min(limit or request.app.state.settings.export_cap, request.app.state.settings.export_cap)
    first = store.query_articles(f, limit=PAGE, offset=0)
    items = _items(store, f, first, cap)
    body, media = (_csv(items), "text/csv; charset=utf-8") if format == "csv" \
        else (_jsonl(store, items), "application/x-ndjson")
    headers = {"Content-Disposition": f'attachment; filename="propscope-export.{format}"'}
    return StreamingResponse(body, media_type=media, headers=headers)
