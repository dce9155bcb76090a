"""Stats, label vocabulary, health and export (streamed JSONL / CSV with the same filters)."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient

from propscope.schema import Article
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES
from propscope.store import Store
from tests.api.conftest import HOSTILE_TITLE, client_for, seed


def test_stats_follow_the_filters(client: TestClient, seeded: list[Article]) -> None:
    s = client.get("/api/v1/stats").json()
    assert s["articles"] == 4 and s["analysed"] == 4
    assert s["by_language"] == {"en": 2, "ru": 1, "de": 1}
    assert s["by_genre"] == {"reporting": 2, "opinion": 1, "satire": 1}
    assert s["by_technique"]["Loaded_Language"] == 2
    assert s["timeline"] == {"2023-11": 1, "2024-03": 1, "2024-04": 1, "2024-05": 1}
    en = client.get("/api/v1/stats", params={"language": "en"}).json()
    assert en["articles"] == 2 and en["by_source"] == {"Amberly Gazette": 1, "<b>Evil & Co</b>": 1}
    bad = client.get("/api/v1/stats", params={"until": "yesterday"})
    assert bad.status_code == 422 and bad.json()["detail"]


def test_techniques_vocabulary(sqlite_client: TestClient) -> None:
    body = sqlite_client.get("/api/v1/techniques").json()
    assert [t["name"] for t in body["techniques"]] and \
        {t["name"] for t in body["techniques"]} == set(TECHNIQUES)
    assert {f["name"] for f in body["frames"]} == set(FRAMES)
    assert {g["name"] for g in body["genres"]} == set(GENRES)
    for t in body["techniques"]:
        assert t["colour"].startswith("#") and len(t["colour"]) == 7 and t["definition"]


def test_health(sqlite_client: TestClient, sqlite_store: Store) -> None:
    seed(sqlite_store)
    body = sqlite_client.get("/api/v1/health").json()
    assert body == {"status": "ok", "version": body["version"], "articles": 4,
                    "writes_enabled": True}


def test_export_jsonl_streams_full_articles(client: TestClient, seeded: list[Article]) -> None:
    r = client.get("/api/v1/export", params={"format": "jsonl", "genre": "reporting"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in r.headers["content-disposition"]
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert {row["id"] for row in rows} == {seeded[0].id, seeded[2].id}
    assert all(row["paragraphs"] and row["genre"]["labels"] == ["reporting"] for row in rows)
    assert "RAW-BYTES-NEVER-SERVED" not in r.text


def test_export_csv_neutralises_formulas(sqlite_store: Store) -> None:
    articles = seed(sqlite_store)
    client = client_for(sqlite_store)
    r = client.get("/api/v1/export", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["id"] for row in rows} == {a.id for a in articles}
    hostile = next(row for row in rows if row["id"] == articles[3].id)
    assert hostile["title"] == HOSTILE_TITLE and hostile["genre"] == "satire"
    from propscope.api.routes_export import _cell

    assert _cell("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")"
    assert _cell("-1+2") == "'-1+2" and _cell("plain") == "plain" and _cell(None) == ""


def test_export_is_capped_and_checks_filters(sqlite_store: Store) -> None:
    seed(sqlite_store)
    client = client_for(sqlite_store, export_cap=3)
    assert len(client.get("/api/v1/export").text.splitlines()) == 3
    assert len(client.get("/api/v1/export", params={"limit": 2}).text.splitlines()) == 2
    assert len(client.get("/api/v1/export", params={"format": "csv",
                                                    "limit": 100}).text.splitlines()) == 4
    assert client.get("/api/v1/export", params={"since": "2024-99-99"}).status_code == 422
    assert client.get("/api/v1/export", params={"format": "xml"}).status_code == 422


def test_export_pages_through_the_store(sqlite_store: Store, monkeypatch) -> None:
    from propscope.api import routes_export

    monkeypatch.setattr(routes_export, "PAGE", 3)  # 4 articles: two pages
    articles = seed(sqlite_store)
    lines = client_for(sqlite_store).get("/api/v1/export").text.splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(a.id for a in articles)
