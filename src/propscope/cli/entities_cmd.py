"""``propscope entities``: the most covered people, organizations, places and groups, and
`--merge` to fold partial keys into the one full name the corpus knows (corpus/entities.py)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from propscope.cli._common import DbOption, console, fail, open_store_or_exit, text

KINDS = ("person", "organization", "place", "group")
ORDERS = ("articles", "quotes", "mentions", "name")
FORMATS = ("table", "json")


def _merge(store: object) -> tuple[int, int]:
    """Fit the corpus merger over every stored voices analysis; store its mapping."""
    from propscope.corpus.entities import EntityMerger

    merger = EntityMerger().fit((aid, v.entities) for aid, v in store.iter_voices())  # type: ignore[attr-defined]
    mapping = merger.mapping()
    stored = store.save_entity_merges(mapping, dict(merger.names_))  # type: ignore[attr-defined]
    return len(merger.document_counts_), stored


def entities(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option(help="person, organization, place or group.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Part of the name or id.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only articles of this outlet.")] = None,
    order: Annotated[str, typer.Option(help="articles, quotes, mentions or name.")] = "articles",
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many to list.")] = 30,
    merge: Annotated[bool, typer.Option(help="First merge partial keys across the corpus.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List the entities the voices stage found (run `propscope analyze` first)."""
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if order not in ORDERS:
        raise fail(f"--order must be one of {', '.join(ORDERS)}, got {order!r}")
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    store = open_store_or_exit(db)
    try:
        if merge:
            keys, merged = _merge(store)
            console.print(f"merged {merged} of {keys} entity keys into fuller names")
        found = store.entities(kind=kind, q=q, source=source, order=order, limit=limit)
        total = store.count_entities(kind=kind, q=q, source=source)
    finally:
        store.close()
    if fmt == "json":
        typer.echo(json.dumps([asdict(e) for e in found], ensure_ascii=False, indent=1))
        return
    if not found:
        console.print("no entities: run `propscope analyze` (the voices stage) first"
                      if total == 0 and not (kind or q or source) else "no entities match")
        return
    table = Table("entity", "kind", "articles", "mentions", "quotes", "stance", "id")
    for e in found:
        stance = ", ".join(f"{k} {n}" for k, n in e.stance.items())
        score = f" (mean {e.stance_score:+.2f})" if e.stance_score is not None else ""
        table.add_row(text(e.name, limit=60), e.kind, str(e.articles), str(e.mentions),
                      str(e.quotes), stance + score, text(e.id, limit=60))
    console.print(table)
    console.print(f"{len(found)} of {total} entities")
