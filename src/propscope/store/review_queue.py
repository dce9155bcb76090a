"""The review queue (issue 8): the technique decisions the model was least sure of, first.

Active learning by uncertainty sampling. The techniques analysis stores, for every unit (title
and paragraphs), a calibrated probability for every technique; the model decided "present"
where it cleared the technique's threshold (the per-label threshold plus the per-language
shift of the model that made the result: the shipped bundle or a retrained version). The uncertainty of one decision is its distance to
that threshold in log-odds, |logit(p) - logit(t)|: 0 is a coin flip at the boundary, and log-odds
treat a 0.15 against a threshold of 0.10 as seriously as a 0.60 against 0.50.

One row per (article, technique): the article's least certain unit for that technique. Rows are
written with the analysis (save_analyses), so the queue page reads an index, never payloads:
only decisions within MAX_MARGIN are kept, at most PER_ARTICLE per article (the least certain),
which bounds the table at 100k articles. Results of a model this process cannot find (an
unknown tag) are measured against the active version's thresholds; without a readable
bundle every threshold is 0.5.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, exists, insert, or_, select

from propscope.models.bundle import (
    VERSION_RE,
    BundleError,
    active_version,
    bundle_path,
    models_dir,
    version_path,
)
from propscope.store.tables import articles, corrections, review_queue

MAX_MARGIN = 1.0  # log-odds (odds within a factor e of the threshold's): beyond, not asked
PER_ARTICLE = 5
DEFAULT_THRESHOLD = 0.5
_EPS = 1e-4
_CHUNK = 300


@dataclass(frozen=True, slots=True)
class QueueItem:
    article_id: str
    technique: str
    margin: float  # |logit(p) - logit(threshold)|, smaller = less certain
    probability: float
    threshold: float
    paragraph: int  # the least certain unit (-1 = title)
    predicted: bool  # the model said "present" there
    language: str | None
    title: str
    source: str | None


#: What a retrained span tagger appends to the techniques tag (analyzers/persuasion.techniques_tag);
#: it does not change the thresholds, so it is cut before the tag is read.
SPANS = "+spans."


def model_dir(tag: str) -> Path:
    """The techniques bundle that produced results tagged `tag`: a retrained version
    ("techniques@1.0.0+fb-...") from its folder, the shipped one ("techniques@1.0.0"), and for
    any other tag the active version (the closest thing this process knows)."""
    name, _, version = tag.split(SPANS)[0].partition("@")
    local = version.partition("+")[2]
    if name == "techniques" and local and VERSION_RE.match(local):
        path = models_dir() / "techniques" / local
        if path.is_dir():
            return path
    if name == "techniques" and version and not local:
        return bundle_path("techniques")
    try:
        return version_path("techniques", active_version("techniques"))
    except BundleError:
        return bundle_path("techniques")


@lru_cache(maxsize=16)
def _read_thresholds(path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """(label -> threshold, language -> shift) of the bundle in `path`; reads only the
    threshold array, not the weights."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz", allow_pickle=False) as npz:
            values = [float(x) for x in npz["threshold"]]
        labels = list(manifest["labels"])
        shift = {str(k): float(v) for k, v in (manifest.get("threshold_shift") or {}).items()}
    except (OSError, KeyError, ValueError, TypeError):
        return {}, {}
    return dict(zip(labels, values)), shift


ACCURATE = "+accurate."


def accurate_dir(tag: str, language: str | None) -> Path | None:
    """The accurate-tier head that decided `language` in results tagged `tag`
    ("techniques@<fast>+accurate.<lang>-<head version>", models/accurate.TierTag), or None
    when the fast tier decided that language. A head version with a local part
    ("1.0.0+fb-...") is a re-fit version in its folder, else the shipped bundle."""
    tag = tag.split(SPANS)[0]
    if ACCURATE not in tag or not language:
        return None
    for part in tag.split(ACCURATE)[1:]:
        lang, _, version = part.partition("-")
        if lang == language:
            name, local = f"techniques-accurate-{lang}", version.partition("+")[2]
            if local and VERSION_RE.match(local):
                return models_dir() / name / local
            return bundle_path(name)
    return None


@lru_cache(maxsize=16)
def _read_accurate(path: Path) -> dict[str, float]:
    """label -> threshold of an accurate head (no per-language shift: one language each)."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in zip(manifest["labels"], manifest["thresholds"], strict=True)}
    except (OSError, KeyError, ValueError, TypeError):
        return {}


def thresholds(language: str | None, model: str = "") -> dict[str, float]:
    """Decision threshold per technique for articles in `language`, of the model `model`
    (a techniques model tag; empty: the active version). Where the accurate tier decided
    (default for English), its head's thresholds, not the fast tier's."""
    head = accurate_dir(model, language)
    if head is not None and (found := _read_accurate(head)):
        return found
    base, shift = _read_thresholds(model_dir(model.split(ACCURATE)[0]))
    delta = shift.get(language or "", 0.0)
    return {label: t + delta for label, t in base.items()}


def _logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def margin(p: float, t: float) -> float:
    return abs(_logit(p) - _logit(t))


@lru_cache(maxsize=256)
def _limits(language: str | None, model: str) -> dict[str, tuple[float, float]]:
    """label -> (threshold, its logit): computed once per (language, model), not per unit."""
    return {label: (t, _logit(t)) for label, t in thresholds(language, model).items()}


_DEFAULT = (DEFAULT_THRESHOLD, 0.0)


Best = dict[str, tuple[float, float, float, Any, bool]]  # label -> (margin, p, t, unit, chosen)


def _unit_rows(unit: Any, limits: dict[str, tuple[float, float]], best: Best) -> None:
    if not isinstance(unit, dict) or not isinstance(unit.get("probabilities"), dict):
        return
    chosen = unit.get("labels") or ()
    for label, p in unit["probabilities"].items():
        if not isinstance(p, (int, float)) or not math.isfinite(p):
            continue
        t, logit_t = limits.get(label, _DEFAULT)
        m = abs(_logit(float(p)) - logit_t)
        if m <= MAX_MARGIN and (label not in best or m < best[label][0]):
            best[label] = (m, float(p), t, unit.get("paragraph", -1), label in chosen)


def queue_rows(article_id: str, payload: Any, language: str | None,
               model: str = "") -> list[dict[str, Any]]:
    """Queue rows of one techniques payload (made by the model tagged `model`): the least
    certain unit per technique."""
    best: Best = {}
    units = payload.get("units") if isinstance(payload, dict) else None
    limits = _limits(language, model)
    for unit in units or []:
        _unit_rows(unit, limits, best)
    kept = sorted(best.items(), key=lambda kv: (kv[1][0], kv[0]))[:PER_ARTICLE]
    return [{"article_id": article_id, "language": language, "technique": label, "margin": m,
             "prob": p, "threshold": t, "paragraph": int(para), "predicted": bool(on)}
            for label, (m, p, t, para, on) in kept]


def _languages(conn: Connection, ids: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        out.update(conn.execute(select(articles.c.id, articles.c.language)
                                .where(articles.c.id.in_(chunk))).all())
    return out


def rewrite_queue(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Replace the queue rows of the articles whose techniques analysis is in `rows` (analyses
    rows just saved); among several models the greatest name wins, as in rewrite_labels."""
    newest: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["stage"] == "techniques":
            aid = row["article_id"]
            if aid not in newest or row["model"] > newest[aid]["model"]:
                newest[aid] = row
    ids = sorted(newest)
    if not ids:
        return
    for i in range(0, len(ids), _CHUNK):
        conn.execute(delete(review_queue).where(review_queue.c.article_id.in_(ids[i : i + _CHUNK])))
    langs = _languages(conn, ids)
    new = [r for aid in ids for r in queue_rows(aid, newest[aid]["payload"], langs.get(aid),
                                                str(newest[aid]["model"]))]
    if new:
        conn.execute(insert(review_queue), new)


def _reviewed():
    """Any correction on this article that judged or gave this technique (any target)."""
    q, c = review_queue.c, corrections.c
    return exists().where(c.article_id == q.article_id,
                          or_(c.technique == q.technique, c.new_label == q.technique))


def query_queue(conn: Connection, *, technique: str | None = None, language: str | None = None,
                limit: int = 50, offset: int = 0, reviewed: bool = False) -> list[QueueItem]:
    """Least certain first (ties by article id, technique): read off the margin index and
    stopped at `limit`. Decisions someone already reviewed are left out unless `reviewed`."""
    q, a = review_queue.c, articles.c
    stmt = (select(q.article_id, q.technique, q.margin, q.prob, q.threshold, q.paragraph,
                   q.predicted, q.language, a.title, a.source)
            .join(articles, a.id == q.article_id))
    if technique:
        stmt = stmt.where(q.technique == technique)
    if language:
        stmt = stmt.where(q.language == language)
    if not reviewed:
        stmt = stmt.where(~_reviewed())
    stmt = stmt.order_by(q.margin, q.article_id, q.technique).limit(limit).offset(offset)
    return [QueueItem(r[0], r[1], float(r[2]), float(r[3]), float(r[4]), int(r[5]),
                      bool(r[6]), r[7], r[8], r[9]) for r in conn.execute(stmt)]
