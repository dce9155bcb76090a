"""The dashboard: server-rendered pages over the store (overview, articles, search, analyze).

Read pages are open; the analyze form is a write and goes through the API's token check
(cookie from /login plus a same-origin check). Pages never build markup from content: the
templates escape, and `/static/app.js` only ever sets textContent.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from propscope.api.deps import load_article
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES
from propscope.store import Store
from propscope.store.query import ArticleFilter, QueryError
from propscope.web import techniques_css
from propscope.web.analyze_form import (
    AnalyzeForm,
    FormError,
    analyze_request,
    logged_in,
    max_body,
    read_form,
)
from propscope.web.article_view import build_view
from propscope.web.corpus_views import article_corpus
from propscope.web.filters import (
    FilterError,
    bars,
    month_range,
    page_number,
    parse_filter,
)
from propscope.web.render import render
from propscope.web.review_view import review_panel
from propscope.web.review_view import router as review_router
from propscope.web.voices_view import mark_voices

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
MAX_CHOICES = 300  # sources/languages offered in the filter form


def _store(request: Request) -> Store:
    return request.app.state.store


def _top(counts: dict[str, int]) -> list[str]:
    """The MAX_CHOICES biggest groups, alphabetically."""
    return sorted(k for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:MAX_CHOICES])


def _choices(store: Store) -> dict[str, list[str]]:
    """Options of the filter form (from the whole corpus, so filtering never hides them)."""
    stats = store.corpus_stats()  # cached by the Store: every page shows this form
    return {"sources": _top(stats.by_source),
            "languages": _top(stats.by_language),
            "techniques": list(TECHNIQUES), "frames": list(FRAMES), "genres": list(GENRES)}


def _charts(stats, values: dict[str, str]) -> dict[str, list]:
    timeline = dict(sorted(stats.timeline.items()))
    return {
        "technique": bars(stats.by_technique, "technique", values),
        "frame": bars(stats.by_frame, "frame", values),
        "genre": bars(stats.by_genre, "genre", values),
        "timeline": bars(timeline, "month", values, sort=False,
                         hrefs={m: month_range(m) for m in timeline}),
        "source": bars(stats.by_source, "source", values),
        "language": bars(stats.by_language, "language", values),
    }


def _error(request: Request, status: int, message: str, template: str = "error.html.j2",
           **context) -> HTMLResponse:
    return render(request, template, status=status, error=message, **context)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """Corpus counts and distributions under the URL's filters."""
    store = _store(request)
    base = {"action": "/", "with_q": False, "choices": _choices(store), "values": {}}
    try:
        f, values = parse_filter(request.query_params, allow_q=False)
        base["values"] = values
        stats = store.corpus_stats(f)
    except (FilterError, QueryError) as exc:
        return _error(request, 400, str(exc), "overview.html.j2", stats=None, **base)
    return render(request, "overview.html.j2", stats=stats, charts=_charts(stats, values), **base)


def _listing(request: Request, f: ArticleFilter, values: dict[str, str], template: str,
             **base) -> HTMLResponse:
    page = page_number(request.query_params)
    try:
        result = _store(request).query_articles(
            f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
            order="relevance" if f.q else "ingested")
    except QueryError as exc:
        return _error(request, 400, str(exc), template, result=None, values=values, **base)
    pages = max(1, math.ceil(result.total / PAGE_SIZE))
    return render(request, template, result=result, values=values, page=page, pages=pages, **base)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request) -> HTMLResponse:
    """Filtered, paged article list (same filters as the overview, plus text search)."""
    base = {"action": "/articles", "with_q": True, "choices": _choices(_store(request))}
    try:
        f, values = parse_filter(request.query_params)
    except FilterError as exc:
        return _error(request, 400, str(exc), "articles.html.j2", result=None, values={}, **base)
    return _listing(request, f, values, "articles.html.j2", **base)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    """Full-text search; hits come back as (text, is_hit) segments and render as <mark>."""
    q = request.query_params.get("q", "").strip()
    if not q:
        return render(request, "search.html.j2", result=None, values={}, action="/search")
    if len(q) > 500 or "\x00" in q:
        return _error(request, 400, "search: the query must be at most 500 characters",
                      "search.html.j2", result=None, values={}, action="/search")
    return _listing(request, ArticleFilter(q=q), {"q": q}, "search.html.j2", action="/search")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    """One article with its technique highlights, labels, removed boilerplate, and its
    reuse links, narratives and evidence markers; `?review=1` adds review mode."""
    try:
        found = load_article(_store(request), article_id)
    except HTTPException as exc:
        return _error(request, exc.status_code, str(exc.detail))
    store = _store(request)
    view = build_view(found)
    voices = mark_voices(view, found)
    corpus = article_corpus(store, found, view)
    return render(request, "article.html.j2", a=found, v=view, notice=None, corpus=corpus,
                  voices=voices, review=review_panel(request, found))


def _analyze_page(request: Request, form: AnalyzeForm, *, status: int = 200,
                  error: str | None = None) -> HTMLResponse:
    return render(request, "analyze.html.j2", status=status, error=error, form=form,
                  logged_in=logged_in(request), max_kib=max_body(request) // 1024)


@router.get("/analyze", response_class=HTMLResponse)
def analyze_page(request: Request) -> HTMLResponse:
    return _analyze_page(request, AnalyzeForm())


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_post(request: Request) -> HTMLResponse:
    """Analyse pasted text/HTML or a URL now (token needed) and show it like a stored one."""
    form = AnalyzeForm()
    try:
        form = await read_form(request)
        result = await analyze_request(request, form)
    except FormError as exc:
        return _analyze_page(request, form, status=exc.status, error=exc.message)
    notice = (f"Analyzed and stored as {result.id}." if form.store
              else "Analyzed now; not stored (tick “store it” to keep it).")
    view = build_view(result)
    return render(request, "article.html.j2", a=result, v=view, notice=notice,
                  voices=mark_voices(view, result))


@router.get("/techniques.css")
def technique_colours() -> Response:
    """Colour classes for every technique, generated from report.techniques_info."""
    return Response(techniques_css.stylesheet(), media_type="text/css",
                    headers={"Cache-Control": "public, max-age=3600"})


router.include_router(review_router)  # /review, the queue page (web/review_view.py)
