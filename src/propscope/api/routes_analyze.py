"""Analyze-now (text, HTML or a URL) and re-analysis of a stored article.

The document goes through exactly what ingestion does: the same size caps (ingest/limits.py),
the URL fetcher with its SSRF guard, and extraction in a forked process under the same CPU
time limit as an ingest worker (`pipeline.worker.run_solo`), so a pathological page costs
one short-lived process, never the server. The whole request also has a wall-clock limit.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from typing import Annotated, TypeVar

import anyio
from fastapi import APIRouter, Depends, HTTPException, Request

from propscope.api.convert import article_out
from propscope.api.convert_corpus import with_corpus
from propscope.api.deps import get_store, load_article
from propscope.api.routes_articles import NOT_FOUND, WRITE
from propscope.api.schemas import AnalyzeIn, ArticleOut, Message, Problem
from propscope.api.security import require_write
from propscope.api.settings import ApiSettings
from propscope.extract import langid
from propscope.ingest.fetch import Fetcher
from propscope.pipeline.worker import digest, extract_outcome, run_solo
from propscope.schema import Article, DocumentError, RawDocument
from propscope.store import Store

router = APIRouter(tags=["analysis"], dependencies=[Depends(require_write)])
T = TypeVar("T")

#: DocumentError kinds that are the client's doing, by status; anything else is 422.
_STATUS = {"forbidden-address": 400, "too-large": 413, "decompression-bomb": 413}
ERRORS = {**WRITE,
          400: {"model": Message, "description": "URL refused (non-public address, scheme)"},
          413: {"model": Message, "description": "Body or document too large"},
          422: {"model": Problem, "description": "Invalid body, or no article in the document"},
          504: {"model": Message, "description": "Took longer than the request time limit"}}


async def run_bounded(settings: ApiSettings, work: Callable[[], T]) -> T:
    """Run blocking work in a thread; answer 504 if it outlives the request time limit."""
    try:
        with anyio.fail_after(settings.request_timeout):
            return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
    except TimeoutError:
        raise HTTPException(504, f"analysis took longer than {settings.request_timeout:g} s")\
            from None


def _refuse(err: DocumentError) -> HTTPException:
    return HTTPException(_STATUS.get(err.kind, 422), f"{err.kind}: {err.message}")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    return value.replace("\x00", "").strip() or None


def _raw_document(body: AnalyzeIn, settings: ApiSettings) -> RawDocument:
    fields = {k: v for k, v in (("title", _clean(body.title)), ("source", _clean(body.source)))
              if v}
    if body.url is not None:
        fetched = Fetcher(limits=settings.fetch_limits,
                          allow_private=settings.allow_private).fetch(body.url)
        if isinstance(fetched, DocumentError):
            raise _refuse(fetched)
        fetched.fields.update(fields)
        return fetched
    html = body.html is not None
    data = (body.html if html else body.text or "").encode("utf-8", "replace")
    cap = settings.fetch_limits.max_document_bytes
    if len(data) > cap:
        raise HTTPException(413, f"too-large: document of {len(data)} bytes > {cap}")
    return RawDocument(data=data, origin="api:html" if html else "api:text",
                       media_type="text/html" if html else "text/plain", fields=fields)


def _extract(doc: RawDocument, settings: ApiSettings) -> Article:
    sha = digest(doc.data)
    if "fork" in mp.get_all_start_methods():
        # Build lingua's detectors here, once: a forked child then uses the parent's (no
        # ~0.5 s rebuild per request), and never builds one after this process has used
        # lingua, which hangs (its thread pool does not survive fork; see pipeline/ingestor).
        langid.warm_up()
        article, error, _ = run_solo(doc, sha, settings.extract_timeout)
    else:  # no fork: in-process, bounded by the request time limit only
        article, error, _ = extract_outcome(doc, sha, settings.extract_timeout)
    if error is not None or article is None:
        raise _refuse(error or DocumentError("internal", "extraction failed"))
    return article


def analyze_now(request: Request, body: AnalyzeIn) -> Article:
    store, settings = request.app.state.store, request.app.state.settings
    doc = _raw_document(body, settings)
    article = _extract(doc, settings)
    if body.language:
        article.language = body.language
    request.app.state.analyzer.analyze(article)
    if body.store:
        store.save_batch([(article, digest(doc.data))])
        store.save_analyses([article])
    return article


@router.post("/analyze", response_model=ArticleOut, responses=ERRORS)
async def analyze(request: Request, body: AnalyzeIn) -> ArticleOut:
    """Extract and analyse one document now; `store: true` also saves it (needs the token)."""
    article = await run_bounded(request.app.state.settings, lambda: analyze_now(request, body))
    return article_out(article, stored=body.store)


@router.post("/articles/{article_id}/reanalyze", response_model=ArticleOut,
             responses={**NOT_FOUND, **ERRORS})
async def reanalyze(request: Request, article_id: str,
                    store: Annotated[Store, Depends(get_store)]) -> ArticleOut:
    """Run the current models over a stored article again and save the result."""

    def work() -> Article:
        article = load_article(store, article_id)
        article.analysis = None
        request.app.state.analyzer.analyze(article)
        store.save_analyses([article])
        return article

    article = await run_bounded(request.app.state.settings, work)
    return with_corpus(article_out(article, stored=True), store)
