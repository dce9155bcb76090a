"""The `voices` payload as stored JSON, and the article_entities index rows derived from it.

Why tolerant reading: payloads outlive the code that wrote them, so a reader skips a
malformed quote or entity (and unknown keys) instead of failing the whole article page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from propscope.schema.analysis import Span
from propscope.schema.voices import Entity, Mention, Quote, Stance, Voices
from propscope.store.tables import analyses, article_entities, articles, entity_merges

_CHUNK = 300
_QUOTE_FIELDS = frozenset(Quote.__slots__)  # type: ignore[attr-defined]
_ENTITY_FIELDS = frozenset(Entity.__slots__) - {"mentions"}  # type: ignore[attr-defined]


def voices_payload(v: Voices) -> dict[str, Any]:
    return {"quotes": [asdict(q) for q in v.quotes], "entities": [asdict(e) for e in v.entities],
            "stances": [asdict(s) for s in v.stances]}


def _mentions(items: Any) -> list[Mention]:
    out = []
    for m in items or []:
        if isinstance(m, Mapping) and isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            out.append(Mention(m["start"], m["end"]))
    return out


def _build(kind: type, raw: Any, fields: frozenset[str]) -> Any:
    if not isinstance(raw, Mapping):
        return None
    try:
        return kind(**{k: v for k, v in raw.items() if k in fields})
    except (TypeError, ValueError):
        return None


def voices_from_payload(payload: Any, model: str) -> Voices:
    p = payload if isinstance(payload, Mapping) else {}
    quotes = [q for q in (_build(Quote, r, _QUOTE_FIELDS) for r in p.get("quotes") or []) if q]
    entities = []
    for raw in p.get("entities") or []:
        e = _build(Entity, raw, _ENTITY_FIELDS)
        if e is not None:
            e.mentions = _mentions(raw.get("mentions"))
            entities.append(e)
    stances = []
    for raw in p.get("stances") or []:
        s = _build(Stance, raw, frozenset({"entity", "label", "score"}))
        if s is not None:
            s.evidence = _mentions(raw.get("evidence"))
            stances.append(s)
    return Voices(quotes, entities, stances, model)


def merge_map(conn: Connection, keys: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
    """key -> (canonical key, display name) for the given keys (None: all of them)."""
    m = entity_merges.c
    stmt = select(m.key, m.canonical, m.name)
    if keys is None:
        return {r.key: (r.canonical, r.name) for r in conn.execute(stmt)}
    wanted, out = sorted(set(keys)), {}
    for i in range(0, len(wanted), _CHUNK):
        for r in conn.execute(stmt.where(m.key.in_(wanted[i : i + _CHUNK]))):
            out[r.key] = (r.canonical, r.name)
    return out


def entity_rows(article_id: str, v: Voices,
                merges: Mapping[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """One index row per entity of one article's voices."""
    quotes: dict[str, int] = {}
    for q in v.quotes:
        if q.entity:
            quotes[q.entity] = quotes.get(q.entity, 0) + 1
    stance = {s.entity: s for s in v.stances}
    rows, seen = [], set()
    for e in v.entities:
        if e.id in seen:
            continue
        seen.add(e.id)
        canonical, name = merges.get(e.id, (e.id, e.name))
        s = stance.get(e.id)
        rows.append({"article_id": article_id, "key": e.id, "entity_id": canonical, "name": name,
                     "kind": e.kind, "mentions": len(e.mentions), "salience": float(e.salience),
                     "quotes": quotes.get(e.id, 0), "stance": s.label if s else None,
                     "stance_score": float(s.score) if s else None})
    return rows


def rewrite_entities(conn: Connection, saved: Sequence[dict[str, Any]]) -> None:
    """Replace the entity rows of every article whose voices were just saved (`saved`:
    analyses rows of stage voices, one call's rows: the greatest model name wins)."""
    newest: dict[str, dict[str, Any]] = {}
    for row in saved:
        old = newest.get(row["article_id"])
        if old is None or row["model"] > old["model"]:
            newest[row["article_id"]] = row
    ids = sorted(newest)
    for i in range(0, len(ids), _CHUNK):
        conn.execute(delete(article_entities).where(
            article_entities.c.article_id.in_(ids[i : i + _CHUNK])))
    parsed = {a: voices_from_payload(r["payload"], r["model"]) for a, r in newest.items()}
    merges = merge_map(conn, [e.id for v in parsed.values() for e in v.entities])
    rows = [row for a in ids for row in entity_rows(a, parsed[a], merges)]
    for i in range(0, len(rows), _CHUNK):
        conn.execute(insert(article_entities), rows[i : i + _CHUNK])


def iter_spans_and_quotes(conn_factory: Any,
                          batch: int = 500) -> Iterator[tuple[str | None, list[Span], list[Quote]]]:
    """(source, spans, quotes) of every article with a voices analysis, id order, from the
    newest techniques and voices payloads (what source voice profiles attribute)."""
    an, a = analyses.c, articles.c
    after = ""
    while True:
        with conn_factory() as conn:
            ids = list(conn.execute(select(an.article_id).distinct()
                                    .where(an.stage == "voices", an.article_id > after)
                                    .order_by(an.article_id).limit(batch)).scalars())
            if not ids:
                return
            sources = dict(conn.execute(select(a.id, a.source).where(a.id.in_(ids))).all())
            spans: dict[str, list[Span]] = {}
            quotes: dict[str, list[Quote]] = {}
            rows = conn.execute(select(an.article_id, an.stage, an.payload, an.model)
                                .where(an.article_id.in_(ids), an.stage.in_(("techniques", "voices")))
                                .order_by(an.analyzed_at, an.model))
            for r in rows:  # newer rows overwrite older ones
                if r.stage == "voices":
                    quotes[r.article_id] = voices_from_payload(r.payload, r.model).quotes
                else:
                    spans[r.article_id] = spans_from_payload(r.payload)
        for i in ids:
            if i in sources:
                yield sources[i], spans.get(i, []), quotes.get(i, [])
        after = ids[-1]


def spans_from_payload(payload: Any) -> list[Span]:
    """The technique spans of a stored techniques payload, malformed ones skipped."""
    raw = payload.get("spans") if isinstance(payload, Mapping) else None
    return [s for s in (_span(x) for x in raw or [] if isinstance(x, Mapping)) if s is not None]


def _span(raw: Mapping[str, Any]) -> Span | None:
    try:
        return Span(str(raw["technique"]), int(raw["start"]), int(raw["end"]),
                    int(raw.get("paragraph", 0)), float(raw.get("score", 0.0)))
    except (KeyError, TypeError, ValueError):
        return None
