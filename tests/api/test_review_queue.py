"""The review queue and the corrections export over HTTP (issue 8), SQLite and PostgreSQL:
least certain decisions first, filters, reviewed ones left out, the index kept in step with
re-analysis and deletion, bad parameters 422, and an export equal to what is stored."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from propscope.models.bundle import bundle_path, load_bundle_at, save_bundle
from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.analysis import TITLE, Analysis, Span, UnitTechniques
from propscope.schema.review import Correction, text_version
from propscope.semeval.labels import TECHNIQUES
from propscope.store import Store
from propscope.store.review_queue import MAX_MARGIN, PER_ARTICLE, margin, thresholds
from tests.api.conftest import TOKEN, client_for

LL, DOUBT, FEAR = "Loaded_Language", "Doubt", "Appeal_to_Fear-Prejudice"


def _article(title: str, lang: str, probs: list[dict[str, float]]) -> Article:
    """One paragraph per entry of `probs`; the model "chose" what clears the threshold."""
    paras = [f"{title}: paragraph number {i} of a text written for the queue tests."
             for i in range(len(probs))]
    text, paragraphs = paragraphs_from_blocks(paras)
    art = Article(text=text, title=title, paragraphs=paragraphs, language=lang,
                  source="Queue Herald", origin=f"{title}.txt", extractor="plaintext")
    limits = thresholds(lang)
    units = [UnitTechniques(TITLE, [], {})]
    units += [UnitTechniques(i, sorted(t for t, p in pr.items() if p >= limits.get(t, 0.5)), pr)
              for i, pr in enumerate(probs)]
    spans = [Span(t, paragraphs[u.paragraph].start, paragraphs[u.paragraph].start + 9,
                  u.paragraph, 0.7) for u in units[1:] for t in u.labels]
    art.analysis = Analysis(techniques=units, spans=spans, techniques_model="techniques@q")
    return art


def _near(technique: str, lang: str, factor: float) -> float:
    """A probability whose odds are `factor` times the threshold's odds (margin ln factor)."""
    t = thresholds(lang).get(technique, 0.5)
    odds = t / (1 - t) * factor
    return odds / (1 + odds)


@pytest.fixture
def queued(store: Store) -> Iterator[tuple[TestClient, list[Article]]]:
    arts = [
        _article("Alpha", "en", [{LL: _near(LL, "en", 1.0), DOUBT: 0.9999}]),  # margin 0
        _article("Bravo", "en", [{DOUBT: _near(DOUBT, "en", 1.5)}, {LL: _near(LL, "en", 2.5)}]),
        _article("Charlie", "de", [{LL: _near(LL, "de", 1 / 1.2)}]),
        _article("Delta", "ru", [{FEAR: 0.99999, LL: 0.00001}]),  # sure both ways: not queued
    ]
    store.save_batch([(a, f"{i:064x}") for i, a in enumerate(arts)])
    store.save_analyses(arts)
    yield client_for(store), arts


def _pairs(client: TestClient, **params: object) -> list[tuple[str, str]]:
    resp = client.get("/api/v1/review/queue", params=params)
    assert resp.status_code == 200, resp.text
    return [(i["title"], i["technique"]) for i in resp.json()["items"]]


def test_least_certain_first(queued: tuple[TestClient, list[Article]]) -> None:
    client, arts = queued
    body = client.get("/api/v1/review/queue").json()
    got = [(i["title"], i["technique"]) for i in body["items"]]
    assert got == [("Alpha", LL), ("Charlie", LL), ("Bravo", DOUBT), ("Bravo", LL)]
    first = body["items"][0]
    assert first["uncertainty"] == pytest.approx(0.0, abs=1e-3)
    assert first["threshold"] == pytest.approx(thresholds("en")[LL], abs=1e-4)
    assert first["predicted"] is True and first["paragraph"] == 0
    assert first["review_url"] == f"/articles/{arts[0].id}?review=1&technique={LL}"
    uncertainty = [i["uncertainty"] for i in body["items"]]
    assert uncertainty == sorted(uncertainty) and max(uncertainty) <= MAX_MARGIN
    bravo_ll = body["items"][3]
    assert bravo_ll["predicted"] is True and bravo_ll["paragraph"] == 1
    assert bravo_ll["uncertainty"] == pytest.approx(margin(_near(LL, "en", 2.5),
                                                           thresholds("en")[LL]), abs=1e-3)
    assert body["more"] is False


def test_filters_paging_and_reviewed(queued: tuple[TestClient, list[Article]],
                                     store: Store) -> None:
    client, arts = queued
    assert _pairs(client, technique=DOUBT) == [("Bravo", DOUBT)]
    assert _pairs(client, language="de") == [("Charlie", LL)]
    assert _pairs(client, language="en", technique=LL) == [("Alpha", LL), ("Bravo", LL)]
    assert _pairs(client, language="ru") == []
    page = client.get("/api/v1/review/queue", params={"limit": 1, "offset": 1}).json()
    assert [i["title"] for i in page["items"]] == ["Charlie"] and page["more"] is True
    alpha = arts[0]
    store.add_corrections([Correction(
        article_id=alpha.id, article_version=text_version(alpha.text), target="paragraph",
        action="accept", technique=LL, paragraph=0, author="ana")])
    assert ("Alpha", LL) not in _pairs(client)
    assert _pairs(client, reviewed="true")[0] == ("Alpha", LL)


def test_queue_follows_reanalysis_and_deletion(queued: tuple[TestClient, list[Article]],
                                               store: Store) -> None:
    client, arts = queued
    bravo = arts[1]
    bravo.analysis.techniques[1].probabilities = {DOUBT: 0.99999}  # now sure: leaves
    bravo.analysis.techniques_model = "techniques@r"
    store.save_analyses([bravo])
    assert [p for p in _pairs(client) if p[0] == "Bravo"] == [("Bravo", LL)]
    assert store.delete_article(arts[2].id)
    assert ("Charlie", LL) not in _pairs(client)


def test_at_most_per_article(store: Store) -> None:
    names = ["Appeal_to_Authority", "Appeal_to_Hypocrisy", "Appeal_to_Popularity",
             "Appeal_to_Time", "Appeal_to_Values", "Causal_Oversimplification", DOUBT, LL,
             "Consequential_Oversimplification", "Conversation_Killer"]
    probs = {n: _near(n, "en", 1.0 + k / 10) for k, n in enumerate(names)}
    art = _article("Echo", "en", [probs])
    store.save_batch([(art, "e" * 64)])
    store.save_analyses([art])
    got = store.review_queue(limit=100)
    assert [q.technique for q in got] == names[:PER_ARTICLE]


@pytest.mark.parametrize("params", [
    {"technique": "Loaded Language"}, {"technique": "<script>"}, {"limit": 0},
    {"limit": 501}, {"offset": -1}, {"language": "x" * 17}, {"technique": "a\x00b"},
    {"reviewed": "maybe"}])
def test_bad_parameters_are_422(queued: tuple[TestClient, list[Article]],
                                params: dict[str, object]) -> None:
    client, _ = queued
    resp = client.get("/api/v1/review/queue", params=params)
    assert resp.status_code == 422, resp.text
    assert "detail" in resp.json()


def _corrections(store: Store, arts: list[Article]) -> list[Correction]:
    a, b = arts[0], arts[1]
    made = [
        Correction(article_id=a.id, article_version=text_version(a.text), target="span",
                   action="reject", technique=LL, start=a.paragraphs[0].start,
                   end=a.paragraphs[0].start + 9, author="ana", note='<b>"quoted"</b>'),
        Correction(article_id=b.id, article_version=text_version(b.text), target="span",
                   action="add", technique="Flag_Waving", start=b.paragraphs[1].start + 2,
                   end=b.paragraphs[1].start + 12, author="bo"),
        Correction(article_id=b.id, article_version=text_version(b.text), target="paragraph",
                   action="relabel", technique=DOUBT, new_label="Slogans", paragraph=0,
                   author="ana"),
    ]
    store.add_corrections(made)
    return made


def test_export_jsonl_and_labelstudio_hold_the_stored_corrections(
        queued: tuple[TestClient, list[Article]], store: Store) -> None:
    client, arts = queued
    made = _corrections(store, arts)
    resp = client.get("/api/v1/review/export", params={"format": "jsonl"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in resp.headers["content-disposition"]
    lines = [json.loads(line) for line in resp.text.splitlines()]
    assert sorted(r["id"] for r in lines) == sorted(c.id for c in made)
    assert {r["id"]: r["note"] for r in lines}[made[0].id] == '<b>"quoted"</b>'
    only = client.get("/api/v1/review/export", params={"format": "jsonl", "author": "bo"})
    assert [json.loads(x)["id"] for x in only.text.splitlines()] == [made[1].id]
    ls = client.get("/api/v1/review/export", params={"format": "labelstudio"}).json()
    metas = [r["meta"]["propscope"]["id"] for task in ls for ann in task["annotations"]
             for r in ann["result"]]
    assert sorted(metas) == sorted(c.id for c in made)


def test_export_semeval_is_a_zip_of_the_folder(queued: tuple[TestClient, list[Article]],
                                               store: Store) -> None:
    client, arts = queued
    _corrections(store, arts)
    resp = client.get("/api/v1/review/export", params={"format": "semeval"})
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/zip"
    names = set(zipfile.ZipFile(io.BytesIO(resp.content)).namelist())
    assert {"labels-subtask-3.txt", "labels-subtask-3-spans.txt"} <= names
    assert f"articles/article{arts[1].id}.txt" in names
    for bad in ({"format": "csv"}, {"technique": "Nope"}, {"author": "x" * 201}):
        assert client.get("/api/v1/review/export", params=bad).status_code == 422


def test_queue_page_and_review_mode_escape_and_need_the_token(store: Store) -> None:
    hostile = '<img src=x onerror=alert(1)>"\'&'
    art = _article(hostile, "en", [{LL: _near(LL, "en", 1.0)}])
    store.save_batch([(art, "f" * 64)])
    store.save_analyses([art])
    client = client_for(store)
    page = client.get("/review", params={"technique": LL})
    assert page.status_code == 200
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert f'href="/articles/{art.id}?review=1&amp;technique={LL}"' in page.text
    assert client.get("/review", params={"technique": "Nope"}).status_code == 400
    assert client.get("/review", params={"language": "x" * 17}).status_code == 400
    for page_no in ("\u00b2", "-3", "99999999999", "x"):  # a superscript two is isdigit()
        assert client.get("/review", params={"page": page_no}).status_code == 200
    plain = client.get(f"/articles/{art.id}").text
    assert 'id="review-link"' in plain and "/static/review.js" not in plain
    locked = client.get(f"/articles/{art.id}", params={"review": "1"}).text
    assert 'id="review-login"' in locked and 'id="rv-items"' not in locked
    assert 'data-enabled="0"' in locked
    client.cookies.set("propscope_token", TOKEN)
    opened = client.get(f"/articles/{art.id}", params={"review": "1"}).text
    assert 'data-enabled="1"' in opened and 'id="rv-items"' in opened
    assert '<script src="/static/review.js" defer></script>' in opened
    assert 'data-s="0"' in opened and "<img src=x" not in opened


def test_thresholds_of_the_model_that_made_the_result(store: Store, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A result of a retrained version is measured against that version's thresholds, one of
    the shipped model against the shipped ones, whichever version is active."""
    monkeypatch.setenv("PROPSCOPE_MODELS_DIR", str(tmp_path))
    shipped = load_bundle_at("techniques", bundle_path("techniques"))
    save_bundle(tmp_path / "techniques" / "fb-q7", {
        "name": "techniques", "version": f"{shipped.manifest['version']}+fb-q7",
        "labels": list(TECHNIQUES), "threshold_shift": {"en": 0.05}},
        {"threshold": np.full(len(TECHNIQUES), 0.55, dtype=np.float32)})
    retrained = _article("Retrained", "en", [{LL: 0.6}])
    retrained.analysis.techniques_model = f"techniques@{shipped.manifest['version']}+fb-q7"
    t_shipped = thresholds("en")[LL]
    old = _article("Shipped", "en", [{LL: t_shipped}])
    old.analysis.techniques_model = f"techniques@{shipped.manifest['version']}"
    store.save_batch([(retrained, "1" * 64), (old, "2" * 64)])
    store.save_analyses([retrained, old])
    got = {q.title: q for q in store.review_queue()}
    assert got["Retrained"].threshold == pytest.approx(0.60, abs=1e-6)  # 0.55 + the en shift
    assert got["Retrained"].margin == pytest.approx(0.0, abs=1e-4)
    assert got["Shipped"].threshold == pytest.approx(t_shipped, abs=1e-6)
    assert got["Shipped"].margin == pytest.approx(0.0, abs=1e-4)


def test_thresholds_of_the_accurate_head_where_it_decided(store: Store, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """English results of the accurate tier (the default) were decided by its head's
    thresholds (the shipped head's, or a re-fit version's); other languages in the same run
    by the fast tier's."""
    monkeypatch.setenv("PROPSCOPE_MODELS_DIR", str(tmp_path))
    fast = load_bundle_at("techniques", bundle_path("techniques")).manifest["version"]
    head = json.loads((bundle_path("techniques-accurate-en") / "manifest.json").read_text())
    t_head = head["thresholds"][head["labels"].index(LL)]
    refit = tmp_path / "techniques-accurate-en" / "fb-h1"
    refit.mkdir(parents=True)
    refit.joinpath("manifest.json").write_text(json.dumps({**head, "thresholds": [0.42] * len(head["labels"])}))
    arts = []  # each at its own threshold: margin 0 only if measured against the right one
    for title, lang, tag, p in (("Head", "en", f"techniques@{fast}+accurate.en-1.0.0", t_head),
                                ("Refit", "en", f"techniques@{fast}+accurate.en-1.0.0+fb-h1", 0.42),
                                ("German", "de", f"techniques@{fast}+accurate.en-1.0.0", thresholds("de")[LL])):
        arts.append(_article(title, lang, [{LL: p}]))
        arts[-1].analysis.techniques_model = tag
    store.save_batch([(a, f"{i + 7:064x}") for i, a in enumerate(arts)])
    store.save_analyses(arts)
    queue = store.review_queue(technique=LL, limit=500)
    assert all(q.margin == pytest.approx(0.0, abs=1e-4) for q in queue) and len(queue) == 3
    got = {q.title: q.threshold for q in queue}
    assert got["Head"] == pytest.approx(t_head, abs=1e-6) and t_head != pytest.approx(thresholds("en")[LL])
    assert got["Refit"] == pytest.approx(0.42, abs=1e-6)
    assert got["German"] == pytest.approx(thresholds("de")[LL], abs=1e-6)
