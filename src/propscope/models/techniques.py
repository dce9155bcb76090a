"""Paragraph-level persuasion-technique classifier: an ensemble read from the `techniques` bundle.

Members (each gives 23 sigmoid scores, averaged):
- `mlp`: a one-hidden-layer network over the unit's sentence vector and surface cues;
- `ctx`: a linear model that also sees the previous/next unit and the article mean, because a
  paragraph's technique often only shows against its neighbours;
- `tfidf`: a linear model over word and character n-grams, which catches the exact loaded
  words and slogans that sentence vectors blur.
The average is Platt-calibrated per label, then thresholded per label with a per-language
shift (both chosen on out-of-fold predictions; see `propscope.training.techniques`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from propscope.models import encoder
from propscope.models.bundle import Bundle, load_bundle
from propscope.models.nn import mlp, platt, sigmoid
from propscope.models.textvec import NgramTfidf
from propscope.models.unit_features import lang_onehot, surface, unit_matrix


def context_matrix(vectors: np.ndarray, units: list[str], lang: str | None) -> np.ndarray:
    n = len(units)
    prev = np.zeros_like(vectors)
    nxt = np.zeros_like(vectors)
    if n > 1:
        prev[1:] = vectors[:-1]
        nxt[:-1] = vectors[1:]
    mean = np.repeat(vectors.mean(axis=0, keepdims=True), n, axis=0) if n else vectors
    return np.hstack([vectors, prev, nxt, mean, surface(units), lang_onehot(lang, n)]).astype(np.float32)


def vocab_from_bytes(blob: np.ndarray) -> list[str]:
    text = blob.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def vocab_to_bytes(vocab: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8)


@dataclass
class TechniquePrediction:
    labels: list[str]
    probabilities: np.ndarray  # units x labels, calibrated
    predicted: np.ndarray  # units x labels, bool
    low_confidence: bool  # language without training data


class TechniqueModel:
    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.labels = bundle.labels
        a = bundle.arrays
        self._mlp = [(a["mlp.0.w"], a["mlp.0.b"]), (a["mlp.1.w"], a["mlp.1.b"])]
        self._ctx = [(a["ctx.0.w"], a["ctx.0.b"])]
        self._word = NgramTfidf("word", 1, 2, vocab_from_bytes(a["tfidf.word.vocab"]), a["tfidf.word.idf"])
        self._char = NgramTfidf("char", 2, 5, vocab_from_bytes(a["tfidf.char.vocab"]), a["tfidf.char.idf"])
        self._tfidf_w, self._tfidf_b = a["tfidf.w"].astype(np.float32), a["tfidf.b"]
        self._platt = (a["platt.a"], a["platt.b"])
        self._threshold = a["threshold"].astype(np.float32)
        self._shift: dict[str, float] = dict(bundle.manifest["threshold_shift"])
        self.languages: list[str] = list(bundle.manifest["languages"])

    @classmethod
    def load(cls) -> TechniqueModel:
        return cls(load_bundle("techniques"))

    def member_scores(self, units: list[str], lang: str | None,
                      vectors: np.ndarray | None = None) -> dict[str, np.ndarray]:
        vecs = encoder.encode(units) if vectors is None else vectors
        dense_extra = np.hstack([surface(units), lang_onehot(lang, len(units))])
        n_word = len(self._word.vocabulary)
        w, c = self._word.transform(units), self._char.transform(units)
        tf = (w.dot(self._tfidf_w[:n_word]) + c.dot(self._tfidf_w[n_word : n_word + len(self._char.vocabulary)])
              + dense_extra @ self._tfidf_w[n_word + len(self._char.vocabulary) :] + self._tfidf_b)
        return {
            "mlp": sigmoid(mlp(unit_matrix(vecs, units, lang), self._mlp)),
            "ctx": sigmoid(mlp(context_matrix(vecs, units, lang), self._ctx)),
            "tfidf": sigmoid(tf),
        }

    def predict(self, units: list[str], lang: str | None,
                vectors: np.ndarray | None = None) -> TechniquePrediction:
        if not units:
            empty = np.zeros((0, len(self.labels)), dtype=np.float32)
            return TechniquePrediction(self.labels, empty, empty.astype(bool), lang not in self.languages)
        scores = self.member_scores(units, lang, vectors)
        prob = platt(np.mean(list(scores.values()), axis=0), *self._platt)
        threshold = self._threshold + self._shift.get(lang or "", 0.0)
        return TechniquePrediction(self.labels, prob, prob >= threshold[None, :], lang not in self.languages)
