"""Review mode (issue 8): what the article page needs to let an analyst judge spans, and the
/review queue page.

Review mode is the article page with `?review=1`: the text gets per-segment offsets and a
panel that `/static/review.js` drives by keyboard (spans and paragraph techniques;
`/static/review_doc.js` the article's genre and frames). The script writes through the same JSON
route as every other client (POST /api/v1/articles/{id}/corrections), authorised by the
login cookie plus the same-origin check, so the dashboard gains no write path of its own;
without the cookie the page says how to log in and the panel stays inert.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from propscope.api.routes_review_queue import FILES, check_technique
from propscope.report.techniques_info import label_name
from propscope.schema import Article
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES
from propscope.web.analyze_form import logged_in
from propscope.web.filters import page_number
from propscope.web.render import render

router = APIRouter(include_in_schema=False)
QUEUE_PAGE = 50
MAX_PAGES = 2000  # the API caps offset at 100,000


@dataclass(frozen=True, slots=True)
class ReviewPanel:
    enabled: bool  # the browser holds the token cookie
    article_id: str
    model: str  # the techniques model whose spans are judged
    technique: str  # the queue's technique to start at, if it came from the queue
    techniques: list[tuple[str, str]]  # (SemEval name, display name), the picker's options
    genres: list[tuple[str, str]]  # the genre chooser's options (one genre per article)
    frames: list[tuple[str, str]]  # the frame chooser's options (any number per article)


def review_panel(request: Request, article: Article) -> ReviewPanel | None:
    """The panel for `?review=1`, or None when review mode was not asked for."""
    if request.query_params.get("review") != "1":
        return None
    wanted = request.query_params.get("technique", "")
    model = article.analysis.techniques_model if article.analysis else ""
    return ReviewPanel(enabled=logged_in(request), article_id=article.id, model=model,
                       technique=wanted if wanted in TECHNIQUES else "",
                       techniques=_options(TECHNIQUES), genres=_options(GENRES),
                       frames=_options(FRAMES))


def _options(vocabulary: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(name, label_name(name)) for name in vocabulary]


@router.get("/review", response_class=HTMLResponse)
def queue_page(request: Request) -> HTMLResponse:
    """What to review next: the least certain model decisions, filterable, with exports."""
    store = request.app.state.store
    params = request.query_params
    values = {"technique": params.get("technique", ""), "language": params.get("language", "")}
    context = {"values": values, "techniques": _options(TECHNIQUES),
               "languages": sorted(k for k in store.corpus_stats().by_language if k)[:300],
               "exports": list(FILES), "items": [], "page": min(page_number(params), MAX_PAGES), "more": False,
               "logged_in": logged_in(request)}
    try:
        technique = check_technique(values["technique"])
    except HTTPException as exc:
        return render(request, "review.html.j2", status=400, error=str(exc.detail), **context)
    language = values["language"]
    if len(language) > 16 or "\x00" in language:
        return render(request, "review.html.j2", status=400,
                      error="language: at most 16 characters", **context)
    offset = (context["page"] - 1) * QUEUE_PAGE
    found = store.review_queue(technique=technique, language=language or None,
                               limit=QUEUE_PAGE + 1, offset=offset)
    context.update(items=found[:QUEUE_PAGE], more=len(found) > QUEUE_PAGE, first=offset + 1)
    return render(request, "review.html.j2", **context)
