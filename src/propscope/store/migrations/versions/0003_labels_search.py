"""Labels table (filters on analyzer output) and the full-text index over title + text.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

article_labels holds the labels of the newest analysis of each (article, stage); it is
backfilled here from `analyses` (newest analyzed_at wins, model name breaking ties, exactly
like store.analysis.load_analysis). The payload reading is spelled out here rather than
imported so this revision behaves the same forever.

Full text: SQLite gets an FTS5 external-content table over articles(title, text), so the
text is not stored twice, kept in step by triggers (articles are immutable, but the update
trigger makes a manual fix safe too); unicode61 with remove_diacritics 2 folds case and
accents in every script (Cyrillic, Greek, Latin). PostgreSQL gets a GIN index on the
'simple' configuration (no stemming: the corpus is multilingual).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_FTS_SQLITE = (
    ("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
     "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
     "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"),
    ("CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
     "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
     "VALUES ('delete', old.rowid, old.title, old.text); END"),
    ("CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
     "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
     "VALUES ('delete', old.rowid, old.title, old.text); "
     "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"),
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)
_FTS_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS articles_fts_au",
    "DROP TRIGGER IF EXISTS articles_fts_ad",
    "DROP TRIGGER IF EXISTS articles_fts_ai",
    "DROP TABLE IF EXISTS articles_fts",
)
_GIN_PG = ("CREATE INDEX ix_articles_search ON articles USING gin "
           "(to_tsvector('simple', coalesce(title, '') || ' ' || text))")
_BACKFILL_CHUNK = 2000


def upgrade() -> None:
    op.create_table(
        "article_labels",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "stage", "label", name=op.f("pk_article_labels")),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_article_labels_article_id_articles")),
        sa.CheckConstraint("stage IN ('techniques', 'genre', 'frames')",
                           name=op.f("ck_article_labels_stage")),
    )
    op.create_index(op.f("ix_article_labels_stage_label_article_id"), "article_labels",
                    ["stage", "label", "article_id"])
    _backfill_labels()
    for column in ("published", "ingested_at"):  # listings order by (column, id): one index
        op.drop_index(op.f(f"ix_articles_{column}"), table_name="articles")
        op.create_index(op.f(f"ix_articles_{column}_id"), "articles", [column, "id"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in _FTS_SQLITE:
            op.execute(statement)
    else:
        op.execute(_GIN_PG)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _FTS_SQLITE_DROP:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS ix_articles_search")
    for column in ("published", "ingested_at"):
        op.drop_index(op.f(f"ix_articles_{column}_id"), table_name="articles")
        op.create_index(op.f(f"ix_articles_{column}"), "articles", [column])
    op.drop_index(op.f("ix_article_labels_stage_label_article_id"), table_name="article_labels")
    op.drop_table("article_labels")


def _labels(stage: str, payload: Any) -> dict[str, int]:
    """label -> n: units carrying a technique, or 1 per genre / frame label."""
    counts: dict[str, int] = {}
    if not isinstance(payload, dict):
        return counts
    if stage == "techniques":
        for unit in payload.get("units") or []:
            for label in set((unit or {}).get("labels") or []):
                counts[label] = counts.get(label, 0) + 1
    else:
        for label in payload.get("labels") or []:
            counts[label] = 1
    return counts


def _newest(conn: sa.Connection) -> Iterator[tuple[str, str, Any]]:
    """(article_id, stage, payload) of the newest analysis per (article, stage), streamed."""
    analyses = sa.table("analyses", sa.column("article_id"), sa.column("stage"),
                        sa.column("model"), sa.column("analyzed_at"), sa.column("payload", sa.JSON))
    c = analyses.c
    stmt = sa.select(c.article_id, c.stage, c.payload).order_by(
        c.article_id, c.stage, c.analyzed_at, c.model).execution_options(
        stream_results=True, yield_per=500)  # on the statement: not the caller's connection
    current: tuple[str, str, Any] | None = None
    for row in conn.execute(stmt):
        if current is not None and (current[0], current[1]) != (row[0], row[1]):
            yield current
        current = (row[0], row[1], row[2])  # later rows are newer: the last one wins
    if current is not None:
        yield current


def _backfill_labels() -> None:
    conn = op.get_bind()
    labels = sa.table("article_labels", sa.column("article_id"), sa.column("stage"),
                      sa.column("label"), sa.column("n"))
    rows: list[dict[str, Any]] = []
    for article_id, stage, payload in _newest(conn):  # the inserts go to another table
        rows.extend({"article_id": article_id, "stage": stage, "label": label, "n": n}
                    for label, n in _labels(stage, payload).items())
        if len(rows) >= _BACKFILL_CHUNK:
            conn.execute(labels.insert(), rows)
            rows = []
    if rows:
        conn.execute(labels.insert(), rows)
