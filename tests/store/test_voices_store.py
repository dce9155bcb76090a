"""Voices in the store: the `voices` stage payload round-trips, the entity index follows the
newest analysis, entity queries, the corpus merge map, and the upgrade from 0004."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import func, select

from propscope.schema.analysis import Analysis, Classification
from propscope.schema.voices import Voices
from propscope.store import Store, open_store
from propscope.store.engine import make_engine, resolve_url
from propscope.store.entities import EntityQueryError
from propscope.store.migrate import alembic_config
from propscope.store.tables import analyses, article_entities, entity_merges
from propscope.store.write import save_batch
from tests.voices_data import voices_article


def _save(store: Store, *items: tuple) -> None:
    store.save_batch(list(items))
    store.save_analyses([a for a, _ in items])


def test_voices_round_trip_and_other_stages_survive(store: Store) -> None:
    item = voices_article(1)
    _save(store, item)
    got = store.get_article(item[0].id)
    assert got is not None and got.analysis is not None
    assert got.analysis.voices == item[0].analysis.voices  # every field, offsets included
    assert got.analysis.spans == item[0].analysis.spans
    # Re-analysing voices alone keeps the techniques stored earlier.
    v2 = Voices(item[0].analysis.voices.quotes[:0], item[0].analysis.voices.entities[:1], [],
                "voices@test2")
    item[0].analysis = Analysis(voices=v2)
    store.save_analyses([item[0]])
    again = store.get_article(item[0].id).analysis
    assert again.voices.model == "voices@test2" and again.voices.quotes == []
    assert again.spans and again.techniques_model == "tech@test"
    with store.engine.connect() as conn:  # both voices versions are kept in `analyses`
        models = conn.execute(select(analyses.c.model).where(analyses.c.stage == "voices")).scalars()
        assert sorted(models) == ["voices@test", "voices@test2"]
        rows = conn.execute(select(article_entities.c.key, article_entities.c.quotes)).all()
    assert rows == [("per:jane-holt", 0)]  # the index follows the newest result


def test_entity_list_filters_orders_and_counts(store: Store) -> None:
    _save(store, voices_article(1, source="A"), voices_article(2, source="B", stance="supportive",
                                                               score=0.8),
          voices_article(3, speaker="Ivan Petrov", key="per:ivan-petrov", source="A",
                         council="Town Hall"))
    top = store.entities()
    assert [(e.id, e.articles) for e in top][:1] == [("per:jane-holt", 2)]
    holt = store.entity("per:jane-holt")
    assert holt is not None and (holt.name, holt.kind, holt.quotes, holt.mentions) == (
        "Jane Holt", "person", 2, 4)
    assert holt.stance == {"critical": 1, "supportive": 1} and holt.stance_score == pytest.approx(0.1)
    assert {e.id for e in store.entities(kind="person")} == {"per:jane-holt", "per:ivan-petrov"}
    assert [e.id for e in store.entities(q="PETR")] == ["per:ivan-petrov"]
    assert [e.id for e in store.entities(q="%")] == []  # LIKE wildcards are literal
    assert store.count_entities(source="B") == 2 and store.count_entities() == 4
    assert [e.name for e in store.entities(order="name")] == ["City Council", "Ivan Petrov",
                                                              "Jane Holt", "Town Hall"]
    with pytest.raises(EntityQueryError, match="unknown entity kind 'planet'"):
        store.entities(kind="planet")
    with pytest.raises(EntityQueryError, match="unknown order"):
        store.entities(order="random")


def test_entity_articles_quotes_and_stance_by_source(store: Store) -> None:
    a1, a2 = voices_article(1, source="A", published="2024-01-01"), voices_article(
        2, source="B", stance="supportive", score=0.8, published="2024-02-01",
        said="Честное слово, это договор о дружбе")
    _save(store, a1, a2)
    arts = store.entity_articles("per:jane-holt")
    assert [x.id for x in arts] == [a2[0].id, a1[0].id]  # newest first
    assert (arts[0].stance, arts[0].quotes, arts[0].mentions) == ("supportive", 1, 2)
    quotes = store.entity_quotes("per:jane-holt")
    assert [q.text for q in quotes] == ["Честное слово, это договор о дружбе",
                                        "The treaty is a shameful betrayal of our farmers"]
    assert quotes[0].cue == "said" and quotes[0].speaker == "Holt" and quotes[0].source == "B"
    by_source = {s.source: s for s in store.entity_stance_by_source("per:jane-holt")}
    assert by_source["A"].stance == {"critical": 1} and by_source["B"].stance_score == 0.8
    assert store.entity("per:nobody") is None and store.entity_articles("per:nobody") == []


def test_merge_map_repoints_and_applies_to_later_rows(store: Store) -> None:
    _save(store, voices_article(1, speaker="Holt", key="per:holt"),
          voices_article(2, speaker="Jane Holt", key="per:jane-holt"))
    assert store.save_entity_merges({"per:holt": "per:jane-holt"},
                                    {"per:jane-holt": "Jane Holt"}) == 1
    merged = store.entity("per:jane-holt")
    assert merged is not None and (merged.articles, merged.name, merged.quotes) == (2, "Jane Holt", 2)
    assert store.entity("per:holt") is None
    assert len(store.entity_quotes("per:jane-holt")) == 2
    _save(store, voices_article(3, speaker="Holt", key="per:holt"))  # written after the merge
    assert store.entity("per:jane-holt").articles == 3
    store.save_entity_merges({}, {})  # an empty map un-merges
    assert store.entity("per:holt").articles == 2
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(entity_merges)).scalar() == 0


def test_deleting_an_article_removes_its_entity_rows(store: Store) -> None:
    item = voices_article(1)
    _save(store, item)
    assert store.delete_article(item[0].id)
    assert store.entities() == [] and store.count_entities() == 0


def test_iter_voices_pages_the_corpus(store: Store) -> None:
    items = [voices_article(n) for n in range(5)]
    _save(store, *items)
    got = dict(store.iter_voices(batch=2))
    assert sorted(got) == sorted(a.id for a, _ in items)
    assert all(v.quotes and v.model == "voices@test" for v in got.values())


def test_upgrade_from_0004_keeps_data_and_admits_voices(store_url: str) -> None:
    item = voices_article(7)
    old = Analysis(genre=Classification(["opinion"], {"opinion": 0.9}, model="g@1"))
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
    save_batch(engine, [item], [])
    with engine.begin() as conn:
        conn.execute(analyses.insert(), [{"article_id": item[0].id, "stage": "genre",
                                          "model": "g@1", "payload": {
                                              "labels": ["opinion"], "probabilities": {"opinion": 0.9},
                                              "low_confidence": False, "model": "g@1"},
                                          "analyzed_at": datetime(2024, 1, 1, tzinfo=UTC)}])
    engine.dispose()
    with open_store(store_url) as store:
        got = store.get_article(item[0].id)
        assert got is not None and got.text == item[0].text and got.analysis == old
        store.save_analyses([item[0]])  # the new stage is accepted after the upgrade
        got = store.get_article(item[0].id)
        assert got.analysis.voices == item[0].analysis.voices and got.analysis.genre == old.genre
        assert store.entity("per:jane-holt").articles == 1
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:  # and down again: voices rows go, the rest stays
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
        stages = sorted(conn.execute(select(analyses.c.stage)).scalars())
    engine.dispose()
    assert stages == ["genre", "techniques"]
