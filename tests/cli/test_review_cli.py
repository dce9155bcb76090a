"""`propscope review export|import`: the three formats through the CLI, bad records listed
with exit 1 while the good ones are stored, clear errors for bad options and files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.store import open_store
from tests.review_data import corr, reviewed_article, span_at

runner = CliRunner()


def _out(res) -> str:
    """Output with Rich's line wrapping undone."""
    return " ".join(res.output.split())


def _db(url: str, corrections: bool = True) -> list:
    items = [reviewed_article(1), reviewed_article(2)]
    with open_store(url) as store:
        store.save_batch(items)
        store.save_analyses([a for a, _ in items])
        arts = [a for a, _ in items]
        if corrections:
            store.add_corrections([
                corr(arts[0], "span", "reject", "Loaded_Language", **span_at(arts[0], "reckless")),
                corr(arts[1], "frames", "add", "Morality", author="bo", minutes=1)])
    return arts


def test_export_import_each_format(sqlite_url: str, tmp_path: Path) -> None:
    _db(sqlite_url)
    for fmt, name in (("jsonl", "c.jsonl"), ("labelstudio", "c.json"), ("semeval", "se")):
        fresh = f"sqlite:///{tmp_path / (fmt + '.db')}"
        _db(fresh, corrections=False)
        out = tmp_path / name
        res = runner.invoke(app, ["review", "export", "--format", fmt, "--out", str(out),
                                  "--db", sqlite_url])
        assert res.exit_code == 0, res.output
        res = runner.invoke(app, ["review", "import", str(out), "--format", fmt,
                                  "--author", "ana", "--db", fresh])
        assert res.exit_code == 0, res.output
        assert "bad 0" in _out(res)
        with open_store(sqlite_url) as a, open_store(fresh) as b:
            for aid in a.corrected_article_ids():
                want, got = a.effective_labels(aid), b.effective_labels(aid)
                assert (got.spans, got.paragraphs) == (want.spans, want.paragraphs)
                # every format carries genre and frames (semeval: subtask 1 and 2 files)
                assert (got.genre, got.frames) == (want.genre, want.frames), fmt


def test_export_filters(sqlite_url: str, tmp_path: Path) -> None:
    _db(sqlite_url)
    out = tmp_path / "bo.jsonl"
    res = runner.invoke(app, ["review", "export", "--format", "jsonl", "--out", str(out),
                              "--author", "bo", "--db", sqlite_url])
    assert res.exit_code == 0 and "wrote 1 records" in _out(res)
    assert json.loads(out.read_text())["author"] == "bo"


def test_import_reports_bad_records_and_stores_the_rest(sqlite_url: str, tmp_path: Path) -> None:
    arts = _db(sqlite_url, corrections=False)
    good = {"article_id": arts[0].id, "article_version": json.loads(json.dumps(
        corr(arts[0], "frames", "add", "Political").article_version)),
        "target": "frames", "action": "add", "technique": "Political", "id": "c1"}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(good) + "\n{oops\n" + json.dumps({**good, "id": "c2",
                                                                   "article_id": "f" * 16}) + "\n")
    res = runner.invoke(app, ["review", "import", str(path), "--format", "jsonl",
                              "--author", "\x1b[31mana", "--db", sqlite_url])
    assert res.exit_code == 1
    assert "line 2: bad JSON" in _out(res)
    assert "stored 0, already stored 0, bad 3" in _out(res)
    assert "author must not contain control" in _out(res)
    with open_store(sqlite_url) as store:
        assert store.count_corrections() == 0  # control chars: author refused
    res = runner.invoke(app, ["review", "import", str(path), "--format", "jsonl",
                              "--author", "ana", "--db", sqlite_url])
    assert "stored 1, already stored 0, bad 2" in _out(res)
    assert "line 3: unknown article" in _out(res)
    with open_store(sqlite_url) as store:
        assert store.effective_labels(arts[0].id).frames == ["Economic", "Political"]


def test_clear_errors(sqlite_url: str, tmp_path: Path) -> None:
    _db(sqlite_url)
    res = runner.invoke(app, ["review", "export", "--format", "xml", "--out", str(tmp_path / "x"),
                              "--db", sqlite_url])
    assert res.exit_code == 2 and "unknown format 'xml'" in _out(res)
    res = runner.invoke(app, ["review", "import", str(tmp_path / "nope.jsonl"), "--format",
                              "jsonl", "--db", sqlite_url])
    assert res.exit_code == 2 and "no such file" in _out(res)
    (tmp_path / "se").mkdir()
    (tmp_path / "se" / "labels-subtask-3.txt").write_text("")
    res = runner.invoke(app, ["review", "import", str(tmp_path / "se"), "--format", "semeval",
                              "--db", sqlite_url])
    assert res.exit_code == 2 and "needs --author" in _out(res)


def test_agreement_of_two_analysts(sqlite_url: str) -> None:
    """Both analysts judge the same span: one accepts what the other rejects -> span F1 0;
    both add the same span elsewhere -> F1 1 for that technique."""
    arts = _db(sqlite_url, corrections=False)
    a = arts[0]
    with open_store(sqlite_url) as store:
        store.add_corrections([
            corr(a, "span", "accept", "Loaded_Language", author="ana", **span_at(a, "reckless")),
            corr(a, "span", "reject", "Loaded_Language", author="bo", **span_at(a, "reckless")),
            corr(a, "span", "add", "Doubt", author="ana", **span_at(a, "reckless")),
            corr(a, "span", "add", "Doubt", author="bo", **span_at(a, "reckless"))])
    res = runner.invoke(app, ["review", "agreement", "ana", "bo", "--db", sqlite_url,
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["technique"]: r for r in json.loads(res.output)}
    assert rows["Doubt"]["span_f1"] == 1.0
    assert rows["Loaded_Language"]["span_f1"] == 0.0
    table = runner.invoke(app, ["review", "agreement", "ana", "bo", "--db", sqlite_url],
                          env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Doubt" in table.output and "1.000" in table.output
    none = runner.invoke(app, ["review", "agreement", "ana", "nobody", "--db", sqlite_url])
    assert none.exit_code == 0 and "no technique both" in _out(none)
    bad = runner.invoke(app, ["review", "agreement", "ana", "bo", "--db", sqlite_url,
                              "--format", "xml"])
    assert bad.exit_code != 0
