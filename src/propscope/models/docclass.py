"""Article-level classifiers: genre (subtask 1, one of three) and frames (subtask 2, multi-label).

Both read the same article vector: the mean and the title's sentence vectors plus length and
language, so the unit vectors computed for techniques are reused, not re-encoded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from propscope.models import encoder
from propscope.models.bundle import Bundle, load_bundle
from propscope.models.nn import sigmoid, softmax
from propscope.models.unit_features import lang_onehot


def article_vector(vectors: np.ndarray, n_units: int, lang: str | None) -> np.ndarray:
    """Row vector: [mean unit vector | title (first unit) vector | log length | language]."""
    if len(vectors) == 0:
        vectors = np.zeros((1, encoder.DIM), dtype=np.float32)
    mean = vectors.mean(axis=0)
    length = np.array([np.log1p(n_units) / 4.0], dtype=np.float32)
    return np.concatenate([mean, vectors[0], length, lang_onehot(lang, 1)[0]]).astype(np.float32)[None, :]


@dataclass
class DocPrediction:
    labels: list[str]
    probabilities: np.ndarray  # one per label
    predicted: list[str]
    low_confidence: bool


class DocClassifier:
    """Linear model over `article_vector`; `kind` is "single" (softmax) or "multi" (sigmoids)."""

    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.labels = bundle.labels
        self.kind: str = bundle.manifest["kind"]
        self._w = bundle.array("w").astype(np.float32)
        self._b = bundle.array("b").astype(np.float32)
        self._threshold = bundle.array("threshold") if self.kind == "multi" else None
        self.languages: list[str] = list(bundle.manifest["languages"])

    @classmethod
    def load(cls, name: str) -> DocClassifier:
        return cls(load_bundle(name))

    def predict(self, vectors: np.ndarray, n_units: int, lang: str | None) -> DocPrediction:
        logits = article_vector(vectors, n_units, lang) @ self._w + self._b
        low = lang not in self.languages
        if self.kind == "single":
            prob = softmax(logits)[0]
            return DocPrediction(self.labels, prob, [self.labels[int(prob.argmax())]], low)
        prob = sigmoid(logits)[0]
        assert self._threshold is not None
        chosen = [name for name, p, t in zip(self.labels, prob, self._threshold) if p >= t]
        if not chosen:  # every SemEval article has at least one frame
            chosen = [self.labels[int((prob - self._threshold).argmax())]]
        return DocPrediction(self.labels, prob, chosen, low)
