"""ReuseDetector: which articles copy, partly copy, spin or translate which (issue 5).

Pipeline, each step a pure function of CorpusDocs so engines can partition it:
1. `boilerplate(docs)`: shingles that are an outlet's furniture, not its story: found in 5+
   articles of one source, or in more than `df_cap` of the run (at least `df_min`
   articles). They are removed before signatures and alignment, so articles that share
   only boilerplate never become candidates and never link.
2. `candidates(docs)`: MinHash LSH band key -> ids (buckets of 2+). `candidate_pairs`
   turns buckets into unique (earlier, later) pairs; a bucket above `bucket_cap` is a stop
   key (pairs only publication neighbours); `find` does the same from the band keys in numpy
   (reuse_tasks.rank_pairs) without a Python object per pair.
3. `verify_pairs`: paragraph alignment (align.py) of each pair, in tasks of pairs that
   carry only the articles they touch; links deduplicated by (earlier, later).
4. Translated pairs (different languages, reuse_translated.py): the `translated_top`
   nearest articles in other languages published within `window_days` (exact cosine in
   time-sorted chunks) with cosine >= translated_min_cos, shared anchors >= anchor_min;
   each such article's content paragraphs encoded once (the encoder is the costly step);
   a passage needs paragraph cosine >= paragraph_min_cos and, when both paragraphs carry
   numbers, >= paragraph_anchor_min of them shared.

Kinds: "duplicate" when both coverages reach `threshold` (0.9: boilerplate is not in the
coverage); "spun" when the later article carries spinning/MT artefacts (markers.copy_signals
says "spun") or at least half of its passages (2+) are rewritten and the articles' technique
profiles differ (other techniques or another number of units: the rewrite changed the
slant; with no analyses on either side the rewrite alone counts); artefacts in the earlier
article make the pair spun too (the copy chain runs through a spun text); "translated" across languages (spun if
the translation carries artefacts); "partial" otherwise. A link needs the larger coverage
>= min_coverage. Who is earlier: published date, else ingested_at, else id (`order_by`).
"""

from __future__ import annotations

import inspect
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from propscope.corpus import reuse_tasks as RT
from propscope.corpus import reuse_translated as RX
from propscope.corpus import shingles as S
from propscope.corpus import translated as T
from propscope.corpus.align import (
    Alignment,
    DocShingles,
    Profile,
    align,
    doc_shingles,
    in_sorted,
    profile,
    profile_from,
)
from propscope.corpus.docs import CorpusDoc, order_key, ordered
from propscope.corpus.markers import copy_signals, find_markers
from propscope.schema.corpus import Marker, ReuseLink

__all__ = ["ReuseDetector", "order_key", "ordered"]

#: Articles of one source sharing a shingle before it counts as that outlet's boilerplate.
SOURCE_DF = 5
#: ... and at least this share of that source's articles (a story an outlet runs often is
#: not its furniture).
SOURCE_SHARE = 0.3
#: A paragraph repeated verbatim in this many articles of one source is boilerplate.
SOURCE_PARAGRAPH = 3
#: Content shingles a linked pair must share (a copied sentence or two is a quote).
MIN_SHARED = 8
#: Alignment profiles kept per process (~2-3 KB each; a pair task also drops those of its
#: earlier articles, which no later task needs: align.Profile).
PROFILE_CACHE = 20_000


@dataclass
class ReuseDetector:
    """Finds reuse links among articles; every field is a constructor parameter.

    Parameters (candidate generation; the others are commented where they are declared)
    ----------
    bucket_cap : int, default 16
        An LSH bucket (articles sharing one band key) with more members than this is a stop
        key: a phrase or template many unrelated stories share, the way a stop word is
        shared by many documents. It contributes no all-pairs, so the candidate pairs per
        article stay about flat as the corpus grows (template buckets grow with it; real
        copies share most of their 42 bands and still meet in small buckets). Measured on
        the synthetic corpus (docs/corpus.md): pairs per article 17.2 / 25.5 at 10k / 30k
        with the earlier rule, 11.3 / 13.4 with this one, true same-language pairs among
        the candidates unchanged (duplicate 1.0, partial .998, spun .999 at 30k).
    bucket_neighbours : int, default 1
        In a stop bucket, each member is still paired with its next `bucket_neighbours`
        members in publication order (0: none). Copies are published close together, so a
        wire story carried by more than `bucket_cap` outlets (every band of it a big
        bucket) still links as a chain, each copy to the one before it; this costs at
        most `bucket_neighbours` pairs per article per band.
    translated_reach : int, default 2048
        The translated search (exact cosine, translated.neighbours) compares an article
        with those published within `window_days` of it, but at most the `translated_reach`
        published just before its time chunk of 512 and as many just after. A window of
        days holds more articles the bigger the corpus, and the search would grow with its
        square; with the cap each article meets at most ~4,600 others. The cap binds above
        ~150 articles a day (14 days): at 100k articles a year the window is then ~7 days.
    """

    threshold: float = 0.9  # coverage both ways for "duplicate"
    bands: int = 42
    rows: int = 3
    min_coverage: float = 0.3  # larger of the two coverages for any link
    translated_min_cos: float = 0.5  # article-vector cosine for a translated candidate
    anchor_min: float = 0.4  # share of the smaller anchor set found in the other
    paragraph_min_cos: float = 0.6  # paragraph-vector cosine for a translated passage
    paragraph_anchor_min: float = 0.5  # numbers a translated passage's paragraphs share
    translated_min_coverage: float = 0.5  # a vector match is weaker evidence than shingles
    translated_top: int = 5  # cross-language neighbours kept per article
    window_days: int = 14  # a translation appears within this many days of its source
    translated_reach: int = 2048  # ... and among this many articles before/after (docstring)
    df_cap: float = 0.05  # share of the run's articles above which a shingle is boilerplate
    df_min: int = 50
    bucket_cap: int = 16  # a bucket with more members is a stop key (class docstring)
    bucket_neighbours: int = 1  # ... whose members pair only with their next ones in time
    translated: bool = True
    spin_edit_share: float = 0.5
    _boiler: np.ndarray | None = field(default=None, repr=False)
    _profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    _found: dict[str, list[Marker]] = field(default_factory=dict, repr=False)  # markers per article
    _shingles: dict[str, DocShingles] = field(default_factory=dict, repr=False)  # a task's articles
    _all_markers: dict[str, list[Marker]] = field(default_factory=dict, repr=False)  # this run's
    _ranks: dict[str, int] = field(default_factory=dict, repr=False)  # of cached profiles

    @property
    def needs_vectors(self) -> bool:
        return self.translated

    def __getstate__(self) -> dict[str, Any]:
        """Tasks get the parameters and the run's boilerplate, not this process's caches."""
        return {**self.__dict__, "_profiles": {}, "_found": {}, "_shingles": {}, "_all_markers": {},
                "_ranks": {}}

    # -- 1. boilerplate ------------------------------------------------------------------
    def boilerplate(self, docs: Sequence[CorpusDoc], shingled: Sequence[DocShingles] | None = None,
                    unions: Sequence[np.ndarray] | None = None) -> np.ndarray:
        """Sorted shingle hashes that are boilerplate in this run (kept on the detector)."""
        shingled = RT.shingle_all(docs)[0] if shingled is None else shingled
        sets = [ds.union for ds in shingled] if unions is None else unions
        found: list[np.ndarray] = [np.zeros(0, np.uint64)]
        by_source: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(docs):
            if d.source:
                by_source[d.source].append(i)
        for members in by_source.values():
            if len(members) >= SOURCE_DF:
                found.append(_frequent([sets[i] for i in members], max(SOURCE_DF, int(SOURCE_SHARE * len(members)))))
            if len(members) >= SOURCE_PARAGRAPH:
                found.append(_repeated_paragraphs([shingled[i] for i in members]))
        cap = max(self.df_min, int(self.df_cap * len(docs)))
        if len(docs) > cap:
            found.append(_frequent(sets, cap + 1))
        self._boiler = S.unique_sorted(np.concatenate(found))
        self._profiles.clear()
        self._found.clear()
        self._shingles.clear()
        self._all_markers.clear()
        self._ranks.clear()
        return self._boiler

    # -- 2. candidates -------------------------------------------------------------------
    def _band_keys(self, ranked: Sequence[CorpusDoc], engine: Any = None,
                   markers: bool = True) -> tuple[list[DocShingles], np.ndarray]:
        """Shingles (and markers) of every article, partitioned through `engine`, and LSH
        band keys (rows in `ranked` order); fixes the run's boilerplate on the detector."""
        shingled, found = RT.shingle_all(ranked, engine, markers)
        unions = [ds.union for ds in shingled]
        boiler = self.boilerplate(ranked, shingled, unions)
        self._all_markers = {d.id: m for d, m in zip(ranked, found, strict=True) if m is not None}
        lens = np.array([len(u) for u in unions], dtype=np.int64)
        flat = np.concatenate(unions) if lens.sum() else np.zeros(0, np.uint64)
        del unions
        if len(boiler) and len(flat):
            keep = ~in_sorted(flat, boiler)  # a binary search: np.isin sorts all 17M at 100k
            lens = np.add.reduceat(keep, np.r_[0, np.cumsum(lens)[:-1]]) * (lens > 0)
            flat = flat[keep]
        sig = S.signatures_flat(flat, lens, self.bands * self.rows)
        return shingled, S.band_keys(sig, self.bands, self.rows)

    def _run_markers(self, ranked: Sequence[CorpusDoc]) -> list[list[Marker]]:
        return [self._all_markers[d.id] if d.id in self._all_markers else find_markers(d) for d in ranked]

    def candidates(self, docs: Sequence[CorpusDoc], engine: Any = None) -> dict[int, list[str]]:
        """LSH band key -> ids (2+), ids sorted earliest first. Also fixes the run's
        boilerplate (`boilerplate`), which verification then uses: ship the detector to
        bucket tasks after calling this."""
        ranked = sorted(docs, key=order_key)
        _shingled, keys = self._band_keys(ranked, engine, markers=False)
        return S.buckets([d.id for d in ranked], keys)

    def candidate_pairs(self, buckets: dict[int, list[str]]) -> list[tuple[str, str]]:
        """Unique id pairs (in bucket order: earliest first) from the buckets."""
        pairs: set[tuple[str, str]] = set()
        for ids in buckets.values():
            reach = len(ids) if len(ids) <= self.bucket_cap else self.bucket_neighbours
            for x, a in enumerate(ids):
                for b in ids[x + 1 : x + 1 + reach]:
                    pairs.add((a, b))
        return sorted(pairs)

    # -- 3. verification -----------------------------------------------------------------
    def verify(self, bucket_docs: Sequence[CorpusDoc]) -> list[ReuseLink]:
        """Every same-language pair of one bucket; a link per reusing pair."""
        docs = sorted(bucket_docs, key=order_key)
        pairs = [(a.id, b.id) for x, a in enumerate(docs) for b in docs[x + 1:]]
        return self.verify_pairs(pairs, {d.id: d for d in docs})

    def verify_pairs(self, pairs: Sequence[tuple[str, str]], by_id: dict[str, CorpusDoc]) -> list[ReuseLink]:
        links = {}
        for a, b in pairs:
            link = self.verify_pair(by_id[a], by_id[b])
            if link is not None:
                links[(link.earlier, link.later)] = link
        return [links[k] for k in sorted(links)]

    def _profile(self, doc: CorpusDoc) -> Profile:
        p = self._profiles.get(doc.id)
        if p is None:
            if len(self._profiles) > PROFILE_CACHE:
                self._profiles.clear()
                self._ranks.clear()
            ds = self._shingles.get(doc.id)
            p = profile(doc, self._boiler) if ds is None else profile_from(doc.id, ds, self._boiler)
            self._profiles[doc.id] = p
        return p

    def _markers(self, doc: CorpusDoc) -> list[Marker]:
        m = self._found.get(doc.id)
        if m is None:
            if len(self._found) > 50_000:
                self._found.clear()
            m = self._found[doc.id] = find_markers(doc)
        return m

    def verify_pair(self, x: CorpusDoc, y: CorpusDoc) -> ReuseLink | None:
        earlier, later, order_by = ordered(x, y)
        al = align(self._profile(earlier), self._profile(later), MIN_SHARED)
        if not _substantial(al) or max(al.coverage_a, al.coverage_b) < self.min_coverage:
            return None
        markers = self._markers(later)
        kind = self._kind(earlier, later, al.coverage_a, al.coverage_b, al.passages, markers)
        return ReuseLink(
            earlier.id, later.id, kind, round(max(al.coverage_a, al.coverage_b), 4),
            al.coverage_a, al.coverage_b, al.passages, al.added, al.dropped, order_by, markers,
        )

    def _kind(self, earlier: CorpusDoc, later: CorpusDoc, cov_a: float, cov_b: float,
              passages: list, markers: list[Marker]) -> str:
        if copy_signals(later, markers).verdict == "spun" or copy_signals(earlier, self._markers(earlier)).verdict == "spun":
            return "spun"
        edited = sum(p.change == "edited" for p in passages)
        if edited >= 2 and edited / len(passages) >= self.spin_edit_share and _slant_changed(earlier, later):
            return "spun"
        if min(cov_a, cov_b) >= self.threshold:
            return "duplicate"
        return "partial"

    # -- 4. translations -----------------------------------------------------------------
    def _translated_rows(self, ranked: Sequence[CorpusDoc]) -> np.ndarray:
        T.ensure_vectors([d for d in ranked if d.language])
        return RX.candidates(ranked, self.translated_min_cos, self.translated_top,
                             self.window_days, self.anchor_min, self.translated_reach)

    def translated_pairs(self, docs: Sequence[CorpusDoc]) -> list[tuple[str, str]]:
        """Cross-language candidate pairs passing article cosine and anchors (earlier, later)."""
        ranked = sorted(docs, key=order_key)
        out = []
        for i, j in self._translated_rows(ranked).tolist():
            e, l_, _ = ordered(ranked[i], ranked[j])
            out.append((e.id, l_.id))
        return sorted(out)

    def verify_translated(self, pairs: Sequence[tuple[str, str]], by_id: dict[str, CorpusDoc]) -> list[ReuseLink]:
        """Links of cross-language pairs; each article's paragraphs are encoded once."""
        ids = sorted({i for pair in pairs for i in pair})
        docs = [by_id[i] for i in ids]
        shingled = [self._shingles.get(i) or doc_shingles(d) for i, d in zip(ids, docs)]
        vecs = RX.paragraph_vectors(self._boiler, docs, shingled)
        at = {i: k for k, i in enumerate(ids)}
        local = np.array([(at[a], at[b]) for a, b in pairs], dtype=np.int32).reshape(-1, 2)
        return RX.verify_task((self._translated_params(), local, docs, vecs))

    def _translated_params(self) -> tuple[float, float, float]:
        return (self.paragraph_min_cos, self.translated_min_coverage, self.paragraph_anchor_min)

    def _translated_links(self, ranked: list[CorpusDoc], shingled: RT.ShingleTable, same: np.ndarray,
                          engine: Any) -> Iterator[list[ReuseLink]]:
        rows = self._translated_rows(ranked)
        if len(same) and len(rows):  # a pair the shingles already found is not re-verified
            n = len(ranked)
            rows = rows[~np.isin(rows[:, 0] * n + rows[:, 1], same[:, 0] * n + same[:, 1])]
        todo = RT.needed(rows)
        vecs = RX.paragraph_vectors(self._boiler, [ranked[r] for r in todo], [shingled.row(r) for r in todo], engine)
        by_row = dict(zip(todo, vecs, strict=True))
        vecs = [by_row.get(r) for r in range(len(ranked))]
        items = ((self._translated_params(), *RT.task_rows(chunk, ranked, vecs))
                 for chunk in RT.pair_chunks(rows))
        yield from _run(engine, RX.verify_task, items)

    # -- all together --------------------------------------------------------------------
    def find(self, docs: list[CorpusDoc], engine: Any = None) -> list[ReuseLink]:
        """Every link in `docs`, sorted by (earlier, later). With an `engine` (any object
        with map(fn, items)) each stage runs as independent tasks (reuse_tasks.py): articles
        are shingled in partitions, candidate pairs verified in partitions of publication
        time, translated articles encoded once each; results are the same with or without."""
        ranked = sorted(docs, key=order_key)
        shingled, keys = self._band_keys(ranked, engine)
        pairs = RT.rank_pairs(keys, self.bucket_cap, self.bucket_neighbours)
        del keys
        table = RT.ShingleTable.of(shingled)
        del shingled
        context = (self, [_slim(d) for d in ranked], table, self._run_markers(ranked))
        parts = _run(engine, _verify_task, RT.pair_chunks(pairs), context)
        links: dict[tuple[str, str], ReuseLink] = {}
        if self.translated:
            parts += list(self._translated_links(ranked, table, pairs, engine))
        for part in parts:
            for link in part:
                key = (link.earlier, link.later)
                if key not in links or link.score > links[key].score:
                    links[key] = link
        return [links[k] for k in sorted(links)]

    def markers(self, docs: list[CorpusDoc]) -> list[Marker]:
        """Markers of every article (attributions and artefacts), for the markers table."""
        known = self._all_markers  # found by the last candidates/find over these articles
        return [m for d in sorted(docs, key=lambda d: d.id)
                for m in (known[d.id] if d.id in known else find_markers(d))]

    def flags(self, docs: list[CorpusDoc]) -> list[Any]:
        """copy_signals of the articles that have a verdict (spun/republished)."""
        out = [copy_signals(d) for d in sorted(docs, key=lambda d: d.id)]
        return [c for c in out if c.verdict]


def _run(engine: Any, fn: Any, items: Any, context: Any = None) -> list[Any]:
    """fn over items through `engine` (in this process without one); `context` goes to
    every task once where the engine supports that (a run's articles, never per task)."""
    if context is not None:
        if engine is not None and "context" in inspect.signature(engine.map).parameters:
            return list(engine.map(fn, items, context=context))
        fn = partial(fn, context)
    return list(engine.map(fn, items)) if engine is not None else [fn(x) for x in items]


def _verify_task(context: tuple[ReuseDetector, list[CorpusDoc], RT.ShingleTable, list[list[Marker]]],
                 chunk: np.ndarray) -> list[ReuseLink]:
    """Verify a chunk of (earlier rank, later rank) pairs; the context (detector, slim
    articles in rank order, their shingles and markers) reaches each worker once."""
    det, ranked, shingled, markers = context
    rows = RT.needed(chunk)
    det._shingles = {ranked[r].id: shingled.row(r) for r in rows}
    det._found.update((ranked[r].id, markers[r]) for r in rows)
    links = det.verify_pairs([(ranked[i].id, ranked[j].id) for i, j in chunk.tolist()],
                             {ranked[r].id: ranked[r] for r in rows})
    det._ranks.update((ranked[r].id, r) for r in rows)
    done = int(chunk[-1, 0]) if len(chunk) else -1  # chunks run in order of earlier rank:
    for pid in [p for p, r in det._ranks.items() if r < done]:  # no later chunk has these
        det._profiles.pop(pid, None)
        del det._ranks[pid]
    return links


def _slim(doc: CorpusDoc) -> CorpusDoc:
    """What a pair task reads of an article besides its shingles and markers (order,
    techniques): no text, no vector. The context goes to every worker, and on a Dask
    cluster each worker holds its own copy; a 100k run's texts and vectors are ~0.5 GB."""
    return CorpusDoc(doc.id, "", source=doc.source, language=doc.language, published=doc.published,
                     ingested_at=doc.ingested_at, techniques=doc.techniques)


def _substantial(al: Alignment) -> bool:
    """Enough shared text to be a copy: MIN_SHARED shingles in a verbatim passage or in two
    rewritten ones (one rewritten paragraph sharing a sentence is a quote)."""
    if al.shared < MIN_SHARED or not al.passages:
        return False
    return any(p.change == "same" for p in al.passages) or len(al.passages) >= 2


def _repeated_paragraphs(shingled: Sequence[DocShingles]) -> np.ndarray:
    """Shingles of paragraphs that recur verbatim in SOURCE_PARAGRAPH+ of these articles."""
    repeated = _frequent([S.unique_sorted(ds.keys[ds.keys != 0]) for ds in shingled], SOURCE_PARAGRAPH)
    if not len(repeated):
        return repeated
    todo = set(repeated.tolist())
    found: list[np.ndarray] = []
    for ds in shingled:  # one article per repeated paragraph is enough
        bounds = np.r_[0, np.cumsum(ds.sizes)]
        for j in np.flatnonzero(np.isin(ds.keys, repeated)).tolist():
            if int(ds.keys[j]) in todo:
                todo.discard(int(ds.keys[j]))
                found.append(ds.flat[bounds[j] : bounds[j + 1]])
        if not todo:
            break
    return S.unique_sorted(np.concatenate(found))


def _frequent(sets: Sequence[np.ndarray], min_df: int) -> np.ndarray:
    live = [s for s in sets if len(s)]
    if len(live) < min_df:
        return np.zeros(0, np.uint64)
    values, counts = np.unique(np.concatenate(live), return_counts=True)
    return values[counts >= min_df]


def _slant_changed(earlier: CorpusDoc, later: CorpusDoc) -> bool:
    a, b = Counter(earlier.techniques), Counter(later.techniques)
    if not a and not b:
        return True
    return set(a) != set(b) or sum(b.values()) != sum(a.values())
