"""``propscope review export|import|agreement|queue``: analysts' corrections in and out
(review/exchange.py), and the review queue (store/review_queue.py) for a terminal.

Formats: semeval (a folder: articles, labels-subtask-1/2/3.txt, labels-subtask-3-spans.txt),
jsonl (one correction per line) and labelstudio (Label Studio tasks JSON).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from propscope.cli._common import (
    DbOption,
    console,
    err_console,
    fail,
    open_store_or_exit,
    safe,
)

app = typer.Typer(help="Analysts' corrections: export, import, agreement, the review queue.",
                  no_args_is_help=True)

FormatOption = Annotated[str, typer.Option("--format", help="semeval, jsonl or labelstudio.")]
TechniqueOption = Annotated[str | None, typer.Option(help="Only this technique (or label).")]
#: Bad records printed one per line; the rest are counted.
SHOW_ERRORS = 50


@app.command("export")
def export(
    fmt: FormatOption,
    out: Annotated[Path, typer.Option(help="File to write (a folder for semeval).")],
    author: Annotated[str | None, typer.Option(help="Only this analyst's corrections.")] = None,
    technique: TechniqueOption = None,
    db: DbOption = None,
) -> None:
    """Write stored corrections in a format other tools read."""
    from propscope.review.exchange import export_corrections
    from propscope.review.limits import ImportFileError

    store = open_store_or_exit(db)
    try:
        n = export_corrections(store, fmt, out, author=author, technique=technique)
    except (ImportFileError, OSError) as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
    console.print(Text(f"wrote {n} records to {safe(out)}"))


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="File to read (a folder for semeval).")],
    fmt: FormatOption,
    author: Annotated[str | None, typer.Option(
        help="Analyst to record (semeval: required; others: for records without one).")] = None,
    technique: TechniqueOption = None,
    db: DbOption = None,
) -> None:
    """Store the corrections of a file; bad records are listed and skipped (exit 1)."""
    from propscope.review.exchange import import_corrections
    from propscope.review.limits import ImportFileError
    from propscope.schema.review import CorrectionError

    store = open_store_or_exit(db)
    try:
        report = import_corrections(store, fmt, path, author=author, technique=technique)
    except (ImportFileError, CorrectionError, OSError) as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
    for origin, message in report.errors[:SHOW_ERRORS]:
        err_console.print(Text(f"{safe(origin, 80)}: {safe(message, 300)}"))
    if len(report.errors) > SHOW_ERRORS:
        err_console.print(f"... and {len(report.errors) - SHOW_ERRORS} more bad records")
    console.print(f"stored {report.stored}, already stored {report.duplicates}, "
                  f"bad {len(report.errors)}")
    if report.errors:
        raise typer.Exit(1)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


@app.command("agreement")
def agreement(
    author_a: Annotated[str, typer.Argument(help="First analyst.")],
    author_b: Annotated[str, typer.Argument(help="Second analyst.")],
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    db: DbOption = None,
) -> None:
    """Agreement of two analysts per technique: Cohen's kappa on paragraph labels, span F1."""
    import json
    from dataclasses import asdict

    from rich.table import Table

    if fmt not in ("table", "json"):
        raise fail(f"--format must be table or json, got {fmt!r}")
    store = open_store_or_exit(db)
    try:
        rows = store.agreement(author_a, author_b)
    finally:
        store.close()
    if fmt == "json":
        typer.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    if not rows:
        console.print(Text(f"no technique both {safe(author_a)} and {safe(author_b)} corrected"))
        return
    table = Table("technique", "paragraph units", "observed", "kappa", "span F1")
    for r in rows:
        table.add_row(r.technique, str(r.units), _num(r.observed), _num(r.kappa), _num(r.span_f1))
    console.print(table)


@app.command("queue")
def queue(
    technique: TechniqueOption = None,
    language: Annotated[str | None, typer.Option(help="Only articles in this language (ISO code).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Rows to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip.")] = 0,
    reviewed: Annotated[bool, typer.Option(help="Also decisions someone already corrected.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    db: DbOption = None,
) -> None:
    """The model's least certain decisions first (what to review next), as on /review."""
    import json
    from dataclasses import asdict

    from rich.table import Table

    from propscope.semeval.labels import TECHNIQUES

    if fmt not in ("table", "json"):
        raise fail(f"--format must be table or json, got {fmt!r}")
    if technique is not None and technique not in TECHNIQUES:
        raise fail(f"unknown technique {safe(technique, 80)!r}; one of: {', '.join(TECHNIQUES)}")
    store = open_store_or_exit(db)
    try:
        items = store.review_queue(technique=technique, language=language, limit=limit, offset=offset,
                                   reviewed=reviewed)
    finally:
        store.close()
    if fmt == "json":
        typer.echo(json.dumps([asdict(i) for i in items], ensure_ascii=False, indent=1))
        return
    if not items:
        console.print("nothing to review with these filters")
        return
    table = Table("margin", "p", "threshold", "model said", "technique", "lang", "article", "where", "title")
    for i in items:
        where = "title" if i.paragraph < 0 else f"para {i.paragraph + 1}"
        table.add_row(f"{i.margin:.2f}", f"{i.probability:.3f}", f"{i.threshold:.3f}",
                      "present" if i.predicted else "absent", i.technique, Text(safe(i.language or "-")),
                      i.article_id, where, Text(safe(i.title, 60)))
    console.print(table)
    console.print(Text("margin = |logit(p) - logit(threshold)|, 0 = a coin flip; review one with "
                       "/articles/ID?review=1 in the dashboard"))
