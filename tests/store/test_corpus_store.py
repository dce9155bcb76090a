"""Cross-document results in the store (migration 0004), on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import numpy as np
import pytest
from alembic import command
from sqlalchemy import inspect

from propscope.schema.corpus import REUSE_KINDS, Marker, Narrative, Passage, ReuseLink
from propscope.store import Store, open_store
from propscope.store.engine import make_engine, resolve_url
from propscope.store.migrate import alembic_config
from propscope.store.tables import REUSE_KINDS_SQL
from propscope.store.write import save_batch
from tests.store.conftest import ArticleFactory

CORPUS_TABLES = {"reuse_links", "markers", "narratives", "narrative_members", "corpus_state"}


def _ids(store: Store, make_article: ArticleFactory, n: int) -> list[str]:
    items = [make_article(i) for i in range(n)]
    store.save_batch(items)
    return [a.id for a, _ in items]


def _link(earlier: str, later: str, kind: str = "partial", score: float = 0.8) -> ReuseLink:
    return ReuseLink(
        earlier, later, kind, score, coverage_earlier=0.75, coverage_later=0.5,
        passages=[Passage(0, 1, 0.93, "edited"), Passage(1, 2, 1.0, "same")],
        added=[0], dropped=[2], order_by="ingested",
        markers=[Marker(later, "reports", 0, 11, "RT reports:", ["RT"])])


def test_kind_check_matches_the_contract() -> None:
    assert re.findall(r"'([a-z]+)'", REUSE_KINDS_SQL) == list(REUSE_KINDS)


def test_links_round_trip_both_directions(store: Store, make_article: ArticleFactory) -> None:
    a, b, c = _ids(store, make_article, 3)
    src = Marker(b, "mt-artifact", 3, 13, "[19659008]", where="source")
    stored = store.save_reuse([_link(a, b), _link(b, c, "spun", 0.6), _link(a, b)],
                              [Marker(b, "reports", 0, 11, "RT reports:", ["RT"]), src])
    assert stored == (2, 2)  # the repeated (a, b) link is stored once
    assert store.reuse_links(b) == [_link(a, b), _link(b, c, "spun", 0.6)]
    assert store.reuse_links(a) == [_link(a, b)]
    assert store.reuse_links("nope") == []
    assert store.markers(b) == [Marker(b, "reports", 0, 11, "RT reports:", ["RT"]), src]
    assert store.markers(a) == []


def test_list_and_count_by_kind(store: Store, make_article: ArticleFactory) -> None:
    ids = _ids(store, make_article, 5)
    links = [_link(ids[i], ids[i + 1], REUSE_KINDS[i % 4]) for i in range(4)]
    store.save_reuse(links, [])
    expected = sorted(links, key=lambda x: (x.earlier, x.later))
    assert store.list_reuse(limit=2) + store.list_reuse(limit=2, offset=2) == expected
    assert store.list_reuse(kind="spun") == [links[3]]
    assert store.count_reuse() == dict.fromkeys(REUSE_KINDS, 1)
    assert store.count_reuse("translated") == {"translated": 1}
    with pytest.raises(ValueError, match="unknown reuse kind 'copy'"):
        store.list_reuse(kind="copy")
    with pytest.raises(ValueError, match="unknown reuse kind"):
        store.save_reuse([_link(ids[0], ids[1], "copy")], [])
    assert store.count_reuse()["duplicate"] == 1  # the refused save changed nothing


def test_scoped_replace_keeps_other_links(store: Store, make_article: ArticleFactory) -> None:
    a, b, c, d = _ids(store, make_article, 4)
    store.save_reuse([_link(a, b), _link(c, d)], [Marker(b, "wire", 0, 3, "AP"),
                                                  Marker(d, "via", 0, 3, "via")])
    store.save_reuse([_link(a, c, "duplicate")], [], articles=[a, b])
    assert [(x.earlier, x.later) for x in store.list_reuse()] == sorted([(a, c), (c, d)])
    assert store.markers(b) == [] and len(store.markers(d)) == 1
    store.save_reuse([], [])  # whole corpus: everything goes
    assert store.list_reuse() == [] and store.markers(d) == []


def test_links_to_deleted_articles_are_dropped(store: Store, make_article: ArticleFactory) -> None:
    a, b = _ids(store, make_article, 2)
    assert store.save_reuse([_link(a, "gone"), _link(a, b)], [Marker("gone", "via", 0, 1, "v")]) \
        == (1, 0)


def _narrative(nid: str, members: list[str], **extra: object) -> Narrative:
    return Narrative(nid, f"label {nid}", ["war", "война"], members[0], members,
                     sources={"Example News": len(members)}, languages={"en": 1, "ru": 1},
                     timeline={"2021-06": len(members)}, techniques={"Doubt": 2},
                     frames={"Security": 1}, first="2021-06-01", last="2021-06-09", **extra)


def test_narratives_save_list_members(store: Store, make_article: ArticleFactory) -> None:
    ids = _ids(store, make_article, 5)
    big, small = _narrative("n-big", ids[:3]), _narrative("n-small", ids[3:4])
    state = {"centroids": np.ones((2, 3), dtype=np.float32), "threshold": np.float32(0.5)}
    scores = {ids[0]: 0.2, ids[1]: 0.9, ids[2]: 0.9, ids[3]: 1.0}
    assert store.save_narratives([small, big], state, scores=scores) == 4
    assert store.get_corpus_state("narratives") == {"centroids": [[1.0] * 3] * 2, "threshold": 0.5}
    listed = store.narratives()
    assert [(s.narrative.id, s.size) for s in listed] == [("n-big", 3), ("n-small", 1)]
    assert listed[0].narrative.members == [] and listed[0].narrative.sources == big.sources
    full = store.narrative("n-big")
    assert full is not None and full.members == sorted(ids[1:3]) + [ids[0]]  # by score
    assert (full.timeline, full.first, full.key_terms) == (big.timeline, big.first, big.key_terms)
    assert store.narrative_members("n-big", limit=1, offset=1) == [(sorted(ids[1:3])[1], 0.9)]
    assert [s.narrative.id for s in store.article_narratives(ids[3])] == ["n-small"]
    assert store.article_narratives(ids[4]) == [] and store.narrative("n-none") is None
    assert store.count_narratives() == 2
    assert [s.narrative.id for s in store.narratives(min_size=2)] == ["n-big"]
    assert (store.count_narratives(min_size=2), store.count_narratives(min_size=4)) == (1, 0)


def test_incremental_save_and_rebuild(store: Store, make_article: ArticleFactory) -> None:
    ids = _ids(store, make_article, 4)
    store.save_narratives([_narrative("n-a", ids[:2]), _narrative("n-b", ids[2:3])])
    store.save_narratives([_narrative("n-b", ids[2:4])])  # n-b grows, n-a untouched
    assert {s.narrative.id: s.size for s in store.narratives()} == {"n-a": 2, "n-b": 2}
    assert store.get_corpus_state("narratives") is None  # no state given: none written
    store.save_narratives([_narrative("n-c", ids[:1])], {"v": 1}, rebuild=True)
    assert [(s.narrative.id, s.size) for s in store.narratives()] == [("n-c", 1)]
    assert store.get_corpus_state("narratives") == {"v": 1}


def test_corpus_state_put_overwrites(store: Store) -> None:
    assert store.get_corpus_state("k") is None
    store.put_corpus_state("k", {"a": [1, 2]})
    store.put_corpus_state("k", {"a": "Привет"})
    assert store.get_corpus_state("k") == {"a": "Привет"}


def test_article_delete_cascades(store: Store, make_article: ArticleFactory) -> None:
    a, b, c = _ids(store, make_article, 3)
    store.save_reuse([_link(a, b), _link(b, c)], [Marker(b, "via", 0, 3, "via")])
    store.save_narratives([_narrative("n-x", [a, b, c])], scores={a: 1.0, b: 0.5, c: 0.4})
    assert store.delete_article(b)
    assert store.reuse_links(a) == [] and store.reuse_links(c) == [] and store.markers(b) == []
    full = store.narrative("n-x")
    assert full is not None and full.members == [a, c]
    assert [s.size for s in store.narratives()] == [2]


def test_upgrade_from_0003_keeps_articles(store_url: str, make_article: ArticleFactory) -> None:
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    items = [make_article(i) for i in range(2)]
    save_batch(engine, items, [])
    assert not CORPUS_TABLES & set(inspect(engine).get_table_names())
    engine.dispose()
    with open_store(store_url) as store:
        a, b = (x.id for x, _ in items)
        store.save_reuse([_link(a, b, "duplicate")], [])
        assert store.reuse_links(b)[0].kind == "duplicate"
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    assert not CORPUS_TABLES & set(inspect(engine).get_table_names())
    assert "articles" in inspect(engine).get_table_names()
    engine.dispose()
