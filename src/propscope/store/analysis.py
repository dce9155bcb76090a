"""Reading and writing analyzer results (the `analyses` table).

Payloads are the schema dataclasses as JSON. Writes are insert-or-replace for the same
(article, stage, model), so re-running one model is idempotent while results of other model
versions stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, tuple_

from propscope.schema import Article
from propscope.schema.analysis import Analysis, Classification, Span, UnitTechniques
from propscope.store.labels import rewrite_labels
from propscope.store.review_queue import rewrite_queue
from propscope.store.tables import analyses
from propscope.store.voice_spans import rewrite_voice_spans
from propscope.store.voices_rows import (
    rewrite_entities,
    voices_from_payload,
    voices_payload,
)

STAGES = ("techniques", "genre", "frames", "voices")


def _payloads(analysis: Analysis) -> list[tuple[str, str, dict[str, Any]]]:
    out: list[tuple[str, str, dict[str, Any]]] = []
    if analysis.techniques_model:
        out.append(("techniques", analysis.techniques_model, {
            "units": [asdict(u) for u in analysis.techniques],
            "spans": [asdict(s) for s in analysis.spans],
            "low_confidence": analysis.techniques_low_confidence,
        }))
    for stage in ("genre", "frames"):
        cls: Classification | None = getattr(analysis, stage)
        if cls is not None:
            out.append((stage, cls.model, asdict(cls)))
    if analysis.voices is not None:
        out.append(("voices", analysis.voices.model or "voices@unknown",
                    voices_payload(analysis.voices)))
    return out


def save_analyses(conn: Connection, articles: Sequence[Article]) -> int:
    now = datetime.now(UTC)
    rows = [{"article_id": a.id, "stage": stage, "model": model, "payload": payload, "analyzed_at": now}
            for a in articles if a.analysis is not None for stage, model, payload in _payloads(a.analysis)]
    if not rows:
        return 0
    keys = [(r["article_id"], r["stage"], r["model"]) for r in rows]
    for i in range(0, len(keys), 300):
        chunk = keys[i : i + 300]
        conn.execute(delete(analyses).where(
            tuple_(analyses.c.article_id, analyses.c.stage, analyses.c.model).in_(chunk)))
    conn.execute(insert(analyses), rows)
    # filters read article_labels, entity pages article_entities, source profiles by voice
    # article_voice_spans: keep all three at the newest
    rewrite_labels(conn, [r for r in rows if r["stage"] != "voices"])
    rewrite_entities(conn, [r for r in rows if r["stage"] == "voices"])
    rewrite_voice_spans(conn, rows)
    rewrite_queue(conn, rows)  # the review queue's uncertainty index (issue 8)
    return len(rows)


def load_analysis(conn: Connection, article_id: str) -> Analysis | None:
    """The newest result of each stage for one article, or None if never analysed."""
    rows = conn.execute(select(analyses.c.stage, analyses.c.payload, analyses.c.model)
                        .where(analyses.c.article_id == article_id)
                        .order_by(analyses.c.analyzed_at, analyses.c.model)).all()
    if not rows:
        return None
    result = Analysis()
    for stage, payload, model in rows:  # later rows (newer) win
        if stage == "techniques":
            result.techniques = [UnitTechniques(**u) for u in payload["units"]]
            result.spans = [Span(**s) for s in payload["spans"]]
            result.techniques_low_confidence = bool(payload.get("low_confidence"))
            result.techniques_model = model
        elif stage in ("genre", "frames"):
            setattr(result, stage, Classification(**payload))
        elif stage == "voices":
            result.voices = voices_from_payload(payload, model)
    return result


def analysed_ids(conn: Connection, ids: Sequence[str], stage: str, model: str) -> set[str]:
    """The articles whose *newest* `stage` result (the one shown, load_analysis's order) is
    by `model`. An older result by `model` does not count: after `propscope models use` back
    to a version that analysed them before, the newer result of the other version is what
    readers see, so those articles must be analysed again (which also rewrites their labels
    and review-queue rows)."""
    newest: dict[str, tuple[Any, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        for aid, at, name in conn.execute(
                select(analyses.c.article_id, analyses.c.analyzed_at, analyses.c.model)
                .where(analyses.c.article_id.in_(chunk), analyses.c.stage == stage)):
            if aid not in newest or (at, name) > newest[aid]:
                newest[aid] = (at, name)
    return {aid for aid, (_at, name) in newest.items() if name == model}


def count_analysed(conn: Connection) -> int:
    return int(conn.execute(select(func.count(func.distinct(analyses.c.article_id)))).scalar_one())
