"""Initial schema: articles with paragraphs and removed blocks, errors, ingest log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

DDL is spelled out here (not taken from propscope.store.tables) so this revision creates
the same schema forever, whatever later revisions change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_OFFSETS = 'start >= 0 AND start <= "end"'


def upgrade() -> None:
    """Create the foundation tables."""
    _create_articles()
    _create_article_children()
    _create_errors_and_log()


def downgrade() -> None:
    """Drop everything this revision created (children first for the foreign keys)."""
    for table in ("ingest_log", "errors", "removed_blocks", "paragraphs", "articles"):
        op.drop_table(table)


def _create_articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("published", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("language_confidence", sa.Float),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source_text", sa.Text, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("extractor", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raw_sha256", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.CheckConstraint(
            "language_confidence IS NULL OR "
            "(language_confidence >= 0 AND language_confidence <= 1)",
            name=op.f("ck_articles_confidence_range"),
        ),
    )
    for column in ("source", "language", "published", "ingested_at", "raw_sha256"):
        op.create_index(op.f(f"ix_articles_{column}"), "articles", [column])


def _create_article_children() -> None:
    for table, extra in (
        ("paragraphs", []),
        ("removed_blocks", [("reason", sa.Text), ("text", sa.Text)]),
    ):
        op.create_table(
            table,
            sa.Column("article_id", sa.Text, nullable=False),
            sa.Column("idx", sa.Integer, nullable=False),
            sa.Column("start", sa.Integer, nullable=False),
            sa.Column("end", sa.Integer, nullable=False),
            *[sa.Column(name, type_, nullable=False) for name, type_ in extra],
            sa.PrimaryKeyConstraint("article_id", "idx", name=op.f(f"pk_{table}")),
            sa.ForeignKeyConstraint(
                ["article_id"],
                ["articles.id"],
                ondelete="CASCADE",
                name=op.f(f"fk_{table}_article_id_articles"),
            ),
            sa.CheckConstraint(_OFFSETS, name=op.f(f"ck_{table}_offsets")),
        )


def _create_errors_and_log() -> None:
    op.create_table(
        "errors",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("raw_sha256", sa.Text),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_errors")),
    )
    op.create_index(op.f("ix_errors_at"), "errors", ["at"])
    op.create_table(
        "ingest_log",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("raw_sha256", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_log")),
        sa.UniqueConstraint("origin", "raw_sha256", name=op.f("uq_ingest_log_origin_raw_sha256")),
        sa.CheckConstraint(
            "status IN ('stored', 'duplicate', 'error')", name=op.f("ck_ingest_log_status")
        ),
    )
    op.create_index(op.f("ix_ingest_log_article_id"), "ingest_log", ["article_id"])
