"""`propscope models use` then `propscope analyze` (the store): stored articles are analysed
again by the model now active, in both directions, and the labels and review-queue rows that
readers see follow it. A version made here by copying the shipped techniques bundle with
other thresholds stands in for a retrained one (no training needed to test the switch)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.models.bundle import BUNDLE_DIR, load_bundle
from propscope.models.versions import save_version
from propscope.store import open_store
from tests.training.feedback_world import models_fixture  # noqa: F401 - the `models` fixture

VERSION = "fb-20261203T000000Z"
TEXTS = [
    ("Council votes on harbour plan\n\nThe council of Lowmoor voted on Tuesday to rebuild the old "
    "harbour wall. Critics called the plan a reckless waste that will ruin the town forever.\n\n"
    "Supporters said the work must start now, before the winter storms make it too late."),
    ("Bakery wins regional prize\n\nA family bakery in Tidewell won the regional prize for its rye "
    "bread. The owners thanked their customers and promised to keep prices low.\n\n"
    "Only a traitor to this town would buy bread anywhere else, one neighbour shouted."),
]


def _invoke(args: list[str]):
    load_bundle.cache_clear()
    res = CliRunner().invoke(app, args)
    load_bundle.cache_clear()
    return res


def _low_threshold_version() -> None:
    """The shipped techniques model with every threshold at 0.08 (0.03 for English, after
    the shipped per-language shift): it finds far more."""
    shipped = load_bundle("techniques", BUNDLE_DIR)
    arrays = {k: np.array(v) for k, v in shipped.arrays.items()}
    arrays["threshold"] = np.full_like(arrays["threshold"], 0.08)
    manifest = {**shipped.manifest, "version": f"{shipped.manifest['version']}+{VERSION}"}
    save_version("techniques", VERSION, manifest, arrays, [])


def _state(db: str) -> tuple[set[str], list[float], int]:
    """(techniques model tags shown, queue thresholds, labels shown) over the store."""
    with open_store(db) as store:
        ids = [a.id for a in store.list_articles(limit=10)]
        tags = {store.get_analysis(i).techniques_model for i in ids}
        shown = sum(len(u.labels) for i in ids for u in store.get_analysis(i).techniques)
        queue = sorted({round(q.threshold, 4) for q in store.review_queue(limit=500)})
    return tags, queue, shown


def test_switching_models_reanalyses_the_store_both_ways(models: Path, tmp_path: Path) -> None:
    files = []
    for n, text in enumerate(TEXTS):
        files.append(tmp_path / f"a{n}.txt")
        files[-1].write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'switch.db'}"
    common = ["--db", db, "--only", "techniques", "--tier", "fast", "--workers", "1", "-q"]
    assert _invoke(["analyze", *map(str, files), *common]).exit_code == 0
    shipped_tags, shipped_queue, shipped_shown = _state(db)
    assert shipped_tags == {f"techniques@{load_bundle('techniques', BUNDLE_DIR).manifest['version']}"}

    _low_threshold_version()
    res = _invoke(["models", "use", "techniques", VERSION])
    assert res.exit_code == 0 and "propscope analyze" in res.output  # says how to apply it
    assert _invoke(["analyze", *common]).exit_code == 0
    tags, queue, shown = _state(db)
    assert tags == {f"techniques@{load_bundle('techniques', BUNDLE_DIR).manifest['version']}+{VERSION}"}
    assert shown > shipped_shown and queue and queue != shipped_queue and all(t < 0.04 for t in queue)  # its thresholds

    # back to the shipped model: its older results exist, but the newer ones are shown, so
    # the articles are analysed again rather than skipped
    assert _invoke(["models", "use", "techniques", "shipped"]).exit_code == 0
    assert _invoke(["analyze", *common]).exit_code == 0
    assert _state(db) == (shipped_tags, shipped_queue, shipped_shown)
    # and a second run with the same model skips them (nothing changes)
    res = _invoke(["analyze", *common])
    assert res.exit_code == 0 and _state(db) == (shipped_tags, shipped_queue, shipped_shown)
