"""Genre and frames retrain with feedback through the same path as techniques: document
corrections enter only the model they correct, and a frame they teach improves held out."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.models.bundle import load_bundle
from propscope.models.docclass import DocClassifier
from propscope.store import open_store
from propscope.training.feedback import Options, retrain_one
from tests.training.feedback_world import (
    clock_article,
    correction,
    have_semeval,
    models_fixture,  # noqa: F401 - the `models` fixture
    store_articles,
)

pytestmark = pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")


def test_frames_and_genre_retrain(models: Path, tmp_path: Path) -> None:
    arts = [clock_article(n) for n in range(12)]
    with open_store(f"sqlite:///{tmp_path / 'doc.db'}") as store:
        store_articles(store, arts)
        store.add_corrections([correction(a, "frames", "add", "Quality_of_life", i) for i, a in enumerate(arts)]
                              + [correction(a, "genre", "relabel", "reporting", i, new_label="opinion")
                                 for i, a in enumerate(arts[:6])])
        frames = retrain_one(store, "frames", Options(["frames"], ["en"], 20, 2), lambda _m: None)
        genre = retrain_one(store, "genre", Options(["genre"], ["en"], 20, 2), lambda _m: None)
        techniques = retrain_one(store, "techniques", Options(["techniques"], ["en"], 20, 2), lambda _m: None)
    assert techniques.decision == "no-corrections" and techniques.version is None  # no paragraph corrections
    assert frames.comparison is not None and frames.corrections == 12
    qol = next(r for r in frames.comparison.labels if r.label == "Quality_of_life")
    assert qol.delta is not None and qol.delta > 0 and frames.decision == "activated"
    assert load_bundle("frames").path == models / "frames" / str(frames.version)
    assert DocClassifier(load_bundle("frames")).kind == "multi"
    assert genre.corrections == 6 and genre.comparison is not None
    assert genre.comparison.subsets["corrected"]["rows"] == 6
    manifest = DocClassifier(load_bundle("genre")).bundle.manifest if genre.decision == "activated" else None
    assert manifest is None or manifest["feedback"]["corrections"]["count"] == 6
