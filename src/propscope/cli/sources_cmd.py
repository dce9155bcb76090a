"""``propscope sources``: per-outlet profiles (volume, languages, techniques, reuse, narratives)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.table import Table

from propscope.cli._common import DbOption, console, fail, open_store_or_exit, text

PERIODS = ("all", "year", "month")
FORMATS = ("table", "json")


def _profiles(store: Any, period: str) -> list[Any]:
    from propscope.pipeline.corpus_run import source_profiles

    return source_profiles(store, period)


def _top(counts: dict[str, int], n: int = 3) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:n])


def sources(
    db: DbOption = None,
    period: Annotated[str, typer.Option(help="One profile per outlet over: all, year, month.")] = "all",
    source: Annotated[str | None, typer.Option("--source", help="Only this outlet.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    voices: Annotated[bool, typer.Option("--voices", help="Techniques in each outlet's own words "
                                         "vs inside the quotes it carries, and whose.")] = False,
) -> None:
    """Profile each outlet: articles, languages, techniques, frames, genres, reuse, narratives."""
    if voices:
        return _voices(db, source, fmt)
    if period not in PERIODS:
        raise fail(f"--period must be one of {', '.join(PERIODS)}, got {period!r}")
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    store = open_store_or_exit(db)
    try:
        profiles = [p for p in _profiles(store, period) if source is None or p.source == source]
    finally:
        store.close()
    if source is not None and not profiles:
        raise fail(f"no articles from source {source!r}", code=1)
    if fmt == "json":
        typer.echo(json.dumps([asdict(p) for p in profiles], ensure_ascii=False, indent=1))
        return
    table = Table("source", "period", "articles", "words", "languages", "tech/1k words",
                  "top techniques", "copies from", "copied by", "narratives")
    for p in profiles:
        table.add_row(text(p.source), text(p.period), str(p.articles), str(p.words),
                      text(_top(p.languages)), f"{p.techniques_per_1000_words:.1f}",
                      text(_top(p.top_techniques), limit=50), text(_top(p.copies_from)),
                      text(_top(p.copied_by)), str(len(p.narratives)))
    console.print(table)


def _voices(db: str | None, source: str | None, fmt: str) -> None:
    """`sources --voices`: the outlet/quote split of technique spans (corpus/source_voices,
    summed over the store's voice index)."""
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    store = open_store_or_exit(db)
    try:
        rows = [r for r in store.source_voices()
                if source is None or r.source == source]
    finally:
        store.close()
    if source is not None and not rows:
        raise fail(f"no articles with a voices analysis from source {source!r}", code=1)
    if fmt == "json":
        out = [{**asdict(r), "quoted_share": r.quoted_share} for r in rows]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    table = Table("source", "articles", "quotes", "own words", "inside quotes", "share quoted",
                  "top own techniques", "top quoted techniques", "quoted voices")
    for r in rows:
        table.add_row(text(r.source), str(r.articles), str(r.quotes), str(r.outlet_spans),
                      str(r.quoted_spans), f"{100 * r.quoted_share:.0f}%",
                      text(_top(r.outlet_techniques), limit=50),
                      text(_top(r.quoted_techniques), limit=50), text(_top(r.speakers), limit=60))
    console.print(table)
