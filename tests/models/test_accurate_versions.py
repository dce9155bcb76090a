"""Versions of the accurate tier (techniques-accurate-en): the shipped bundle by default, a
re-fit head only through the ACTIVE pointer, per-label weights, a tag that names the
version, `propscope models use ... shipped` to switch back, and a broken pointer is an
error, never a silent fall back. A version is made here by copying the shipped bundle with
another head (no training needed)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.models.accurate import (
    AccurateTechniqueModel,
    TieredTechniques,
    bundle_dir,
)
from propscope.models.bundle import BundleError
from propscope.models.techniques import TechniqueModel
from propscope.models.versions import list_versions
from propscope.training.feedback_accurate import write_version
from tests.training.feedback_world import models_fixture  # noqa: F401 - the `models` fixture

NAME = "techniques-accurate-en"
VERSION = "fb-20261203T120000Z"
UNITS = ["Time is running out for Lowmoor: we must act now, before it is too late.",
         "The committee in Lowmoor met on Thursday to review the budget for the coming year."]


def _fast_only_version() -> Path:
    """A head that ignores the encoder (weight 1.0 for every label) with identity Platt maps:
    its probabilities are the fast tier's."""
    shipped = json.loads((bundle_dir("en") / "manifest.json").read_text(encoding="utf-8"))
    n = len(shipped["labels"])
    manifest = {**shipped, "version": f"1.0.0+{VERSION}", "thresholds": [0.5] * n,
                "ensemble": {"fast_bundle": "techniques", "fast_weight": [1.0] * n},
                "calibration": {"a": [1.0] * n, "b": [0.0] * n}}
    return write_version(NAME, VERSION, bundle_dir("en"), manifest)


def _invoke(args: list[str]):
    return CliRunner().invoke(app, args)


def test_a_version_is_used_only_when_active_and_shipped_switches_back(models: Path) -> None:
    fast = TechniqueModel.load()
    reference = fast.predict(UNITS, "en").probabilities
    shipped = TieredTechniques(fast, "accurate")
    path = _fast_only_version()
    assert not path.with_name(f".tmp-{VERSION}").exists()
    assert TieredTechniques(fast, "accurate").bundle == shipped.bundle  # written is not active
    res = _invoke(["models", "use", NAME, VERSION])
    assert res.exit_code == 0, res.output
    tiered = TieredTechniques(fast, "accurate")
    assert tiered.bundle.manifest["version"].endswith(f"+accurate.en-1.0.0+{VERSION}")  # re-analyses stored articles
    assert AccurateTechniqueModel.load("en").path == path
    assert np.allclose(tiered.predict(UNITS, "en").probabilities, reference, atol=1e-4)  # per-label weights 1.0
    assert [(v.version, v.active) for v in list_versions(NAME)] == [("shipped", False), (VERSION, True)]
    res = _invoke(["models", "list", NAME])
    assert res.exit_code == 0 and VERSION in res.output and "*" in res.output
    res = _invoke(["models", "use", NAME, "shipped"])
    assert res.exit_code == 0, res.output
    back = TieredTechniques(fast, "accurate")
    assert back.bundle == shipped.bundle
    assert np.array_equal(back.predict(UNITS, "en").probabilities, shipped.predict(UNITS, "en").probabilities)


def test_broken_pointer_or_version_is_a_clear_error(models: Path) -> None:
    fast = TechniqueModel.load()
    pointer = models / NAME / "ACTIVE"
    pointer.parent.mkdir(parents=True)
    pointer.write_text("../../etc\n")
    with pytest.raises(BundleError, match=f"no valid version.*models use {NAME} shipped"):
        TieredTechniques(fast, "accurate")
    pointer.write_text(f"{VERSION}\n")  # names a version that is not there
    with pytest.raises(BundleError, match=f"unusable.*models use {NAME} shipped"):
        AccurateTechniqueModel.load("en")
    path = _fast_only_version()
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["ensemble"]["fast_weight"] = [1.0, 0.5]  # not one per label
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match="unusable.*fast_weight has 2 values"):
        TieredTechniques(fast, "accurate")
    assert TieredTechniques(fast, "fast").predict(UNITS, "en").probabilities.shape == (2, 23)  # fast tier unaffected
    res = _invoke(["models", "use", NAME, VERSION])
    assert res.exit_code == 2 and "fast_weight" in res.output
    assert _invoke(["models", "use", NAME, "shipped"]).exit_code == 0
    assert AccurateTechniqueModel.load("en").path == bundle_dir("en")
