"""``propscope analyze``: persuasion techniques (with spans), genre and frames for stored articles."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from propscope.cli._common import (
    DbOption,
    console,
    err_console,
    fail,
    open_store_or_exit,
)


def analyze(
    inputs: Annotated[list[str] | None, typer.Argument(
        metavar="[PATH|URL]...", help="Ingest these first, then analyze; without them, analyze the store.")] = None,
    db: DbOption = None,
    only: Annotated[list[str] | None, typer.Option(help="Only these analyzers: techniques, genre, frames, voices.")] = None,
    redo: Annotated[bool, typer.Option(help="Recompute articles already analysed by the same models.")] = False,
    article_id: Annotated[list[str] | None, typer.Option("--id", help="Only these article ids.")] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private/loopback addresses.")] = False,
    workers: Annotated[int | None, typer.Option(min=1, help="Analysis processes [default: CPUs].")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    tier: Annotated[str, typer.Option(help="Techniques model: accurate (where a model for the language exists, "
                                           "else fast) or fast.")] = "accurate",
) -> None:
    """Find persuasion techniques (per paragraph, with character spans), genre, frames, and
    who says what (quotes, entities, stance)."""
    import os

    from propscope.analyzers.persuasion import STAGES
    from propscope.models.accurate import TIERS
    from propscope.models.bundle import BundleError
    from propscope.pipeline.analyze import analyze_store

    if tier not in TIERS:
        raise fail(f"unknown tier {tier!r}; choose from {', '.join(TIERS)}")
    stages = tuple(only) if only else STAGES
    bad = sorted(set(stages) - set(STAGES))
    if bad:
        raise fail(f"unknown analyzer(s): {', '.join(bad)}; choose from {', '.join(STAGES)}")
    store = open_store_or_exit(db)
    if inputs:
        from propscope.ingest import iter_inputs
        from propscope.pipeline import ingest

        try:
            rep = ingest(iter_inputs(inputs, allow_private=allow_private), store)
        except (OSError, ValueError) as exc:
            raise fail(str(exc)) from None
        console.print(f"ingested: {rep.stored} stored, {rep.errors} failed of {rep.read} read")
    total = len(article_id) if article_id else store.count_articles()
    previous_tier = os.environ.get("PROPSCOPE_TIER")
    os.environ["PROPSCOPE_TIER"] = tier  # the pipeline's analyzer (and its forked workers) read it
    try:
        with Progress(TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console, disable=quiet) as bar:
            task = bar.add_task("analyze", total=total)
            report = analyze_store(store, stages=stages, redo=redo, ids=article_id, workers=workers,
                                   progress=lambda n: bar.advance(task, n))
    except BundleError as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
        if previous_tier is None:  # a command must not change the next one's default (tests, API)
            os.environ.pop("PROPSCOPE_TIER", None)
        else:
            os.environ["PROPSCOPE_TIER"] = previous_tier
    console.print(f"analysed {report.analysed}, already done {report.skipped}, failed {len(report.failed)} "
                  f"(of {report.seen})")
    for aid, why in report.failed[:20]:
        err_console.print(f"  {aid}: {why}", highlight=False, markup=False)
    if report.failed:
        raise typer.Exit(1)
