"""Voices over the API: an article's quotes, entities, stances and span voices; the entity
list and entity pages (SQLite and PostgreSQL)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from propscope.store import Store
from tests.api.conftest import client_for
from tests.voices_data import voices_article

HOSTILE = '<img src=x onerror=alert(1)> "Bobby"; DROP TABLE'


def _seed(store: Store) -> list:
    items = [voices_article(1, source="A", published="2024-01-01"),
             voices_article(2, source="B", stance="supportive", score=0.8, published="2024-02-01",
                            said="Мы никогда не согласимся на эти условия"),
             voices_article(3, speaker=f"Eve {HOSTILE}", key="per:eve", source="A")]
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    return [a for a, _ in items]


def test_article_has_quotes_entities_stances_and_span_voices(store: Store) -> None:
    first = _seed(store)[0]
    body = client_for(store).get(f"/api/v1/articles/{first.id}").json()
    [quote] = body["quotes"]
    assert quote["text"] == "The treaty is a shameful betrayal of our farmers"
    assert (quote["speaker"], quote["cue"], quote["entity"], quote["entity_name"]) == (
        "Holt", "said", "per:jane-holt", "Jane Holt")
    assert body["text"][quote["cue_start"]:quote["cue_end"]] == "said"
    assert [(e["id"], e["quotes"], len(e["mentions"])) for e in body["entities"]] == [
        ("per:jane-holt", 1, 2), ("org:city-council", 0, 1)]
    assert body["entities"][0]["mentions"][1]["text"] == "Holt"
    assert {s["entity"]: s["label"] for s in body["stances"]} == {
        "per:jane-holt": "critical", "org:city-council": "neutral"}
    voices = {s["technique"]: (s["voice"], s["voice_name"]) for s in body["spans"]}
    assert voices == {"Loaded_Language": ("per:jane-holt", "Jane Holt"),
                      "Name_Calling,Labeling": ("outlet", "outlet")}
    assert body["voices_model"] == "voices@test"


def test_entity_list_filters_and_pages(store: Store) -> None:
    _seed(store)
    client = client_for(store)
    body = client.get("/api/v1/entities", params={"limit": 1}).json()
    assert body["total"] == 3 and [e["id"] for e in body["items"]] == ["org:city-council"]
    assert body["next"] == "/api/v1/entities?offset=1&limit=1"
    people = client.get("/api/v1/entities", params={"kind": "person", "order": "quotes"}).json()
    assert [e["id"] for e in people["items"]] == ["per:jane-holt", "per:eve"]
    assert people["items"][0]["stance"] == {"critical": 1, "supportive": 1}
    hostile = client.get("/api/v1/entities", params={"q": "onerror"}).json()
    assert [e["name"] for e in hostile["items"]] == [f"Eve {HOSTILE}"]  # data, verbatim
    assert client.get("/api/v1/entities", params={"source": "B"}).json()["total"] == 2
    for bad in ({"kind": "planet"}, {"order": "random"}, {"limit": 0}, {"q": "a\x00b"}):
        assert client.get("/api/v1/entities", params=bad).status_code == 422, bad


def test_entity_page(store: Store) -> None:
    arts = _seed(store)
    client: TestClient = client_for(store)
    body = client.get("/api/v1/entities/per:jane-holt", params={"limit": 1}).json()
    assert (body["name"], body["articles"], body["quotes"]) == ("Jane Holt", 2, 2)
    assert [a["id"] for a in body["article_items"]] == [arts[1].id]  # newest first
    assert body["articles_next"] == "/api/v1/entities/per:jane-holt?offset=1&limit=1"
    assert [q["text"] for q in body["quote_items"]] == [
        "Мы никогда не согласимся на эти условия",
        "The treaty is a shameful betrayal of our farmers"]
    assert {s["source"]: s["stance"] for s in body["by_source"]} == {
        "A": {"critical": 1}, "B": {"supportive": 1}}
    none = client.get("/api/v1/entities/per:jane-holt", params={"quote_limit": 0}).json()
    assert none["quote_items"] == []
    missing = client.get("/api/v1/entities/per:nobody")
    assert missing.status_code == 404 and "per:nobody" in missing.json()["detail"]


def test_unanalysed_article_has_empty_voices(store: Store) -> None:
    from tests.api.conftest import seed

    plain = seed(store)[0]
    body = client_for(store).get(f"/api/v1/articles/{plain.id}").json()
    assert (body["quotes"], body["entities"], body["stances"], body["voices_model"]) == (
        [], [], [], "")
    assert all(s["voice"] == "outlet" for s in body["spans"])
