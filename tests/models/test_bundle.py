"""Model bundles load as data only, and a broken one fails with a rebuild hint."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from propscope.models.bundle import BundleError, load_bundle, save_bundle


def test_round_trip(tmp_path: Path) -> None:
    save_bundle(tmp_path / "m", {"labels": ["a", "b"]}, {"w": np.eye(2, dtype=np.float32)})
    b = load_bundle("m", tmp_path)
    assert b.labels == ["a", "b"] and np.array_equal(b.array("w"), np.eye(2))
    with pytest.raises(BundleError, match="make models"):
        b.array("missing")


def test_missing_and_wrong_format(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="make models"):
        load_bundle("nothing", tmp_path)
    save_bundle(tmp_path / "old", {"labels": []}, {"w": np.zeros(1)})
    manifest = tmp_path / "old" / "manifest.json"
    manifest.write_text(json.dumps({"format": 99, "labels": []}), encoding="utf-8")
    with pytest.raises(BundleError, match="format"):
        load_bundle("old", tmp_path)


def test_pickled_weights_are_refused(tmp_path: Path) -> None:
    save_bundle(tmp_path / "evil", {"labels": []}, {"w": np.zeros(1)})
    np.savez(tmp_path / "evil" / "weights.npz", w=np.array([object()], dtype=object))
    with pytest.raises(ValueError):
        load_bundle("evil", tmp_path)


@pytest.mark.parametrize("name", ["techniques", "genre", "frames"])
def test_shipped_bundles_are_complete(name: str) -> None:
    b = load_bundle(name)
    m = b.manifest
    for key in ("version", "data", "labels", "cv", "hyperparameters", "languages"):
        assert key in m, key
    assert m["cv"]["folds"] == 5
