"""The CLI as a user runs it (real subprocesses, real SQLite file)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import news_text, write_corpus

CONTRACT_KEYS = {"title", "text", "source", "authors", "published", "language", "paragraphs", "removed"}


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "propscope.cli.main", *args], input=stdin,
                          capture_output=True, timeout=300, cwd=cwd)


def test_extract_json_prints_one_object_per_input_with_the_contract_keys(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 2)
    res = run("extract", *map(str, paths), "--json")
    assert res.returncode == 0, res.stderr
    objs = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert len(objs) == 2
    for obj, i in zip(objs, (0, 1)):
        assert CONTRACT_KEYS <= obj.keys()
        assert obj["title"] == news_text(i).splitlines()[0]
        assert obj["language"] == "en"
        for p in obj["paragraphs"]:
            assert obj["text"][p["start"]:p["end"]] == p["text"]


def test_extract_reports_a_bad_input_and_continues(tmp_path: Path) -> None:
    good = write_corpus(tmp_path, 1)[0]
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    res = run("extract", str(bad), str(good), "--json")
    assert res.returncode == 1
    lines = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert lines[0]["error"] == "empty" and lines[1]["title"]
    assert b"empty" in res.stderr


def test_ingest_list_show_export_round_trip(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 3)
    db = str(tmp_path / "p.db")
    res = run("ingest", str(tmp_path / "c"), "--db", db, "--quiet")
    assert res.returncode == 0, res.stderr
    assert b"stored (new)" in res.stdout
    listed = [json.loads(x) for x in run("list", "--db", db, "--json").stdout.decode().splitlines()]
    assert len(listed) == 3
    shown = run("show", listed[0]["id"][:8], "--db", db)
    assert shown.returncode == 0 and listed[0]["title"].encode() in shown.stdout
    as_json = json.loads(run("show", listed[0]["id"], "--db", db, "--json").stdout)
    assert as_json["id"] == listed[0]["id"] and as_json["paragraphs"]
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db).stdout.decode())))
    assert {r["id"] for r in rows} == {x["id"] for x in listed}
    jsonl = run("export", "--format", "jsonl", "--db", db).stdout.decode().splitlines()
    assert {json.loads(x)["id"] for x in jsonl} == {x["id"] for x in listed}


def test_show_unknown_id_and_bad_format_give_clear_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    run("ingest", str(write_corpus(tmp_path / "c", 1)[0]), "--db", db, "--quiet")
    res = run("show", "ffffffffffff", "--db", db)
    assert res.returncode != 0 and b"no article" in res.stderr
    res = run("export", "--format", "xml", "--db", db)
    assert res.returncode != 0 and b"unknown format" in res.stderr
    res = run("ingest", "--db", db)
    assert res.returncode != 0 and b"nothing to ingest" in res.stderr


def test_stdin_ingest(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    res = run("ingest", "-", "--db", db, "--quiet", stdin=news_text(7).encode())
    assert res.returncode == 0, res.stderr
    listed = [json.loads(x) for x in run("list", "--db", db, "--json").stdout.decode().splitlines()]
    assert len(listed) == 1 and "budget number 7" in listed[0]["title"]


def test_hostile_text_cannot_inject_terminal_escapes_or_markup(tmp_path: Path) -> None:
    evil_title = "Headline \x1b[31mRED\x1b[0m [bold red]markup[/] \u202eevil"
    (tmp_path / "evil.txt").write_text(evil_title + "\n\n" + news_text(3).split("\n\n", 1)[1],
                                       encoding="utf-8")
    db = str(tmp_path / "p.db")
    run("ingest", str(tmp_path / "evil.txt"), "--db", db, "--quiet")
    listed = run("list", "--db", db, "--json").stdout.decode()
    art_id = json.loads(listed.splitlines()[0])["id"]
    out = run("show", art_id, "--db", db).stdout
    assert b"\x1b[31m" not in out and "\u202e".encode() not in out
    assert b"[bold red]markup[/]" in out  # printed literally, not interpreted


def test_export_csv_defuses_formula_injection(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("=HYPERLINK(\"http://evil.example\")\n\n"
                                     + news_text(4).split("\n\n", 1)[1], encoding="utf-8")
    db = str(tmp_path / "p.db")
    run("ingest", str(tmp_path / "f.txt"), "--db", db, "--quiet")
    rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv", "--db", db).stdout.decode())))
    assert rows and all(not r["title"].startswith("=") for r in rows)
