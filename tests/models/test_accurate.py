"""The accurate techniques tier: inference without torch, tier selection, bundle discovery."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from propscope.models.accurate import (
    AccurateTechniqueModel,
    TieredTechniques,
    available_languages,
    bundle_dir,
)
from propscope.models.bundle import BundleError
from propscope.models.techniques import TechniqueModel

UNITS = [
    "Mayor of Glenrock calls the new bridge a disgrace and a betrayal of every honest family",
    "The council met on Tuesday to discuss the budget for the coming year.",
    "Only a fool would believe the opposition's reckless promises, which will ruin this town forever!",
    "Residents can comment on the plan at a public meeting next month.",
]


def test_available_languages_needs_manifest_and_model(tmp_path: Path) -> None:
    (tmp_path / "techniques-accurate-xx").mkdir()
    (tmp_path / "techniques-accurate-xx" / "manifest.json").write_text("{}")
    full = tmp_path / "techniques-accurate-yy"
    full.mkdir()
    (full / "manifest.json").write_text("{}")
    (full / "model.onnx").write_bytes(b"")
    (tmp_path / "techniques").mkdir()
    assert available_languages(tmp_path) == ["yy"]
    assert available_languages(tmp_path / "missing") == []


def test_missing_bundle_tells_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="make models"):
        AccurateTechniqueModel(tmp_path / "techniques-accurate-en")


def test_shipped_english_bundle_is_listed_and_describes_itself() -> None:
    assert "en" in available_languages()
    manifest = json.loads((bundle_dir("en") / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["language"] == "en"
    assert len(manifest["thresholds"]) == len(manifest["labels"]) == 23
    assert manifest["training"]["data_sha256"] and manifest["training"]["hyperparameters"]["seed"] == 0
    assert 0.0 <= manifest["scores"][manifest["shipped_variant"]]["ece"] <= 1.0


def test_inference_runs_without_torch() -> None:
    code = (
        "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "from propscope.models.accurate import AccurateTechniqueModel\n"
        "import numpy as np\n"
        "m = AccurateTechniqueModel.load('en')\n"
        f"units = {UNITS!r}\n"
        "p = m.predict(units, np.full((len(units), 23), 0.1, dtype=np.float32))\n"
        "assert p.probabilities.shape == (4, 23) and p.predicted.shape == (4, 23)\n"
        "assert ((p.probabilities >= 0) & (p.probabilities <= 1)).all()\n"
        "print('ok', 'torch' in sys.modules and sys.modules['torch'] is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok False"


def test_accurate_model_needs_the_fast_probabilities_it_averages_with() -> None:
    m = AccurateTechniqueModel.load("en")
    assert (m.fast_weights > 0).all()
    with pytest.raises(ValueError, match="fast tier"):
        m.predict(UNITS)


def test_long_units_are_truncated_not_rejected() -> None:
    m = AccurateTechniqueModel.load("en")
    long_unit = " ".join(["propaganda"] * 2000)
    logits = m.logits([long_unit, "short"])
    assert logits.shape == (2, 23) and np.isfinite(logits).all()
    # A unit's logits do not depend on the units scored with it (one call per unit).
    assert np.array_equal(m.logits([long_unit]), logits[:1])


def test_tier_selection_by_language() -> None:
    fast_model = TechniqueModel.load()
    fast = TieredTechniques(fast_model, "fast")
    accurate = TieredTechniques(fast_model, "accurate")
    reference = fast_model.predict(UNITS, "en")
    assert np.array_equal(fast.predict(UNITS, "en").probabilities, reference.probabilities)
    # English has an accurate bundle: its probabilities are the calibrated mix, not the fast ones.
    assert not np.allclose(accurate.predict(UNITS, "en").probabilities, reference.probabilities)
    # French has none: accurate falls back to fast, exactly.
    fr = fast_model.predict(UNITS, "fr")
    assert np.array_equal(accurate.predict(UNITS, "fr").probabilities, fr.probabilities)
    assert accurate.predict([], "en").probabilities.shape == (0, 23)
    # One tag per tier configuration: switching tiers re-analyses stored articles.
    assert fast.bundle.manifest != accurate.bundle.manifest
    assert "accurate.en" in accurate.bundle.manifest["version"]
    with pytest.raises(ValueError, match="tier"):
        TieredTechniques(fast_model, "best")


def test_analyzer_tier_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from propscope.analyzers.persuasion import PersuasionAnalyzer

    monkeypatch.delenv("PROPSCOPE_TIER", raising=False)
    assert PersuasionAnalyzer(("techniques",)).tier == "accurate"
    assert PersuasionAnalyzer(("techniques",), tier="fast").tier == "fast"
    monkeypatch.setenv("PROPSCOPE_TIER", "fast")
    assert PersuasionAnalyzer(("techniques",)).tier == "fast"
    with pytest.raises(ValueError, match="tier"):
        PersuasionAnalyzer(("techniques",), tier="slow")
