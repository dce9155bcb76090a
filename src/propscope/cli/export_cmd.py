"""``propscope export``: every stored article as JSON lines or CSV, streamed."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from propscope.cli._common import DbOption, err_console, fail, open_store_or_exit

CSV_COLUMNS = ["id", "title", "source", "authors", "published", "language", "url", "origin",
               "n_paragraphs", "n_removed", "text"]


def _csv_safe(value: str) -> str:
    """Defuse spreadsheet formula injection: a cell starting with = + - @ is text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _write_csv(store, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for a in store.iter_articles():
        row = [a.id, a.title, a.source or "", "; ".join(a.authors), a.published or "",
               a.language or "", a.url or "", a.origin, len(a.paragraphs), len(a.removed), a.text]
        writer.writerow([_csv_safe(str(v)) for v in row])
        n += 1
    return n


def _write_jsonl(store, out: TextIO) -> int:
    n = 0
    for a in store.iter_articles():
        out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file [default: stdout].")] = None,
    db: DbOption = None,
) -> None:
    """Export all stored articles with metadata, paragraphs and removed blocks."""
    if fmt not in ("jsonl", "csv"):
        raise fail(f"unknown format {fmt!r}: use jsonl or csv")
    store = open_store_or_exit(db)
    writer = _write_csv if fmt == "csv" else _write_jsonl
    if out is None:
        n = writer(store, sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            n = writer(store, fh)
    err_console.print(f"exported {n} articles" + (f" to {out}" if out else ""))
