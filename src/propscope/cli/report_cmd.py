"""``propscope report``: a self-contained HTML report of stored articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from propscope.cli._common import DbOption, console, open_store_or_exit


def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
    db: DbOption = None,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many articles.")] = 1000,
) -> None:
    """Write one self-contained HTML report (no external requests) of stored articles."""
    from propscope.report import write_report

    store = open_store_or_exit(db)
    ids = [r.id for r in store.list_articles(source=source, language=language, limit=limit)]
    articles = [a for a in (store.get_article(i) for i in ids) if a is not None]
    path = write_report(articles, out)
    console.print(f"wrote {len(articles)} articles to {path.resolve()}")
