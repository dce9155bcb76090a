"""Reading and writing the append-only `corrections` table (issue 8)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, func, insert, select

from propscope.schema.review import Correction
from propscope.store.tables import articles, corrections

ID_CHUNK = 500


def _row(c: Correction) -> dict[str, Any]:
    return asdict(c)


def from_row(row: Any) -> Correction:
    data = dict(row._mapping)
    at: datetime = data["created_at"]
    # SQLite returns naive datetimes; every stored time is UTC.
    data["created_at"] = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return Correction(**data)


def insert_corrections(conn: Connection, items: Sequence[Correction]) -> int:
    if items:
        conn.execute(insert(corrections), [_row(c) for c in items])
    return len(items)


def existing_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), ID_CHUNK):
        chunk = list(ids[i : i + ID_CHUNK])
        found.update(conn.execute(select(corrections.c.id).where(corrections.c.id.in_(chunk))).scalars())
    return found


def _filtered(stmt: Select, article_id: str | None, author: str | None,
              technique: str | None, target: str | None) -> Select:
    c = corrections.c
    for column, value in ((c.article_id, article_id), (c.author, author),
                          (c.technique, technique), (c.target, target)):
        if value is not None:
            stmt = stmt.where(column == value)
    return stmt


def list_corrections(conn: Connection, *, article_id: str | None = None, author: str | None = None,
                     technique: str | None = None, target: str | None = None,
                     limit: int | None = None, offset: int = 0) -> list[Correction]:
    """Oldest first (the order in which verdicts were given; ties by id)."""
    stmt = _filtered(select(corrections), article_id, author, technique, target)
    stmt = stmt.order_by(corrections.c.created_at, corrections.c.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [from_row(r) for r in conn.execute(stmt)]


def count_corrections(conn: Connection, *, article_id: str | None = None, author: str | None = None,
                      technique: str | None = None, target: str | None = None) -> int:
    stmt = _filtered(select(func.count()).select_from(corrections), article_id, author,
                     technique, target)
    return int(conn.execute(stmt).scalar_one())


def corrected_article_ids(conn: Connection, *, author: str | None = None,
                          technique: str | None = None) -> list[str]:
    stmt = _filtered(select(corrections.c.article_id).distinct(), None, author, technique, None)
    return sorted(conn.execute(stmt).scalars())


def orphans(conn: Connection) -> list[Correction]:
    """Corrections whose article is no longer stored (kept by delete_article(force=True))."""
    gone = ~select(articles.c.id).where(articles.c.id == corrections.c.article_id).exists()
    stmt = select(corrections).where(gone).order_by(corrections.c.created_at, corrections.c.id)
    return [from_row(r) for r in conn.execute(stmt)]
