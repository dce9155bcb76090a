"""``propscope eval semeval``: SemEval-2023 Task 3 predictions in the official format, and scores."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from propscope.cli._common import console, fail

app = typer.Typer(help="Evaluate against public benchmarks.", no_args_is_help=True)


@app.command("semeval")
def semeval(
    subtask: Annotated[int, typer.Option(min=1, max=3, help="1 genre, 2 frames, 3 techniques.")],
    lang: Annotated[str, typer.Option(help="Language: ISO 639-1 or SemEval code (en fr ge it po ru ...).")],
    articles: Annotated[Path, typer.Option(help="Folder of article<ID>.txt files.")],
    out: Annotated[Path, typer.Option(help="Where to write the predictions (official format).")],
    template: Annotated[Path | None, typer.Option(help="Rows to predict, in this order.")] = None,
    gold: Annotated[Path | None, typer.Option(help="Gold labels: also print the official score.")] = None,
) -> None:
    """Predict SemEval-2023 Task 3 labels for a folder of articles; with --gold, score them."""
    from propscope.models.bundle import BundleError
    from propscope.semeval.evaluate import run

    for label, path in (("--template", template), ("--gold", gold)):
        if path is not None and not path.is_file():
            raise typer.BadParameter(f"{path}: no such file", param_hint=label)
    try:
        result = run(subtask, lang, articles, out, template=template, gold=gold)
    except (ValueError, BundleError, OSError) as exc:
        raise fail(str(exc)) from None
    console.print(f"wrote {len(result.rows)} rows to {out}", highlight=False)
    if result.scores is None:
        return
    if result.missing:
        console.print(f"[yellow]warning:[/yellow] {result.missing} gold rows had no prediction (scored as empty)")
    s = result.scores
    metric = "macro-F1" if s.average == "macro" else "micro-F1"
    table = Table(title=f"subtask {subtask} ({lang}): {metric} {s.f1:.4f} over {s.n_rows} rows")
    for col in ("label", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for ls in s.per_label:
        table.add_row(ls.label, f"{ls.precision:.3f}", f"{ls.recall:.3f}", f"{ls.f1:.3f}", str(ls.support))
    console.print(table)
    typer.echo(f"{metric}\t{s.f1:.4f}")
