"""/api/v1 stats, label vocabulary, health."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from propscope import __version__
from propscope.api.convert import stats_out
from propscope.api.deps import article_filter, get_store
from propscope.api.schemas import (
    CorpusStatsOut,
    HealthOut,
    LabelInfo,
    LabelsOut,
    Problem,
)
from propscope.report import techniques_info as info
from propscope.store import Store
from propscope.store.query import ArticleFilter

router = APIRouter(tags=["corpus"])


@router.get("/stats", response_model=CorpusStatsOut,
            responses={422: {"model": Problem, "description": "Bad filter or query"}})
def stats(f: Annotated[ArticleFilter, Depends(article_filter)],
          store: Annotated[Store, Depends(get_store)]) -> CorpusStatsOut:
    """Counts by source, language, genre, frame, technique and month, under the filters."""
    return stats_out(store.corpus_stats(f))


@router.get("/techniques", response_model=LabelsOut)
def techniques() -> LabelsOut:
    """Every label the analyzers assign: human name, one-line definition, colour."""
    return LabelsOut(
        techniques=[LabelInfo(name=k, kind="technique", label=v.name, definition=v.definition,
                              colour=v.colour, group=v.group)
                    for k, v in info.TECHNIQUE_INFO.items()],
        frames=[LabelInfo(name=k, kind="frame", label=v.name, definition=v.definition)
                for k, v in info.FRAME_INFO.items()],
        genres=[LabelInfo(name=k, kind="genre", label=v.name, definition=v.definition)
                for k, v in info.GENRE_INFO.items()],
    )


@router.get("/health", response_model=HealthOut)
def health(request: Request, store: Annotated[Store, Depends(get_store)]) -> HealthOut:
    """Liveness plus whether writes are possible (a token is configured)."""
    return HealthOut(status="ok", version=__version__, articles=store.count_articles(),
                     writes_enabled=bool(request.app.state.settings.token))
