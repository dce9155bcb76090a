"""`propscope eval semeval`: official output formats, templates, gold scoring, clear errors.

The articles are written here (SemEval layout: title, blank line, one paragraph per line).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES

runner = CliRunner()

ARTICLES = {
    "101": "The traitors in parliament have sold our nation again\n\n"
           "Every patriot knows the truth: these corrupt puppets serve foreign masters.\n\n"
           "They will destroy everything our grandfathers built unless we stop them now!\n"
           "The minister refused to comment on Tuesday.\n",
    "102": "City opens new library branch\n\nThe library will open at nine on weekdays.\n\n\n"
           "Officials said the building cost two million euros.\n",
}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for aid, text in ARTICLES.items():
        (d / f"article{aid}.txt").write_text(text, encoding="utf-8")
    return d


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_subtask3_one_row_per_non_empty_line(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "st3.txt"
    res = runner.invoke(app, ["eval", "semeval", "--subtask", "3", "--lang", "en", "--articles", str(articles),
                              "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = _rows(out)
    assert [(r[0], r[1]) for r in rows] == [("101", "1"), ("101", "3"), ("101", "5"), ("101", "6"),
                                          ("102", "1"), ("102", "3"), ("102", "6")]
    assert all(len(r) == 3 for r in rows)
    for r in rows:
        assert all(lab in TECHNIQUES for lab in r[2].split(",") if lab)
    # the name-calling paragraph gets at least one technique; plain reporting has fewer
    assert rows[1][2]


def test_subtask1_and_2_formats(articles: Path, tmp_path: Path) -> None:
    for subtask, vocab in ((1, GENRES), (2, FRAMES)):
        out = tmp_path / f"st{subtask}.txt"
        res = runner.invoke(app, ["eval", "semeval", "--subtask", str(subtask), "--lang", "ge",
                                  "--articles", str(articles), "--out", str(out)])
        assert res.exit_code == 0, res.output
        rows = _rows(out)
        assert [r[0] for r in rows] == ["101", "102"]
        for r in rows:
            labels = [x for x in r[1].split(",") if x]
            assert labels and all(lab in vocab for lab in labels)
            if subtask == 1:
                assert len(labels) == 1


def _with_file(tmp_path: Path, name: str, content: str, subtask: str, articles: Path, option: str):
    extra = tmp_path / name
    extra.write_text(content, encoding="utf-8")
    out = tmp_path / f"out{subtask}.txt"
    res = runner.invoke(app, ["eval", "semeval", "--subtask", subtask, "--lang", "en", "--articles", str(articles),
                              "--out", str(out), option, str(extra)])
    return res, out


def test_template_order_and_unknown_lines(articles: Path, tmp_path: Path) -> None:
    res, out = _with_file(tmp_path, "template.txt", "102\t6\n101\t3\n101\t2\n", "3", articles, "--template")
    assert res.exit_code == 0, res.output
    rows = _rows(out)
    assert [(r[0], r[1]) for r in rows] == [("102", "6"), ("101", "3"), ("101", "2")]
    assert rows[2][2] == ""  # line 2 is empty in the article: an empty label list


def test_gold_prints_official_metric(articles: Path, tmp_path: Path) -> None:
    res, _ = _with_file(tmp_path, "gold.txt", "101\topinion\n102\treporting\n", "1", articles, "--gold")
    assert res.exit_code == 0, res.output
    assert "macro-F1" in res.output
    assert all(g in res.output for g in GENRES)  # the per-label table
    last = res.output.strip().splitlines()[-1].split("\t")
    assert last[0] == "macro-F1" and 0.0 <= float(last[1]) <= 1.0


def test_gold_with_misspelled_label_is_normalised(articles: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("101\t3\tAppeal_to_Fear-Prejudi-čce\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "semeval", "--subtask", "3", "--lang", "en", "--articles", str(articles),
                              "--out", str(tmp_path / "o.txt"), "--gold", str(gold)])
    assert res.exit_code == 0, res.output
    assert "micro-F1" in res.output


@pytest.mark.parametrize("args, message", [
    (["--subtask", "3", "--lang", "en", "--articles", "/nonexistent/dir"], "not a directory"),
    (["--subtask", "3", "--lang", "xx-bad", "--articles", "{articles}"], "unknown language"),
    (["--subtask", "4", "--lang", "en", "--articles", "{articles}"], "less than or equal to 3"),
])
def test_bad_input_is_a_clear_error(articles: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.replace("{articles}", str(articles)) for a in args]
    res = runner.invoke(app, ["eval", "semeval", *args, "--out", str(tmp_path / "o.txt")])
    assert res.exit_code != 0
    assert message in res.output


def test_template_naming_missing_article_fails(articles: Path, tmp_path: Path) -> None:
    template = tmp_path / "template.txt"
    template.write_text("999\t1\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "semeval", "--subtask", "3", "--lang", "en", "--articles", str(articles),
                              "--template", str(template), "--out", str(tmp_path / "o.txt")])
    assert res.exit_code == 2
    assert "999" in res.output
