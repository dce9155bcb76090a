"""The voice index (article_voices, article_voice_spans) gives exactly what attributing every
article's newest stored spans and quotes on the fly gives, through every way the newest
payloads change (either stage alone, several models in one call, deletion), on SQLite and
PostgreSQL, and migration 0006 backfills it from a 0005 database holding data."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import func, inspect, select

from propscope.corpus.source_voices import SourceVoices, source_voices
from propscope.schema import Article
from propscope.schema.analysis import Analysis, Span
from propscope.schema.voices import Voices
from propscope.store import Store, open_store
from propscope.store.analysis import _payloads
from propscope.store.engine import make_engine, resolve_url
from propscope.store.migrate import alembic_config
from propscope.store.tables import analyses, article_voice_spans, article_voices
from propscope.store.write import save_batch
from tests.voices_data import voices_article


def _same(store: Store) -> list[SourceVoices]:
    """The indexed answer, checked against the on-the-fly computation."""
    indexed = store.source_voices()
    assert indexed == source_voices(store.iter_spans_and_quotes(batch=2))
    return indexed


def _corpus() -> list[tuple[Article, str]]:
    items = [voices_article(1, source="A"),
             voices_article(2, source="A", speaker="Tom Reed", key="per:tom-reed"),
             voices_article(3, source=None),  # type: ignore[arg-type]
             voices_article(4, source=""),  # counted as "unknown" like None
             voices_article(5, source="B"),
             voices_article(6, source="B"),
             voices_article(7, source="B")]
    items[4][0].analysis.voices.quotes[0].entity = None  # unresolved: "speaker:Holt"
    items[5][0].analysis.voices = None  # techniques only: not in the profiles
    only_voices = items[6][0].analysis
    only_voices.techniques, only_voices.spans, only_voices.techniques_model = [], [], None
    return items


def _with(article: Article, analysis: Analysis) -> Article:
    out = copy.copy(article)
    out.analysis = analysis
    return out


def _techniques(model: str, spans: list[Span]) -> Analysis:
    return Analysis(spans=spans, techniques_model=model)


def test_index_equals_on_the_fly_through_every_kind_of_save(store: Store) -> None:
    items = _corpus()
    arts = [a for a, _ in items]
    store.save_batch(items)
    store.save_analyses(arts)
    rows = {r.source: r for r in _same(store)}
    assert (rows["A"].articles, rows["A"].quotes, rows["A"].quoted_spans) == (2, 2, 2)
    assert rows["unknown"].articles == 2 and rows["B"].articles == 2
    assert rows["B"].speakers == {"speaker:Holt": 1} and rows["B"].outlet_spans == 1

    quote = arts[0].analysis.voices.quotes[0]  # a newer techniques result alone
    store.save_analyses([_with(arts[0], _techniques("tech@z", [
        Span("Doubt", quote.start, quote.end, 1, 0.9), Span("Doubt", 0, 6, 0, 0.9)]))])
    assert {r.source: r for r in _same(store)}["A"].quoted_techniques == {
        "Doubt": 1, "Loaded_Language": 1}

    store.save_analyses([_with(arts[1], Analysis(voices=Voices([], [], [], "voices@z")))])
    assert {r.source: r for r in _same(store)}["A"].speakers == {"per:jane-holt": 1}

    q5 = arts[4].analysis.voices.quotes[0]  # two techniques models in one call: greatest wins
    store.save_analyses([_with(arts[4], _techniques("t@2", [Span("Slogans", q5.start, q5.end, 1, 1)])),
                         _with(arts[4], _techniques("t@1", [Span("Doubt", 0, 4, 0, 1)]))])
    assert {r.source: r for r in _same(store)}["B"].quoted_techniques == {"Slogans": 1}

    store.save_analyses([_with(arts[5], Analysis(voices=items[0][0].analysis.voices))])
    assert {r.source: r for r in _same(store)}["B"].articles == 3  # voices added later

    assert store.delete_article(arts[2].id)
    assert {r.source: r for r in _same(store)}["unknown"].articles == 1
    with store.engine.connect() as conn:
        for table in (article_voices, article_voice_spans):
            assert conn.execute(select(func.count()).select_from(table)
                                .where(table.c.article_id == arts[2].id)).scalar() == 0
    before = store.source_voices()
    assert store.rebuild_voice_index() == 6 and _same(store) == before


def test_entity_names_are_the_entity_pages_names(store: Store) -> None:
    items = _corpus()
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    store.save_entity_merges({"per:tom-reed": "per:jane-holt"}, {"per:jane-holt": "J. Holt"})
    ids = [e.id for e in store.entities(limit=100)]
    assert len(ids) == 2 and "per:tom-reed" not in ids
    assert store.entity_names([*ids, "per:nobody"]) == {i: store.entity(i).name for i in ids}


def test_upgrade_from_0005_backfills_the_same_numbers(store_url: str) -> None:
    items = _corpus()
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
    save_batch(engine, items, [])
    old = datetime(2024, 1, 1, tzinfo=UTC)
    a1 = items[0][0]
    newer = _techniques("a@0", [Span("Doubt", 0, 6, 0, 0.9)])  # newer by time, not by name
    with engine.begin() as conn:
        for article, _ in items:
            conn.execute(analyses.insert(), [
                {"article_id": article.id, "stage": stage, "model": model, "payload": payload,
                 "analyzed_at": old} for stage, model, payload in _payloads(article.analysis)])
        conn.execute(analyses.insert(), [
            {"article_id": a1.id, "stage": stage, "model": model, "payload": payload,
             "analyzed_at": old + timedelta(days=1)} for stage, model, payload in _payloads(newer)])
    engine.dispose()
    with open_store(store_url) as store:
        rows = {r.source: r for r in _same(store)}
        assert rows["A"].outlet_techniques == {"Doubt": 1, "Name_Calling,Labeling": 1}
        assert sum(r.articles for r in rows.values()) == 6
        expected = store.source_voices()
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:  # down again: the index goes, the analyses stay
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
        assert "article_voice_spans" not in inspect(conn).get_table_names()
        assert conn.execute(select(func.count()).select_from(analyses)).scalar() == 13
    engine.dispose()
    with open_store(store_url) as store:
        assert _same(store) == expected


def test_a_new_attribution_rule_rebuilds_the_index_on_the_next_read(store: Store,
                                                                     monkeypatch) -> None:
    """Stored sums never outlive the rule that made them: the next per-outlet read under a
    new RULE_VERSION re-attributes everything once, and the state records the rule."""
    from propscope.analyzers.voices import attribution
    from propscope.store.corpus import get_state
    from propscope.store.store import VOICE_RULE_KEY

    items = _corpus()
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    before = _same(store)
    with store.engine.begin() as conn:  # the index as an older rule might have left it
        conn.execute(article_voice_spans.delete())
    monkeypatch.setattr(attribution, "RULE_VERSION", "2-test")
    fresh = open_store(str(store.engine.url.render_as_string(hide_password=False)))
    try:
        assert _same(fresh) == before
        with fresh.engine.connect() as conn:
            assert get_state(conn, VOICE_RULE_KEY) == {"rule": "2-test"}
    finally:
        fresh.close()
