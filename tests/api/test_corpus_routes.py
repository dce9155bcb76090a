"""Cross-document routes on SQLite and PostgreSQL: reuse links both ways on an article,
/reuse, /narratives, /narratives/{id}, /sources; validation and hostile labels.

Links and narratives are built by hand with the schema records (the detectors have their
own tests); what is checked here is that the API shows exactly what the store holds.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from propscope.schema import Article
from propscope.schema.corpus import Marker, Narrative, Passage, ReuseLink
from propscope.store import Store
from tests.api.conftest import HOSTILE_TITLE, seed

HOSTILE_LABEL = '<script>alert("n")</script> budget \u202eevil'
HOSTILE_MARKER = '<img src=x onerror=alert(1)> reports:'
N1, N2 = "n-0a1b2c3d4e5f", "n-ffeeddccbbaa"


def build(store: Store) -> list[Article]:
    """4 articles; en -> hostile (partial, with markers), de -> ru (translated); two
    narratives, the big one with a hostile label."""
    en, ru, de, hostile = arts = seed(store)
    start = hostile.text.index("Officials said")
    mine = Marker(hostile.id, "reports", start, start + len("Officials said"), HOSTILE_MARKER,
                  ["<b>Evil & Co</b>"])
    footer = Marker(hostile.id, "source-link", 0, 16, "Source link", [], where="source")
    links = [
        ReuseLink(en.id, hostile.id, "partial", 0.81, 0.5, 0.4,
                  [Passage(1, 0, 0.74, "edited")], added=[1], dropped=[0], markers=[mine]),
        ReuseLink(de.id, ru.id, "translated", 0.66, 0.9, 0.95,
                  [Passage(0, 0, 0.88, "translated"), Passage(1, 1, 0.8, "translated")],
                  order_by="ingested"),
    ]
    store.save_reuse(links, [mine, footer])
    big = Narrative(N1, HOSTILE_LABEL, ["budget", "<b>council</b>"], en.id, [en.id, ru.id, de.id],
                    sources={"Amberly Gazette": 1, "Вестник Брайтуотера": 1, "Dunmore Zeitung": 1},
                    languages={"en": 1, "ru": 1, "de": 1},
                    timeline={"2024-04": 1, "2023-11": 1, "2024-03": 1},
                    techniques={"Loaded_Language": 2}, frames={"Economic": 2, "Political": 2},
                    first="2023-11-20", last="2024-04-15")
    small = Narrative(N2, "harbour, Eastwick", ["harbour"], hostile.id, [hostile.id],
                      sources={"<b>Evil & Co</b>": 1}, languages={"en": 1},
                      timeline={"2024-05": 1}, first="2024-05-02", last="2024-05-02")
    store.save_narratives([big, small], scores={en.id: 0.9, ru.id: 0.7, de.id: 0.8,
                                                hostile.id: 1.0}, rebuild=True)
    return arts


@pytest.fixture
def arts(store: Store) -> list[Article]:
    return build(store)


def test_article_shows_links_both_ways_narratives_and_markers(
        client: TestClient, arts: list[Article]) -> None:
    en, _ru, _de, hostile = arts
    body = client.get(f"/api/v1/articles/{hostile.id}").json()
    [link] = body["reuse"]
    assert link["direction"] == "copies" and link["kind"] == "partial"
    assert link["other"] == {"id": en.id, "title": en.title, "source": "Amberly Gazette",
                             "language": "en", "published": "2024-03-01", "stored": True}
    assert (link["earlier"], link["later"]) == (en.id, hostile.id)
    assert link["passages"] == [{"a": 1, "b": 0, "similarity": 0.74, "change": "edited"}]
    assert (link["added"], link["dropped"], link["order_by"]) == ([1], [0], "published")
    assert link["markers"][0]["text"] == HOSTILE_MARKER
    assert link["markers"][0]["names"] == ["<b>Evil & Co</b>"]
    assert body["narratives"] == [{"id": N2, "label": "harbour, Eastwick", "size": 1}]
    assert [(m["kind"], m["where"]) for m in body["markers"]] == \
        [("reports", "text"), ("source-link", "source")]
    m = body["markers"][0]
    assert body["text"][m["start"]:m["end"]] == "Officials said"

    other = client.get(f"/api/v1/articles/{en.id}").json()
    assert [(x["direction"], x["other"]["title"]) for x in other["reuse"]] == \
        [("copied by", HOSTILE_TITLE)]
    assert other["narratives"] == [{"id": N1, "label": HOSTILE_LABEL, "size": 3}]
    assert other["markers"] == []


def test_article_without_corpus_results_has_empty_lists(client: TestClient, store: Store) -> None:
    article = seed(store)[0]
    body = client.get(f"/api/v1/articles/{article.id}").json()
    assert (body["reuse"], body["narratives"], body["markers"]) == ([], [], [])


def test_reuse_listing_filter_and_paging(client: TestClient, arts: list[Article]) -> None:
    en, ru, de, hostile = arts
    body = client.get("/api/v1/reuse").json()
    assert body["total"] == 2 and body["next"] is None
    assert body["counts"] == {"duplicate": 0, "partial": 1, "translated": 1, "spun": 0}
    pairs = {(i["earlier"]["id"], i["later"]["id"]): i for i in body["items"]}
    assert set(pairs) == {(en.id, hostile.id), (de.id, ru.id)}
    assert pairs[(de.id, ru.id)]["later"]["source"] == "Вестник Брайтуотера"
    only = client.get("/api/v1/reuse", params={"kind": "translated"}).json()
    assert [i["kind"] for i in only["items"]] == ["translated"] and only["total"] == 1
    assert only["counts"] == {"translated": 1}
    first = client.get("/api/v1/reuse", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"] == "/api/v1/reuse?offset=1&limit=1"
    second = client.get(first["next"]).json()
    assert second["next"] is None and second["items"][0] != first["items"][0]


@pytest.mark.parametrize("query", ["kind=copied", "limit=0", "limit=501", "offset=-1",
                                   "kind=%00"])
def test_reuse_bad_input_is_422(client: TestClient, query: str) -> None:
    r = client.get(f"/api/v1/reuse?{query}")
    assert r.status_code == 422 and r.json()["detail"]


def test_narratives_listing(client: TestClient, arts: list[Article]) -> None:
    body = client.get("/api/v1/narratives").json()
    assert body["total"] == 2 and [i["id"] for i in body["items"]] == [N1, N2]
    big = body["items"][0]
    assert big["label"] == HOSTILE_LABEL and big["size"] == 3
    assert big["key_terms"] == ["budget", "<b>council</b>"]
    assert list(big["timeline"]) == ["2023-11", "2024-03", "2024-04"]
    assert big["languages"] == {"en": 1, "ru": 1, "de": 1}
    assert (big["first"], big["last"]) == ("2023-11-20", "2024-04-15")
    bigger = client.get("/api/v1/narratives", params={"min_size": 2}).json()
    assert bigger["total"] == 1 and [i["id"] for i in bigger["items"]] == [N1]
    paged = client.get("/api/v1/narratives", params={"limit": 1}).json()
    assert paged["next"] == "/api/v1/narratives?offset=1&limit=1"
    assert client.get("/api/v1/narratives?min_size=0").status_code == 422


def test_narrative_detail_pages_members(client: TestClient, arts: list[Article]) -> None:
    en, ru, de, _ = arts
    body = client.get(f"/api/v1/narratives/{N1}", params={"member_limit": 2}).json()
    assert body["id"] == N1 and body["representative"] == en.id and body["size"] == 3
    assert [(m["id"], m["score"]) for m in body["members"]] == [(en.id, 0.9), (de.id, 0.8)]
    assert body["members"][1]["language"] == "de"
    assert body["members"][1]["published"] == "2023-11-20"
    assert body["techniques"] == {"Loaded_Language": 2}
    rest = client.get(body["members_next"]).json()
    assert [m["id"] for m in rest["members"]] == [ru.id] and rest["members_next"] is None
    r = client.get("/api/v1/narratives/n-000000000000")
    assert r.status_code == 404 and "no narrative" in r.json()["detail"]
    assert client.get("/api/v1/narratives/" + "x" * 101).status_code == 422


def test_sources_profiles(client: TestClient, arts: list[Article]) -> None:
    body = client.get("/api/v1/sources").json()
    assert body["period"] == "all"
    by = {p["source"]: p for p in body["items"]}
    assert set(by) == {"Amberly Gazette", "Вестник Брайтуотера", "Dunmore Zeitung",
                       "<b>Evil & Co</b>"}
    assert by["<b>Evil & Co</b>"]["copies_from"] == {"Amberly Gazette": 1}
    assert by["Amberly Gazette"]["copied_by"] == {"<b>Evil & Co</b>": 1}
    assert by["Вестник Брайтуотера"]["copies_from"] == {"Dunmore Zeitung": 1}
    assert by["Amberly Gazette"]["narratives"] == {N1: 1}
    assert by["Amberly Gazette"]["articles"] == 1 and by["Amberly Gazette"]["words"] > 10
    monthly = client.get("/api/v1/sources", params={"period": "month",
                                                     "source": "Dunmore Zeitung"}).json()
    assert [(p["source"], p["period"]) for p in monthly["items"]] == \
        [("Dunmore Zeitung", "2023-11")]
    assert client.get("/api/v1/sources?period=week").status_code == 422
    assert client.get("/api/v1/sources?source=%00").status_code == 422


def test_sources_follow_a_new_reuse_run(client: TestClient, store: Store,
                                        arts: list[Article]) -> None:
    """The profile cache must not hide a later run."""
    assert client.get("/api/v1/sources").status_code == 200
    store.save_reuse([], [])
    by = {p["source"]: p for p in client.get("/api/v1/sources").json()["items"]}
    assert by["<b>Evil & Co</b>"]["copies_from"] == {}
