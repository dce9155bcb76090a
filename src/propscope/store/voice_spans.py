"""The voice index: per article, technique spans counted by whose voice they are in.

Why an index: source profiles by voice (corpus/source_voices.py) used to re-read every
voices-analysed article's newest techniques and voices payloads and attribute spans on
each request, tens of seconds at 100k articles. The attribution needs both payloads, so
the rows are rewritten whenever either stage is saved (the other one read back from the
database) and the per-outlet numbers become GROUP BY sums over two narrow tables.
The attribution rule is attribute_spans, the one the article page applies when shown; a
change to that rule needs `Store.rebuild_voice_index()` (migration 0006 runs it once).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from propscope.analyzers.voices.attribution import attribute_spans
from propscope.schema.analysis import Span
from propscope.schema.voices import Quote
from propscope.store.tables import (
    analyses,
    article_entities,
    article_voice_spans,
    article_voices,
    articles,
    entity_merges,
)
from propscope.store.voices_rows import spans_from_payload, voices_from_payload

_CHUNK = 300
#: (source, articles, quotes) per source and (source, voice, technique, spans) per group.
Heads = list[tuple[str | None, int, int]]
Counts = list[tuple[str | None, str, str, int]]


def index_rows(article_id: str, source: str | None, spans: Sequence[Span],
               quotes: Sequence[Quote]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The article_voices row and the article_voice_spans rows of one article."""
    counts = Counter(zip(attribute_spans(spans, quotes), (s.technique for s in spans)))
    head = {"article_id": article_id, "source": source, "quotes": len(quotes)}
    return head, [{"article_id": article_id, "voice": voice, "technique": technique,
                   "source": source, "n": n} for (voice, technique), n in sorted(counts.items())]


def _chunks(items: Sequence[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i : i + _CHUNK])


def newest_payloads(conn: Connection, ids: Sequence[str], stage: str) -> dict[str, Any]:
    """article id -> payload of its newest `stage` result (analyzed_at, then model name:
    the order load_analysis applies); articles without one are absent. The newest model
    is picked per row by a correlated lookup on the primary key, so older versions'
    payloads are never fetched (a row-value IN would scan the table on SQLite)."""
    an, newer = analyses.c, analyses.alias("newer")
    newest_model = (select(newer.c.model)
                    .where(newer.c.article_id == an.article_id, newer.c.stage == stage)
                    .order_by(newer.c.analyzed_at.desc(), newer.c.model.desc())
                    .limit(1).scalar_subquery())
    out: dict[str, Any] = {}
    for chunk in _chunks(ids):
        out.update(conn.execute(select(an.article_id, an.payload).where(
            an.article_id.in_(chunk), an.stage == stage, an.model == newest_model)).all())
    return out


def _sources(conn: Connection, ids: Sequence[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for chunk in _chunks(ids):
        out.update(conn.execute(select(articles.c.id, articles.c.source)
                                .where(articles.c.id.in_(chunk))).all())
    return out


def _write(conn: Connection, ids: Sequence[str], voices: dict[str, Any],
           techniques: dict[str, Any]) -> None:
    """Replace the index rows of `ids`; those with a voices payload get new rows."""
    for chunk in _chunks(ids):
        for table in (article_voice_spans, article_voices):
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
    sources = _sources(conn, sorted(voices))
    heads, spans = [], []
    for a in sorted(voices):
        if a not in sources:
            continue
        head, rows = index_rows(a, sources[a], spans_from_payload(techniques.get(a)),
                                voices_from_payload(voices[a], "").quotes)
        heads.append(head)
        spans.extend(rows)
    for table, rows in ((article_voices, heads), (article_voice_spans, spans)):
        for chunk in _chunks(rows):
            conn.execute(insert(table), chunk)


def rewrite_voice_spans(conn: Connection, saved: Sequence[dict[str, Any]]) -> None:
    """Re-index every article whose techniques or voices were just saved (`saved`: the
    analyses rows of one save_analyses call; they share analyzed_at, so per stage the
    greatest model name wins). The stage not saved is read back from the database."""
    call: dict[tuple[str, str], dict[str, Any]] = {}
    for row in saved:
        key = (row["article_id"], row["stage"])
        if key[1] in ("techniques", "voices") and (
                key not in call or row["model"] > call[key]["model"]):
            call[key] = row
    if not call:
        return
    ids = sorted({a for a, _ in call})
    got = {stage: {a: r["payload"] for (a, s), r in call.items() if s == stage}
           for stage in ("techniques", "voices")}
    voices = got["voices"]
    voices.update(newest_payloads(conn, [a for a in ids if a not in voices], "voices"))
    techniques = got["techniques"]
    techniques.update(newest_payloads(conn, [a for a in voices if a not in techniques],
                                      "techniques"))
    _write(conn, ids, voices, techniques)


def rebuild(conn: Connection, batch: int = 500) -> int:
    """Re-index the whole corpus from the newest payloads; returns articles indexed."""
    conn.execute(delete(article_voice_spans))
    conn.execute(delete(article_voices))
    after, done = "", 0
    while True:  # pages of article ids (primary key order), those with voices indexed
        ids = list(conn.execute(select(articles.c.id).where(articles.c.id > after)
                                .order_by(articles.c.id).limit(batch)).scalars())
        if not ids:
            return done
        voices = newest_payloads(conn, ids, "voices")
        _write(conn, ids, voices, newest_payloads(conn, sorted(voices), "techniques"))
        done, after = done + len(voices), ids[-1]


def source_totals(conn: Connection) -> tuple[Heads, Counts]:
    """Per source: (articles, quotes); per (source, voice, technique): spans."""
    v, s = article_voices.c, article_voice_spans.c
    heads = [(src, int(n), int(q or 0)) for src, n, q in conn.execute(
        select(v.source, func.count(), func.sum(v.quotes)).group_by(v.source))]
    counts = [(src, voice, tech, int(n)) for src, voice, tech, n in conn.execute(
        select(s.source, s.voice, s.technique, func.sum(s.n))
        .group_by(s.source, s.voice, s.technique))]
    return heads, counts


def entity_names(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """entity id -> the display name its entity page shows (store/entities.py: the merge
    map's name, else the stored one, greatest wins), in one query for all `ids`."""
    ae, em = article_entities.c, entity_merges.c
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(set(ids))):
        out.update(conn.execute(
            select(ae.entity_id, func.max(func.coalesce(em.name, ae.name)))
            .select_from(article_entities.outerjoin(entity_merges, em.key == ae.key))
            .where(ae.entity_id.in_(chunk)).group_by(ae.entity_id)).all())
    return out
