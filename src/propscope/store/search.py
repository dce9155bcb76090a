"""Full-text search on both backends: safe query translation, match conditions, snippets.

The user's query is never handed to a query parser raw. On SQLite it is rewritten into an
FTS5 expression in which every word is a quoted string, so FTS5 syntax ("AND", "*", NEAR,
column filters, stray quotes) cannot cause an error or change meaning; the grammar mirrors
PostgreSQL's websearch_to_tsquery (words are ANDed, "quoted phrases", `or`, `-word`), so a
query means the same on both backends. PostgreSQL parses it with websearch_to_tsquery,
which accepts any input.

Snippets mark hits with a random per-query marker, so article text (hostile) cannot forge
a hit boundary, and come back as (text, is_hit) segments for the presenters to escape.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    TextClause,
    bindparam,
    column,
    literal_column,
    select,
    table,
    text,
)

from propscope.store.tables import FTS_TABLE, PG_SEARCH_VECTOR, articles

MAX_QUERY_CHARS = 500
SNIPPET_TOKENS = 16
_PHRASE_OR_WORD = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDY = re.compile(r"\w")
_SPACE = re.compile(r"\s+")
Segments = tuple[tuple[str, bool], ...]


class SearchSyntaxError(ValueError):
    """The query has nothing to look for (store.query turns it into a QueryError)."""


@dataclass(frozen=True, slots=True)
class Search:
    q: str  # the user's query, stripped
    fts: str  # the same query as a safe FTS5 expression (used on SQLite only)


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _groups(q: str) -> list[tuple[list[str], list[str]]]:
    """OR-separated groups of (included, excluded) terms, websearch style."""
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    for match in _PHRASE_OR_WORD.finditer(q):
        minus, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.lower() == "or":
            groups.append(([], []))
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            minus, word = "-", word[1:]
        term = phrase if phrase is not None else word
        if term and _WORDY.search(term):  # pure punctuation has no tokens to match
            groups[-1][1 if minus else 0].append(term)
    return [g for g in groups if g[0]]  # websearch drops groups that only exclude


def to_fts5(q: str) -> str:
    """The query as an FTS5 expression of quoted strings; SearchSyntaxError if no word."""
    groups = _groups(q)
    if not groups:
        raise SearchSyntaxError(
            f"search query {q[:80]!r} has no word to look for (excluded words alone cannot "
            "be searched)")
    parts = []
    for included, excluded in groups:
        expr = " AND ".join(_fts_string(t) for t in included)
        expr += "".join(f" NOT {_fts_string(t)}" for t in excluded)
        parts.append(f"({expr})")
    return " OR ".join(parts)


def parse(q: str) -> Search:
    """Validate and translate a user query (length cap keeps the work per query bounded)."""
    q = q.strip()
    if len(q) > MAX_QUERY_CHARS:
        raise SearchSyntaxError(
            f"search query is too long ({len(q)} characters; at most {MAX_QUERY_CHARS})")
    if "\x00" in q:
        raise SearchSyntaxError("search query contains a NUL character")
    return Search(q, to_fts5(q))


# -- conditions --------------------------------------------------------------------------

def match_condition(dialect: str, s: Search, probe: bool = False) -> TextClause:
    """WHERE clause restricting `articles` (unaliased) to the search hits.

    probe: SQLite only, see store.query.Plan.where ("+" hides the rowid from the planner).
    """
    if dialect == "sqlite":
        plus = "+" if probe else ""
        return text(f"{plus}articles.rowid IN (SELECT rowid FROM {FTS_TABLE} "
                    f"WHERE {FTS_TABLE} MATCH :fts_q)").bindparams(fts_q=s.fts)
    return text(f"{PG_SEARCH_VECTOR} @@ websearch_to_tsquery('simple', :ts_q)").bindparams(ts_q=s.q)


def relevance_select(dialect: str, s: Search, conds: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Article ids matching `s` and `conds`, best match first (bm25 / ts_rank), id breaking ties."""
    a = articles.c
    if dialect == "sqlite":
        fts = table(FTS_TABLE, column("rowid"))
        return (select(a.id)
                .select_from(articles.join(fts, fts.c.rowid == literal_column("articles.rowid")))
                .where(text(f"{FTS_TABLE} MATCH :fts_q").bindparams(fts_q=s.fts), *conds)
                .order_by(text(f"bm25({FTS_TABLE})"), a.id.desc()))
    rank = text(f"ts_rank({PG_SEARCH_VECTOR}, websearch_to_tsquery('simple', :rank_q)) DESC")
    return (select(a.id).where(match_condition(dialect, s), *conds)
            .order_by(rank.bindparams(rank_q=s.q), a.id.desc()))


# -- snippets ----------------------------------------------------------------------------

def segments(marked: str, start: str, stop: str) -> Segments:
    """Split text carrying start/stop markers into (text, is_hit) segments, spaces collapsed."""
    out: list[tuple[str, bool]] = []
    hit = False
    for token in re.split(f"({re.escape(start)}|{re.escape(stop)})", marked):
        if token in (start, stop):
            hit = token == start
        elif token:
            piece = _SPACE.sub(" ", token)
            if out and out[-1][1] == hit:
                out[-1] = (out[-1][0] + piece, hit)
            else:
                out.append((piece, hit))
    return tuple(out)


def snippets(conn: Connection, s: Search, ids: Sequence[str]) -> dict[str, Segments]:
    """Hit context for the given articles only (a page), as segments."""
    if not ids:
        return {}
    nonce = secrets.token_hex(8)
    start, stop = f"ps{nonce}b", f"ps{nonce}e"
    if conn.dialect.name == "sqlite":
        rowids = dict(conn.execute(text("SELECT rowid, id FROM articles WHERE id IN :ids")
                                   .bindparams(bindparam("ids", expanding=True)), {"ids": list(ids)})
                      .all())
        # One row per statement: FTS5 seeks straight to a rowid, while "rowid IN (...)"
        # re-runs the whole match for every value.
        sql = text(f"SELECT snippet({FTS_TABLE}, -1, :st, :sp, '…', {SNIPPET_TOKENS}) "
                   f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_q AND rowid = :r")
        marked = {article_id: conn.execute(sql, {"st": start, "sp": stop, "fts_q": s.fts,
                                                 "r": rowid}).scalar()
                  for rowid, article_id in rowids.items()}
    else:
        options = (f"StartSel={start}, StopSel={stop}, MaxFragments=2, MaxWords=24, "
                   'MinWords=8, FragmentDelimiter=" … "')
        sql = text("SELECT id, ts_headline('simple', coalesce(title, '') || ' ' || text, "
                   "websearch_to_tsquery('simple', :ts_q), :opts) FROM articles WHERE id IN :ids"
                   ).bindparams(bindparam("ids", expanding=True))
        marked = dict(conn.execute(sql, {"ts_q": s.q, "opts": options, "ids": list(ids)}).all())
    return {i: segments(m or "", start, stop) for i, m in marked.items()}
