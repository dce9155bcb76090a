"""Reading and writing cross-document results (migration 0004).

Why whole replacements: reuse links and narratives are derived data. A reuse run replaces
the links touching the articles it looked at (and their markers) in one transaction, so a
reader never sees half a run; a narrative save replaces each narrative it names with its
members, leaving the others alone (incremental runs touch a few narratives).
Every function takes an open Connection; the Store decides the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, func, insert, or_, select

from propscope.schema.corpus import REUSE_KINDS, Marker, Narrative, Passage, ReuseLink
from propscope.store import tables as t
from propscope.store.records import as_utc, utc_now

CHUNK = 400
_NARRATIVE_FIELDS = ("key_terms", "representative", "sources", "languages", "timeline",
                     "techniques", "frames", "first", "last")


@dataclass(slots=True, frozen=True)
class NarrativeSummary:
    """A narrative without its member list (`size` counts the members still stored)."""

    narrative: Narrative  # .members is empty here: page them with Store.narrative_members
    size: int
    updated_at: datetime


def jsonable(value: Any) -> Any:
    """numpy arrays and scalars as plain lists/numbers, recursively (JSON columns need it)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def existing_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Which of `ids` are stored articles (a run must not fail on one deleted meanwhile)."""
    found: set[str] = set()
    for chunk in _chunks(sorted(set(ids))):
        found.update(conn.execute(select(t.articles.c.id).where(t.articles.c.id.in_(chunk)))
                     .scalars())
    return found


# -- reuse links and markers ----------------------------------------------------------------

def _link_row(link: ReuseLink, now: datetime) -> dict[str, Any]:
    if link.kind not in REUSE_KINDS:
        raise ValueError(f"unknown reuse kind {link.kind!r}; expected one of {REUSE_KINDS}")
    payload = {"passages": [asdict(p) for p in link.passages], "added": list(link.added),
               "dropped": list(link.dropped), "markers": [asdict(m) for m in link.markers]}
    return {"earlier": link.earlier, "later": link.later, "kind": link.kind,
            "score": float(link.score), "coverage_earlier": float(link.coverage_earlier),
            "coverage_later": float(link.coverage_later), "order_by": link.order_by,
            "payload": jsonable(payload), "computed_at": now}


def _link(row: Any) -> ReuseLink:
    p = row.payload or {}
    return ReuseLink(
        earlier=row.earlier, later=row.later, kind=row.kind, score=row.score,
        coverage_earlier=row.coverage_earlier, coverage_later=row.coverage_later,
        passages=[Passage(**x) for x in p.get("passages", [])], added=list(p.get("added", [])),
        dropped=list(p.get("dropped", [])), order_by=row.order_by,
        markers=[Marker(**m) for m in p.get("markers", [])])


def _marker_rows(markers: Sequence[Marker]) -> list[dict[str, Any]]:
    ordered = sorted(markers, key=lambda m: (m.article_id, m.where != "text", m.start, m.end,
                                             m.kind, m.text))
    rows: list[dict[str, Any]] = []
    idx: dict[str, int] = {}
    for m in ordered:
        i = idx.get(m.article_id, 0)
        idx[m.article_id] = i + 1
        rows.append({"article_id": m.article_id, "idx": i, "kind": m.kind, "start": m.start,
                     "end": m.end, "text": m.text, "names": list(m.names),
                     "location": m.where})
    return rows


def replace_reuse(conn: Connection, links: Sequence[ReuseLink], markers: Sequence[Marker],
                  scope: Sequence[str] | None = None) -> tuple[int, int]:
    """Replace links and markers of the articles in `scope` (None: of the whole corpus).

    Links and markers naming an article that is no longer stored are dropped. Returns
    (links stored, markers stored).
    """
    rl, mk = t.reuse_links.c, t.markers.c
    if scope is None:
        conn.execute(delete(t.reuse_links))
        conn.execute(delete(t.markers))
    else:
        for chunk in _chunks(sorted(set(scope))):
            conn.execute(delete(t.reuse_links).where(or_(rl.earlier.in_(chunk),
                                                         rl.later.in_(chunk))))
            conn.execute(delete(t.markers).where(mk.article_id.in_(chunk)))
    alive = existing_ids(conn, [i for x in links for i in (x.earlier, x.later)]
                         + [m.article_id for m in markers])
    now = utc_now()
    unique = {(x.earlier, x.later): x for x in links if x.earlier in alive and x.later in alive}
    link_rows = [_link_row(unique[k], now) for k in sorted(unique)]
    marker_rows = _marker_rows([m for m in markers if m.article_id in alive])
    for chunk in _chunks(link_rows, 1000):
        conn.execute(insert(t.reuse_links), chunk)
    for chunk in _chunks(marker_rows, 1000):
        conn.execute(insert(t.markers), chunk)
    return len(link_rows), len(marker_rows)


def markers_of(conn: Connection, ids: Sequence[str]) -> dict[str, list[Marker]]:
    """Stored markers per article, in text order."""
    out: dict[str, list[Marker]] = {i: [] for i in ids}
    mk = t.markers.c
    for chunk in _chunks(sorted(set(ids))):
        stmt = select(t.markers).where(mk.article_id.in_(chunk)).order_by(mk.article_id, mk.idx)
        for r in conn.execute(stmt):
            out[r.article_id].append(Marker(r.article_id, r.kind, r.start, r.end, r.text,
                                            list(r.names or []), where=r.location))
    return out


def links_of(conn: Connection, article_id: str) -> list[ReuseLink]:
    """Links where the article is the earlier or the later one, sorted by (earlier, later)."""
    rl = t.reuse_links.c
    rows = list(conn.execute(select(t.reuse_links).where(rl.earlier == article_id)))
    rows += conn.execute(select(t.reuse_links).where(rl.later == article_id))
    return sorted((_link(r) for r in rows), key=lambda x: (x.earlier, x.later))


def list_links(conn: Connection, limit: int, offset: int,
               kind: str | None = None) -> list[ReuseLink]:
    """A page of links in (earlier, later) order, optionally of one kind."""
    rl = t.reuse_links.c
    stmt = select(t.reuse_links)
    if kind is not None:
        stmt = stmt.where(rl.kind == kind)
    stmt = stmt.order_by(rl.earlier, rl.later).limit(limit).offset(offset)
    return [_link(r) for r in conn.execute(stmt)]


def count_links(conn: Connection, kind: str | None = None) -> dict[str, int]:
    """Links per kind (every kind present, zero included), restricted to `kind` if given."""
    rl = t.reuse_links.c
    stmt = select(rl.kind, func.count()).group_by(rl.kind)
    got = {k: int(n) for k, n in conn.execute(stmt)}
    kinds = (kind,) if kind is not None else REUSE_KINDS
    return {k: got.get(k, 0) for k in kinds}


# -- narratives ---------------------------------------------------------------------------

def _narrative_row(n: Narrative, now: datetime) -> dict[str, Any]:
    payload = {f: getattr(n, f) for f in _NARRATIVE_FIELDS}
    return {"id": n.id, "label": n.label, "payload": jsonable(payload), "updated_at": now}


def _narrative(row: Any, members: list[str] | None = None) -> Narrative:
    p = dict(row.payload or {})
    return Narrative(id=row.id, label=row.label, key_terms=list(p.pop("key_terms", [])),
                     representative=p.pop("representative", ""), members=members or [],
                     **{k: v for k, v in p.items() if k in _NARRATIVE_FIELDS})


def save_narratives(conn: Connection, narratives: Sequence[Narrative],
                    scores: Mapping[str, float] | None = None, rebuild: bool = False) -> int:
    """Replace the named narratives and their members (`rebuild`: drop all others too).

    `scores` maps article id -> similarity to its narrative (0.0 when not given).
    Members no longer stored are left out. Returns the members written.
    """
    nt, nm = t.narratives.c, t.narrative_members.c
    if rebuild:
        conn.execute(delete(t.narrative_members))
        conn.execute(delete(t.narratives))
    else:
        for chunk in _chunks(sorted({n.id for n in narratives})):
            conn.execute(delete(t.narrative_members).where(nm.narrative_id.in_(chunk)))
            conn.execute(delete(t.narratives).where(nt.id.in_(chunk)))
    now, scores = utc_now(), scores or {}
    alive = existing_ids(conn, [a for n in narratives for a in n.members])
    rows = {n.id: _narrative_row(n, now) for n in narratives}
    members = sorted({(n.id, a) for n in narratives for a in n.members if a in alive})
    for chunk in _chunks([rows[k] for k in sorted(rows)], 1000):
        conn.execute(insert(t.narratives), chunk)
    for chunk in _chunks(members, 1000):
        conn.execute(insert(t.narrative_members), [
            {"narrative_id": n, "article_id": a, "score": float(scores.get(a, 0.0))}
            for n, a in chunk])
    return len(members)


def _sizes():
    nm = t.narrative_members.c
    return (select(nm.narrative_id, func.count().label("size"))
            .group_by(nm.narrative_id).subquery())


def list_narratives(conn: Connection, limit: int, offset: int,
                    ids: Sequence[str] | None = None, min_size: int = 1) -> list[NarrativeSummary]:
    """Biggest first (then id); only `ids` if given; only those with >= min_size members."""
    nt, sizes = t.narratives.c, _sizes()
    size = func.coalesce(sizes.c.size, 0)
    stmt = select(t.narratives, size.label("size")).select_from(
        t.narratives.outerjoin(sizes, sizes.c.narrative_id == nt.id))
    if ids is not None:
        stmt = stmt.where(nt.id.in_(list(ids)))
    if min_size > 1:
        stmt = stmt.where(sizes.c.size >= min_size)
    stmt = stmt.order_by(size.desc(), nt.id).limit(limit).offset(offset)
    return [NarrativeSummary(_narrative(r), int(r.size), as_utc(r.updated_at))
            for r in conn.execute(stmt)]


def count_narratives(conn: Connection, min_size: int = 1) -> int:
    if min_size <= 1:
        return int(conn.execute(select(func.count()).select_from(t.narratives)).scalar_one())
    sizes = _sizes()
    stmt = select(func.count()).select_from(sizes).where(sizes.c.size >= min_size)
    return int(conn.execute(stmt).scalar_one())


def narrative_members(conn: Connection, narrative_id: str, limit: int | None = None,
                      offset: int = 0) -> list[tuple[str, float]]:
    """(article id, score) most central first, id breaking ties."""
    nm = t.narrative_members.c
    stmt = (select(nm.article_id, nm.score).where(nm.narrative_id == narrative_id)
            .order_by(nm.score.desc(), nm.article_id).limit(limit).offset(offset))
    return [(a, float(s)) for a, s in conn.execute(stmt)]


def assignments(conn: Connection) -> dict[str, str]:
    """article id -> its narrative (the best-scored one if several, then the smallest id)."""
    nm = t.narrative_members.c
    out: dict[str, str] = {}
    stmt = select(nm.article_id, nm.narrative_id).order_by(nm.article_id, nm.score.desc(),
                                                            nm.narrative_id)
    for aid, nid in conn.execute(stmt):
        out.setdefault(aid, nid)
    return out


def get_narrative(conn: Connection, narrative_id: str) -> Narrative | None:
    """One narrative with all its members (most central first)."""
    row = conn.execute(select(t.narratives).where(t.narratives.c.id == narrative_id)).first()
    if row is None:
        return None
    return _narrative(row, [a for a, _ in narrative_members(conn, narrative_id)])


def narratives_of(conn: Connection, article_id: str) -> list[NarrativeSummary]:
    nm = t.narrative_members.c
    ids = list(conn.execute(select(nm.narrative_id).where(nm.article_id == article_id)).scalars())
    return list_narratives(conn, len(ids), 0, ids) if ids else []


# -- corpus state -------------------------------------------------------------------------

def get_state(conn: Connection, key: str) -> Any | None:
    row = conn.execute(select(t.corpus_state.c.payload)
                       .where(t.corpus_state.c.key == key)).first()
    return None if row is None else row[0]


def put_state(conn: Connection, key: str, payload: Any) -> None:
    conn.execute(delete(t.corpus_state).where(t.corpus_state.c.key == key))
    conn.execute(insert(t.corpus_state), [{"key": key, "payload": jsonable(payload),
                                           "updated_at": utc_now()}])
