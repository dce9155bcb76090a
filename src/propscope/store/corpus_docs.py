"""What the corpus stages read of each article: text, paragraphs, labels, removed blocks.

Why separate from read.load_articles: a corpus run reads every article, so it skips the
raw bytes and source text (the bulk of a row) and takes the labels from article_labels
(one indexed read) instead of parsing analysis payloads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, exists, select

from propscope.corpus.docs import CorpusDoc
from propscope.schema import RemovedBlock
from propscope.store import tables as t
from propscope.store.records import as_utc

_CHUNK = 500


def page_ids(conn: Connection, after: str, limit: int, without_narrative: bool = False,
             ids: Sequence[str] | None = None) -> list[str]:
    """The next `limit` article ids after `after` in id order (keyset paging).

    `without_narrative`: only articles no narrative has yet (incremental clustering).
    `ids`: only these ids.
    """
    a = t.articles.c
    stmt = select(a.id).where(a.id > after)
    if without_narrative:
        nm = t.narrative_members.c
        stmt = stmt.where(~exists().where(nm.article_id == a.id))
    if ids is not None:
        stmt = stmt.where(a.id.in_(sorted(set(ids))))
    return list(conn.execute(stmt.order_by(a.id).limit(limit)).scalars())


def _labels(conn: Connection, ids: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {i: {} for i in ids}
    lb = t.article_labels.c
    stmt = (select(lb.article_id, lb.stage, lb.label, lb.n).where(lb.article_id.in_(ids))
            .order_by(lb.article_id, lb.stage, lb.n.desc(), lb.label))
    for aid, stage, label, n in conn.execute(stmt):
        out[aid].setdefault(stage, {})[label] = int(n)
    return out


def _children(conn: Connection, ids: list[str]) -> tuple[dict[str, list[tuple[int, int]]],
                                                          dict[str, list[RemovedBlock]]]:
    paras: dict[str, list[tuple[int, int]]] = {i: [] for i in ids}
    removed: dict[str, list[RemovedBlock]] = {i: [] for i in ids}
    p, r = t.paragraphs.c, t.removed_blocks.c
    for aid, start, end in conn.execute(select(p.article_id, p.start, p.end)
                                        .where(p.article_id.in_(ids)).order_by(p.article_id, p.idx)):
        paras[aid].append((start, end))
    stmt = (select(r.article_id, r.start, r.end, r.reason, r.text).where(r.article_id.in_(ids))
            .order_by(r.article_id, r.idx))
    for aid, start, end, reason, text in conn.execute(stmt):
        removed[aid].append(RemovedBlock(start, end, reason, text))
    return paras, removed


def _doc(row: Any, paras: list[tuple[int, int]], removed: list[RemovedBlock],
         labels: dict[str, dict[str, int]]) -> CorpusDoc:
    genre = labels.get("genre") or {}
    return CorpusDoc(
        id=row.id, text=row.text, title=row.title, source=row.source, language=row.language,
        published=row.published, ingested_at=as_utc(row.ingested_at).isoformat(),
        paragraphs=paras, techniques=dict(labels.get("techniques") or {}),
        frames=sorted(labels.get("frames") or {}), genre=next(iter(genre), None),
        removed=removed)


def load_docs(conn: Connection, ids: Sequence[str]) -> list[CorpusDoc]:
    """CorpusDocs (no vectors) for `ids`, in `ids` order; unknown ids are left out."""
    docs: dict[str, CorpusDoc] = {}
    a = t.articles.c
    for i in range(0, len(ids), _CHUNK):
        chunk = list(ids[i : i + _CHUNK])
        rows = list(conn.execute(select(a.id, a.text, a.title, a.source, a.language,
                                        a.published, a.ingested_at).where(a.id.in_(chunk))))
        found = [r.id for r in rows]
        paras, removed = _children(conn, found)
        labels = _labels(conn, found)
        docs.update((r.id, _doc(r, paras[r.id], removed[r.id], labels[r.id])) for r in rows)
    return [docs[i] for i in ids if i in docs]
