"""Shared CLI plumbing: consoles, the --db option, and terminal-safe text.

Article text is hostile: it may carry ANSI escape sequences, bidi overrides or Rich
markup like "[link=...]". Everything from a document goes through ``safe`` and is printed
as a ``rich.text.Text`` (never parsed as markup).
"""

from __future__ import annotations

import re
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

#: Piped output (make, logs) gets a wide fixed width instead of Rich's 80-column default.
console = Console(highlight=False, width=None if sys.stdout.isatty() else 140)
err_console = Console(stderr=True, highlight=False)

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="PROPSCOPE_DB", help="Store URL or SQLite path [default: ./propscope.db]."),
]


def safe(value: object, limit: int | None = None) -> str:
    """Remove control, bidi and zero-width characters before text reaches a terminal."""
    s = _UNSAFE.sub("", str(value if value is not None else ""))
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    return s


def text(value: object, style: str = "", limit: int | None = None) -> Text:
    return Text(safe(value, limit), style=style)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a clear error and return the Exit to raise (``raise fail(...)``)."""
    err_console.print(Text("error: ", style="bold red") + Text(safe(message)))
    return typer.Exit(code)


def open_store_or_exit(db: str | None):
    from propscope.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:  # its message names the store with the password masked
        raise fail(str(exc)) from None


def stdout_is_pipe() -> bool:
    return not sys.stdout.isatty()
