"""``propscope reuse``: find republished, partial, translated and spun copies across the store."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from propscope.cli._common import DbOption, console, open_store_or_exit, text
from propscope.cli._corpus import (
    EngineOption,
    QuietOption,
    SchedulerOption,
    WorkersOption,
    engine_or_exit,
    status,
)


def _detector() -> Any:
    from propscope.corpus.reuse import ReuseDetector

    return ReuseDetector()


def reuse(
    db: DbOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    limit: Annotated[int, typer.Option(min=0, help="Links to print (0: only the counts).")] = 50,
    quiet: QuietOption = False,
) -> None:
    """Find articles that reuse others and store the links (replacing the previous run)."""
    from propscope.pipeline.corpus_run import run_reuse

    store = open_store_or_exit(db)
    try:
        with engine_or_exit(engine, scheduler, workers) as eng, status(quiet) as say:
            report = run_reuse(store, eng, _detector(), progress=say)  # type: ignore[arg-type]
        counts = ", ".join(f"{k} {n}" for k, n in report.links.items())
        console.print(f"{report.articles} articles: {counts}; {report.markers} markers")
        if limit:
            _print_links(store, limit)
    finally:
        store.close()


def _print_links(store: Any, limit: int) -> None:
    links = store.list_reuse(limit=limit)
    if not links:
        return
    table = Table("earlier", "later", "kind", "coverage", "markers", title="reuse links")
    for link in links:
        marks = "; ".join(f"{m.kind}: {m.text}" for m in store.markers(link.later)[:3])
        table.add_row(text(link.earlier), text(link.later), text(link.kind),
                      f"{link.coverage_earlier:.0%} / {link.coverage_later:.0%}",
                      text(marks, limit=80))
    console.print(table)
