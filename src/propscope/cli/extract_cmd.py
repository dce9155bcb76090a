"""``propscope extract``: clean files and print JSON, storing nothing.

The ``--json`` output (one object per input, with at least title, text, source, authors,
published, language, paragraphs, removed) is a contract other tools rely on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from propscope.cli._common import console, err_console, fail, text
from propscope.pipeline import process_one


def _items(files: list[Path]):
    from propscope.ingest import iter_inputs

    return iter_inputs([str(f) for f in files])


def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to extract ('-' for stdin).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per input.")] = False,
    include_source: Annotated[bool, typer.Option(help="Include source_text in JSON.")] = False,
) -> None:
    """Extract clean text and metadata from files without storing anything."""
    if not files:
        raise fail("give at least one file")
    failed = 0
    for item in _items(files):
        article, error, _ = process_one(item)
        if error is not None:
            failed += 1
            if as_json:
                typer.echo(json.dumps({"origin": error.origin, "error": error.kind,
                                       "message": error.message}, ensure_ascii=False))
            err_console.print(text(f"✗ {error}", "red", 500))
            continue
        assert article is not None
        if as_json:
            typer.echo(json.dumps(article.to_dict(include_raw=include_source), ensure_ascii=False))
        else:
            console.print(text(article.title or "(no title)", "bold") + Text(f"  [{article.id}]"))
            console.print(text(f"{article.source or '?'} · {', '.join(article.authors) or '?'} · "
                               f"{article.published or '?'} · {article.language or '?'} · "
                               f"{len(article.paragraphs)} paragraphs, {len(article.removed)} removed"))
    if failed:
        raise typer.Exit(1)
