"""Keeping `article_labels` in step with `analyses`: the labels of the newest result per stage.

Why a table: corpus filters and statistics ("articles whose frames include Economic") then
read an index instead of parsing every JSON payload.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, tuple_

from propscope.store.tables import article_labels

_CHUNK = 300


def payload_labels(stage: str, payload: dict[str, Any]) -> dict[str, int]:
    """label -> n for one stored payload: units carrying a technique, 1 per genre/frame label."""
    counts: dict[str, int] = {}
    if stage == "techniques":
        for unit in payload.get("units", []):
            for label in set(unit.get("labels", [])):
                counts[label] = counts.get(label, 0) + 1
    else:
        counts = dict.fromkeys(payload.get("labels", []), 1)
    return counts


def rewrite_labels(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Replace the labels of each (article, stage) in `rows` (analyses rows just saved).

    Rows of one call share analyzed_at, so among several models for one (article, stage) the
    greatest model name wins, the same tie-break load_analysis applies.
    """
    newest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["article_id"], row["stage"])
        if key not in newest or row["model"] > newest[key]["model"]:
            newest[key] = row
    keys = sorted(newest)
    for i in range(0, len(keys), _CHUNK):
        conn.execute(delete(article_labels).where(
            tuple_(article_labels.c.article_id, article_labels.c.stage).in_(keys[i : i + _CHUNK])))
    new = [{"article_id": a, "stage": s, "label": label, "n": n}
           for (a, s) in keys for label, n in payload_labels(s, newest[(a, s)]["payload"]).items()]
    if new:
        conn.execute(insert(article_labels), new)
