"""Read queries: lookup by id prefix, filtered listings, streaming export, stats, resume keys.

Every function takes an open Connection so the Store decides transaction scope; listings
never load article text, and the export stream pages by id (keyset) so it neither holds a
long read transaction nor buffers the whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, ColumnElement, Row, Select, and_, func, select, tuple_

from propscope.schema import Article, Paragraph, RemovedBlock
from propscope.store import tables as t
from propscope.store.exceptions import AmbiguousIdError, IdTooShortError
from propscope.store.records import ArticleSummary, ErrorRecord, as_utc

MIN_PREFIX = 6
#: (origin, digest) pairs per processed() query: 2 bind params each, far under any limit.
KEY_CHUNK = 400
DateLike = str | date | datetime


def _iso(value: DateLike) -> str:
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def _filters(
    source: str | None, language: str | None, since: DateLike | None, until: DateLike | None
) -> list[ColumnElement[bool]]:
    """Listing filters; since/until compare ISO ``published`` text, until inclusive of the day."""
    a = t.articles.c
    conds: list[ColumnElement[bool]] = []
    if source is not None:
        conds.append(a.source == source)
    if language is not None:
        conds.append(a.language == language)
    if since is not None:
        conds.append(a.published >= _iso(since))
    if until is not None:
        bound = _iso(until)  # "2021-06-01" must include "2021-06-01T10:00:00"
        conds.append(func.substr(a.published, 1, len(bound)) <= bound)
    return conds


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def resolve_id(conn: Connection, id_or_prefix: str) -> str | None:
    """Exact id, else a unique prefix of at least MIN_PREFIX characters."""
    a = t.articles.c
    if conn.execute(select(a.id).where(a.id == id_or_prefix)).first():
        return id_or_prefix
    if len(id_or_prefix) < MIN_PREFIX:
        raise IdTooShortError(
            f"id prefix {id_or_prefix!r} is too short: give at least {MIN_PREFIX} characters"
        )
    pattern = _escape_like(id_or_prefix) + "%"
    stmt = select(a.id).where(a.id.like(pattern, escape="\\")).order_by(a.id).limit(5)
    matches = list(conn.execute(stmt).scalars())
    if len(matches) > 1:
        raise AmbiguousIdError(
            f"id prefix {id_or_prefix!r} is ambiguous: matches {', '.join(matches)}"
            + (", ..." if len(matches) == 5 else "")
        )
    return matches[0] if matches else None


def _children(conn: Connection, ids: Sequence[str]) -> tuple[dict[str, list[Paragraph]],
                                                               dict[str, list[RemovedBlock]]]:
    paras: dict[str, list[Paragraph]] = {i: [] for i in ids}
    removed: dict[str, list[RemovedBlock]] = {i: [] for i in ids}
    p, r = t.paragraphs.c, t.removed_blocks.c
    for row in conn.execute(select(p.article_id, p.start, p.end)
                            .where(p.article_id.in_(ids)).order_by(p.article_id, p.idx)):
        paras[row.article_id].append(Paragraph(row.start, row.end))
    for blk in conn.execute(select(r.article_id, r.start, r.end, r.reason, r.text)
                            .where(r.article_id.in_(ids)).order_by(r.article_id, r.idx)):
        removed[blk.article_id].append(RemovedBlock(blk.start, blk.end, blk.reason, blk.text))
    return paras, removed


def _article(row: Row[Any], paras: list[Paragraph], removed: list[RemovedBlock]) -> Article:
    return Article(
        id=row.id, text=row.text, title=row.title, url=row.url, origin=row.origin,
        source=row.source, authors=list(row.authors or []), published=row.published,
        language=row.language, language_confidence=row.language_confidence,
        paragraphs=paras, removed=removed, source_text=row.source_text,
        raw=bytes(row.raw), media_type=row.media_type, extractor=row.extractor,
    )


def load_articles(conn: Connection, ids: Sequence[str]) -> list[Article]:
    """Full articles (children and raw bytes included) in ``ids`` order."""
    if not ids:
        return []
    rows = {r.id: r for r in conn.execute(select(t.articles).where(t.articles.c.id.in_(ids)))}
    paras, removed = _children(conn, list(rows))
    return [_article(rows[i], paras[i], removed[i]) for i in ids if i in rows]


def iter_ids(conn_factory: Any, batch_size: int) -> Iterator[list[str]]:
    """Pages of ids in id order, each page read in its own short connection."""
    last = ""
    while True:
        with conn_factory() as conn:
            stmt = select(t.articles.c.id).where(t.articles.c.id > last)
            page = list(conn.execute(stmt.order_by(t.articles.c.id).limit(batch_size)).scalars())
        if not page:
            return
        yield page
        last = page[-1]


def _summary_select() -> Select[Any]:
    a, p = t.articles.c, t.paragraphs.c
    n_paras = (select(func.count()).where(p.article_id == a.id)
               .correlate(t.articles).scalar_subquery())
    return select(a.id, a.title, a.source, a.language, a.published,
                  n_paras.label("n_paragraphs"), func.length(a.text).label("n_chars"),
                  a.ingested_at)


def list_articles(conn: Connection, conds: list[ColumnElement[bool]], limit: int,
                  offset: int) -> list[ArticleSummary]:
    """Newest ingested first; id breaks ties so pages never overlap."""
    a = t.articles.c
    stmt = _summary_select().where(and_(True, *conds))
    stmt = stmt.order_by(a.ingested_at.desc(), a.id).limit(limit).offset(offset)
    return [
        ArticleSummary(r.id, r.title, r.source, r.language, r.published,
                       int(r.n_paragraphs), int(r.n_chars or 0), as_utc(r.ingested_at))
        for r in conn.execute(stmt)
    ]


def count(conn: Connection, conds: list[ColumnElement[bool]]) -> int:
    stmt = select(func.count()).select_from(t.articles).where(and_(True, *conds))
    return int(conn.execute(stmt).scalar_one())


def list_errors(conn: Connection, limit: int, offset: int) -> list[ErrorRecord]:
    """Most recent first."""
    e = t.errors.c
    stmt = select(t.errors).order_by(e.id.desc()).limit(limit).offset(offset)
    return [ErrorRecord(r.id, r.origin, r.kind, r.message, r.raw_sha256, as_utc(r.at))
            for r in conn.execute(stmt)]


def count_errors(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(t.errors)).scalar_one())


def _group_counts(conn: Connection, column: Any) -> dict[str, int]:
    """Counts per value, biggest first; NULL is reported as "unknown"."""
    stmt = select(column, func.count()).group_by(column).order_by(func.count().desc(), column)
    return {(value if value is not None else "unknown"): int(n) for value, n in conn.execute(stmt)}


def stats(conn: Connection) -> dict[str, Any]:
    return {
        "articles": count(conn, []),
        "errors": count_errors(conn),
        "by_language": _group_counts(conn, t.articles.c.language),
        "by_source": _group_counts(conn, t.articles.c.source),
    }


def processed(conn: Connection, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (origin, raw_sha256) pairs ingest_log already has, queried in chunks."""
    log = t.ingest_log.c
    unique = list(dict.fromkeys(keys))
    found: set[tuple[str, str]] = set()
    for i in range(0, len(unique), KEY_CHUNK):
        chunk = unique[i : i + KEY_CHUNK]
        stmt = select(log.origin, log.raw_sha256).where(
            tuple_(log.origin, log.raw_sha256).in_(chunk))
        found.update((o, s) for o, s in conn.execute(stmt))
    return found
