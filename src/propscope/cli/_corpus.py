"""Options and plumbing shared by the corpus commands (reuse, narratives, sources)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from propscope.cli._common import err_console, fail

EngineOption = Annotated[str, typer.Option(
    "--engine", help="Where the work runs: local (processes on this machine) or dask.")]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", envvar="PROPSCOPE_DASK_SCHEDULER",
    help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", help="Processes for --engine local [default: CPUs].")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")]


@contextmanager
def engine_or_exit(kind: str, scheduler: str | None, workers: int | None,
                   timeout: float | None = None) -> Iterator[object]:
    """The engine the options ask for (closed afterwards), or a clear error and exit 2."""
    from propscope.pipeline.engine import CONNECT_TIMEOUT_S, EngineError, make_engine

    try:
        engine = make_engine(kind, scheduler, workers, timeout or CONNECT_TIMEOUT_S)
    except EngineError as exc:
        raise fail(str(exc)) from None
    try:
        yield engine
    except EngineError as exc:
        err_console.print(str(exc), markup=False, highlight=False)
        raise fail("the corpus run failed (see above)", code=1) from None
    finally:
        engine.close()


@contextmanager
def status(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A progress callback showing the current step on stderr (nothing when quiet)."""
    if quiet:
        yield lambda _msg: None
        return
    with err_console.status("starting") as spinner:
        yield lambda msg: spinner.update(msg)
