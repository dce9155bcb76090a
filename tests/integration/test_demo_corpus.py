"""`make demo`'s path end to end: the bundled corpus through every reader into SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "demo" / "corpus"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "propscope.cli.main", *args],
                          capture_output=True, text=True, timeout=300)


def test_demo_corpus_is_large_and_varied_enough() -> None:
    files = [p for p in CORPUS.rglob("*") if p.is_file()]
    suffixes = {p.suffix for p in files}
    assert {".txt", ".html", ".jsonl", ".gz"} <= suffixes
    records = sum(1 for _ in (CORPUS / "feed.jsonl").open()) + 2  # + 2 WARC pages
    articles = len([p for p in files if p.suffix in (".txt", ".html")]) + records
    assert articles >= 10


def test_demo_ingest_report_and_metadata(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    res = cli("ingest", str(CORPUS), "--db", db, "--quiet")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in cli("list", "--db", db, "--json", "--limit", "500").stdout.splitlines()]
    errors = cli("list", "--errors", "--db", db, "--json").stdout.strip()
    assert errors == "", errors
    assert len(rows) >= 10
    assert {"en", "ru", "de"} <= {r["language"] for r in rows}
    assert all(r["title"] for r in rows)
    # metadata from the JSONL fields (aliases body/published) and from WARC HTML meta tags
    by_title = {r["title"]: r for r in rows}
    grain = next(r for t, r in by_title.items() if t.startswith("Grain corridor talks stall"))
    assert grain["source"] == "Harbour Gazette" and grain["published"] == "2024-03-14"
    full = json.loads(cli("show", grain["id"], "--db", db, "--json").stdout)
    assert "READ MORE" not in full["text"] and "Share this article" not in full["text"]
    assert "marina_k" not in full["text"] and "Home / Politics" not in full["text"]
    assert any(p["text"].startswith("Negotiators left the port city") for p in full["paragraphs"])
    warc = next(r for r in rows if (r["title"] or "").startswith("Sanctions"))
    assert warc["source"] == "Eastern Dispatch" and warc["published"] == "2021-05-06"
    out = tmp_path / "r.html"
    assert cli("report", "--db", db, "--out", str(out)).returncode == 0
    assert grain["title"].split("'")[0] in out.read_text(encoding="utf-8")


def test_reingesting_the_demo_corpus_adds_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    cli("ingest", str(CORPUS), "--db", db, "--quiet")
    first = cli("list", "--db", db, "--json", "--limit", "500").stdout
    again = cli("ingest", str(CORPUS), "--db", db, "--quiet")
    assert again.returncode == 0
    assert cli("list", "--db", db, "--json", "--limit", "500").stdout.count("\n") == first.count("\n")
