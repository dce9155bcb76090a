"""Dashboard entity pages: the entity list (kind, name filter, paged) and one entity with
the stance each outlet takes toward it, what it is quoted saying, and its articles.
Read-only; an empty corpus says which command fills the pages."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from propscope.schema.voices import ENTITY_KINDS
from propscope.store import Store
from propscope.web.filters import page_number
from propscope.web.render import render
from propscope.web.voices_view import KIND_NAMES

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
QUOTES_SHOWN = 30
MAX_PARAM = 200


def _store(request: Request) -> Store:
    return request.app.state.store


def _param(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_PARAM or "\x00" in value:
        raise ValueError(f"{name}: at most {MAX_PARAM} characters of text")
    return value


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request) -> HTMLResponse:
    """People, organizations, places and groups across the corpus, most covered first."""
    store, page = _store(request), page_number(request.query_params)
    base = {"kinds": [(k, KIND_NAMES[k]) for k in ENTITY_KINDS], "action": "/entities"}
    try:
        kind, q = _param(request, "kind"), _param(request, "q")
        if kind and kind not in ENTITY_KINDS:
            raise ValueError(f"kind: unknown entity kind {kind!r}; choose from "
                             f"{', '.join(ENTITY_KINDS)}")
    except ValueError as exc:
        return render(request, "entities.html.j2", status=400, error=str(exc), items=[], total=0,
                      any_entities=True, values={}, page=1, pages=1, **base)
    filters = {"kind": kind or None, "q": q or None}
    total = store.count_entities(**filters)
    items = store.entities(**filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    values = {k: v for k, v in (("kind", kind), ("q", q)) if v}
    return render(request, "entities.html.j2", error=None, items=items, total=total,
                  any_entities=total > 0 or store.count_entities() > 0, values=values, page=page,
                  pages=max(1, math.ceil(total / PAGE_SIZE)), **base)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    """One entity: counts, stance per outlet, its quotes, a page of its articles."""
    store, page = _store(request), page_number(request.query_params)
    found = store.entity(entity_id[:MAX_PARAM]) if "\x00" not in entity_id else None
    if found is None:
        return render(request, "error.html.j2", status=404,
                      error=f"no entity with id {entity_id[:MAX_PARAM]!r}")
    arts = store.entity_articles(found.id, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(request, "entity.html.j2", e=found, articles=arts,
                  quotes=store.entity_quotes(found.id, limit=QUOTES_SHOWN),
                  by_source=store.entity_stance_by_source(found.id), page=page,
                  pages=max(1, math.ceil(found.articles / PAGE_SIZE)), values={},
                  action=request.url.path)


@router.get("/voices", response_class=HTMLResponse)
def voices_by_outlet(request: Request) -> HTMLResponse:
    """Per outlet: technique spans in its own words vs inside quotes, and whose quotes."""
    store = _store(request)
    rows = store.source_voices()
    return render(request, "voices.html.j2", rows=rows, names=_voice_names(store, rows))


def _voice_names(store: Store, rows: list) -> dict[str, str]:
    """Display names of the entity voices shown (a reader should not see raw ids)."""
    ids = [v for r in rows for v in r.speakers if ":" in v and not v.startswith("speaker:")]
    return store.entity_names(ids)
