"""``propscope train --with-feedback``: retrain shipped models on SemEval + analysts' corrections.

Scores the old and the new recipe on the same held-out folds before anything changes, prints
a per-label table, writes the new version beside the old ones and activates it only when the
held-out micro-F1 did not fall (or with --force). Exit 3 when a new version was kept back.
"""

from __future__ import annotations

import shlex
import time
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

#: Exit code when a retrained version was written but not activated (held-out score fell).
KEPT_OLD = 3


def _outcome_lines(o) -> list[str]:
    from propscope.training.feedback_eval import table

    if o.comparison is None:
        return [f"{o.model}: no corrections teach this model; nothing retrained"]
    cmp = o.comparison
    head = [f"{o.model}: held-out comparison ({cmp.rows} rows), old = {o.parent}, new = {o.version}"]
    tail = []
    if cmp.regressions:
        tail.append(f"labels that fell by more than 0.05: {', '.join(cmp.regressions)}")
    verdict = {"activated": f"activated {o.version} (held-out micro-F1 did not fall)",
               "forced": f"activated {o.version} with --force although held-out micro-F1 fell",
               "kept-old": f"NOT activated: held-out micro-F1 fell ({cmp.old_micro:.3f} -> {cmp.new_micro:.3f}); "
                           f"{o.parent} stays active. Saved as {o.version}; activate it with "
                           f"`propscope models use {o.model} {o.version}` or retrain with --force"}[o.decision]
    if o.reason:  # kept back for another reason than its own score
        verdict = f"NOT activated: {o.reason}. Saved as {o.version}; {o.parent} stays active"
    where = (f"written to {o.path} (languages: {', '.join(o.languages)}; "
             "analyses in other languages are marked low-confidence)")
    if o.model.startswith("techniques-accurate-"):
        where = f"written to {o.path} (the accurate tier's head; other languages use the fast tier)"
    return head + table(cmp) + tail + [verdict, where]


#: Training-only modules each model's recipe imports (the techniques MLP and the span
#: tagger's masked linear model are trained in torch).
_TRAINING_MODULES = {"techniques": ("torch", "scipy"), "spans": ("torch", "scipy"), "genre": ("sklearn", "scipy"),
                     "frames": ("sklearn", "scipy")}


def _missing_training_modules(models: list[str]) -> list[str]:
    """Checked before the store is opened so a runtime-only install fails with the fix, not a traceback."""
    import importlib.util

    wanted = {mod for m in models for mod in _TRAINING_MODULES.get(m, ())}
    return sorted(mod for mod in wanted if importlib.util.find_spec(mod) is None)


def train(
    with_feedback: Annotated[bool, typer.Option("--with-feedback", help="Add analysts' corrections from --db.")] = False,
    only: Annotated[list[str] | None, typer.Option(help="techniques, spans, genre or frames (repeatable) [default: all].")] = None,
    languages: Annotated[str, typer.Option(help="SemEval training languages, comma-separated.")] = "en,fr,de,it,pl,ru",
    max_articles: Annotated[int | None, typer.Option(min=1, help="Only the first N SemEval articles (a quick run).")] = None,
    folds: Annotated[int, typer.Option(min=2, max=10, help="Held-out folds.")] = 5,
    force: Annotated[bool, typer.Option(help="Activate the new version even if held-out micro-F1 fell.")] = False,
    db: DbOption = None,
) -> None:
    """Retrain models with analysts' corrections; activate only what held-out data supports."""
    from propscope.models.bundle import BundleError
    from propscope.training.feedback import (
        FEEDBACK_MODELS,
        Options,
        retrain_one,
        semeval_codes,
    )

    if not with_feedback:
        raise fail("only `propscope train --with-feedback` is supported here; "
                   "`make models` rebuilds the shipped models from SemEval alone")
    wanted = only or list(FEEDBACK_MODELS)
    bad = [m for m in wanted if m not in FEEDBACK_MODELS]
    if bad:
        raise fail(f"cannot retrain {', '.join(bad)} with feedback; choose from {', '.join(FEEDBACK_MODELS)}")
    missing = _missing_training_modules(wanted)
    if missing:
        raise fail(f"retraining needs {', '.join(missing)} (training only, never at run time): "
                   "pip install 'propscope[train]'")
    try:
        codes = semeval_codes([x.strip() for x in languages.split(",") if x.strip()])
    except ValueError as exc:
        raise fail(str(exc)) from None
    argv = ["propscope", "train", "--with-feedback", *[x for m in wanted for x in ("--only", m)],
            "--languages", ",".join(codes), "--folds", str(folds)]
    argv += ["--max-articles", str(max_articles)] if max_articles else []
    opts = Options(wanted, codes, max_articles, folds, force, command=shlex.join(argv + ["--force"] * force))
    store = open_store_or_exit(db)
    outcomes = []
    t0 = time.perf_counter()
    try:
        for model in wanted:
            outcomes.append(retrain_one(store, model, opts, lambda m: err_console.print(Text(safe(m)))))
            for o in [outcomes[-1], *outcomes[-1].followers]:  # followers: techniques-accurate-<lang>
                for line in _outcome_lines(o):
                    console.print(Text(line))
    except (BundleError, FileNotFoundError, OSError) as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
    console.print(Text(f"done in {time.perf_counter() - t0:.0f}s"))
    if any(o.decision == "kept-old" for o in outcomes + [f for o in outcomes for f in o.followers]):
        raise typer.Exit(KEPT_OLD)
