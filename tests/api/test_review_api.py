"""The corrections API (issue 8) on a real store, SQLite and PostgreSQL alike: writes need
the token, a batch is stored whole or not at all, reads return what was stored, and the
effective labels and agreement reflect the verdicts."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from propscope.schema import Article
from propscope.schema.review import text_version
from propscope.store import Store
from tests.api.conftest import AUTH, HOSTILE_TEXT, HOSTILE_TITLE

HOSTILE_NOTE = '<script>alert("n")</script>\'; DROP TABLE corrections; -- ' + HOSTILE_TITLE


def _span(article: Article) -> tuple[int, int]:
    """The Loaded_Language span the fixture analysis puts in paragraph 1 of article 0."""
    p = article.paragraphs[1]
    return p.start, min(p.end, p.start + 20)


def _reject(article: Article, author: str = "analyst-1", **extra: Any) -> dict[str, Any]:
    start, end = _span(article)
    return {"target": "span", "action": "reject", "technique": "Loaded_Language",
            "start": start, "end": end, "author": author, **extra}


def _url(article: Article, what: str = "corrections") -> str:
    return f"/api/v1/articles/{article.id}/{what}"


def test_write_needs_the_token(client: TestClient, seeded: list[Article], store: Store) -> None:
    art = seeded[0]
    assert client.post(_url(art), json=_reject(art)).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post(_url(art), json=_reject(art), headers=wrong).status_code == 401
    # a cookie without a same-origin Origin/Referer is refused too
    client.cookies.set("propscope_token", AUTH["Authorization"].split()[1])
    assert client.post(_url(art), json=_reject(art)).status_code == 403
    client.cookies.clear()
    assert store.count_corrections(article_id=art.id) == 0


def test_round_trip_and_effective_labels(client: TestClient, seeded: list[Article]) -> None:
    art = seeded[0]
    before = client.get(_url(art, "effective")).json()
    start, end = _span(art)
    assert {"technique": "Loaded_Language", "start": start, "end": end} in before["spans"]
    batch = [_reject(art), {"target": "genre", "action": "relabel", "technique": "reporting",
                            "new_label": "opinion", "author": "analyst-1", "model": "genre@test"}]
    r = client.post(_url(art), json=batch, headers=AUTH)
    assert r.status_code == 201, r.text
    stored = r.json()
    assert stored["stored"] == 2 and all(c["id"] for c in stored["items"])
    assert {c["article_version"] for c in stored["items"]} == {text_version(art.text)}
    listed = client.get(_url(art)).json()
    assert listed["total"] == 2
    assert [c["id"] for c in listed["items"]] == [c["id"] for c in stored["items"]]
    assert listed["items"][1]["new_label"] == "opinion"
    after = client.get(_url(art, "effective")).json()
    assert {"technique": "Loaded_Language", "start": start, "end": end} not in after["spans"]
    assert after["genre"] == ["opinion"] and after["applied"] == 2
    assert after["conflicts"] == [] and after["stale"] == []
    # a second analyst disagrees with the reject: model output kept, conflict reported
    again = {**_reject(art, "analyst-2"), "action": "accept"}
    assert client.post(_url(art), json=again, headers=AUTH).status_code == 201
    both = client.get(_url(art, "effective")).json()
    assert {"technique": "Loaded_Language", "start": start, "end": end} in both["spans"]
    [conflict] = both["conflicts"]
    assert (conflict["start"], conflict["end"]) == (start, end)
    assert {v["author"] for v in conflict["verdicts"]} == {"analyst-1", "analyst-2"}
    mine = client.get(_url(art, "effective"), params={"author": "analyst-1"}).json()
    assert {"technique": "Loaded_Language", "start": start, "end": end} not in mine["spans"]


def test_bad_item_stores_nothing(client: TestClient, seeded: list[Article],
                                 store: Store) -> None:
    art = seeded[0]
    outside = _reject(art, start=0, end=len(art.text) + 1)
    r = client.post(_url(art), json=[_reject(art), outside], headers=AUTH)
    assert r.status_code == 422 and "outside the text" in r.json()["detail"]
    backwards = _reject(art, start=10, end=5)
    r = client.post(_url(art), json=[_reject(art), backwards], headers=AUTH)
    assert r.status_code == 422 and "start < end" in r.json()["detail"]
    r = client.post(_url(art), json=_reject(art, technique="Not_A_Technique"), headers=AUTH)
    assert r.status_code == 422 and "Not_A_Technique" in r.json()["detail"]
    r = client.post(_url(art), json=_reject(art, start=-3), headers=AUTH)
    assert r.status_code == 422
    r = client.post(_url(art), json={**_reject(art), "note": "a\x00b"}, headers=AUTH)
    assert r.status_code == 422
    r = client.post(_url(art), json={k: v for k, v in _reject(art).items() if k != "author"},
                    headers=AUTH)
    assert r.status_code == 422
    assert client.post(_url(art), json=[], headers=AUTH).status_code == 422
    # a lone surrogate is valid JSON but no database stores it; the 422 echoing it must
    # not fail to encode either (it was a 500 before app.py's validation handler)
    as_json = {**AUTH, "content-type": "application/json"}
    lone = json.dumps(_reject(art)).replace('"analyst-1"', '"x\\ud800"')
    r = client.post(_url(art), content=lone, headers=as_json)
    assert r.status_code == 422 and "\\ud800" in r.text
    base = json.dumps(_reject(art))[:-1]  # the later duplicate "start" key wins
    for odd in ('"start": "\\ud800"', '"extra": "\\udfff"'):
        r = client.post(_url(art), content=f"{base}, {odd}}}", headers=as_json)
        assert r.status_code == 422 and "\\ud" in r.text, r.text
    assert store.count_corrections(article_id=art.id) == 0
    assert client.get(_url(art)).json()["total"] == 0


def test_unknown_article(client: TestClient, seeded: list[Article]) -> None:
    body = _reject(seeded[0])
    missing = "/api/v1/articles/" + "0" * 16
    assert client.post(f"{missing}/corrections", json=body, headers=AUTH).status_code == 404
    assert client.get(f"{missing}/corrections").status_code == 404
    assert client.get(f"{missing}/effective").status_code == 404
    r = client.post("/api/v1/articles/not-hex/corrections", json=body, headers=AUTH)
    assert r.status_code == 400


def test_hostile_strings_are_data(client: TestClient, seeded: list[Article]) -> None:
    art = seeded[3]
    assert HOSTILE_TEXT in art.text
    body = {"target": "paragraph", "action": "reject", "technique": "Slogans", "paragraph": 0,
            "author": "<img src=x onerror=alert(1)>", "note": HOSTILE_NOTE}
    r = client.post(_url(art), json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.headers["content-type"].startswith("application/json")
    [got] = client.get(_url(art)).json()["items"]
    assert got["note"] == HOSTILE_NOTE and got["author"] == body["author"]
    eff = client.get(_url(art, "effective")).json()
    assert all("Slogans" not in p["labels"] for p in eff["paragraphs"] if p["paragraph"] == 0)


def test_agreement(client: TestClient, seeded: list[Article]) -> None:
    art = seeded[0]
    for author in ("a1", "a2"):
        body = _reject(art, author, action="accept")
        assert client.post(_url(art), json=body, headers=AUTH).status_code == 201
    rows = client.get("/api/v1/review/agreement", params={"a": "a1", "b": "a2"}).json()
    [loaded] = [r for r in rows if r["technique"] == "Loaded_Language"]
    start, end = _span(art)
    assert loaded["span_f1"] == 1.0 and loaded["span_chars_a"] == end - start
    none = client.get("/api/v1/review/agreement", params={"a": "a1", "b": "nobody"}).json()
    assert all(r["span_f1"] is None or r["span_chars_b"] == 0 for r in none)
    assert client.get("/api/v1/review/agreement", params={"a": "a1"}).status_code == 422
    assert client.get("/api/v1/review/agreement",
                      params={"a": "x\x00", "b": "y"}).status_code == 422
