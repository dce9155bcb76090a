"""Who says what: the `voices` analysis stage, the entity index and the corpus merge map.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10

`analyses` keeps one payload per (article, stage, model); its stage CHECK now admits
'voices'. SQLite cannot alter a CHECK in place, so the table is rebuilt (batch mode, from
the definition spelled out below, rows copied); PostgreSQL swaps the constraint. Existing
rows and the article_labels index are untouched. `article_entities` starts empty: no
voices analysis exists before this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_OLD_STAGES = "stage IN ('techniques', 'genre', 'frames')"
_NEW_STAGES = "stage IN ('techniques', 'genre', 'frames', 'voices')"


def _analyses(check: str) -> sa.Table:
    """`analyses` as revision 0002 made it, with the given stage CHECK (batch copy source)."""
    return sa.Table(
        "analyses", sa.MetaData(),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "stage", "model", name="pk_analyses"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_analyses_article_id_articles"),
        sa.CheckConstraint(check, name="ck_analyses_stage"),
        sa.Index("ix_analyses_stage", "stage"),
    )


def _swap_stage_check(old: str, new: str) -> None:
    with op.batch_alter_table("analyses", copy_from=_analyses(old)) as batch:
        batch.drop_constraint(op.f("ck_analyses_stage"), type_="check")
        batch.create_check_constraint(op.f("ck_analyses_stage"), new)


def upgrade() -> None:
    _swap_stage_check(_OLD_STAGES, _NEW_STAGES)
    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("salience", sa.Float, nullable=False),
        sa.Column("quotes", sa.Integer, nullable=False),
        sa.Column("stance", sa.Text),
        sa.Column("stance_score", sa.Float),
        sa.PrimaryKeyConstraint("article_id", "key", name=op.f("pk_article_entities")),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_article_entities_article_id_articles")),
        sa.CheckConstraint("kind IN ('person', 'organization', 'place', 'group')",
                           name=op.f("ck_article_entities_kind")),
        sa.CheckConstraint("stance IS NULL OR stance IN ('supportive', 'neutral', 'critical')",
                           name=op.f("ck_article_entities_stance")),
    )
    op.create_index(op.f("ix_article_entities_entity_id_article_id"), "article_entities",
                    ["entity_id", "article_id"])
    op.create_table(
        "entity_merges",
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_entity_merges")),
    )


def downgrade() -> None:
    """Drop the voices tables and the voices rows (the old CHECK would refuse them)."""
    op.drop_table("entity_merges")
    op.drop_index(op.f("ix_article_entities_entity_id_article_id"),
                  table_name="article_entities")
    op.drop_table("article_entities")
    op.execute("DELETE FROM analyses WHERE stage = 'voices'")
    _swap_stage_check(_NEW_STAGES, _OLD_STAGES)
