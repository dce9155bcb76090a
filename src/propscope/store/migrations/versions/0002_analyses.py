"""Analyses: techniques, genre and frames per article and model version.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "stage", "model", name=op.f("pk_analyses")),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_analyses_article_id_articles")),
        sa.CheckConstraint("stage IN ('techniques', 'genre', 'frames')", name=op.f("ck_analyses_stage")),
    )
    op.create_index(op.f("ix_analyses_stage"), "analyses", ["stage"])


def downgrade() -> None:
    op.drop_index(op.f("ix_analyses_stage"), table_name="analyses")
    op.drop_table("analyses")
