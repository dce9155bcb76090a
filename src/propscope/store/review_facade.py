"""The Store's review methods (issue 8), a mixin so store.py stays one screenful per topic.

Corrections are checked against the stored article (it must exist, and the offsets must fit
the exact text version) before anything is written; a batch is all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import delete

from propscope.schema.review import Correction, CorrectionError, check_against
from propscope.store import analysis, read
from propscope.store import review as rows
from propscope.store.exceptions import StoreError
from propscope.store.tables import articles as articles_table
from propscope.store.write import write_tx

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from propscope.review.agreement import TechniqueAgreement
    from propscope.review.effective import EffectiveLabels
    from propscope.schema import Article
    from propscope.store.review_queue import QueueItem


class ReviewedArticleError(StoreError):
    """Deleting this article would orphan analysts' corrections; pass force=True to keep
    them orphaned (listed by Store.orphan_corrections) and delete anyway."""


class ReviewMixin:
    engine: Engine

    def _conn(self) -> Connection:  # pragma: no cover - Store defines it
        raise NotImplementedError

    def _forget(self) -> None:  # pragma: no cover - Store defines it
        raise NotImplementedError

    def _load(self, conn: Connection, article_id: str) -> Article | None:
        found = read.load_articles(conn, [article_id])
        if not found:
            return None
        found[0].analysis = analysis.load_analysis(conn, article_id)
        return found[0]

    def add_corrections(self, items: Sequence[Correction]) -> int:
        """Store corrections in one transaction; CorrectionError (nothing stored) if any
        names an unknown article, does not fit its text, or reuses a stored id."""
        items = list(items)
        if len({c.id for c in items}) != len(items):
            raise CorrectionError("the batch repeats a correction id")
        with write_tx(self.engine) as conn:
            texts: dict[str, Article | None] = {}
            for c in items:
                if c.article_id not in texts:
                    texts[c.article_id] = self._load(conn, c.article_id)
                art = texts[c.article_id]
                if art is None:
                    raise CorrectionError(f"correction {c.id}: unknown article {c.article_id}")
                check_against(c, art.text, len(art.paragraphs))
            taken = rows.existing_ids(conn, [c.id for c in items])
            if taken:
                raise CorrectionError(f"correction id(s) already stored: {', '.join(sorted(taken)[:5])}")
            return rows.insert_corrections(conn, items)

    def corrections(self, *, article_id: str | None = None, author: str | None = None,
                    technique: str | None = None, target: str | None = None,
                    limit: int | None = None, offset: int = 0) -> list[Correction]:
        """Corrections matching every given filter, oldest first."""
        with self._conn() as conn:
            return rows.list_corrections(conn, article_id=article_id, author=author,
                                         technique=technique, target=target, limit=limit,
                                         offset=offset)

    def count_corrections(self, **filters: str | None) -> int:
        with self._conn() as conn:
            return rows.count_corrections(conn, **filters)

    def corrected_article_ids(self, *, author: str | None = None,
                              technique: str | None = None) -> list[str]:
        with self._conn() as conn:
            return rows.corrected_article_ids(conn, author=author, technique=technique)

    def correction_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these ids are already stored."""
        with self._conn() as conn:
            return rows.existing_ids(conn, list(ids))

    def orphan_corrections(self) -> list[Correction]:
        with self._conn() as conn:
            return rows.orphans(conn)

    def reviewed_article(self, article_id: str, *, author: str | None = None) -> tuple[Article, list[Correction]] | None:
        """The article with its newest analysis and its corrections (one author's, or all)."""
        with self._conn() as conn:
            art = self._load(conn, article_id)
            if art is None:
                return None
            return art, rows.list_corrections(conn, article_id=article_id, author=author)

    def effective_labels(self, article_id: str, *, author: str | None = None) -> EffectiveLabels | None:
        """Model output + corrections (review/effective.py); None for an unknown article."""
        from propscope.review.effective import effective_labels

        found = self.reviewed_article(article_id, author=author)
        return None if found is None else effective_labels(*found)

    def agreement(self, author_a: str, author_b: str) -> list[TechniqueAgreement]:
        """Per technique: Cohen's kappa on paragraph labels and character-level span F1
        between two authors, over the articles both reviewed (review/agreement.py)."""
        from propscope.review.agreement import agreement

        shared = sorted(set(self.corrected_article_ids(author=author_a))
                        & set(self.corrected_article_ids(author=author_b)))
        items = [found for aid in shared if (found := self.reviewed_article(aid)) is not None]
        return agreement(items, author_a, author_b)

    def review_queue(self, *, technique: str | None = None, language: str | None = None,
                     limit: int = 50, offset: int = 0, reviewed: bool = False) -> list[QueueItem]:
        """Model decisions least certain first (store/review_queue.py), unreviewed only
        unless `reviewed`."""
        from propscope.store.review_queue import query_queue

        with self._conn() as conn:
            return query_queue(conn, technique=technique, language=language, limit=limit,
                               offset=offset, reviewed=reviewed)

    def delete_article(self, article_id: str, *, force: bool = False) -> bool:
        """Delete one article by exact id; False if there was none.

        Paragraphs, removed blocks, analyses and the label, entity and voice index rows go
        with it (ON DELETE CASCADE), and the search index entry too (SQLite trigger;
        PostgreSQL indexes the row itself). The ingest_log line stays: it records what was
        processed, not what is stored. An article with corrections is refused
        (ReviewedArticleError) unless `force`: then its corrections stay, orphaned
        (orphan_corrections), and apply again if the same text is ingested again.
        """
        self._forget()
        with write_tx(self.engine) as conn:
            n = rows.count_corrections(conn, article_id=article_id)
            if n and not force:
                raise ReviewedArticleError(
                    f"article {article_id} has {n} correction(s) by analysts; delete with "
                    "force to keep them orphaned")
            result = conn.execute(delete(articles_table).where(articles_table.c.id == article_id))
            return bool(result.rowcount)
