"""``propscope list``: stored articles (or failed documents) as a table or JSON lines."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from propscope.cli._common import DbOption, console, open_store_or_exit, text


def _jsonable(row: object) -> dict:
    d = asdict(row)  # type: ignore[call-overload]
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in d.items()}


def _errors_table(store, limit: int, offset: int, as_json: bool) -> None:
    rows = store.list_errors(limit=limit, offset=offset)
    if as_json:
        for r in rows:
            typer.echo(json.dumps(_jsonable(r), ensure_ascii=False))
        return
    table = Table(title=f"failed documents ({store.count_errors()} in all)")
    for col in ("origin", "kind", "message"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(text(r.origin, limit=80), text(r.kind), text(r.message, limit=120))
    console.print(table)


def list_articles(
    db: DbOption = None,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this ISO 639-1 language.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    errors: Annotated[bool, typer.Option("--errors", help="List failed documents instead.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List stored articles, newest ingest first."""
    store = open_store_or_exit(db)
    if errors:
        _errors_table(store, limit, offset, as_json)
        return
    filters = dict(source=source, language=language, since=since, until=until)
    rows = store.list_articles(**filters, limit=limit, offset=offset)
    if as_json:
        for r in rows:
            typer.echo(json.dumps(_jsonable(r), ensure_ascii=False))
        return
    total = store.count_articles(**filters)
    table = Table(title=f"{total} articles" + (f" (showing {offset + 1}-{offset + len(rows)})" if rows else ""))
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("source", ratio=1)
    for col in ("lang", "published", "paras"):
        table.add_column(col, no_wrap=True)
    for r in rows:
        table.add_row(text(r.id), text(r.title, limit=70), text(r.source or "", limit=30),
                      text(r.language or ""), text(r.published or ""), str(r.n_paragraphs))
    console.print(table)
