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

Versions: `propscope train --with-feedback` re-fits the mix (per-label fast-tier weight,
Platt map, threshold) against the retrained fast tier and writes it, encoder copied, as a
version of the model `techniques-accurate-<lang>` in models_dir(), with an ACTIVE pointer
exactly like the fast tier's bundles (models/bundle.py): no pointer = the shipped bundle, a
broken pointer is a BundleError, never a silent fall back. `fast_weight` in a manifest is one
number (shipped) or one per label (re-fit).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from propscope.models.bundle import (
    BUNDLE_DIR,
    SHIPPED,
    BundleError,
    active_version,
    version_path,
)
from propscope.models.nn import platt, sigmoid
from propscope.models.techniques import TechniqueModel, TechniquePrediction

PREFIX = "techniques-accurate-"


def model_name(lang: str) -> str:
    return f"{PREFIX}{lang}"


def bundle_dir(lang: str, root: Path | None = None) -> Path:
    """The shipped bundle (or the one under an explicit `root`)."""
    return (root or BUNDLE_DIR) / model_name(lang)


def active_dir(lang: str, root: Path | None = None) -> Path:
    """The folder analyses use: under `root` when given, else the active version
    (models_dir()/techniques-accurate-<lang>/ACTIVE; none = shipped). A broken pointer or a
    missing/broken version is a BundleError with the way back."""
    if root is not None:
        return bundle_dir(lang, root)
    name = model_name(lang)
    version = active_version(name)  # raises on an unreadable or invalid pointer
    path = version_path(name, version)
    if version != SHIPPED:
        try:
            check(path)
        except BundleError as exc:
            raise BundleError(f"active version {version!r} of model {name!r} is unusable ({exc}); "
                              f"switch back with `propscope models use {name} shipped`") from None
    return path


def check(path: Path) -> dict[str, Any]:
    """The manifest of a complete accurate bundle folder (files present, readable, sane)."""
    if not (path / "manifest.json").is_file() or not (path / "model.onnx").is_file() \
            or not (path / "tokenizer.json").is_file():
        raise BundleError(f"accurate model not found in {path}; build it with `make models`")
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        n = len(manifest["labels"])
        weights = fast_weights(manifest, n)
        ok = len(manifest["thresholds"]) == n and all(len(manifest["calibration"][k]) == n for k in "ab")
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"accurate model in {path} has an unreadable manifest: {exc}") from None
    if not ok or not ((weights >= 0) & (weights <= 1)).all():
        raise BundleError(f"accurate model in {path}: calibration, thresholds or weights do not fit its labels")
    return dict(manifest)


def fast_weights(manifest: dict[str, Any], n_labels: int) -> np.ndarray:
    """The fast tier's weight in the mix, per label (a single number applies to all)."""
    w = np.asarray(manifest["ensemble"]["fast_weight"], dtype=np.float32)
    if w.ndim == 0:
        return np.full(n_labels, float(w), dtype=np.float32)
    if w.shape != (n_labels,):
        raise ValueError(f"fast_weight has {w.size} values for {n_labels} labels")
    return w


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

        self.path = path
        self.manifest: dict[str, Any] = check(path)
        self.labels: list[str] = list(self.manifest["labels"])
        self.language: str = self.manifest["language"]
        self.max_len = int(self.manifest["max_len"])
        self.fast_weights = fast_weights(self.manifest, len(self.labels))
        cal = self.manifest["calibration"]
        self._platt = (np.array(cal["a"], dtype=np.float32), np.array(cal["b"], dtype=np.float32))
        self._threshold = np.array(self.manifest["thresholds"], dtype=np.float32)
        self._tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tok.no_padding()
        self._tok.enable_truncation(self.max_len)
        self._sess = _session(path / "model.onnx")

    @classmethod
    def load(cls, lang: str, root: Path | None = None) -> AccurateTechniqueModel:
        """The active version (or the bundle under `root`)."""
        return _cached(active_dir(lang, root))

    @property
    def thresholds(self) -> np.ndarray:
        return self._threshold

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
        if (self.fast_weights > 0).any():
            if fast_prob is None:
                raise ValueError("this accurate model averages with the fast tier: pass its probabilities")
            w = self.fast_weights[None, :]
            p = (1.0 - w) * p + w * fast_prob
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


def _check_pair(lang: str, manifest: dict[str, Any], fast_version: str) -> None:
    """A re-fit head runs only over the fast tier it was fit against (models/versions.py
    keeps the pointers paired; this catches a hand-edited ACTIVE file)."""
    fit = (manifest.get("ensemble") or {}).get("fast_version")
    active = fast_version.partition("+")[2] or SHIPPED
    if fit and fit != active:
        raise BundleError(f"{model_name(lang)} {manifest.get('version')} was fit against techniques {fit}, "
                          f"but techniques {active} is active; `propscope models use techniques {fit}` "
                          f"or `propscope models use {model_name(lang)} shipped`")


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
        # Resolved once: the tag names exactly the versions this instance predicts with.
        self._paths = {lang: active_dir(lang, root) for lang in self.accurate_languages}
        fm = fast.bundle.manifest
        version = str(fm.get("version"))
        for lang, path in self._paths.items():
            am = check(path)
            _check_pair(lang, am, version)
            version += f"+accurate.{lang}-{am.get('version')}"
        self.bundle = TierTag({"name": fm.get("name"), "version": version})
        self.labels = fast.labels

    def predict(self, units: list[str], lang: str | None, vectors: np.ndarray | None = None) -> TechniquePrediction:
        fast = self.fast.predict(units, lang, vectors)
        if lang not in self.accurate_languages or not units:
            return fast
        acc = _cached(self._paths[lang]).predict(units, fast.probabilities)
        if acc.labels != fast.labels:
            raise BundleError(f"accurate model for {lang!r} has other labels than the fast tier; rebuild both")
        return acc
