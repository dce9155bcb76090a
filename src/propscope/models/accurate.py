"""Accurate techniques tier: a fine-tuned MiniLM-L6 (int8 ONNX) averaged with the fast tier.

One bundle per language, `bundles/techniques-accurate-<lang>/` with `manifest.json`,
`model.onnx` (token ids -> 23 logits; mean pooling and the head are inside the graph) and
`tokenizer.json`. Runs on ONNX Runtime and the `tokenizers` wheel: no torch at run time.

Why an average with the fast tier rather than the encoder alone: the fine-tuned encoder sees
one paragraph at a time, the fast tier's `ctx` and n-gram members see the neighbours and the
exact loaded words; their errors differ, so the average beats either (see
docs/accuracy-tier.md). The mix is Platt-calibrated per label and thresholded per label,
both fit on held-out articles (`propscope.training.accurate.build`).

Lines longer than the manifest's `max_len` wordpieces are truncated, as in training.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from propscope.models.bundle import BUNDLE_DIR, BundleError
from propscope.models.nn import platt, sigmoid
from propscope.models.techniques import TechniqueModel, TechniquePrediction

PREFIX = "techniques-accurate-"
def bundle_dir(lang: str, root: Path | None = None) -> Path:
    return (root or BUNDLE_DIR) / f"{PREFIX}{lang}"


def available_languages(root: Path | None = None) -> list[str]:
    """Languages with a complete accurate bundle (what `--tier accurate` can serve)."""
    base = root or BUNDLE_DIR
    if not base.is_dir():
        return []
    return sorted(p.name[len(PREFIX):] for p in base.iterdir()
                  if p.name.startswith(PREFIX) and (p / "manifest.json").is_file() and (p / "model.onnx").is_file())


def _session(path: Path) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    # One thread per process by default: the pipeline parallelises with worker processes,
    # and intra-op threads gave no speed-up on a loaded 2-core machine (docs/accuracy-tier.md).
    opts.intra_op_num_threads = int(os.environ.get("PROPSCOPE_ORT_THREADS", "1"))
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


class AccurateTechniqueModel:
    def __init__(self, path: Path):
        from tokenizers import Tokenizer

        manifest_file = path / "manifest.json"
        if not manifest_file.is_file() or not (path / "model.onnx").is_file():
            raise BundleError(f"accurate model not found in {path}; build it with `make models`")
        self.path = path
        self.manifest: dict[str, Any] = json.loads(manifest_file.read_text(encoding="utf-8"))
        self.labels: list[str] = list(self.manifest["labels"])
        self.language: str = self.manifest["language"]
        self.max_len = int(self.manifest["max_len"])
        self.fast_weight = float(self.manifest["ensemble"]["fast_weight"])
        cal = self.manifest["calibration"]
        self._platt = (np.array(cal["a"], dtype=np.float32), np.array(cal["b"], dtype=np.float32))
        self._threshold = np.array(self.manifest["thresholds"], dtype=np.float32)
        self._tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tok.no_padding()
        self._tok.enable_truncation(self.max_len)
        self._sess = _session(path / "model.onnx")

    @classmethod
    def load(cls, lang: str, root: Path | None = None) -> AccurateTechniqueModel:
        return _cached(bundle_dir(lang, root))

    def logits(self, units: list[str]) -> np.ndarray:
        """One ONNX call per unit, unpadded. Dynamic int8 quantizes activations per call, so
        in a padded batch a unit's logits moved with its batch partners (up to 0.5 in a
        logit); alone they depend on the unit only, at the same CPU cost (measured)."""
        out = np.zeros((len(units), len(self.labels)), dtype=np.float32)
        for i, enc in enumerate(self._tok.encode_batch(units)):
            x = np.asarray([enc.ids], dtype=np.int64)
            out[i] = self._sess.run(None, {"input_ids": x, "attention_mask": np.ones_like(x)})[0][0]
        return out

    def combine(self, logits: np.ndarray, fast_prob: np.ndarray | None) -> np.ndarray:
        """Calibrated probability of the encoder/fast-tier mix (training uses this too)."""
        p = sigmoid(logits)
        if self.fast_weight > 0:
            if fast_prob is None:
                raise ValueError("this accurate model averages with the fast tier: pass its probabilities")
            p = (1.0 - self.fast_weight) * p + self.fast_weight * fast_prob
        return platt(p, *self._platt)

    def predict(self, units: list[str], fast_prob: np.ndarray | None = None) -> TechniquePrediction:
        if not units:
            empty = np.zeros((0, len(self.labels)), dtype=np.float32)
            return TechniquePrediction(self.labels, empty, empty.astype(bool), False)
        prob = self.combine(self.logits(units), fast_prob)
        return TechniquePrediction(self.labels, prob, prob >= self._threshold[None, :], False)


@lru_cache(maxsize=8)
def _cached(path: Path) -> AccurateTechniqueModel:
    return AccurateTechniqueModel(path)


TIERS: tuple[str, ...] = ("fast", "accurate")


@dataclass(frozen=True)
class TierTag:
    """What `pipeline.analyze` reads as the techniques model (`.bundle.manifest`): one tag
    for the whole tier configuration, so switching tiers re-analyses stored articles and
    rerunning the same tier skips them."""

    manifest: dict[str, Any]


class TieredTechniques:
    """The techniques model behind `--tier`: accurate where a bundle for the article's
    language exists (the fast tier's probabilities are one of its inputs), else fast."""

    def __init__(self, fast: TechniqueModel, tier: str = "accurate", root: Path | None = None):
        if tier not in TIERS:
            raise ValueError(f"unknown tier {tier!r}; choose from {', '.join(TIERS)}")
        self.fast = fast
        self.tier = tier
        self.root = root
        self.accurate_languages = available_languages(root) if tier == "accurate" else []
        fm = fast.bundle.manifest
        version = str(fm.get("version"))
        for lang in self.accurate_languages:
            am = json.loads((bundle_dir(lang, root) / "manifest.json").read_text(encoding="utf-8"))
            version += f"+accurate.{lang}-{am.get('version')}"
        self.bundle = TierTag({"name": fm.get("name"), "version": version})
        self.labels = fast.labels

    def predict(self, units: list[str], lang: str | None, vectors: np.ndarray | None = None) -> TechniquePrediction:
        fast = self.fast.predict(units, lang, vectors)
        if lang not in self.accurate_languages or not units:
            return fast
        acc = AccurateTechniqueModel.load(lang, self.root).predict(units, fast.probabilities)
        if acc.labels != fast.labels:
            raise BundleError(f"accurate model for {lang!r} has other labels than the fast tier; rebuild both")
        return acc
