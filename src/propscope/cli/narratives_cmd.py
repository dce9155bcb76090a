"""``propscope narratives``: cluster stored articles into stories across outlets and languages."""

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


def _model() -> Any:
    from propscope.corpus.narratives import NarrativeModel

    return NarrativeModel()


def _top(counts: dict[str, int], n: int = 3) -> str:
    return ", ".join(f"{k} {v}" for k, v in list(counts.items())[:n])


def narratives(
    db: DbOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    rebuild: Annotated[bool, typer.Option(
        help="Recluster every article from scratch (ids of unchanged stories stay).")] = False,
    limit: Annotated[int, typer.Option(min=0, help="Narratives to print.")] = 30,
    min_size: Annotated[int, typer.Option(min=1, help="Print narratives with at least this "
                                                      "many articles.")] = 2,
    language: Annotated[str | None, typer.Option(
        help="Your language (en, ru, de...): representative titles in it when a member has it.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Assign new articles to narratives (incremental) and print the biggest ones."""
    from propscope.pipeline.corpus_run import run_narratives

    store = open_store_or_exit(db)
    try:
        with engine_or_exit(engine, scheduler, workers) as eng, status(quiet) as say:
            report = run_narratives(store, eng, _model(), rebuild=rebuild,  # type: ignore[arg-type]
                                    language=language, progress=say)
        console.print(f"clustered {report.articles} articles: {report.created} new narratives, "
                      f"{report.touched - report.created} grown; {report.total} in the store")
        shown = store.narratives(limit=limit, min_size=min_size) if limit else []
        if shown:
            table = Table("id", "label", "members", "sources", "languages", "first", "last",
                          title=f"narratives with {min_size}+ articles "
                                f"({store.count_narratives(min_size)})")
            for s in shown:
                n = s.narrative
                table.add_row(text(n.id), text(n.label, limit=70), str(s.size),
                              text(_top(n.sources)), text(_top(n.languages)),
                              text(n.first or ""), text(n.last or ""))
            console.print(table)
    finally:
        store.close()
