"""Shared request dependencies: the store, filters from the query string, article lookup.

Filter strings are declared without NUL characters and with length caps in the OpenAPI
schema itself, so bad input is a documented 422 and never reaches a database driver
(PostgreSQL refuses NUL in text with an error that would otherwise surface as a 500).
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import HTTPException, Query, Request

from propscope.schema import Article
from propscope.store import AmbiguousIdError, IdTooShortError, Store
from propscope.store.query import ArticleFilter

NO_NUL = r"^[^\x00]*$"
_ID = re.compile(r"[0-9a-f]{1,64}")

Label = Annotated[str | None, Query(max_length=100, pattern=NO_NUL)]
Text = Annotated[str | None, Query(max_length=300, pattern=NO_NUL)]
Day = Annotated[str | None, Query(max_length=40, pattern=NO_NUL,
                                  description="ISO date (YYYY-MM-DD), on `published`")]


def get_store(request: Request) -> Store:
    return request.app.state.store


def article_filter(
    source: Text = None,
    language: Annotated[str | None, Query(max_length=16, pattern=NO_NUL)] = None,
    since: Day = None,
    until: Day = None,
    technique: Label = None,
    frame: Label = None,
    genre: Label = None,
    q: Annotated[str | None, Query(max_length=500, pattern=NO_NUL,
                                   description="Full-text search over title and text")] = None,
) -> ArticleFilter:
    """The listing, stats and export filters (empty strings mean "no filter")."""
    return ArticleFilter(source=source or None, language=language or None, since=since or None,
                         until=until or None, technique=technique or None, frame=frame or None,
                         genre=genre or None, q=q or None)


def load_article(store: Store, article_id: str) -> Article:
    """Article by id or unique prefix, or the 400/404 that says what is wrong."""
    wanted = article_id.strip().lower()
    if not _ID.fullmatch(wanted):
        raise HTTPException(400, "not an article id: ids are hexadecimal (16 characters, "
                                 "or a unique prefix of at least 6)")
    try:
        article = store.get_article(wanted)
    except (IdTooShortError, AmbiguousIdError) as exc:
        raise HTTPException(400, str(exc)) from None
    if article is None:
        raise HTTPException(404, f"no article with id {wanted!r}")
    return article
