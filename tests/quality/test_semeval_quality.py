"""SemEval-2023 Task 3 quality gate (pinned floors; a floor is never lowered to pass a change).

Two kinds of check:
- the 5-fold cross-validated scores recorded in each shipped bundle's manifest by `make
  models` (article-level folds; thresholds of each fold chosen on the other folds). Floors sit
  slightly below the measured scores, so retraining that loses quality fails here;
- the shipped bundle run through the public inference path (`propscope.semeval.evaluate`)
  on training articles read from ../shared. This is resubstitution, not a generalisation
  score: it catches a runtime that drifts from what training fitted (features, weights,
  thresholds) — which the manifest numbers alone cannot.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.models.bundle import load_bundle
from propscope.training.data import semeval_root

pytestmark = pytest.mark.quality

TECHNIQUE_FLOORS = {"en": 0.38, "fr": 0.41, "de": 0.44, "it": 0.50, "pl": 0.335, "ru": 0.425}
# Issue 3's targets (en .30 fr .43 de .43 it .50 pl .33 ru .40) are not gated: fr is still short.
GENRE_FLOORS = {"en": 0.35, "fr": 0.51, "de": 0.54, "it": 0.41, "pl": 0.59, "ru": 0.39}
FRAME_FLOORS = {"en": 0.655, "fr": 0.54, "de": 0.595, "it": 0.57, "pl": 0.62, "ru": 0.475}


@pytest.mark.parametrize("lang", sorted(TECHNIQUE_FLOORS))
def test_techniques_cross_validated_micro_f1(lang: str) -> None:
    cv = load_bundle("techniques").manifest["cv"]["micro_f1"]
    assert cv[lang] >= TECHNIQUE_FLOORS[lang]


@pytest.mark.parametrize("lang", sorted(GENRE_FLOORS))
def test_genre_cross_validated_macro_f1(lang: str) -> None:
    assert load_bundle("genre").manifest["cv"]["macro_f1"][lang] >= GENRE_FLOORS[lang]


@pytest.mark.parametrize("lang", sorted(FRAME_FLOORS))
def test_frames_cross_validated_micro_f1(lang: str) -> None:
    assert load_bundle("frames").manifest["cv"]["micro_f1"][lang] >= FRAME_FLOORS[lang]


#: Character-level span F1 (partial overlap credited), all techniques pooled: given the gold
#: paragraph labels (the tagger alone) and end to end from out-of-fold predicted labels.
SPAN_FLOORS = {"given_gold_labels": 0.37, "end_to_end": 0.16}


@pytest.mark.parametrize("setting", sorted(SPAN_FLOORS))
def test_spans_cross_validated_f1(setting: str) -> None:
    cv = load_bundle("spans").manifest["cv"]
    assert cv[setting]["ALL"]["f1"] >= SPAN_FLOORS[setting]
    assert set(cv[setting]) >= set(load_bundle("spans").labels)  # every technique is reported


RUNTIME_FLOORS = {(3, "it"): 0.60, (1, "it"): 0.60, (2, "it"): 0.70}


@pytest.mark.parametrize("subtask, lang", sorted(RUNTIME_FLOORS))
def test_runtime_reproduces_training_fit(subtask: int, lang: str, tmp_path: Path) -> None:
    from propscope.semeval.evaluate import run

    base = semeval_root() / lang
    result = run(subtask, lang, base / f"train-articles-subtask-{subtask}", tmp_path / "out.txt",
                 gold=base / f"train-labels-subtask-{subtask}.txt")
    assert result.scores is not None and result.missing == 0
    assert result.scores.f1 >= RUNTIME_FLOORS[(subtask, lang)]
