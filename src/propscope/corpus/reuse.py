"""ReuseDetector: which articles copy, partly copy, spin or translate which (issue 5).

Pipeline, each step a pure function of CorpusDocs so engines can partition it:
1. `boilerplate(docs)`: shingles that are an outlet's furniture, not its story: found in 5+
   articles of one source, or in more than `df_cap` of the run (at least `df_min`
   articles). They are removed before signatures and alignment, so articles that share
   only boilerplate never become candidates and never link.
2. `candidates(docs)`: MinHash LSH band key -> ids (buckets of 2+); every bucket is an
   independent task. `candidate_pairs` turns buckets into unique (earlier, later) pairs,
   a big bucket pairing its members with its earliest `star` members only.
3. `verify(bucket_docs)` / `verify_pairs`: paragraph alignment (align.py) of each pair;
   links deduplicated by (earlier, later).
4. Translated pairs (different languages): the `translated_top` nearest articles in other
   languages published within `window_days` (exact cosine in time-sorted chunks) with
   cosine >= translated_min_cos, shared anchors >= anchor_min, passages from paragraph
   vectors (the encoder: the costly step, run only for pairs that pass the anchors).

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

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from propscope.corpus import shingles as S
from propscope.corpus import translated as T
from propscope.corpus.align import (
    Alignment,
    Profile,
    align,
    align_vectors,
    paragraph_spans,
    profile,
    shared_shingles,
)
from propscope.corpus.docs import CorpusDoc
from propscope.corpus.markers import copy_signals, find_markers
from propscope.schema.corpus import Marker, ReuseLink

#: Articles of one source sharing a shingle before it counts as that outlet's boilerplate.
SOURCE_DF = 5
#: ... and at least this share of that source's articles (a story an outlet runs often is
#: not its furniture).
SOURCE_SHARE = 0.3
#: A paragraph repeated verbatim in this many articles of one source is boilerplate.
SOURCE_PARAGRAPH = 3
#: Content shingles a linked pair must share (a copied sentence or two is a quote).
MIN_SHARED = 8
#: Pairs per verification task sent to an engine.
PAIR_TASK = 2000
Shingled = tuple[np.ndarray, np.ndarray]  # shingles.document_shingles


@dataclass
class ReuseDetector:
    threshold: float = 0.9  # coverage both ways for "duplicate"
    bands: int = 42
    rows: int = 3
    min_coverage: float = 0.3  # larger of the two coverages for any link
    translated_min_cos: float = 0.5  # article-vector cosine for a translated candidate
    anchor_min: float = 0.4  # share of the smaller anchor set found in the other
    paragraph_min_cos: float = 0.6  # paragraph-vector cosine for a translated passage
    translated_min_coverage: float = 0.5  # a vector match is weaker evidence than shingles
    translated_top: int = 5  # cross-language neighbours kept per article
    window_days: int = 14  # a translation appears within this many days of its source
    df_cap: float = 0.05  # share of the run's articles above which a shingle is boilerplate
    df_min: int = 50
    star: int = 8  # a bucket larger than 4*star pairs its members with its first `star`
    translated: bool = True
    spin_edit_share: float = 0.5
    _boiler: np.ndarray | None = field(default=None, repr=False)
    _profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    _found: dict[str, list[Marker]] = field(default_factory=dict, repr=False)  # markers per article

    @property
    def needs_vectors(self) -> bool:
        return self.translated

    # -- 1. boilerplate ------------------------------------------------------------------
    def boilerplate(self, docs: Sequence[CorpusDoc], shingled: Sequence[Shingled] | None = None) -> np.ndarray:
        """Sorted shingle hashes that are boilerplate in this run (kept on the detector)."""
        shingled = [S.document_shingles(_texts(d)) for d in docs] if shingled is None else shingled
        sets = [union for union, _keys in shingled]
        found: list[np.ndarray] = [np.zeros(0, np.uint64)]
        by_source: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(docs):
            if d.source:
                by_source[d.source].append(i)
        for members in by_source.values():
            if len(members) >= SOURCE_DF:
                found.append(_frequent([sets[i] for i in members], max(SOURCE_DF, int(SOURCE_SHARE * len(members)))))
            if len(members) >= SOURCE_PARAGRAPH:
                found.append(_repeated_paragraphs([docs[i] for i in members], [shingled[i] for i in members]))
        cap = max(self.df_min, int(self.df_cap * len(docs)))
        if len(docs) > cap:
            found.append(_frequent(sets, cap + 1))
        self._boiler = S.unique_sorted(np.concatenate(found))
        self._profiles.clear()
        self._found.clear()
        return self._boiler

    # -- 2. candidates -------------------------------------------------------------------
    def candidates(self, docs: Sequence[CorpusDoc]) -> dict[int, list[str]]:
        """LSH band key -> ids (2+), ids sorted earliest first. Also fixes the run's
        boilerplate (`boilerplate`), which verification then uses: ship the detector to
        bucket tasks after calling this."""
        shingled = [S.document_shingles(_texts(d)) for d in docs]
        boiler = self.boilerplate(docs, shingled)
        lens = np.array([len(u) for u, _k in shingled], dtype=np.int64)
        flat = np.concatenate([u for u, _k in shingled]) if lens.sum() else np.zeros(0, np.uint64)
        if len(boiler) and len(flat):
            keep = ~np.isin(flat, boiler)
            lens = np.add.reduceat(keep, np.r_[0, np.cumsum(lens)[:-1]]) * (lens > 0)
            flat = flat[keep]
        sig = S.signatures_flat(flat, lens, self.bands * self.rows)
        keyed = S.buckets([d.id for d in docs], S.band_keys(sig, self.bands, self.rows))
        rank = {d.id: i for i, d in enumerate(sorted(docs, key=order_key))}
        return {k: sorted(v, key=rank.__getitem__) for k, v in sorted(keyed.items())}

    def candidate_pairs(self, buckets: dict[int, list[str]]) -> list[tuple[str, str]]:
        """Unique id pairs (in bucket order: earliest first) from the buckets."""
        pairs: set[tuple[str, str]] = set()
        for ids in buckets.values():
            heads = ids if len(ids) <= 4 * self.star else ids[: self.star]
            for x, a in enumerate(heads):
                for b in ids[x + 1:]:
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
            if len(self._profiles) > 50_000:
                self._profiles.clear()
            p = self._profiles[doc.id] = profile(doc, self._boiler)
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
        pe, pl = self._profile(earlier), self._profile(later)
        if shared_shingles(pe, pl) < MIN_SHARED:  # a third of candidate pairs: no alignment needed
            return None
        al = align(pe, pl)
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
    def translated_pairs(self, docs: Sequence[CorpusDoc]) -> list[tuple[str, str]]:
        """Cross-language candidate pairs passing article cosine and anchors."""
        docs = [d for d in docs if d.language]
        if len({d.language for d in docs}) < 2:
            return []
        T.ensure_vectors(list(docs))
        vecs = T.unit_rows(list(docs))
        cand = T.neighbours(vecs, [d.language or "" for d in docs], T.day_numbers(docs),
                            self.translated_min_cos, self.translated_top, self.window_days)
        out, anchor_cache = [], {}
        for i, j in sorted(cand):
            ai = anchor_cache.setdefault(i, T.anchors(docs[i].text))
            aj = anchor_cache.setdefault(j, T.anchors(docs[j].text))
            if T.anchor_share(ai, aj) >= self.anchor_min:
                e, l_, _ = ordered(docs[i], docs[j])
                out.append((e.id, l_.id))
        return sorted(out)

    def verify_translated(self, pairs: Sequence[tuple[str, str]], by_id: dict[str, CorpusDoc]) -> list[ReuseLink]:
        links = []
        for a, b in pairs:
            link = self._translated_link(by_id[a], by_id[b])
            if link is not None:
                links.append(link)
        return links

    def _translated_link(self, x: CorpusDoc, y: CorpusDoc) -> ReuseLink | None:
        earlier, later, order_by = ordered(x, y)
        pe, pl = self._profile(earlier), self._profile(later)
        ie = [i for i, b in enumerate(pe.boiler) if not b]
        il = [i for i, b in enumerate(pl.boiler) if not b]
        te, tl = _texts(earlier), _texts(later)
        va = T.paragraph_vectors([te[i] for i in ie])
        vb = T.paragraph_vectors([tl[i] for i in il])
        passages, added, dropped = align_vectors(va, vb, self.paragraph_min_cos)
        passages = [type(p)(ie[p.a], il[p.b], p.similarity, p.change) for p in passages]
        cov_e = _char_share(pe, {p.a for p in passages})
        cov_l = _char_share(pl, {p.b for p in passages})
        if len(passages) < 2 or max(cov_e, cov_l) < self.translated_min_coverage:
            return None
        markers = find_markers(later)
        kind = "spun" if copy_signals(later, markers).verdict == "spun" else "translated"
        score = round(float(np.mean([p.similarity for p in passages])), 4)
        return ReuseLink(earlier.id, later.id, kind, score, cov_e, cov_l, passages,
                         [il[j] for j in added], [ie[i] for i in dropped], order_by, markers)

    # -- all together --------------------------------------------------------------------
    def find(self, docs: list[CorpusDoc], engine: Any = None) -> list[ReuseLink]:
        """Every link in `docs`, sorted by (earlier, later); pairs verified through `engine`
        (any object with map(fn, items)) in tasks of PAIR_TASK pairs when given."""
        by_id = {d.id: d for d in docs}
        pairs = self.candidate_pairs(self.candidates(docs))
        tpairs = self.translated_pairs(docs) if self.translated else []
        same = set(pairs)
        tpairs = [p for p in tpairs if p not in same and (p[1], p[0]) not in same]
        tasks = [(self, p, False) for p in _chunks(pairs)] + [(self, p, True) for p in _chunks(tpairs)]
        items = [(det, chunk, tr, {i: by_id[i] for pair in chunk for i in pair}) for det, chunk, tr in tasks]
        results = engine.map(_verify_task, items) if engine is not None else [_verify_task(it) for it in items]
        links: dict[tuple[str, str], ReuseLink] = {}
        for part in results:
            for link in part:
                key = (link.earlier, link.later)
                if key not in links or link.score > links[key].score:
                    links[key] = link
        return [links[k] for k in sorted(links)]

    def markers(self, docs: list[CorpusDoc]) -> list[Marker]:
        """Markers of every article (attributions and artefacts), for the markers table."""
        return [m for d in sorted(docs, key=lambda d: d.id) for m in find_markers(d)]

    def flags(self, docs: list[CorpusDoc]) -> list[Any]:
        """copy_signals of the articles that have a verdict (spun/republished)."""
        out = [copy_signals(d) for d in sorted(docs, key=lambda d: d.id)]
        return [c for c in out if c.verdict]


def _verify_task(item: tuple[ReuseDetector, list[tuple[str, str]], bool, dict[str, CorpusDoc]]) -> list[ReuseLink]:
    det, pairs, is_translated, by_id = item
    if is_translated:
        return det.verify_translated(pairs, by_id)
    return det.verify_pairs(pairs, by_id)


def _chunks(pairs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    return [pairs[i : i + PAIR_TASK] for i in range(0, len(pairs), PAIR_TASK)]


def _substantial(al: Alignment) -> bool:
    """Enough shared text to be a copy: MIN_SHARED shingles in a verbatim passage or in two
    rewritten ones (one rewritten paragraph sharing a sentence is a quote)."""
    if al.shared < MIN_SHARED or not al.passages:
        return False
    return any(p.change == "same" for p in al.passages) or len(al.passages) >= 2


def _repeated_paragraphs(docs: Sequence[CorpusDoc], shingled: Sequence[Shingled]) -> np.ndarray:
    """Shingles of paragraphs that recur verbatim in SOURCE_PARAGRAPH+ of these articles."""
    keys = [S.unique_sorted(k[k != 0]) for _u, k in shingled]
    repeated = _frequent(keys, SOURCE_PARAGRAPH)
    if not len(repeated):
        return repeated
    todo = set(repeated.tolist())
    texts: list[str] = []
    for doc, (_u, k) in zip(docs, shingled):  # one text per repeated paragraph is enough
        for j in np.flatnonzero(np.isin(k, repeated)).tolist():
            if int(k[j]) in todo:
                todo.discard(int(k[j]))
                texts.append(_texts(doc)[j])
        if not todo:
            break
    return S.document_shingles(texts)[0]


def _frequent(sets: Sequence[np.ndarray], min_df: int) -> np.ndarray:
    live = [s for s in sets if len(s)]
    if len(live) < min_df:
        return np.zeros(0, np.uint64)
    values, counts = np.unique(np.concatenate(live), return_counts=True)
    return values[counts >= min_df]


def _texts(doc: CorpusDoc) -> list[str]:
    return [doc.text[s:e] for s, e in paragraph_spans(doc)]


def _char_share(p: Profile, used: set[int]) -> float:
    total = p.content_chars
    if total == 0:
        return 0.0
    return round(sum(c for i, c in enumerate(p.chars) if i in used and not p.boiler[i]) / total, 4)


def _slant_changed(earlier: CorpusDoc, later: CorpusDoc) -> bool:
    a, b = Counter(earlier.techniques), Counter(later.techniques)
    if not a and not b:
        return True
    return set(a) != set(b) or sum(b.values()) != sum(a.values())


def _date_key(doc: CorpusDoc) -> str | None:
    return doc.published.strip() if doc.published and doc.published.strip() else None


def order_key(doc: CorpusDoc) -> tuple[str, str, str]:
    """Sort key: published (undated last), ingested_at, id."""
    return (_date_key(doc) or "\uffff", doc.ingested_at or "\uffff", doc.id)


def ordered(x: CorpusDoc, y: CorpusDoc) -> tuple[CorpusDoc, CorpusDoc, str]:
    """(earlier, later, how decided): published dates when both have different ones (date
    parts compared first), else ingested_at, else id."""
    px, py = _date_key(x), _date_key(y)
    if px and py:
        dx, dy = (px[:10], py[:10]) if px[:10] != py[:10] or len(px) <= 10 or len(py) <= 10 else (px, py)
        if dx != dy:
            return (x, y, "published") if dx < dy else (y, x, "published")
    if x.ingested_at and y.ingested_at and x.ingested_at != y.ingested_at:
        return (x, y, "ingested") if x.ingested_at < y.ingested_at else (y, x, "ingested")
    return (x, y, "id") if x.id < y.id else (y, x, "id")
