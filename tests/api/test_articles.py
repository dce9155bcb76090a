"""Listing and detail on SQLite and PostgreSQL: filters, pagination, errors, hostile data."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from propscope.schema import Article
from propscope.store import Store
from tests.api.conftest import AUTH, HOSTILE_TEXT, HOSTILE_TITLE


def _ids(client: TestClient, **params: object) -> set[str]:
    r = client.get("/api/v1/articles", params=params)
    assert r.status_code == 200, r.text
    return {item["id"] for item in r.json()["items"]}


def test_listing_returns_every_article_with_labels(client: TestClient, seeded: list[Article]) -> None:
    r = client.get("/api/v1/articles")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 4 and body["limit"] == 50 and body["offset"] == 0
    assert body["next"] is None
    assert {i["id"] for i in body["items"]} == {a.id for a in seeded}
    ru = next(i for i in body["items"] if i["language"] == "ru")
    assert ru["genre"] == "opinion"
    assert set(ru["frames"]) == {"Political", "Economic"}
    assert set(ru["techniques"]) == {"Doubt", "Loaded_Language"}
    assert ru["source"] == "Вестник Брайтуотера"


def test_filters(client: TestClient, seeded: list[Article]) -> None:
    en, ru, de, hostile = (a.id for a in seeded)
    assert _ids(client, language="de") == {de}
    assert _ids(client, source="Amberly Gazette") == {en}
    assert _ids(client, technique="Loaded_Language") == {en, ru}
    assert _ids(client, genre="reporting") == {en, de}
    assert _ids(client, frame="Economic") == {en, ru}
    assert _ids(client, since="2024-04-01") == {ru, hostile}
    assert _ids(client, until="2024-03-01") == {en, de}
    assert _ids(client, language="en", technique="Slogans") == {hostile}
    assert _ids(client, q="Dunmore") == {de}
    assert _ids(client, language="fr") == set()


def test_search_snippet_marks_hits(client: TestClient, seeded: list[Article]) -> None:
    items = client.get("/api/v1/articles", params={"q": "harbour"}).json()["items"]
    assert [i["id"] for i in items] == [seeded[3].id]
    hits = [p["text"] for p in items[0]["snippet"] if p["hit"]]
    assert hits and all("harbour" in h.lower() for h in hits)


def test_pagination_walks_every_article_once(client: TestClient, seeded: list[Article]) -> None:
    seen: list[str] = []
    url: str | None = "/api/v1/articles?limit=3&language=en&order=published"
    first = client.get(url).json()
    assert first["total"] == 2 and first["next"] is None
    url = "/api/v1/articles?limit=3"
    pages = 0
    while url:
        body = client.get(url).json()
        seen += [i["id"] for i in body["items"]]
        url = body["next"]
        pages += 1
        if url:
            assert "limit=3" in url and "offset=3" in url
    assert pages == 2
    assert sorted(seen) == sorted(a.id for a in seeded)


def test_paging_parameters_are_bounded(client: TestClient, seeded: list[Article]) -> None:
    for params in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"order": "random"},
                   {"limit": "ten"}):
        r = client.get("/api/v1/articles", params=params)
        assert r.status_code == 422, (params, r.text)
    assert client.get("/api/v1/articles", params={"limit": 500}).status_code == 200


def test_bad_filters_are_422_with_a_message(client: TestClient, seeded: list[Article]) -> None:
    for params in ({"since": "not-a-date"}, {"technique": "No_Such_Technique"},
                   {"source": "a\x00b"}):
        r = client.get("/api/v1/articles", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.json()["detail"]


def test_detail_has_text_paragraphs_analysis_and_metadata(client: TestClient,
                                                          seeded: list[Article]) -> None:
    article = seeded[1]
    r = client.get(f"/api/v1/articles/{article.id}")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == article.id and body["stored"] is True and body["analysed"] is True
    assert body["text"] == article.text and body["title"] == article.title
    for p in body["paragraphs"]:
        assert body["text"][p["start"]:p["end"]] == p["text"]
    assert [u["labels"] for u in body["techniques"]] == [["Doubt"], ["Loaded_Language"]]
    assert body["techniques"][0]["probabilities"] == {"Doubt": 0.9}
    for s in body["spans"]:
        assert body["text"][s["start"]:s["end"]] == s["text"] and s["score"] == 0.8
    assert body["genre"]["labels"] == ["opinion"]
    assert set(body["frames"]["labels"]) == {"Political", "Economic"}
    assert body["removed"] == [{"start": 0, "end": 16, "reason": "navigation",
                                "text": "MENU Home | News"}]
    meta = body["metadata"]
    assert meta["language"] == "ru" and meta["published"] == "2024-04-15"
    assert meta["authors"] == ["Jane Roe"] and meta["origin"] == "fixture-1.txt"
    assert body["quotes"] == [] and body["reuse"] == [] and body["narratives"] == []
    assert "raw" not in body and "source_text" not in body
    assert "RAW-BYTES-NEVER-SERVED" not in r.text and "source_text" not in r.text


def test_detail_by_prefix_and_error_paths(client: TestClient, seeded: list[Article]) -> None:
    article = seeded[0]
    assert client.get(f"/api/v1/articles/{article.id[:8]}").json()["id"] == article.id
    assert client.get(f"/api/v1/articles/{article.id.upper()}").json()["id"] == article.id
    missing = client.get("/api/v1/articles/0000000000000000")
    assert missing.status_code == 404 and "no article" in missing.json()["detail"]
    short = client.get(f"/api/v1/articles/{article.id[:3]}")
    assert short.status_code == 400 and "too short" in short.json()["detail"]
    for bad in ("not-hex!", "x" * 10, "%00abcdef", "a" * 65):
        r = client.get(f"/api/v1/articles/{bad}")
        assert r.status_code in (400, 404), (bad, r.status_code)
        assert r.json()["detail"]


def test_hostile_content_comes_back_as_escaped_json(client: TestClient,
                                                   seeded: list[Article]) -> None:
    r = client.get(f"/api/v1/articles/{seeded[3].id}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    body = r.json()
    assert body["title"] == HOSTILE_TITLE  # data, byte for byte, not rendered or stripped
    assert body["text"].startswith(HOSTILE_TEXT)
    assert body["metadata"]["source"] == "<b>Evil & Co</b>"
    assert json.loads(r.text)["title"] == HOSTILE_TITLE  # a JSON string, not markup


def test_delete_needs_token_and_removes(client: TestClient, seeded: list[Article]) -> None:
    target = seeded[2].id
    assert client.delete(f"/api/v1/articles/{target}").status_code == 401
    r = client.delete(f"/api/v1/articles/{target}", headers=AUTH)
    assert r.status_code == 200 and r.json() == {"id": target, "deleted": True}
    assert client.get(f"/api/v1/articles/{target}").status_code == 404
    assert client.delete(f"/api/v1/articles/{target}", headers=AUTH).status_code == 404
    assert client.get("/api/v1/articles").json()["total"] == 3


def test_delete_refuses_an_article_analysts_corrected(client: TestClient, seeded: list[Article],
                                                      store: Store) -> None:
    """Nothing stored is lost silently: corrections pin an article (issue 8)."""
    from propscope.schema.review import Correction, text_version

    art = seeded[1]
    store.add_corrections([Correction(art.id, text_version(art.text), "span", "add",
                                      "Loaded_Language", "analyst-a", start=0, end=5)])
    r = client.delete(f"/api/v1/articles/{art.id}", headers=AUTH)
    assert r.status_code == 409 and "correction" in r.json()["detail"].lower()
    assert client.get(f"/api/v1/articles/{art.id}").status_code == 200
    assert len(store.corrections(article_id=art.id)) == 1
