"""Model versions: the shipped bundle is the default, a retrained version is active only
through the ACTIVE pointer, a broken pointer is a clear error, and switching back works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.models.bundle import BUNDLE_DIR, BundleError, load_bundle
from propscope.models.versions import list_versions, new_version_id, use_version
from tests.training.feedback_world import models_fixture  # noqa: F401 - the `models` fixture


def _copy_genre(models: Path, version: str) -> Path:
    dst = models / "genre" / version
    shutil.copytree(BUNDLE_DIR / "genre", dst)
    return dst


def test_shipped_by_default_then_switch_and_back(models: Path) -> None:
    assert load_bundle("genre").path == BUNDLE_DIR / "genre"
    version = new_version_id("genre")
    path = _copy_genre(models, version)
    assert new_version_id("genre") != version  # never reuses an existing folder
    assert load_bundle("genre").path == BUNDLE_DIR / "genre"  # written is not active
    use_version("genre", version)
    assert load_bundle("genre").path == path
    assert [(v.version, v.active) for v in list_versions("genre")] == [("shipped", False), (version, True)]
    res = CliRunner().invoke(app, ["models", "list", "genre"])
    assert res.exit_code == 0 and version in res.output and "*" in res.output
    res = CliRunner().invoke(app, ["models", "use", "genre", "shipped"])
    assert res.exit_code == 0, res.output
    assert load_bundle("genre").path == BUNDLE_DIR / "genre"
    assert (models / "genre" / "ACTIVE").read_text().strip() == "shipped"


def test_broken_pointer_is_an_error_with_the_way_back(models: Path) -> None:
    (models / "genre").mkdir(parents=True)
    pointer = models / "genre" / "ACTIVE"
    pointer.write_text("../../etc\n")
    with pytest.raises(BundleError, match="no valid version.*models use genre shipped"):
        load_bundle("genre")
    pointer.write_text("fb-20260101T000000Z\n")  # a version that is not there
    with pytest.raises(BundleError, match="unusable.*models use genre shipped"):
        load_bundle("genre")
    _copy_genre(models, "fb-20260101T000000Z")
    (models / "genre" / "fb-20260101T000000Z" / "manifest.json").write_text("{not json")
    load_bundle.cache_clear()
    with pytest.raises(BundleError, match="unreadable manifest"):
        load_bundle("genre")
    res = CliRunner().invoke(app, ["models", "use", "genre", "fb-20260101T000000Z"])
    assert res.exit_code == 2 and "unreadable manifest" in res.output
    res = CliRunner().invoke(app, ["models", "use", "genre", "../x"])
    assert res.exit_code == 2 and "not a version name" in res.output
    for name in ("genre", "techniques-accurate-en"):
        res = CliRunner().invoke(app, ["models", "use", name, "fb-20990101T000000Z"])
        assert res.exit_code == 2 and f"{name} has no version 'fb-20990101T000000Z'" in " ".join(res.output.split())
    assert CliRunner().invoke(app, ["models", "use", "genre", "shipped"]).exit_code == 0
    assert load_bundle("genre").path == BUNDLE_DIR / "genre"


def test_explicit_root_is_unchanged(models: Path, tmp_path: Path) -> None:
    (models / "genre").mkdir(parents=True)
    (models / "genre" / "ACTIVE").write_text("garbage!\n")
    shutil.copytree(BUNDLE_DIR / "genre", tmp_path / "root" / "genre")
    assert load_bundle("genre", tmp_path / "root").path == tmp_path / "root" / "genre"  # no pointer read
