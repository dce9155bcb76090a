"""Cross-document results: reuse links, markers, narratives and their members, corpus state.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Everything here is derived data (recomputed by `propscope reuse` / `propscope narratives`),
keyed by article ids with ON DELETE CASCADE so deleting an article leaves no dangling link
or membership. The reuse kinds are spelled out (not imported from schema.corpus) so this
revision creates the same CHECK forever.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_KINDS = "kind IN ('duplicate', 'partial', 'translated', 'spun')"
_OFFSETS = 'start >= 0 AND start <= "end"'


def _article_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["articles.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_articles"))


def upgrade() -> None:
    op.create_table(
        "reuse_links",
        sa.Column("earlier", sa.Text, nullable=False),
        sa.Column("later", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("coverage_earlier", sa.Float, nullable=False),
        sa.Column("coverage_later", sa.Float, nullable=False),
        sa.Column("order_by", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("earlier", "later", name=op.f("pk_reuse_links")),
        _article_fk("reuse_links", "earlier"),
        _article_fk("reuse_links", "later"),
        sa.CheckConstraint(_KINDS, name=op.f("ck_reuse_links_kind")),
    )
    # "links of article X": the primary key serves `earlier`; these serve `later` and kind pages.
    op.create_index(op.f("ix_reuse_links_later_earlier"), "reuse_links", ["later", "earlier"])
    op.create_index(op.f("ix_reuse_links_kind_earlier_later"), "reuse_links",
                    ["kind", "earlier", "later"])
    op.create_table(
        "markers",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("names", sa.JSON, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "idx", name=op.f("pk_markers")),
        _article_fk("markers", "article_id"),
        sa.CheckConstraint(_OFFSETS, name=op.f("ck_markers_offsets")),
        sa.CheckConstraint("location IN ('text', 'source')", name=op.f("ck_markers_location")),
    )
    op.create_index(op.f("ix_markers_kind"), "markers", ["kind"])
    _create_narratives()


def _create_narratives() -> None:
    op.create_table(
        "narratives",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narratives")),
    )
    op.create_table(
        "narrative_members",
        sa.Column("narrative_id", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("narrative_id", "article_id", name=op.f("pk_narrative_members")),
        sa.ForeignKeyConstraint(["narrative_id"], ["narratives.id"], ondelete="CASCADE",
                                name=op.f("fk_narrative_members_narrative_id_narratives")),
        _article_fk("narrative_members", "article_id"),
    )
    op.create_index(op.f("ix_narrative_members_article_id"), "narrative_members", ["article_id"])
    op.create_table(
        "corpus_state",
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_corpus_state")),
    )


def downgrade() -> None:
    """Drop what this revision created, children first for the foreign keys."""
    op.drop_table("corpus_state")
    op.drop_index(op.f("ix_narrative_members_article_id"), table_name="narrative_members")
    op.drop_table("narrative_members")
    op.drop_table("narratives")
    op.drop_index(op.f("ix_markers_kind"), table_name="markers")
    op.drop_table("markers")
    op.drop_index(op.f("ix_reuse_links_kind_earlier_later"), table_name="reuse_links")
    op.drop_index(op.f("ix_reuse_links_later_earlier"), table_name="reuse_links")
    op.drop_table("reuse_links")
