"""Cross-document results (issue 5) as the API and the dashboard show them.

Why a module of its own: a reuse link or a narrative member is only an article id in the
store; both presenters need the other article's title, outlet, language and date next to
it, fetched for a whole page at once (one query per chunk of ids, never one per row), and
the same "copies" / "copied by" reading of a link from one article's side.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from propscope.schema.corpus import Marker, ReuseLink, SourceProfile
from propscope.store import Store, corpus
from propscope.store import tables as t
from propscope.store.corpus import NarrativeSummary

Direction = Literal["copies", "copied by"]
Period = Literal["all", "year", "month"]
CHUNK = 400


@dataclass(frozen=True, slots=True)
class Brief:
    """What a listing shows of an article named by a link or a narrative."""

    id: str
    title: str
    source: str | None
    language: str | None
    published: str | None
    stored: bool = True


def missing(article_id: str) -> Brief:
    return Brief(article_id, "", None, None, None, stored=False)


def briefs(store: Store, ids: Iterable[str]) -> dict[str, Brief]:
    """Id -> Brief for every id (a deleted article gets stored=False)."""
    wanted = sorted(set(ids))
    a = t.articles.c
    found: dict[str, Brief] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), CHUNK):
            stmt = select(a.id, a.title, a.source, a.language, a.published).where(
                a.id.in_(wanted[i : i + CHUNK]))
            for r in conn.execute(stmt):
                found[r.id] = Brief(r.id, r.title or "", r.source, r.language, r.published)
    return {i: found.get(i) or missing(i) for i in wanted}


@dataclass(frozen=True, slots=True)
class LinkSide:
    """One reuse link read from one article: the other article and which way text went."""

    link: ReuseLink
    other: Brief
    direction: Direction  # "copies": this article is the later one


def article_links(store: Store, article_id: str) -> list[LinkSide]:
    """Links of an article, what it copies first, then who copies it (by score)."""
    links = store.reuse_links(article_id)
    others = briefs(store, [x.earlier if x.later == article_id else x.later for x in links])
    sides = [LinkSide(x, others[x.earlier], "copies") if x.later == article_id
             else LinkSide(x, others[x.later], "copied by") for x in links]
    return sorted(sides, key=lambda s: (s.direction != "copies", -s.link.score, s.other.id))


@dataclass(frozen=True, slots=True)
class LinkPair:
    link: ReuseLink
    earlier: Brief
    later: Brief


def link_pairs(store: Store, links: Sequence[ReuseLink]) -> list[LinkPair]:
    found = briefs(store, [i for x in links for i in (x.earlier, x.later)])
    return [LinkPair(x, found[x.earlier], found[x.later]) for x in links]


def reuse_total(store: Store, kind: str | None) -> tuple[int, dict[str, int]]:
    counts = store.count_reuse(kind)
    return sum(counts.values()), counts


def members(store: Store, narrative_id: str, limit: int,
            offset: int) -> list[tuple[Brief, float]]:
    """A page of a narrative's members, most central first, with their briefs."""
    page = store.narrative_members(narrative_id, limit=limit, offset=offset)
    found = briefs(store, [a for a, _ in page])
    return [(found[a], score) for a, score in page]


def narrative_summary(store: Store, narrative_id: str) -> NarrativeSummary | None:
    """One narrative without its member list (size counts the members)."""
    with store.engine.connect() as conn:
        found = corpus.list_narratives(conn, 1, 0, ids=[narrative_id])
    return found[0] if found else None


def narrative_labels(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Narrative id -> label for the given ids (unknown ones are left out)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    with store.engine.connect() as conn:
        found = corpus.list_narratives(conn, len(wanted), 0, ids=wanted)
    return {s.narrative.id: s.narrative.label for s in found}


def text_markers(markers: Sequence[Marker]) -> list[Marker]:
    """Markers whose offsets index Article.text (others sit in removed blocks)."""
    return [m for m in markers if m.where == "text" and 0 <= m.start < m.end]


class ProfileCache:
    """Source profiles read every stored article: keep them while the corpus is unchanged
    (same article, link and narrative counts) and for at most `ttl` seconds."""

    def __init__(self, ttl: float = 120.0) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[tuple[int, ...], float, list[SourceProfile]]] = {}

    @staticmethod
    def _signature(store: Store) -> tuple[int, ...]:
        return (store.count_articles(), sum(store.count_reuse().values()),
                store.count_narratives())

    def get(self, store: Store, period: Period) -> list[SourceProfile]:
        from propscope.pipeline.corpus_run import source_profiles

        sig, now = self._signature(store), time.monotonic()
        with self._lock:
            hit = self._entries.get(period)
            if hit is not None and hit[0] == sig and now - hit[1] < self.ttl:
                return hit[2]
        profiles = source_profiles(store, period)
        with self._lock:
            self._entries[period] = (sig, now, profiles)
        return profiles


def profiles(app_state: object, store: Store, period: Period,
             source: str | None = None) -> list[SourceProfile]:
    """Profiles for `period` (of one outlet if `source`), through the app's cache."""
    cache = getattr(app_state, "profile_cache", None)
    if cache is None:
        cache = ProfileCache()
        app_state.profile_cache = cache  # type: ignore[attr-defined]
    found = cache.get(store, period)
    return [p for p in found if source is None or p.source == source]
