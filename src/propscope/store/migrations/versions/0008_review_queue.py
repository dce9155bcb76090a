"""The review queue (issue 8): per (article, technique) the least certain model decision.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

Derived data (store/review_queue.py), kept with each analysis by save_analyses; the backfill
computes it from the newest stored techniques analysis of every article with the code that
keeps it current, since the rows are a cache of that computation rather than a record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_BACKFILL_CHUNK = 2000


def upgrade() -> None:
    op.create_table(
        "review_queue",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("technique", sa.Text, nullable=False),
        sa.Column("margin", sa.Float, nullable=False),
        sa.Column("prob", sa.Float, nullable=False),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("predicted", sa.Boolean, nullable=False),
        sa.Column("language", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "technique", name=op.f("pk_review_queue")),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_review_queue_article_id_articles")),
    )
    op.create_index(op.f("ix_review_queue_margin_article_id_technique"), "review_queue",
                    ["margin", "article_id", "technique"])
    op.create_index(op.f("ix_review_queue_technique_margin_article_id"), "review_queue",
                    ["technique", "margin", "article_id"])
    op.create_index(op.f("ix_review_queue_language_margin_article_id"), "review_queue",
                    ["language", "margin", "article_id"])
    _backfill()


def downgrade() -> None:
    op.drop_index(op.f("ix_review_queue_language_margin_article_id"), table_name="review_queue")
    op.drop_index(op.f("ix_review_queue_technique_margin_article_id"), table_name="review_queue")
    op.drop_index(op.f("ix_review_queue_margin_article_id_technique"), table_name="review_queue")
    op.drop_table("review_queue")


def _newest(conn: sa.Connection) -> Iterator[tuple[str, Any, str | None, str]]:
    """(article_id, payload, language, model) of the newest techniques analysis per article."""
    analyses = sa.table("analyses", sa.column("article_id"), sa.column("stage"),
                        sa.column("model"), sa.column("analyzed_at"),
                        sa.column("payload", sa.JSON))
    articles = sa.table("articles", sa.column("id"), sa.column("language"))
    c = analyses.c
    stmt = (sa.select(c.article_id, c.payload, articles.c.language, c.model)
            .join(articles, articles.c.id == c.article_id)
            .where(c.stage == "techniques")
            .order_by(c.article_id, c.analyzed_at, c.model)
            .execution_options(stream_results=True, yield_per=500))
    current: tuple[str, Any, str | None, str] | None = None
    for row in conn.execute(stmt):
        if current is not None and current[0] != row[0]:
            yield current
        current = (row[0], row[1], row[2], row[3])  # later rows are newer: the last one wins
    if current is not None:
        yield current


def _backfill() -> None:
    from propscope.store.review_queue import queue_rows

    conn = op.get_bind()
    table = sa.table("review_queue", *(sa.column(n) for n in (
        "article_id", "technique", "margin", "prob", "threshold", "paragraph", "predicted",
        "language")))
    rows: list[dict[str, Any]] = []
    for article_id, payload, language, model in _newest(conn):
        rows.extend(queue_rows(article_id, payload, language, model))
        if len(rows) >= _BACKFILL_CHUNK:
            conn.execute(table.insert(), rows)
            rows = []
    if rows:
        conn.execute(table.insert(), rows)
