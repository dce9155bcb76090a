"""The ``propscope`` command: one thin wrapper per file over library functions."""

from __future__ import annotations

import typer

from propscope import __version__
from propscope.cli import (
    analyze_cmd,
    entities_cmd,
    eval_cmd,
    export_cmd,
    extract_cmd,
    ingest_cmd,
    list_cmd,
    models_cmd,
    narratives_cmd,
    report_cmd,
    reuse_cmd,
    review_cmd,
    serve_cmd,
    show_cmd,
    sources_cmd,
    train_cmd,
)

app = typer.Typer(
    name="propscope",
    help="Shows how news persuades: ingest, clean, store and inspect articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("ingest")(ingest_cmd.ingest)
app.command("list")(list_cmd.list_articles)
app.command("show")(show_cmd.show)
app.command("export")(export_cmd.export)
app.command("extract")(extract_cmd.extract)
app.command("report")(report_cmd.report)
app.command("analyze")(analyze_cmd.analyze)
app.command("serve")(serve_cmd.serve)
app.command("reuse")(reuse_cmd.reuse)
app.command("narratives")(narratives_cmd.narratives)
app.command("sources")(sources_cmd.sources)
app.command("entities")(entities_cmd.entities)
app.command("train")(train_cmd.train)
app.add_typer(eval_cmd.app, name="eval")
app.add_typer(review_cmd.app, name="review")
app.add_typer(models_cmd.app, name="models")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"propscope {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """propscope: offline, multilingual analysis of persuasion in news."""


if __name__ == "__main__":
    app()
