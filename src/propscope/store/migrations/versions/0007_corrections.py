"""Analysts' corrections (issue 8): the append-only `corrections` table.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-20

No foreign key to `articles`: corrections are the analysts' work and must outlive a
re-analysis, and (Store.delete_article(force=True)) even the article, so a re-ingest of
the same text picks them up again. Rows are only ever inserted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("article_version", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("technique", sa.Text, nullable=False),
        sa.Column("new_label", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("paragraph", sa.Integer),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
        sa.CheckConstraint("target IN ('span', 'paragraph', 'genre', 'frames')",
                           name=op.f("ck_corrections_target")),
        sa.CheckConstraint("action IN ('accept', 'reject', 'relabel', 'add')",
                           name=op.f("ck_corrections_action")),
        sa.CheckConstraint('start IS NULL OR (start >= 0 AND start < "end")',
                           name=op.f("ck_corrections_offsets")),
    )
    op.create_index(op.f("ix_corrections_article_id_created_at"), "corrections",
                    ["article_id", "created_at"])
    op.create_index(op.f("ix_corrections_technique"), "corrections", ["technique"])
    op.create_index(op.f("ix_corrections_author_created_at"), "corrections",
                    ["author", "created_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_corrections_author_created_at"), table_name="corrections")
    op.drop_index(op.f("ix_corrections_technique"), table_name="corrections")
    op.drop_index(op.f("ix_corrections_article_id_created_at"), table_name="corrections")
    op.drop_table("corrections")
