"""`propscope train --with-feedback` end to end on a small slice: corrections that teach a
missed label improve it on held-out data and the new version becomes active; corrections
that scramble true labels lower the held-out score and nothing is activated (exit 3),
unless --force; `propscope models use` switches back. Real training code, real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.models.bundle import BUNDLE_DIR, load_bundle
from propscope.models.techniques import TechniqueModel
from propscope.store import open_store
from propscope.training.feedback import original_articles
from tests.training.feedback_world import (
    URGENT,
    clock_article,
    clock_corrections,
    have_semeval,
    models_fixture,  # noqa: F401 - the `models` fixture
    semeval_as_stored,
    shuffled_corrections,
    store_articles,
)

pytestmark = pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")
QUICK = ["train", "--with-feedback", "--only", "techniques", "--languages", "en", "--folds", "2"]


def _invoke(args: list[str]):
    load_bundle.cache_clear()
    res = CliRunner().invoke(app, args)
    load_bundle.cache_clear()
    return res


def _manifest(models: Path, version: str) -> dict:
    return json.loads((models / "techniques" / version / "manifest.json").read_text())


def _row(output: str, label: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.startswith(label + " "))


def test_corrections_teach_a_missed_label_and_activate(models: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'clock.db'}"
    arts = [clock_article(n) for n in range(16)]
    with open_store(db) as store:
        store_articles(store, arts)
        store.add_corrections(clock_corrections(arts))
    res = _invoke([*QUICK, "--max-articles", "8", "--db", db])
    assert res.exit_code == 0, res.output
    _label, old, new, _delta, support = _row(res.output, "Appeal_to_Time")
    assert float(new) > float(old) + 0.3 and int(support) == 16  # the targeted label improved
    assert "activated fb-" in res.output
    version = next(p.name for p in (models / "techniques").iterdir() if p.name.startswith("fb-"))
    m = _manifest(models, version)
    fb = m["feedback"]
    assert m["version"] == f"{load_bundle('techniques', BUNDLE_DIR).manifest['version']}+{version}"
    assert fb["parent"]["version"] == "shipped" and fb["parent"]["data"]["semeval2023"]
    assert (fb["corrections"]["count"], fb["corrections"]["authors"]) == (16, ["ana", "bo"])
    assert fb["corrections"]["from"] < fb["corrections"]["to"] and len(fb["corrections"]["ids_sha256"]) == 16
    assert fb["decision"] == "activated" and fb["held_out"]["folds"] == 2
    held = fb["held_out"]
    assert held["new_micro_f1"] >= held["old_micro_f1"]
    assert held["per_label"]["Appeal_to_Time"]["new_f1"] > held["per_label"]["Appeal_to_Time"]["old_f1"]
    assert "--with-feedback" in fb["command"] and fb["seeds"]["folds"] == 20230301
    assert m["data"]["max_articles"] == 8
    assert m["languages"] == ["en"] and "languages: en;" in res.output  # others: low confidence
    assert list(m["cv"]["micro_f1"]) == ["en"] and m["cv"]["folds"] == 2
    ids = (models / "techniques" / version / "corrections.txt").read_text().split()
    assert len(ids) == 16
    # the active version is what analyzers load, and it learned the label
    urgent = URGENT[0].format(p="Fernley")
    j = TechniqueModel(load_bundle("techniques")).labels.index("Appeal_to_Time")
    assert load_bundle("techniques").path == models / "techniques" / version
    new_p = TechniqueModel(load_bundle("techniques")).predict([urgent], "en").probabilities[0, j]
    res = _invoke(["models", "list", "techniques"])
    assert res.exit_code == 0 and "* " in res.output and version in res.output
    assert _invoke(["models", "use", "techniques", "shipped"]).exit_code == 0
    assert load_bundle("techniques").path == BUNDLE_DIR / "techniques"  # switched back
    old_p = TechniqueModel(load_bundle("techniques")).predict([urgent], "en").probabilities[0, j]
    assert new_p > old_p


def _scrambled_world(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'noise.db'}"
    chosen = original_articles("techniques", ["en"], 24)[:12]
    stored = [semeval_as_stored(t) for t in chosen]
    with open_store(db) as store:
        store_articles(store, stored)
        store.add_corrections(shuffled_corrections(list(zip(stored, chosen, strict=True)), 7))
    return db


def test_scrambled_labels_lower_the_score_and_nothing_is_activated(models: Path, tmp_path: Path) -> None:
    db = _scrambled_world(tmp_path)
    res = _invoke([*QUICK, "--max-articles", "24", "--db", db])
    assert res.exit_code == 3, res.output
    assert "NOT activated" in res.output and "shipped stays active" in res.output
    micro = _row(res.output, "MICRO")
    assert float(micro[2]) < float(micro[1])
    assert not (models / "techniques" / "ACTIVE").exists()
    assert load_bundle("techniques").path == BUNDLE_DIR / "techniques"  # old model still loaded
    (version,) = [p.name for p in (models / "techniques").iterdir()]
    fb = _manifest(models, version)["feedback"]
    assert fb["decision"] == "kept-old" and fb["corrections"]["authors"] == ["mallory"]
    assert fb["corrections"]["semeval_articles_overridden"] == fb["corrections"]["articles"] >= 10


@pytest.mark.quality
def test_force_activates_a_worse_version(models: Path, tmp_path: Path) -> None:
    db = _scrambled_world(tmp_path)
    res = _invoke([*QUICK, "--max-articles", "24", "--force", "--db", db])
    assert res.exit_code == 0, res.output
    assert "with --force although held-out micro-F1 fell" in res.output
    version = (models / "techniques" / "ACTIVE").read_text().strip()
    assert _manifest(models, version)["feedback"]["decision"] == "forced"
    assert load_bundle("techniques").path == models / "techniques" / version
    assert _invoke(["models", "use", "techniques", "shipped"]).exit_code == 0
    assert load_bundle("techniques").path == BUNDLE_DIR / "techniques"


def test_refuses_without_feedback_and_unknown_models(tmp_path: Path) -> None:
    assert "--with-feedback" in _invoke(["train"]).output
    res = _invoke(["train", "--with-feedback", "--only", "voices", "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "cannot retrain voices" in res.output and "spans" in res.output.split("choose from")[1]
    res = _invoke(["train", "--with-feedback", "--languages", "xx", "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "no SemEval training data" in res.output


def test_missing_training_dependency_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A runtime-only install (no torch) gets the pip command, not a ModuleNotFoundError traceback."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    res = CliRunner().invoke(app, ["train", "--with-feedback", "--only", "techniques",
                                   "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert res.exit_code != 0
    assert "torch" in res.output and "propscope[train]" in res.output
    assert not isinstance(res.exception, ModuleNotFoundError)


def test_a_store_without_corrections_retrains_nothing(models: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    with open_store(db) as store:
        store_articles(store, [clock_article(n) for n in range(2)])  # articles, no corrections
    res = _invoke(["train", "--with-feedback", "--only", "genre", "--only", "spans", "--languages", "en",
                   "--max-articles", "4", "--db", db])
    assert res.exit_code == 0, res.output
    for name in ("genre", "spans"):
        assert res.output.count(f"{name}: no corrections teach this model; nothing retrained") == 1
    assert not models.exists() or not any(models.rglob("manifest.json"))  # nothing written
