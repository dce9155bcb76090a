"""/api/v1/review/queue and /api/v1/review/export (issue 8): what to review next, and the
corrections as files.

Both are reads, open like every other read of the API (corrections are no more private than
the articles they judge). The queue reads the review_queue index (store/review_queue.py) in
margin order and stops at the limit, so it costs the same at 100k articles as at ten. The
export runs review/exchange.py, the code behind `propscope review export`, into a temporary
folder and sends the file (the SemEval folder as a zip), so the two cannot drift apart.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from propscope.api.deps import NO_NUL, get_store
from propscope.api.schemas import Problem
from propscope.review.exchange import export_corrections
from propscope.schema.review import MAX_AUTHOR
from propscope.semeval.labels import TECHNIQUES
from propscope.store import Store
from propscope.store.review_queue import QueueItem

router = APIRouter(tags=["review"])
BAD_FILTER = {422: {"model": Problem, "description": "Unknown technique or bad parameter"}}

Technique = Annotated[str | None, Query(max_length=100, pattern=NO_NUL,
                                        description="One SemEval technique name")]
Language = Annotated[str | None, Query(max_length=16, pattern=NO_NUL)]
Format = Literal["jsonl", "labelstudio", "semeval"]
FILES: dict[str, tuple[str, str]] = {  # format -> (file name, media type)
    "jsonl": ("propscope-corrections.jsonl", "application/x-ndjson"),
    "labelstudio": ("propscope-corrections.labelstudio.json", "application/json"),
    "semeval": ("propscope-corrections.semeval.zip", "application/zip"),
}


class QueueItemOut(BaseModel):
    article_id: str
    title: str
    source: str | None
    language: str | None
    technique: str
    paragraph: int = Field(description="The least certain unit (-1 = the title)")
    probability: float = Field(description="Calibrated probability the model gave there")
    threshold: float = Field(description="The decision threshold it was compared with")
    predicted: bool = Field(description="The model said the technique is present there")
    uncertainty: float = Field(description="|logit(p) - logit(threshold)|; smaller = less sure")
    review_url: str


class QueueOut(BaseModel):
    items: list[QueueItemOut]
    limit: int
    offset: int
    more: bool = Field(description="Another page follows")


def _item_out(q: QueueItem) -> QueueItemOut:
    return QueueItemOut(
        article_id=q.article_id, title=q.title, source=q.source, language=q.language,
        technique=q.technique, paragraph=q.paragraph, probability=round(q.probability, 4),
        threshold=round(q.threshold, 4), predicted=q.predicted,
        uncertainty=round(q.margin, 4),
        review_url=f"/articles/{q.article_id}?review=1&technique={q.technique}")


def check_technique(technique: str | None) -> str | None:
    """Empty means no filter; anything else must be one of the 23 names (else 422)."""
    if technique and technique not in TECHNIQUES:
        raise HTTPException(422, f"unknown technique {technique!r}; expected a SemEval-2023 "
                                 "technique name (e.g. Loaded_Language)")
    return technique or None


@router.get("/review/queue", response_model=QueueOut, responses=BAD_FILTER)
def queue(store: Annotated[Store, Depends(get_store)], technique: Technique = None,
          language: Language = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
          offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
          reviewed: bool = False) -> QueueOut:
    """Model decisions least certain first (active learning): per article and technique the
    unit whose probability lies closest to the decision threshold in log-odds. Decisions an
    analyst already corrected are left out unless `reviewed=true`."""
    found = store.review_queue(technique=check_technique(technique), language=language or None,
                               limit=limit + 1, offset=offset, reviewed=reviewed)
    return QueueOut(items=[_item_out(q) for q in found[:limit]], limit=limit, offset=offset,
                    more=len(found) > limit)


def export_bytes(store: Store, fmt: str, *, author: str | None,
                 technique: str | None) -> bytes:
    """The export file's bytes (the SemEval folder zipped), via a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="propscope-export-") as tmp:
        out = Path(tmp) / ("semeval" if fmt == "semeval" else "out")
        export_corrections(store, fmt, out, author=author, technique=technique)
        if fmt != "semeval":
            return out.read_bytes()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(p for p in out.rglob("*") if p.is_file()):
                zf.write(path, path.relative_to(out).as_posix())
        return buf.getvalue()


@router.get("/review/export", response_class=Response,
            responses={200: {"content": {t: {} for _, t in FILES.values()},
                             "description": "The corrections as a file"}, **BAD_FILTER})
async def export(store: Annotated[Store, Depends(get_store)], format: Format = "jsonl",
                 author: Annotated[str | None, Query(max_length=MAX_AUTHOR,
                                                     pattern=NO_NUL)] = None,
                 technique: Technique = None) -> Response:
    """The stored corrections as `propscope review export` writes them: `jsonl` (one
    correction per line), `labelstudio` (tasks JSON) or `semeval` (the folder, zipped);
    `propscope review import` (or `--format` of the same name) reads each back exactly."""
    name, media = FILES[format]
    data = await run_in_threadpool(export_bytes, store, format, author=author or None,
                                   technique=check_technique(technique))
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
