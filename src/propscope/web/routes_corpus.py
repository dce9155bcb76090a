"""Dashboard pages over the cross-document results: narratives, one narrative, source
profiles, reuse links. Read-only; empty pages say which command fills them."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from propscope.api import corpus_data as data
from propscope.schema.corpus import REUSE_KINDS
from propscope.store import Store
from propscope.web.corpus_views import rows, top
from propscope.web.filters import page_number
from propscope.web.render import path_part, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
SOURCE_ROWS = 50
PERIODS = ("all", "year", "month")
MAX_PARAM = 300


def _store(request: Request) -> Store:
    return request.app.state.store


def _pages(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


def _param(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_PARAM or "\x00" in value:
        raise ValueError(f"{name}: value too long ({len(value)} characters) or not text")
    return value


def _min_size(request: Request) -> int:
    try:
        return min(max(int(request.query_params.get("min_size", "1")), 1), 1_000_000)
    except ValueError:
        return 1


@router.get("/narratives", response_class=HTMLResponse)
def narratives(request: Request) -> HTMLResponse:
    """Narratives, biggest first: label, size, outlets, languages, date range."""
    store, page, min_size = _store(request), page_number(request.query_params), _min_size(request)
    total = store.count_narratives(min_size)
    found = store.narratives(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, min_size=min_size)
    items = [(s, top(s.narrative.sources), top(s.narrative.languages, 5)) for s in found]
    values = {"min_size": min_size} if min_size > 1 else {}
    return render(request, "narratives.html.j2", items=items, total=total,
                  any_narratives=total > 0 or store.count_narratives() > 0, page=page,
                  pages=_pages(total, PAGE_SIZE), values=values, action="/narratives",
                  min_size=min_size)


@router.get("/narratives/{narrative_id}", response_class=HTMLResponse)
def narrative(request: Request, narrative_id: str) -> HTMLResponse:
    """One narrative: timeline, outlets, languages, techniques, frames, members."""
    store = _store(request)
    summary = data.narrative_summary(store, narrative_id[:200]) if "\x00" not in narrative_id \
        else None
    if summary is None:
        return render(request, "error.html.j2", status=404,
                      error=f"no narrative with id {narrative_id[:100]!r}")
    n, page = summary.narrative, page_number(request.query_params)
    members = data.members(store, n.id, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    charts = {"timeline": rows(dict(sorted(n.timeline.items())), sort=False),
              "sources": rows(n.sources), "languages": rows(n.languages),
              "techniques": rows(n.techniques, limit=10), "frames": rows(n.frames, limit=8)}
    rep = data.briefs(store, [n.representative])[n.representative] if n.representative else None
    return render(request, "narrative.html.j2", s=summary, n=n, charts=charts, members=members,
                  rep=rep,
                  page=page, pages=_pages(summary.size, PAGE_SIZE), values={},
                  action="/narratives/" + path_part(n.id))


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> HTMLResponse:
    """Source profiles per outlet and period."""
    store = _store(request)
    try:
        period, source = _param(request, "period") or "all", _param(request, "source")
        if period not in PERIODS:
            raise ValueError(f"period: expected one of {', '.join(PERIODS)}, got {period[:40]!r}")
    except ValueError as exc:
        return render(request, "sources.html.j2", status=400, error=str(exc), profiles=[],
                      period="all", source="", values={}, page=1, pages=1, state=None,
                      labels={})
    found = data.profiles(request.app.state, store, period, source or None)  # type: ignore[arg-type]
    page = page_number(request.query_params)
    shown = found[(page - 1) * SOURCE_ROWS: page * SOURCE_ROWS]
    state = {"articles": store.count_articles(), "links": sum(store.count_reuse().values()),
             "narratives": store.count_narratives()}
    labels = data.narrative_labels(store, {k for p in shown for k, _ in top(p.narratives)})
    return render(request, "sources.html.j2", profiles=shown, total=len(found), period=period,
                  source=source, values={"period": period, "source": source}, page=page,
                  pages=_pages(len(found), SOURCE_ROWS), action="/sources", state=state,
                  labels=labels, top=top)


@router.get("/reuse", response_class=HTMLResponse)
def reuse(request: Request) -> HTMLResponse:
    """Reuse links, earlier -> later: kind, coverage, score, evidence markers."""
    store = _store(request)
    kind = request.query_params.get("kind", "").strip()
    if kind and kind not in REUSE_KINDS:
        return render(request, "reuse.html.j2", status=400, kinds=REUSE_KINDS, kind="",
                      error=f"kind: expected one of {', '.join(REUSE_KINDS)}, got {kind[:40]!r}",
                      pairs=[], counts={}, total=0, any_links=True, page=1, pages=1, values={})
    page = page_number(request.query_params)
    counts = store.count_reuse()
    total = counts.get(kind, 0) if kind else sum(counts.values())
    links = store.list_reuse(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, kind=kind or None)
    return render(request, "reuse.html.j2", kinds=REUSE_KINDS, kind=kind,
                  pairs=data.link_pairs(store, links), counts=counts, total=total,
                  any_links=sum(counts.values()) > 0, page=page, pages=_pages(total, PAGE_SIZE),
                  values={"kind": kind}, action="/reuse")
