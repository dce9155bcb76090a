"""Source profiles by voice: the outlet's own techniques vs those inside quotes, from the
store's newest techniques and voices payloads (SQLite and PostgreSQL), API and page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from propscope.corpus.source_voices import source_voices
from propscope.schema.analysis import Analysis
from propscope.schema.voices import Quote
from propscope.store import Store, open_store
from tests.api.conftest import client_for
from tests.voices_data import voices_article


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def test_pure_aggregation() -> None:
    a, b = voices_article(1)[0], voices_article(2, source=None)[0]  # type: ignore[arg-type]
    items = [(x.source, x.analysis.spans, x.analysis.voices.quotes) for x in (a, b)]
    items.append(("Example News", a.analysis.spans, []))  # no quotes: all the outlet's
    rows = {r.source: r for r in source_voices(items)}
    ex = rows["Example News"]
    assert (ex.articles, ex.quotes, ex.outlet_spans, ex.quoted_spans) == (2, 1, 3, 1)
    assert ex.quoted_techniques == {"Loaded_Language": 1} and ex.speakers == {"per:jane-holt": 1}
    assert ex.outlet_techniques == {"Loaded_Language": 1, "Name_Calling,Labeling": 2}
    assert ex.quoted_share == 0.25 and rows["unknown"].articles == 1
    assert source_voices([]) == []


def test_from_the_store_newest_payloads_and_api(store: Store) -> None:
    items = [voices_article(1, source="A"), voices_article(2, source="B")]
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    newer = items[1][0]  # a newer voices version without quotes: all B's spans are its own
    newer.analysis = Analysis(voices=type(newer.analysis.voices)([], [], [], "voices@z"))
    store.save_analyses([newer])
    got = {src: (len(spans), len(quotes)) for src, spans, quotes in store.iter_spans_and_quotes(batch=1)}
    assert got == {"A": (2, 1), "B": (2, 0)}
    body = client_for(store).get("/api/v1/sources/voices").json()["items"]
    by = {r["source"]: r for r in body}
    assert (by["A"]["outlet_spans"], by["A"]["quoted_spans"], by["B"]["quoted_spans"]) == (1, 1, 0)
    one = client_for(store).get("/api/v1/sources/voices", params={"source": "B"}).json()
    assert [r["source"] for r in one["items"]] == ["B"]
    page = client_for(store).get("/voices").text
    assert 'id="source-voices"' in page and '<a href="/entities/per%3Ajane-holt" dir="auto">' in page


def test_bad_stored_spans_are_skipped(store: Store) -> None:
    item = voices_article(3)
    item[0].analysis.voices.quotes.append(Quote(0, 5, 0, "direct", entity="per:jane-holt"))
    store.save_batch([item])
    store.save_analyses([item[0]])
    from sqlalchemy import update

    from propscope.store.tables import analyses
    with store.engine.begin() as conn:
        conn.execute(update(analyses).where(analyses.c.stage == "techniques").values(
            payload={"units": [], "spans": [{"technique": "Doubt"}, "junk",
                                            {"technique": "Doubt", "start": 0, "end": 4}]}))
    [(_source, spans, quotes)] = list(store.iter_spans_and_quotes())
    assert [(s.technique, s.start, s.end) for s in spans] == [("Doubt", 0, 4)] and len(quotes) == 2
