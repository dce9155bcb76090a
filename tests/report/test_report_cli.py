"""`propscope report` end to end on a real store: filters, formats, errors, 1,000 articles."""

from __future__ import annotations

import csv
import hashlib
import json
import time
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.report.selection import load_articles, matching_stats, select_ids
from propscope.schema import Article
from propscope.store import open_store
from propscope.store.query import ArticleFilter
from tests.report.factory import analysed_article

runner = CliRunner()


def fill(url: str, articles: list[Article]) -> None:
    with open_store(url) as store:
        store.save_batch([(a, hashlib.sha256(a.id.encode()).hexdigest()) for a in articles])
        store.save_analyses(articles)


def corpus() -> list[Article]:
    arts = [analysed_article(i, published=f"2024-0{1 + i % 3}-15") for i in range(6)]
    arts.append(analysed_article(50, source="Другая газета", language="ru", published="2023-12-01"))
    return arts


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    fill(url, corpus())
    return url


def report(db: str, out: Path, *args: str) -> str:
    res = runner.invoke(app, ["report", "--db", db, "--out", str(out), *args])
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


def test_selection_filters_on_both_backends(store_url: str) -> None:
    fill(store_url, corpus())
    with open_store(store_url) as store:
        assert len(select_ids(store, ArticleFilter(), 100)) == 7
        assert len(select_ids(store, ArticleFilter(), 3)) == 3
        ru = select_ids(store, ArticleFilter(language="ru"), 100)
        assert [a.source for a in load_articles(store, ru)] == ["Другая газета"]
        # factory: paragraph 0 carries TECHNIQUES[i % 23]; i=1 -> Appeal_to_Fear-Prejudice
        fear = select_ids(store, ArticleFilter(technique="Appeal_to_Fear-Prejudice"), 100)
        assert len(fear) == 1
        stats = matching_stats(store, ArticleFilter(since="2024-01-01"))
        assert stats.articles == 6 and stats.timeline == {"2024-01": 2, "2024-02": 2, "2024-03": 2}


def test_html_report_from_the_store(db: str, tmp_path: Path) -> None:
    page = report(db, tmp_path / "r.html", "--language", "en", "--limit", "4")
    doc = lxml.html.document_fromstring(page)
    assert len(doc.xpath("//article")) == 4
    header = doc.xpath("//header")[0].text_content()
    assert "4 articles in this report (6 match the filters)" in " ".join(header.split())
    assert "language = en" in header
    assert doc.xpath("//span[@class='seg']") and doc.xpath("//figure")


def test_search_and_label_filters(db: str, tmp_path: Path) -> None:
    page = report(db, tmp_path / "q.html", "--q", "Критики", "--language", "ru")
    assert len(lxml.html.document_fromstring(page).xpath("//article")) == 1
    data = json.loads(report(db, tmp_path / "g.json", "--format", "json", "--genre", "satire"))
    assert {a["genre"]["labels"][0] for a in data["articles"]} == {"satire"}
    assert data["summary"]["articles"] == 3 and data["summary"]["filters"] == {"genre": "satire"}


def test_json_and_csv_formats(db: str, tmp_path: Path) -> None:
    data = json.loads(report(db, tmp_path / "r.json", "--format", "json"))
    assert data["summary"]["articles"] == 7 and len(data["articles"]) == 7
    assert all(len(a["spans"]) == 5 for a in data["articles"])
    rows = list(csv.DictReader(report(db, tmp_path / "s.csv", "--format", "csv").splitlines()))
    assert len(rows) == 35 and rows[0]["technique"]
    per_article = list(csv.DictReader(report(db, tmp_path / "a.csv", "--csv-articles").splitlines()))
    assert len(per_article) == 7 and {r["article_id"] for r in per_article} == {a["id"] for a in data["articles"]}


@pytest.mark.parametrize(("args", "message"), [
    (["--technique", "Telepathy"], "unknown technique"),
    (["--since", "last tuesday"], "since must be a date"),
    (["--format", "pdf"], "unknown format"),
])
def test_bad_options_give_clear_errors(db: str, tmp_path: Path, args: list[str], message: str) -> None:
    res = runner.invoke(app, ["report", "--db", db, "--out", str(tmp_path / "x"), *args])
    assert res.exit_code == 2 and message in res.output
    assert not (tmp_path / "x").exists()


def test_a_thousand_articles_report_in_under_30_seconds(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'big.db'}"
    fill(url, [analysed_article(i, published=f"20{20 + i % 5}-{1 + i % 12:02d}-03") for i in range(1000)])
    started = time.perf_counter()
    page = report(url, tmp_path / "big.html", "--limit", "1000")
    elapsed = time.perf_counter() - started
    assert page.count("<article ") == 1000
    assert elapsed < 30, f"report of 1,000 articles took {elapsed:.1f} s"
