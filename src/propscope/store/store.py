"""The Store facade: the only storage API the pipeline, CLI and web layers use."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.source_voices import SourceVoices, from_totals
from propscope.schema import Article, DocumentError
from propscope.schema.analysis import Analysis
from propscope.schema.corpus import Marker, Narrative, ReuseLink
from propscope.schema.voices import Voices
from propscope.store import (
    analysis,
    corpus,
    corpus_docs,
    entities,
    query,
    read,
    voice_spans,
)
from propscope.store.corpus import NarrativeSummary
from propscope.store.engine import make_engine, resolve_url, safe_url
from propscope.store.exceptions import StoreError
from propscope.store.migrate import upgrade_to_head
from propscope.store.query import ArticleFilter, ArticlePage, CorpusStats, Order
from propscope.store.read import DateLike
from propscope.store.records import ArticleSummary, BatchResult, ErrorRecord
from propscope.store.review_facade import ReviewMixin
from propscope.store.write import save_batch, write_tx

#: Seconds a cached corpus_stats answer may be served when another process wrote meanwhile.
STATS_TTL = 30.0
#: corpus_state key: the attribution rule the voice index was built under.
VOICE_RULE_KEY = "voice_index_rule"


class Store(ReviewMixin):
    """An open, migrated database. Thread-safe like its SQLAlchemy engine; not picklable."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        #: corpus_stats results by filter: the dashboard overview asks the same question on
        #: every visit and the aggregates take ~0.2-0.8 s at 100k articles. Cleared by every
        #: write through this Store; writes by other processes show after STATS_TTL seconds.
        self._stats_cache: dict[ArticleFilter, tuple[float, CorpusStats]] = {}
        #: Source profiles by voice and speaker names, same contract (~0.2-0.5 s at 100k).
        self._voices_cache: dict[Any, tuple[float, Any]] = {}
        self._voice_rule_checked = False

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _conn(self) -> Connection:
        return self.engine.connect()

    def _forget(self) -> None:
        """Drop cached answers: this Store just wrote."""
        self._stats_cache.clear()
        self._voices_cache.clear()

    def _cached_voices(self, key: Any, compute: Any) -> Any:
        hit = self._voices_cache.get(key)
        if hit is None or time.monotonic() - hit[0] >= STATS_TTL:
            if len(self._voices_cache) >= 64:
                self._voices_cache.clear()
            with self._conn() as conn:
                hit = self._voices_cache[key] = (time.monotonic(), compute(conn))
        return copy.deepcopy(hit[1])

    # -- writing ------------------------------------------------------------------------

    def save_batch(
        self,
        articles: Sequence[tuple[Article, str]],
        errors: Sequence[tuple[DocumentError, str | None]] = (),
    ) -> BatchResult:
        """Store (article, raw_sha256) pairs and (error, raw_sha256 | None) pairs.

        One transaction per batch; existing ids are duplicates, never overwritten. If the
        batch is refused as a whole, rows are saved one by one and a row the database still
        refuses becomes an "internal" error entry instead of losing the others.
        """
        self._forget()
        return save_batch(self.engine, list(articles), list(errors))

    def save_analyses(self, articles: Sequence[Article]) -> int:
        """Store the analyzer results carried by `articles` (one transaction)."""
        self._forget()
        with self.engine.begin() as conn:
            return analysis.save_analyses(conn, articles)

    def get_analysis(self, article_id: str) -> Analysis | None:
        with self._conn() as conn:
            return analysis.load_analysis(conn, article_id)

    def analysed_ids(self, ids: Sequence[str], stage: str, model: str) -> set[str]:
        with self._conn() as conn:
            return analysis.analysed_ids(conn, ids, stage, model)

    # -- resume -------------------------------------------------------------------------

    def processed(self, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """The (origin, raw_sha256) pairs already handled by an earlier run."""
        with self._conn() as conn:
            return read.processed(conn, keys)

    # -- reading ------------------------------------------------------------------------

    def get_article(self, id_or_prefix: str) -> Article | None:
        """Full article by id or unique prefix (>= 6 chars); AmbiguousIdError if several."""
        with self._conn() as conn:
            article_id = read.resolve_id(conn, id_or_prefix.strip())
            if article_id is None:
                return None
            found = read.load_articles(conn, [article_id])
            if found:
                found[0].analysis = analysis.load_analysis(conn, article_id)
        return found[0] if found else None

    def list_articles(
        self,
        *,
        source: str | None = None,
        language: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ArticleSummary]:
        """Summaries, newest ingested first; since/until filter on ``published``."""
        with self._conn() as conn:
            conds = read._filters(source, language, since, until)
            return read.list_articles(conn, conds, limit, offset)

    def count_articles(
        self,
        *,
        source: str | None = None,
        language: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
    ) -> int:
        """How many articles list_articles would page through with the same filters."""
        with self._conn() as conn:
            return read.count(conn, read._filters(source, language, since, until))

    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]:
        """Every article in id order, loaded batch_size at a time (for export)."""
        for ids in read.iter_ids(self._conn, batch_size):
            with self._conn() as conn:
                yield from read.load_articles(conn, ids)

    def query_articles(self, f: ArticleFilter | None = None, limit: int = 50, offset: int = 0,
                       order: Order = "ingested") -> ArticlePage:
        """Filtered, searched page of articles (store.query); QueryError for bad filters."""
        with self._conn() as conn:
            return query.query_articles(conn, f or ArticleFilter(), limit=limit, offset=offset,
                                        order=order)

    def corpus_stats(self, f: ArticleFilter | None = None) -> CorpusStats:
        """Counts by source, language, labels and month for the articles matching `f`."""
        f = f or ArticleFilter()
        hit = self._stats_cache.get(f)
        if hit is not None and time.monotonic() - hit[0] < STATS_TTL:
            return copy.deepcopy(hit[1])
        with self._conn() as conn:
            stats = query.corpus_stats(conn, f)
        if len(self._stats_cache) >= 256:
            self._stats_cache.clear()
        self._stats_cache[f] = (time.monotonic(), stats)
        return copy.deepcopy(stats)

    def list_errors(self, limit: int = 50, offset: int = 0) -> list[ErrorRecord]:
        """Stored document failures, most recent first."""
        with self._conn() as conn:
            return read.list_errors(conn, limit, offset)

    def count_errors(self) -> int:
        with self._conn() as conn:
            return read.count_errors(conn)

    def stats(self) -> dict[str, Any]:
        """{"articles", "errors", "by_language", "by_source"}; NULL groups are "unknown"."""
        with self._conn() as conn:
            return read.stats(conn)

    # -- cross-document results (issue 5) ------------------------------------------------

    def save_reuse(self, links: Sequence[ReuseLink], markers: Sequence[Marker],
                   articles: Sequence[str] | None = None) -> tuple[int, int]:
        """Replace the reuse links and markers of `articles` (None: of the whole corpus)
        in one transaction; returns (links, markers) stored."""
        with write_tx(self.engine) as conn:
            return corpus.replace_reuse(conn, links, markers, articles)

    def reuse_links(self, article_id: str) -> list[ReuseLink]:
        """Links in both directions, each with the markers found in its `later` article."""
        with self._conn() as conn:
            return corpus.links_of(conn, article_id)

    def list_reuse(self, limit: int = 50, offset: int = 0,
                   kind: str | None = None) -> list[ReuseLink]:
        """A page of links in (earlier, later) order; ValueError for an unknown kind."""
        _check_kind(kind)
        with self._conn() as conn:
            return corpus.list_links(conn, limit, offset, kind)

    def count_reuse(self, kind: str | None = None) -> dict[str, int]:
        _check_kind(kind)
        with self._conn() as conn:
            return corpus.count_links(conn, kind)

    def markers(self, article_id: str) -> list[Marker]:
        with self._conn() as conn:
            return corpus.markers_of(conn, [article_id])[article_id]

    def save_narratives(self, narratives: Sequence[Narrative], state: Any = None, *,
                        scores: dict[str, float] | None = None, rebuild: bool = False,
                        state_key: str = "narratives") -> int:
        """Replace the given narratives and members, and the clustering state under
        `state_key` (unless None), in one transaction; `rebuild` drops every other one."""
        with write_tx(self.engine) as conn:
            written = corpus.save_narratives(conn, narratives, scores, rebuild)
            if state is not None:
                corpus.put_state(conn, state_key, state)
            return written

    def narratives(self, limit: int = 50, offset: int = 0,
                   min_size: int = 1) -> list[NarrativeSummary]:
        """Biggest first, those with at least `min_size` members; members are not loaded
        (see narrative_members)."""
        with self._conn() as conn:
            return corpus.list_narratives(conn, limit, offset, min_size=min_size)

    def count_narratives(self, min_size: int = 1) -> int:
        with self._conn() as conn:
            return corpus.count_narratives(conn, min_size)

    def narrative(self, narrative_id: str) -> Narrative | None:
        with self._conn() as conn:
            return corpus.get_narrative(conn, narrative_id)

    def narrative_members(self, narrative_id: str, limit: int | None = None,
                          offset: int = 0) -> list[tuple[str, float]]:
        with self._conn() as conn:
            return corpus.narrative_members(conn, narrative_id, limit, offset)

    def narrative_assignments(self) -> dict[str, str]:
        """article id -> narrative id for every article a narrative holds."""
        with self._conn() as conn:
            return corpus.assignments(conn)

    def article_narratives(self, article_id: str) -> list[NarrativeSummary]:
        with self._conn() as conn:
            return corpus.narratives_of(conn, article_id)

    def corpus_doc_ids(self, after: str = "", limit: int = 500, *,
                       without_narrative: bool = False,
                       ids: Sequence[str] | None = None) -> list[str]:
        """Next page of article ids (id order) for a corpus run; see corpus.load."""
        with self._conn() as conn:
            return corpus_docs.page_ids(conn, after, limit, without_narrative, ids)

    def corpus_docs(self, ids: Sequence[str]) -> list[CorpusDoc]:
        """What a corpus stage sees of these articles (no raw bytes, no vectors)."""
        with self._conn() as conn:
            return corpus_docs.load_docs(conn, ids)

    def get_corpus_state(self, key: str) -> Any | None:
        with self._conn() as conn:
            return corpus.get_state(conn, key)

    def put_corpus_state(self, key: str, payload: Any) -> None:
        with write_tx(self.engine) as conn:
            corpus.put_state(conn, key, payload)

    # -- who says what (issue 6) ----------------------------------------------------------

    def entities(self, *, kind: str | None = None, q: str | None = None,
                 source: str | None = None, order: str = "articles", limit: int = 50,
                 offset: int = 0) -> list[entities.EntitySummary]:
        """Canonical entities with article/mention/quote counts and stance; EntityQueryError
        (a ValueError) for an unknown kind or order."""
        with self._conn() as conn:
            return entities.list_entities(conn, kind=kind, q=q, source=source, order=order,
                                          limit=limit, offset=offset)

    def count_entities(self, *, kind: str | None = None, q: str | None = None,
                       source: str | None = None) -> int:
        with self._conn() as conn:
            return entities.count_entities(conn, kind=kind, q=q, source=source)

    def entity(self, entity_id: str) -> entities.EntitySummary | None:
        with self._conn() as conn:
            return entities.get_entity(conn, entity_id)

    def entity_articles(self, entity_id: str, limit: int = 50,
                        offset: int = 0) -> list[entities.EntityArticle]:
        with self._conn() as conn:
            return entities.entity_articles(conn, entity_id, limit, offset)

    def entity_quotes(self, entity_id: str, limit: int = 50) -> list[entities.EntityQuote]:
        with self._conn() as conn:
            return entities.entity_quotes(conn, entity_id, limit)

    def entity_stance_by_source(self, entity_id: str) -> list[entities.SourceStance]:
        with self._conn() as conn:
            return entities.stance_by_source(conn, entity_id)

    def iter_voices(self, batch: int = 500) -> Iterator[tuple[str, Voices]]:
        """(article id, newest voices analysis) for every analysed article, id order."""
        return entities.iter_voices(self._conn, batch)

    def iter_spans_and_quotes(self, batch: int = 500) -> Iterator[tuple[str | None, list, list]]:
        """(source, technique spans, quotes) per article with a voices analysis."""
        from propscope.store.voices_rows import iter_spans_and_quotes

        return iter_spans_and_quotes(self._conn, batch)

    def source_voices(self) -> list[SourceVoices]:
        """Per outlet: technique spans in its own words vs inside quotes, and whose: sums
        over the voice index (= source_voices(iter_spans_and_quotes()), no payload read)."""
        self._ensure_voice_rule()
        return self._cached_voices("rows", lambda c: from_totals(*voice_spans.source_totals(c)))

    def _ensure_voice_rule(self) -> None:
        """Rebuild the voice index once if it was built under another attribution rule (the
        index from migration 0006, with no state recorded, was built under rule "1")."""
        from propscope.analyzers.voices.attribution import RULE_VERSION
        from propscope.store.corpus import get_state, put_state

        if self._voice_rule_checked:
            return
        with self._conn() as conn:
            built = (get_state(conn, VOICE_RULE_KEY) or {}).get("rule", "1")
        if built != RULE_VERSION:
            self._forget()
            with write_tx(self.engine) as conn:
                voice_spans.rebuild(conn)
                put_state(conn, VOICE_RULE_KEY, {"rule": RULE_VERSION})
        self._voice_rule_checked = True

    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        """Display names of these entity ids (those the index knows), in one query."""
        key = ("names", *sorted(set(ids)))
        return self._cached_voices(key, lambda c: voice_spans.entity_names(c, key[1:]))

    def rebuild_voice_index(self) -> int:
        """Re-attribute all stored spans (after an attribution rule change); -> articles."""
        from propscope.analyzers.voices.attribution import RULE_VERSION
        from propscope.store.corpus import put_state

        self._forget()
        with write_tx(self.engine) as conn:
            n = voice_spans.rebuild(conn)
            put_state(conn, VOICE_RULE_KEY, {"rule": RULE_VERSION})
        return n

    def save_entity_merges(self, mapping: dict[str, str], names: dict[str, str]) -> int:
        """Replace the corpus merge map (key -> canonical key; `names`: display names of
        canonical keys) and re-point the entity index, in one transaction."""
        self._forget()
        with write_tx(self.engine) as conn:
            return entities.replace_merges(conn, mapping, names)

    def close(self) -> None:
        """Release pooled connections (SQLite: lets the WAL be checkpointed)."""
        self.engine.dispose()


def _check_kind(kind: str | None) -> None:
    from propscope.schema.corpus import REUSE_KINDS

    if kind is not None and kind not in REUSE_KINDS:
        raise ValueError(f"unknown reuse kind {kind!r}; expected one of: {', '.join(REUSE_KINDS)}")


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating to head) the database at url, $PROPSCOPE_DB or default.

    Raises UnsupportedURLError for an unknown scheme, SchemaTooNewError for a database
    written by a newer propscope, and StoreError when the database cannot be reached or
    is not a database at all (instead of a driver traceback).
    """
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    try:
        upgrade_to_head(engine, safe_url(resolved))
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else repr(exc)
        raise StoreError(f"cannot open database {safe_url(resolved)}: {reason}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, resolved)
