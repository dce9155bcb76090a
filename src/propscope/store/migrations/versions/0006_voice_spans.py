"""The voice index: technique spans per article by whose voice they are in, for fast source
profiles by voice.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-14

`article_voices` (one row per article with a voices analysis: source, quote count) and
`article_voice_spans` (article, voice, technique -> spans) are backfilled here from the
newest techniques and voices payloads. Unlike 0003, the backfill calls the store code
(store/voice_spans.rebuild) instead of spelling the reading out: its numbers must be the
ones the attribution rule of this propscope gives (attribute_spans), not a frozen copy.
A later revision that changes these two tables must inline the backfill it needs here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_article_id_articles"))


def upgrade() -> None:
    op.create_table(
        "article_voices",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("quotes", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_voices")),
        _article_fk("article_voices"),
    )
    op.create_index(op.f("ix_article_voices_source_quotes"), "article_voices",
                    ["source", "quotes"])
    op.create_table(
        "article_voice_spans",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("voice", sa.Text, nullable=False),
        sa.Column("technique", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "voice", "technique",
                                name=op.f("pk_article_voice_spans")),
        _article_fk("article_voice_spans"),
    )
    op.create_index(op.f("ix_article_voice_spans_source_voice_technique_n"),
                    "article_voice_spans", ["source", "voice", "technique", "n"])
    from propscope.store.voice_spans import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_article_voice_spans_source_voice_technique_n"),
                  table_name="article_voice_spans")
    op.drop_table("article_voice_spans")
    op.drop_index(op.f("ix_article_voices_source_quotes"), table_name="article_voices")
    op.drop_table("article_voices")
