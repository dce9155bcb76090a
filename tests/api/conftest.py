"""Fixtures for the API tests: a real store seeded with hand-built, analysed articles.

Analyses are built by hand (deterministic, no model loading); `FakeAnalyzer` stands in for
the persuasion models where a test only needs *an* analysis. One test in test_analyze.py runs
the real models end to end.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from propscope.api.app import create_app
from propscope.api.settings import ApiSettings
from propscope.schema import Article, RemovedBlock, paragraphs_from_blocks
from propscope.schema.analysis import Analysis, Classification, Span, UnitTechniques
from propscope.store import Store, open_store

TOKEN = "test-token-0123456789-abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE_TITLE = '<script>alert("t")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = ('Officials said </script><script>fetch("//evil")</script> was "fine" & '
                "that <b onmouseover=alert(2)>nothing</b> happened at all today.")

DOCS = [
    # (title, paragraphs, source, language, published, genre, frames, techniques per paragraph)
    ("Council of Amberly approves a budget", [
        "The council of Amberly voted on Monday to approve a spending plan for schools.",
        "Critics called the plan a shameful betrayal of every family in the town.",
    ], "Amberly Gazette", "en", "2024-03-01", "reporting", ["Economic"],
     [[], ["Loaded_Language", "Name_Calling-Labeling"]]),
    ("Совет Брайтуотера утвердил новый бюджет", [
        "Городской совет Брайтуотера в понедельник утвердил бюджет на следующий год.",
        "Оппозиция назвала решение позорным предательством жителей города.",
    ], "Вестник Брайтуотера", "ru", "2024-04-15", "opinion", ["Political", "Economic"],
     [["Doubt"], ["Loaded_Language"]]),
    ("Der Rat von Dunmore beschließt den Haushalt", [
        "Der Stadtrat von Dunmore hat am Montag den Haushalt für das kommende Jahr beschlossen.",
        "Die Opposition sprach von einem schweren Fehler für alle Bürger der Stadt.",
    ], "Dunmore Zeitung", "de", "2023-11-20", "reporting", ["Political"], [[], []]),
    (HOSTILE_TITLE, [HOSTILE_TEXT, "A second paragraph about the harbour of Eastwick opening."],
     "<b>Evil & Co</b>", "en", "2024-05-02", "satire", ["Morality"], [["Slogans"], []]),
]


def _analysis(article: Article, genre: str, frames: list[str],
              per_paragraph: list[list[str]]) -> Analysis:
    units, spans = [], []
    for i, labels in enumerate(per_paragraph):
        probs = {lab: 0.9 for lab in labels}
        units.append(UnitTechniques(i, list(labels), probs))
        p = article.paragraphs[i]
        for lab in labels:
            spans.append(Span(lab, p.start, min(p.end, p.start + 20), i, 0.8))
    return Analysis(
        techniques=units, spans=spans, techniques_model="techniques@test",
        genre=Classification([genre], {genre: 0.7}, model="genre@test"),
        frames=Classification(list(frames), {f: 0.6 for f in frames}, model="frames@test"),
    )


def make_articles() -> list[Article]:
    out = []
    for n, (title, paras, source, lang, published, genre, frames, tech) in enumerate(DOCS):
        text, paragraphs = paragraphs_from_blocks(paras)
        article = Article(
            text=text, title=title, source=source, language=lang, published=published,
            paragraphs=paragraphs, origin=f"fixture-{n}.txt", url=f"https://example.org/{n}",
            authors=["Jane Roe"], extractor="plaintext", raw=b"RAW-BYTES-NEVER-SERVED",
            source_text="MENU Home | News\n" + text,
            removed=[RemovedBlock(0, 16, "navigation", "MENU Home | News")],
        )
        article.analysis = _analysis(article, genre, frames, tech)
        out.append(article)
    return out


def seed(store: Store) -> list[Article]:
    articles = make_articles()
    store.save_batch([(a, f"{i:064x}") for i, a in enumerate(articles)])
    store.save_analyses(articles)
    return articles


class FakeAnalyzer:
    """Marks every paragraph with Loaded_Language; counts calls (lazy-loading checks)."""

    instances = 0

    def __init__(self) -> None:
        FakeAnalyzer.instances += 1

    def analyze(self, article: Article) -> Article:
        article.analysis = _analysis(article, "opinion", ["Political"],
                                     [["Loaded_Language"] for _ in article.paragraphs])
        return article


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Store]:
    s = open_store(sqlite_url)
    yield s
    s.close()


@pytest.fixture
def seeded(store: Store) -> list[Article]:
    return seed(store)


def client_for(store: Store, token: str | None = TOKEN, **settings: object) -> TestClient:
    app = create_app(store, token=token, analyzer_factory=FakeAnalyzer,
                     settings=ApiSettings(**settings))  # type: ignore[arg-type]
    return TestClient(app, base_url="http://testserver")


@pytest.fixture
def client(store: Store) -> TestClient:
    return client_for(store)


@pytest.fixture
def sqlite_client(sqlite_store: Store) -> TestClient:
    return client_for(sqlite_store)
