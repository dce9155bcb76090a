"""``propscope models list|use``: the shipped and retrained versions of each model.

`list` marks the active version; `use NAME VERSION` switches (checking the version loads
first), so a retrained model can always be undone with `propscope models use NAME shipped`.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from propscope.cli._common import console, fail, safe

app = typer.Typer(help="Model versions: list them, choose the active one.", no_args_is_help=True)


@app.command("list")
def list_models(
    name: Annotated[str | None, typer.Argument(help="One model (techniques, spans, genre, frames).")] = None,
) -> None:
    """Every version of each model; * marks the one analyses use."""
    from propscope.models.bundle import BundleError, active_version, models_dir
    from propscope.models.versions import MODEL_NAMES, list_versions

    names = [name] if name else list(MODEL_NAMES)
    if name and name not in MODEL_NAMES:
        raise fail(f"unknown model {name!r}; expected one of: {', '.join(MODEL_NAMES)}")
    table = Table("", "model", "version", "model tag", "what")
    for n in names:
        for v in list_versions(n):
            tag = f"{n}@{(v.manifest or {}).get('version', '?')}"
            table.add_row("*" if v.active else "", n, Text(safe(v.version)), Text(safe(tag)), Text(safe(v.summary)))
    console.print(table)
    for n in names:
        try:
            active_version(n)
        except BundleError as exc:
            console.print(Text(f"warning: {safe(exc)}"))
    console.print(Text(f"retrained versions live in {safe(models_dir())}"))


@app.command("use")
def use(
    name: Annotated[str, typer.Argument(help="Model: techniques, spans, genre or frames.")],
    version: Annotated[str, typer.Argument(help="A version from `propscope models list` (or shipped).")],
) -> None:
    """Make VERSION the active version of model NAME."""
    from propscope.models.bundle import BundleError
    from propscope.models.versions import follow_fast_tier, use_version

    try:
        use_version(name, version)
        # the accurate tier's head goes with the fast tier it was fit against
        followed = follow_fast_tier(version) if name == "techniques" else []
    except BundleError as exc:
        raise fail(str(exc)) from None
    console.print(Text(f"{safe(name)}: {safe(version)} is active"))
    for other, v in followed:
        console.print(Text(f"{safe(other)}: {safe(v)} is active (its head goes with techniques {safe(version)})"))
    # Stored results keep the model that made them (every analysis records its model tag);
    # the switch reaches them, their labels and their review-queue rows, only when they are
    # analysed again.
    console.print(Text("stored articles keep the results of the model that analysed them; "
                       "`propscope analyze --db URL` (no paths) analyses them again with the active "
                       "models and rebuilds their labels and review-queue rows"))
