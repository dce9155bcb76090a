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

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, func, literal_column, select, text

from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES
from propscope.store import query_stats
from propscope.store.read import _summary_select
from propscope.store.records import ArticleSummary, as_utc
from propscope.store.search import (
    Search,
    SearchSyntaxError,
    match_condition,
    parse,
    relevance_select,
    snippets,
)
from propscope.store.tables import FTS_TABLE, article_labels, articles

Order = Literal["ingested", "published", "relevance"]
MAX_LIMIT = 500
#: Above this many matching articles a SQLite page walks the sort index (see Plan.where).
PROBE_MIN_HITS = 1000


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


@dataclass(slots=True)
class Plan:
    """A validated filter: plain conditions on `articles`, label filters, the search if any."""

    conds: list[ColumnElement[bool]]
    labels: list[tuple[str, str]]  # (stage, label)
    search: Search | None

    def where(self, dialect: str, probe: bool = False) -> list[ColumnElement[bool]]:
        """All conditions. probe=True (SQLite) keeps the planner from driving the query by
        the label / hit sets, so it walks the sort index and probes the sets instead: far
        cheaper when they are large (reading a row's sort key from a wide row is costly).
        """
        lab = article_labels.c
        ident = literal_column("+articles.id") if probe and dialect == "sqlite" else articles.c.id
        out = list(self.conds)
        out += [ident.in_(select(lab.article_id).where(lab.stage == stage, lab.label == label))
                for stage, label in self.labels]
        if self.search is not None:
            out.append(match_condition(dialect, self.search, probe))
        return out

    def without_search(self, dialect: str) -> list[ColumnElement[bool]]:
        return Plan(self.conds, self.labels, None).where(dialect)


def plan_filter(f: ArticleFilter, dialect: str) -> Plan:
    """Validate every field of `f` (QueryError with a message the user can act on)."""
    a = articles.c
    source, language, since, until, technique, frame, genre, q = (
        _field(name, getattr(f, name)) for name in
        ("source", "language", "since", "until", "technique", "frame", "genre", "q"))
    conds: list[ColumnElement[bool]] = []
    labels: list[tuple[str, str]] = []
    if source is not None:
        conds.append(a.source == source)
    if language is not None:
        conds.append(a.language == language)
    first = _date("since", since) if since is not None else None
    last = _date("until", until) if until is not None else None
    if first and last and first > last:
        raise QueryError(f"since ({first}) is after until ({last})")
    if first is not None:
        conds.append(a.published >= first.isoformat())
    if last is not None:  # inclusive of the whole day, and still an index range
        conds.append(a.published < (last + timedelta(days=1)).isoformat())
    for stage, value, vocabulary in (("techniques", technique, TECHNIQUES),
                                     ("frames", frame, FRAMES), ("genre", genre, GENRES)):
        if value is not None:
            labels.append((stage, _label(stage, value, vocabulary)))
    try:
        search = parse(q) if q is not None else None
    except SearchSyntaxError as exc:
        raise QueryError(str(exc)) from exc
    return Plan(conds, labels, search)


def _field(name: str, value: str | None) -> str | None:
    """Blank means "no filter" (forms send empty strings); NUL is refused up front."""
    if value is None or not str(value).strip():
        return None
    if "\x00" in str(value):
        raise QueryError(f"{name} contains a NUL character")
    return str(value).strip()


def _date(name: str, value: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{name} must be a date as YYYY-MM-DD, got {value[:40]!r}") from None


def _label(stage: str, value: str, vocabulary: tuple[str, ...]) -> str:
    """The official label name; case-insensitive, since people type them."""
    by_lower = {v.lower(): v for v in vocabulary}
    if value.lower() in by_lower:
        return by_lower[value.lower()]
    kind = {"techniques": "technique", "frames": "frame"}.get(stage, stage)
    raise QueryError(f"unknown {kind} {value[:60]!r}; expected one of: {', '.join(vocabulary)}")


def query_articles(conn: Connection, f: ArticleFilter, *, limit: int = 50, offset: int = 0,
                   order: Order = "ingested") -> ArticlePage:
    """One page of articles matching `f`, with labels and (when searching) hit snippets.

    Two steps so per-article work (paragraph counts, text length, snippets, labels) is done
    for the page only: first the ordered page of ids, then everything else for those ids.
    """
    _check_page(limit, offset, order, f)
    dialect = conn.dialect.name
    plan = plan_filter(f, dialect)
    total = _count(conn, plan)
    if order == "relevance" and plan.search is not None:
        stmt = relevance_select(dialect, plan.search, plan.without_search(dialect))
    else:
        conds = plan.where(dialect, probe=total > PROBE_MIN_HITS)
        stmt = select(articles.c.id).where(*conds).order_by(*_ORDERS[order])
    ids = list(conn.execute(stmt.limit(limit).offset(offset)).scalars()) if total else []
    return ArticlePage(_items(conn, ids, plan), total, limit, offset)


def corpus_stats(conn: Connection, f: ArticleFilter) -> CorpusStats:
    """Counts over the articles matching `f` (the same filters as query_articles).

    `analysed` counts articles with any stored analysis; NULL source/language are
    "unknown"; the timeline skips articles without a (YYYY-MM...) publication date.
    """
    plan = plan_filter(f, conn.dialect.name)
    groups: dict[str, dict[Any, int]] = {}
    for kind, key, n in query_stats.stat_rows(conn, plan.where(conn.dialect.name)):
        groups.setdefault(kind, {})[key] = n
    timeline = {m: n for m, n in groups.get("month", {}).items() if m and _MONTH.fullmatch(m)}

    def ranked(kind: str) -> dict[str, int]:
        counts = _unknown(list(groups.get(kind, {}).items()))
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    return CorpusStats(
        articles=groups.get("articles", {}).get(None, 0),
        analysed=groups.get("analysed", {}).get(None, 0),
        by_source=ranked("source"), by_language=ranked("language"), by_genre=ranked("genre"),
        by_frame=ranked("frames"), by_technique=ranked("techniques"),
        timeline=dict(sorted(timeline.items())),
    )


# -- helpers -----------------------------------------------------------------------------

_MONTH = re.compile(r"\d{4}-\d{2}")
_ORDERS = {
    "ingested": (articles.c.ingested_at.desc(), articles.c.id.desc()),
    "published": (articles.c.published.desc().nulls_last(), articles.c.id.desc()),
}


def _check_page(limit: int, offset: int, order: str, f: ArticleFilter) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be an integer from 1 to {MAX_LIMIT}, got {limit!r}")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise QueryError(f"offset must be an integer >= 0, got {offset!r}")
    if order not in ("ingested", "published", "relevance"):
        raise QueryError(f"order must be one of ingested, published, relevance; got {order!r}")
    if order == "relevance" and not (f.q or "").strip():
        raise QueryError("order=relevance needs a search query (q)")


def _count(conn: Connection, plan: Plan) -> int:
    conds = plan.where(conn.dialect.name)
    if plan.search is not None and conn.dialect.name == "sqlite" and not conds[:-1]:
        # Only a search: count the FTS hits without touching the articles rows.
        stmt = text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_q")
        return int(conn.execute(stmt, {"fts_q": plan.search.fts}).scalar_one())
    return int(conn.execute(select(func.count()).select_from(articles).where(*conds)).scalar_one())


def _unknown(rows: list[tuple[Any, int]]) -> dict[str, int]:
    """NULL groups are reported as "unknown", like Store.stats."""
    out: dict[str, int] = {}
    for value, n in rows:
        key = "unknown" if value is None else str(value)
        out[key] = out.get(key, 0) + n
    return out


def _items(conn: Connection, ids: list[str], plan: Plan) -> list[ArticleItem]:
    if not ids:
        return []
    a = articles.c
    summaries = {r.id: ArticleSummary(r.id, r.title, r.source, r.language, r.published,
                                      int(r.n_paragraphs), int(r.n_chars or 0),
                                      as_utc(r.ingested_at))
                 for r in conn.execute(_summary_select().where(a.id.in_(ids)))}
    labels = _labels(conn, ids)
    snips = snippets(conn, plan.search, ids) if plan.search is not None else {}
    items = []
    for article_id in ids:
        genre, frames, techniques = labels.get(article_id, (None, (), ()))
        items.append(ArticleItem(summaries[article_id], genre, frames, techniques,
                                 snips.get(article_id, ())))
    return items


def _labels(conn: Connection, ids: list[str]) -> dict[str, tuple[str | None, tuple[str, ...],
                                                               tuple[str, ...]]]:
    """(genre, frames, techniques) per article of the page, in one query."""
    lab = article_labels.c
    stmt = (select(lab.article_id, lab.stage, lab.label).where(lab.article_id.in_(ids))
            .order_by(lab.article_id, lab.stage, lab.n.desc(), lab.label))
    found: dict[str, dict[str, list[str]]] = {}
    for article_id, stage, label in conn.execute(stmt):
        found.setdefault(article_id, {}).setdefault(stage, []).append(label)
    return {i: ((s.get("genre") or [None])[0], tuple(s.get("frames", ())),
                tuple(s.get("techniques", ())))
            for i, s in found.items()}
