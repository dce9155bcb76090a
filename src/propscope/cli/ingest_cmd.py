"""``propscope ingest``: read inputs, extract, store; resumable and error-isolating."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from propscope.cli._common import DbOption, console, err_console, fail, open_store_or_exit, text
from propscope.pipeline import DEFAULT_DOC_TIMEOUT, IngestReport, ingest as run_ingest
from propscope.store.engine import safe_url


def _iter_items(inputs: list[str], urls_from: Path | None, glob: str | None, fields: str | None,
                allow_private: bool, max_bytes: int | None):
    from propscope.ingest import FieldMap, Limits, iter_inputs, read_url_list

    specs = list(inputs)
    if urls_from is not None:
        specs += read_url_list(urls_from)
    if not specs:
        raise fail("nothing to ingest: give paths, globs, URLs, '-' for stdin, or --urls-from FILE")
    limits = Limits() if max_bytes is None else Limits(max_document_bytes=max_bytes)
    field_map = FieldMap.parse(fields) if fields else None
    return iter_inputs(specs, limits=limits, fields=field_map, allow_private=allow_private, glob=glob)


def _summary(report: IngestReport, where: str) -> Table:
    table = Table(title=f"ingest into {where}", show_header=False)
    for label, value in [
        ("documents read", report.read), ("stored (new)", report.stored),
        ("already stored (duplicates)", report.duplicates),
        ("skipped (done in an earlier run)", report.skipped), ("errors", report.errors),
        ("time", f"{report.elapsed:.1f} s ({report.rate:.0f} docs/s)"),
    ]:
        table.add_row(label, str(value))
    return table


def ingest(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Files, directories (recursive), globs, http(s) URLs, or '-' for stdin.")] = None,
    db: DbOption = None,
    urls_from: Annotated[Path | None, typer.Option(help="File with one URL per line.")] = None,
    glob: Annotated[str | None, typer.Option(help="Only files matching this glob inside directories.")] = None,
    fields: Annotated[str | None, typer.Option(
        help="JSONL/CSV field mapping, e.g. 'text=body,date=pubdate,source=outlet'.")] = None,
    allow_private: Annotated[bool, typer.Option(
        help="Allow URLs that resolve to private or loopback addresses.")] = False,
    max_bytes: Annotated[int | None, typer.Option(help="Largest single document in bytes.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 100,
    workers: Annotated[int | None, typer.Option(min=1, help="Extraction processes [default: CPUs].")] = None,
    doc_timeout: Annotated[float, typer.Option(
        min=0, help="CPU seconds one document may take to extract before it is recorded as "
        "a 'timeout' error; 0 for no limit.")] = DEFAULT_DOC_TIMEOUT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest articles: clean them, detect metadata and language, and store them."""
    items = _iter_items(inputs or [], urls_from, glob, fields, allow_private, max_bytes)
    store = open_store_or_exit(db)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingesting"), BarColumn(),
                        TextColumn("{task.fields[status]}"), TimeElapsedColumn(),
                        console=err_console, disable=quiet, transient=True)
    with progress:
        task = progress.add_task("ingest", total=None, status="")

        def on_batch(r: IngestReport) -> None:
            progress.update(task, status=f"{r.read} read · {r.stored} new · {r.errors} errors")

        report = run_ingest(items, store, batch_size=batch_size, workers=workers, progress=on_batch,
                            doc_timeout=doc_timeout or None)
    console.print(_summary(report, safe_url(store.url)))
    for sample in report.error_samples:
        err_console.print(text(f"  ✗ {sample}", "red", 300))
    store.close()
    if report.interrupted:
        err_console.print("interrupted: everything committed so far is kept; run the same command again to resume")
        raise typer.Exit(130)
    if report.errors and not (report.stored or report.duplicates or report.skipped):
        raise typer.Exit(1)
