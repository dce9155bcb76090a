"""Reuse stays about linear in the corpus: what each pair task builds and keeps, and how far
the translated search looks, are bounded per article whatever the corpus size."""

from __future__ import annotations

import numpy as np
import pytest
from _reuse_texts import EN, EN_OTHER, make_doc

from propscope.corpus import reuse as R
from propscope.corpus import reuse_tasks as RT
from propscope.corpus import translated as T
from propscope.corpus.align import align, doc_shingles, profile
from propscope.corpus.docs import CorpusDoc, order_key
from propscope.corpus.reuse import ReuseDetector
from propscope.corpus.synthetic import generate


def test_align_indexes_one_side_and_gives_the_same_passages_either_way() -> None:
    a, b = profile(make_doc("a", EN)), profile(make_doc("b", [EN_OTHER[0], *EN[:4]]))
    al = align(a, b)
    assert a.index is not None and b.index is None  # the later article is only scanned
    again = align(profile(make_doc("a", EN)), _indexed(profile(make_doc("b", [EN_OTHER[0], *EN[:4]]))))
    assert al == again and [(p.a, p.b) for p in al.passages] == [(0, 1), (1, 2), (2, 3), (3, 4)]


def _indexed(p):  # type: ignore[no-untyped-def]
    p.lookup()
    return p


def test_min_shared_skips_the_passage_search_only_below_it() -> None:
    a, b = profile(make_doc("a", EN)), profile(make_doc("b", EN))
    full = align(a, b)
    assert align(a, b, min_shared=full.shared) == full
    short = align(a, b, min_shared=full.shared + 1)
    assert short.passages == [] and short.shared == full.shared


@pytest.fixture(scope="module")
def ranked() -> list[CorpusDoc]:
    return sorted(generate(400, 3).docs, key=order_key)


def test_a_pair_task_drops_the_profiles_no_later_task_needs(ranked: list[CorpusDoc]) -> None:
    det = ReuseDetector(translated=False)
    shingled, keys = det._band_keys(ranked)
    pairs = RT.rank_pairs(keys, det.bucket_cap, det.bucket_neighbours)
    context = (det, ranked, RT.ShingleTable.of(shingled), det._run_markers(ranked))
    chunks = list(RT.pair_chunks(pairs, 200))
    assert len(chunks) >= 3
    rank = {d.id: r for r, d in enumerate(ranked)}
    links = []
    for chunk in chunks:
        links += R._verify_task(context, chunk)
        kept = {rank[i] for i in det._profiles}
        last = int(chunk[-1, 0])
        assert kept and all(r >= last for r in kept)  # earlier articles of done chunks: gone
    # and dropping them changed nothing
    assert sorted((x.earlier, x.later) for x in links) == sorted(
        (x.earlier, x.later) for x in ReuseDetector(translated=False).find(ranked))


def _unit(v: list[float]) -> np.ndarray:
    x = np.asarray(v, dtype=np.float32)
    return x / np.linalg.norm(x)


def test_translated_search_reach_bounds_the_articles_compared() -> None:
    # 40 articles on one day: row 0 (en) has its only match (de) at the far end
    n = 40
    vecs = np.stack([_unit([1.0, 0.0, 0.0])] + [_unit([0.0, 1.0, float(i)]) for i in range(1, n - 1)]
                    + [_unit([1.0, 0.01, 0.0])])
    langs = ["en"] + ["fr"] * (n - 2) + ["de"]
    langs[1:-1] = ["en"] * (n - 2)  # the others are English: not candidates for row 0
    days = np.full(n, 738000)
    assert (0, n - 1) in T.neighbours(vecs, langs, days, 0.5, 2, 14, chunk=8)
    assert (0, n - 1) in T.neighbours(vecs, langs, days, 0.5, 2, 14, chunk=8, reach=32)
    assert (0, n - 1) not in T.neighbours(vecs, langs, days, 0.5, 2, 14, chunk=8, reach=8)


def test_undated_articles_take_their_ingest_day() -> None:
    docs = [CorpusDoc("a", "x", published="2024-03-01"), CorpusDoc("b", "x", ingested_at="2024-03-05T10:00:00"),
            CorpusDoc("c", "x")]
    d = T.day_numbers(docs)
    assert d[1] - d[0] == 4 and d[2] == -1


class _Recording:
    """An engine that runs in-process and keeps what each map was given."""

    name = "recording"

    def __init__(self) -> None:
        self.contexts: list[object] = []

    def map(self, fn, items, progress=None, context=None):  # type: ignore[no-untyped-def]
        self.contexts.append(context)
        return [fn(context, x) if context is not None else fn(x) for x in items]


def test_pair_tasks_get_no_texts_or_vectors(ranked: list[CorpusDoc]) -> None:
    for d in ranked:
        d.vector = np.ones(4, dtype=np.float32)
    engine = _Recording()
    links = ReuseDetector(translated=False).find(ranked, engine=engine)
    (context,) = [c for c in engine.contexts if c is not None]
    _det, docs, shingled, markers = context  # type: ignore[misc]
    assert isinstance(shingled, RT.ShingleTable)
    assert len(docs) == len(shingled) == len(markers) == len(ranked)
    assert all(d.text == "" and d.vector is None for d in docs)
    assert links == ReuseDetector(translated=False).find(ranked) and len(links) > 20


def test_candidate_shingles_skip_the_line_rule_and_cannot_be_aligned() -> None:
    from propscope.corpus.align import profile_from

    doc = make_doc("a", EN)
    bare, full = doc_shingles(doc, rule=False), doc_shingles(doc)
    assert bare.rule is None and full.rule is not None
    assert np.array_equal(bare.flat, full.flat) and np.array_equal(bare.keys, full.keys)
    with pytest.raises(ValueError, match="without the boilerplate rule"):
        profile_from("a", bare)


def test_shingle_table_rows_are_the_articles_shingles_and_pickle_small(ranked: list[CorpusDoc]) -> None:
    import pickle

    shingled = [doc_shingles(d) for d in ranked[:60]]
    table = RT.ShingleTable.of(shingled)
    assert len(table) == 60
    for i, ds in enumerate(shingled):
        row = table.row(i)
        for name in ("flat", "sizes", "keys", "rule", "chars"):
            assert np.array_equal(getattr(row, name), getattr(ds, name)), name
    assert _loaded_bytes(pickle.dumps(table)) < 0.8 * _loaded_bytes(pickle.dumps(shingled))
    with pytest.raises(ValueError, match="boilerplate rule"):
        RT.ShingleTable.of([doc_shingles(ranked[0], rule=False)])


def _loaded_bytes(data: bytes) -> int:
    """Memory a worker allocates to unpickle `data` (what it holds of a context)."""
    import pickle
    import tracemalloc

    tracemalloc.start()
    try:
        obj = pickle.loads(data)
        used = tracemalloc.get_traced_memory()[0]
        del obj
        return used
    finally:
        tracemalloc.stop()
