"""`propscope train --with-feedback --only techniques` re-fits the accurate tier's head too
(training/feedback_accurate.py): a second table, a version of techniques-accurate-en written
and activated by the same rule, the default tier then marks the taught label on new
articles of the corrected kind, and `propscope models use techniques-accurate-en shipped`
switches back. Real training code, real store, small slice (8 SemEval articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.analyzers.persuasion import article_units
from propscope.cli.main import app
from propscope.models.accurate import (
    AccurateTechniqueModel,
    TieredTechniques,
    bundle_dir,
)
from propscope.models.bundle import BUNDLE_DIR, BundleError, load_bundle
from propscope.models.techniques import TechniqueModel
from propscope.store import open_store
from tests.training.feedback_world import (
    clock_article,
    clock_corrections,
    have_semeval,
    models_fixture,  # noqa: F401 - the `models` fixture
    store_articles,
    urgent_paragraph,
)

pytestmark = pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")
NAME = "techniques-accurate-en"
LABEL = "Appeal_to_Time"


def _invoke(args: list[str]):
    load_bundle.cache_clear()
    res = CliRunner().invoke(app, args)
    load_bundle.cache_clear()
    return res


def _marked(tiered: TieredTechniques) -> tuple[int, int]:
    """(urgent paragraphs marked, other units marked) with LABEL over 12 new clock articles
    (places and numbers the training never had)."""
    hits = others = 0
    for n in range(100, 112):
        art = clock_article(n)
        units, index = article_units(art)
        pred = tiered.predict(units, "en")
        col = pred.predicted[:, pred.labels.index(LABEL)]
        u = index.index(urgent_paragraph(art))
        hits += int(col[u])
        others += int(col.sum() - col[u])
    return hits, others


def _second_table_row(output: str, label: str) -> list[str]:
    tail = output[output.index(f"{NAME}: held-out comparison"):]
    return next(line.split() for line in tail.splitlines() if line.startswith(label + " "))


def test_the_accurate_head_is_refit_activated_by_the_rule_and_switched_back(models: Path, tmp_path: Path) -> None:
    shipped_fast = TechniqueModel(load_bundle("techniques", BUNDLE_DIR))
    before = _marked(TieredTechniques(shipped_fast, "accurate"))
    db = f"sqlite:///{tmp_path / 'clock.db'}"
    arts = [clock_article(n) for n in range(16)]
    with open_store(db) as store:
        store_articles(store, arts)
        store.add_corrections(clock_corrections(arts))
    res = _invoke(["train", "--with-feedback", "--only", "techniques", "--languages", "en", "--folds", "2",
                   "--max-articles", "8", "--db", db])
    assert res.exit_code == 0, res.output
    _label, old, new, _delta, support = _second_table_row(res.output, LABEL)
    assert float(new) > float(old) + 0.3 and int(support) == 16  # every corrected article is held out
    fast_version = (models / "techniques" / "ACTIVE").read_text().strip()
    version = (models / NAME / "ACTIVE").read_text().strip()
    path = models / NAME / version
    assert {p.name for p in path.iterdir()} == {"manifest.json", "model.onnx", "tokenizer.json"}
    m = json.loads((path / "manifest.json").read_text())
    fb, held = m["feedback"], m["feedback"]["held_out"]
    assert fb["decision"] == "activated" and held["new_micro_f1"] >= held["old_micro_f1"]  # the rule
    assert f"activated {version}" in res.output
    assert m["ensemble"]["fast_version"] == fast_version and fb["parent"]["version"] == "shipped"
    assert m["ensemble"]["fast_weight"][m["labels"].index(LABEL)] == 1.0  # the encoder never learned it
    assert m["training"] == json.loads((bundle_dir("en") / "manifest.json").read_text())["training"]
    assert m["version"] == f"1.0.0+{version}" and held["articles"] >= 17 and fb["fit"]["corrected_articles"] == 16
    # The default tier now marks the taught label on new articles of that kind, nowhere else.
    after_tier = TieredTechniques(TechniqueModel.load(), "accurate")
    assert after_tier.bundle.manifest["version"].endswith(f"+accurate.en-1.0.0+{version}")
    after = _marked(after_tier)
    assert before == (0, 0) and after[0] >= 1 and after[1] == 0, (before, after)
    res = _invoke(["models", "list", NAME])
    assert res.exit_code == 0 and version in res.output and "corrections" in res.output
    assert _invoke(["models", "use", NAME, "shipped"]).exit_code == 0
    assert AccurateTechniqueModel.load("en").path == bundle_dir("en")
    assert TieredTechniques(TechniqueModel.load(), "accurate").bundle.manifest["version"].endswith("+accurate.en-1.0.0")
    # The head goes with the fast tier it was fit against: re-activated by hand while that
    # fast tier is active, it follows `models use techniques`, and it is refused (by
    # `models use` and by the loader) over another fast tier.
    assert _invoke(["models", "use", NAME, version]).exit_code == 0
    res = _invoke(["models", "use", "techniques", "shipped"])
    assert res.exit_code == 0 and f"{NAME}: shipped is active" in res.output
    assert (models / NAME / "ACTIVE").read_text().strip() == "shipped"
    res = _invoke(["models", "use", NAME, version])
    assert res.exit_code != 0 and f"was fit against techniques {fast_version}" in " ".join(res.output.split())
    res = _invoke(["models", "use", "techniques", fast_version])
    assert res.exit_code == 0 and f"{NAME}: {version} is active" in res.output
    (models / "techniques" / "ACTIVE").write_text("shipped\n")  # a hand-edited pointer
    load_bundle.cache_clear()
    with pytest.raises(BundleError, match=f"was fit against techniques {fast_version}"):
        TieredTechniques(TechniqueModel.load(), "accurate")
