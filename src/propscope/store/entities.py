"""Entity pages over the article_entities index (migration 0005): the entity list with
counts, one entity's articles, its quotes, and the stance each source takes toward it.

Every function takes an open Connection (the Store decides the transaction). Display
names come from the corpus merge map when a key was merged, so all rows of one canonical
entity show the same name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from propscope.schema.voices import ENTITY_KINDS, Voices
from propscope.store import tables as t
from propscope.store.records import utc_now
from propscope.store.voices_rows import voices_from_payload

_CHUNK = 300
ORDERS = ("articles", "quotes", "mentions", "name")


class EntityQueryError(ValueError):
    """A bad entity filter (unknown kind or order): the API answers 422 with the message."""


@dataclass(slots=True, frozen=True)
class EntitySummary:
    id: str
    name: str
    kind: str
    articles: int
    mentions: int
    quotes: int
    stance: dict[str, int] = field(default_factory=dict)  # label -> articles
    stance_score: float | None = None  # mean over articles that take a stance


@dataclass(slots=True, frozen=True)
class EntityArticle:
    id: str
    title: str
    source: str | None
    language: str | None
    published: str | None
    mentions: int
    salience: float
    quotes: int
    stance: str | None
    stance_score: float | None


@dataclass(slots=True, frozen=True)
class SourceStance:
    source: str
    articles: int
    stance: dict[str, int]
    stance_score: float | None


@dataclass(slots=True, frozen=True)
class EntityQuote:
    article_id: str
    title: str
    source: str | None
    published: str | None
    text: str
    kind: str
    cue: str
    speaker: str


def _display() -> Any:
    return func.coalesce(t.entity_merges.c.name, t.article_entities.c.name)


def _base(kind: str | None, q: str | None, source: str | None) -> list[Any]:
    if kind is not None and kind not in ENTITY_KINDS:
        raise EntityQueryError(f"unknown entity kind {kind!r}; expected one of: "
                               f"{', '.join(ENTITY_KINDS)}")
    conds: list[Any] = []
    ae = t.article_entities.c
    if kind:
        conds.append(ae.kind == kind)
    if q:
        needle = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(or_(func.lower(_display()).like(needle, escape="\\"),
                         func.lower(ae.entity_id).like(needle, escape="\\")))
    if source:
        conds.append(ae.article_id.in_(select(t.articles.c.id).where(t.articles.c.source == source)))
    return conds


def _from() -> Any:
    return t.article_entities.outerjoin(t.entity_merges,
                                        t.entity_merges.c.key == t.article_entities.c.key)


def _label_count(label: str) -> Any:
    return func.sum(case((t.article_entities.c.stance == label, 1), else_=0))


def _summaries(conn: Connection, conds: list[Any], order: str, limit: int,
               offset: int) -> list[EntitySummary]:
    ae = t.article_entities.c
    n_articles = func.count(func.distinct(ae.article_id)).label("n_articles")
    quotes, mentions = func.sum(ae.quotes).label("n_quotes"), func.sum(ae.mentions).label("n_mentions")
    name = func.max(_display()).label("display")
    order_by = {"articles": [n_articles.desc(), mentions.desc()],
                "quotes": [quotes.desc(), n_articles.desc()],
                "mentions": [mentions.desc(), n_articles.desc()], "name": [name]}[order]
    stmt = (select(ae.entity_id, name, func.max(ae.kind).label("kind"), n_articles, mentions,
                   quotes, func.avg(ae.stance_score).label("score"),
                   *(_label_count(s).label(s) for s in ("supportive", "neutral", "critical")))
            .select_from(_from()).where(and_(True, *conds)).group_by(ae.entity_id)
            .order_by(*order_by, ae.entity_id).limit(limit).offset(offset))
    return [EntitySummary(r.entity_id, r.display, r.kind, int(r.n_articles), int(r.n_mentions or 0),
                          int(r.n_quotes or 0),
                          {s: int(getattr(r, s) or 0) for s in ("supportive", "neutral", "critical")
                           if getattr(r, s)},
                          None if r.score is None else round(float(r.score), 4))
            for r in conn.execute(stmt)]


def list_entities(conn: Connection, *, kind: str | None = None, q: str | None = None,
                  source: str | None = None, order: str = "articles", limit: int = 50,
                  offset: int = 0) -> list[EntitySummary]:
    if order not in ORDERS:
        raise EntityQueryError(f"unknown order {order!r}; expected one of: {', '.join(ORDERS)}")
    return _summaries(conn, _base(kind, q, source), order, limit, offset)


def count_entities(conn: Connection, *, kind: str | None = None, q: str | None = None,
                   source: str | None = None) -> int:
    ae = t.article_entities.c
    stmt = (select(func.count(func.distinct(ae.entity_id))).select_from(_from())
            .where(and_(True, *_base(kind, q, source))))
    return int(conn.execute(stmt).scalar_one())


def get_entity(conn: Connection, entity_id: str) -> EntitySummary | None:
    found = _summaries(conn, [t.article_entities.c.entity_id == entity_id], "articles", 1, 0)
    return found[0] if found else None


def entity_articles(conn: Connection, entity_id: str, limit: int = 50,
                    offset: int = 0) -> list[EntityArticle]:
    """Its articles, newest published first (undated last), merged keys summed per article."""
    ae, a = t.article_entities.c, t.articles.c
    score = func.avg(ae.stance_score).label("score")
    stmt = (select(a.id, a.title, a.source, a.language, a.published,
                   func.sum(ae.mentions).label("m"), func.max(ae.salience).label("sal"),
                   func.sum(ae.quotes).label("qn"), func.max(ae.stance).label("st"), score)
            .join(t.articles, a.id == ae.article_id).where(ae.entity_id == entity_id)
            .group_by(a.id, a.title, a.source, a.language, a.published)
            .order_by(a.published.is_(None), a.published.desc(), a.id).limit(limit).offset(offset))
    return [EntityArticle(r.id, r.title or "", r.source, r.language, r.published, int(r.m),
                          float(r.sal), int(r.qn), r.st,
                          None if r.score is None else round(float(r.score), 4))
            for r in conn.execute(stmt)]


def stance_by_source(conn: Connection, entity_id: str) -> list[SourceStance]:
    """Per outlet: its articles on the entity, stance label counts, mean stance score."""
    ae, a = t.article_entities.c, t.articles.c
    src = func.coalesce(a.source, cast("unknown", String)).label("src")
    stmt = (select(src, func.count(func.distinct(ae.article_id)).label("n"),
                   func.avg(ae.stance_score).label("score"),
                   *(_label_count(s).label(s) for s in ("supportive", "neutral", "critical")))
            .join(t.articles, a.id == ae.article_id).where(ae.entity_id == entity_id)
            .group_by(src).order_by(func.count(func.distinct(ae.article_id)).desc(), src))
    return [SourceStance(r.src, int(r.n),
                         {s: int(getattr(r, s) or 0) for s in ("supportive", "neutral", "critical")
                          if getattr(r, s)},
                         None if r.score is None else round(float(r.score), 4))
            for r in conn.execute(stmt)]


def newest_voices(conn: Connection, ids: Sequence[str]) -> dict[str, Voices]:
    """article id -> its newest voices analysis (articles without one are left out)."""
    an = t.analyses.c
    out: dict[str, Voices] = {}
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), _CHUNK):
        stmt = (select(an.article_id, an.payload, an.model)
                .where(an.stage == "voices", an.article_id.in_(wanted[i : i + _CHUNK]))
                .order_by(an.analyzed_at, an.model))
        for r in conn.execute(stmt):  # later rows are newer: the last one wins
            out[r.article_id] = voices_from_payload(r.payload, r.model)
    return out


def entity_quotes(conn: Connection, entity_id: str, limit: int = 50) -> list[EntityQuote]:
    """Quotes whose speaker resolves to the entity (any merged key), newest articles first."""
    ae, a = t.article_entities.c, t.articles.c
    stmt = (select(ae.article_id, ae.key, a.title, a.source, a.published, a.text)
            .join(t.articles, a.id == ae.article_id)
            .where(ae.entity_id == entity_id, ae.quotes > 0)
            .order_by(a.published.is_(None), a.published.desc(), a.id).limit(limit))
    rows = conn.execute(stmt).all()
    keys: dict[str, set[str]] = {}
    for r in rows:
        keys.setdefault(r.article_id, set()).add(r.key)
    voices = newest_voices(conn, list(keys))
    out, seen = [], set()
    for r in rows:
        if r.article_id in seen or r.article_id not in voices:
            continue
        seen.add(r.article_id)
        for q in voices[r.article_id].quotes:
            if q.entity in keys[r.article_id] and 0 <= q.start < q.end <= len(r.text):
                out.append(EntityQuote(r.article_id, r.title or "", r.source, r.published,
                                       r.text[q.start:q.end], q.kind, q.cue, q.speaker))
                if len(out) >= limit:
                    return out
    return out


def iter_voices(conn_factory: Any, batch: int = 500) -> Iterator[tuple[str, Voices]]:
    """(article id, newest voices) over the corpus in id order, a page at a time."""
    after = ""
    while True:
        with conn_factory() as conn:
            an = t.analyses.c
            ids = list(conn.execute(select(func.distinct(an.article_id))
                                    .where(an.stage == "voices", an.article_id > after)
                                    .order_by(an.article_id).limit(batch)).scalars())
            if not ids:
                return
            found = newest_voices(conn, ids)
        yield from ((i, found[i]) for i in ids if i in found)
        after = ids[-1]


def replace_merges(conn: Connection, mapping: Mapping[str, str], names: Mapping[str, str]) -> int:
    """Store the corpus merge map (replacing the previous one) and re-point the index."""
    rows = [{"key": k, "canonical": v, "name": names.get(v, v), "updated_at": utc_now()}
            for k, v in sorted(mapping.items()) if k != v]
    conn.execute(delete(t.entity_merges))
    if rows:
        conn.execute(insert(t.entity_merges), rows)
    ae = t.article_entities.c
    conn.execute(update(t.article_entities).where(ae.entity_id != ae.key).values(entity_id=ae.key))
    for r in rows:
        conn.execute(update(t.article_entities).where(ae.key == r["key"])
                     .values(entity_id=r["canonical"]))
    return len(rows)
