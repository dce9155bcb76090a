"""Corpus queries for the API, dashboard and reports: filtered, searched, paged listings and
statistics.

INTERFACE STUB (issue 4): the signatures and records here are the contract the API, the
dashboard and the report code against; the bodies are filled in by the store work.
Filters on analyzer output read the `article_labels` table (one row per article, stage and
label, newest model wins), so they are index lookups, not JSON scans; full-text search uses
SQLite FTS5 or PostgreSQL's text search. Snippets come back as (text, is_hit) segments, never
as HTML: the presenters escape every byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Connection

from propscope.store.records import ArticleSummary

Order = Literal["ingested", "published", "relevance"]


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    source: str | None = None
    language: str | None = None
    since: str | None = None  # ISO date, inclusive, on `published`
    until: str | None = None  # ISO date, inclusive of the whole day
    technique: str | None = None  # articles with at least one unit carrying it
    frame: str | None = None
    genre: str | None = None
    q: str | None = None  # full-text query over title + clean text


@dataclass(frozen=True, slots=True)
class ArticleItem:
    summary: ArticleSummary
    genre: str | None = None
    frames: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()  # distinct labels in the article, most frequent first
    snippet: tuple[tuple[str, bool], ...] = ()  # search hit context: (text, is_hit) segments


@dataclass(slots=True)
class ArticlePage:
    items: list[ArticleItem]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class CorpusStats:
    articles: int
    analysed: int
    by_source: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    by_genre: dict[str, int] = field(default_factory=dict)  # articles per genre
    by_frame: dict[str, int] = field(default_factory=dict)  # articles per frame
    by_technique: dict[str, int] = field(default_factory=dict)  # articles using each technique
    timeline: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" of `published` -> articles


class QueryError(ValueError):
    """A filter or search query the user must fix (bad date, unknown label, bad syntax)."""


def query_articles(conn: Connection, f: ArticleFilter, *, limit: int = 50, offset: int = 0,
                   order: Order = "ingested") -> ArticlePage:
    raise NotImplementedError


def corpus_stats(conn: Connection, f: ArticleFilter) -> CorpusStats:
    raise NotImplementedError
