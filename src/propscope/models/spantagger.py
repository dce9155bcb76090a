"""Where in a paragraph a technique is: a token tagger read from the `spans` bundle.

Trained on SemEval's span files (`train-labels-subtask-3-spans/`): one linear model per
technique scores every token for "inside a span of this technique", given that the paragraph
uses it. Decoding keeps the tokens above the technique's threshold, bridges short gaps, trims
punctuation, and, when nothing clears the threshold, marks the best window of the technique's
typical length, so every predicted label gets at least one span. Thresholds, gaps and window
lengths were chosen on cross-validated predictions (`propscope.training.spans`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from propscope.models.bundle import Bundle, load_bundle
from propscope.models.nn import sigmoid
from propscope.models.span_features import (
    Token,
    sentence_ranges,
    token_features,
    tokenize,
)
from propscope.models.techniques import vocab_from_bytes


@dataclass(frozen=True)
class Decoding:
    threshold: float
    gap: int  # tokens below the threshold bridged between two runs
    window: int  # tokens marked when no token clears the threshold
    #: Argument-level techniques (doubt, whataboutism, ...) are marked as whole sentences: the
    #: sentences whose mean token score clears the threshold, else the best one.
    sentences: bool = False


def decode(p: np.ndarray, tokens: list[Token], rule: Decoding,
           function_words: frozenset[str] = frozenset()) -> list[tuple[int, int, float]]:
    """Token scores of one technique -> (start, end, mean score) character spans.

    Token runs lose punctuation and lower-case `function_words` ("the", "and", "в") at their
    edges: a phrase ends on a content word, while names stay ("US", "Putin").
    """
    if not tokens:
        return []
    runs = _sentence_runs(p, tokens, rule.threshold) if rule.sentences else _token_runs(p, rule)
    trim = frozenset() if rule.sentences else function_words

    def edge(t: Token) -> bool:
        return not t.is_word or (t.text in trim)

    out = []
    for a, b in runs:
        a0, b0 = a, b
        while a <= b and edge(tokens[a]):
            a += 1
        while b >= a and edge(tokens[b]):
            b -= 1
        if a > b:  # only function words: keep the words, drop the punctuation
            a, b = a0, b0
            while a <= b and not tokens[a].is_word:
                a += 1
            while b >= a and not tokens[b].is_word:
                b -= 1
        if a <= b:
            out.append((tokens[a].start, tokens[b].end, float(p[a : b + 1].mean())))
    return out


def _sentence_runs(p: np.ndarray, tokens: list[Token], threshold: float) -> list[list[int]]:
    sents = sentence_ranges(tokens)
    means = [float(p[s:e].mean()) for s, e in sents]
    chosen = [i for i, m in enumerate(means) if m >= threshold] or [int(np.argmax(means))]
    runs: list[list[int]] = []
    for i in chosen:
        s, e = sents[i]
        if runs and runs[-1][1] == s - 1:
            runs[-1][1] = e - 1
        else:
            runs.append([s, e - 1])
    return runs


def _token_runs(p: np.ndarray, rule: Decoding) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in np.flatnonzero(p >= rule.threshold):
        if runs and i - runs[-1][1] <= rule.gap + 1:
            runs[-1][1] = int(i)
        else:
            runs.append([int(i), int(i)])
    if not runs:
        w = max(1, min(rule.window, len(p)))
        sums = np.convolve(p, np.ones(w), mode="valid")
        a = int(np.argmax(sums))
        runs = [[a, a + w - 1]]
    return runs


def feature_rows(feats: list[list[str]], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """CSR indptr/indices of known features (binary values)."""
    indptr, indices = [0], []  # type: list[int], list[int]
    for f in feats:
        indices.extend(i for name in f if (i := index.get(name)) is not None)
        indptr.append(len(indices))
    return np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64)


def sparse_scores(indptr: np.ndarray, indices: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sigmoid of (binary rows @ w + b) without scipy."""
    n = len(indptr) - 1
    logits = np.zeros((n, w.shape[1]), dtype=np.float32)
    lengths = np.diff(indptr)
    nonempty = lengths > 0
    if len(indices):
        logits[nonempty] = np.add.reduceat(w[indices].astype(np.float32), indptr[:-1][nonempty], axis=0)
    return sigmoid(logits + b)


class SpanTagger:
    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.labels = bundle.labels
        self.index = {name: i for i, name in enumerate(vocab_from_bytes(bundle.array("vocab")))}
        self.w = bundle.array("w")
        self.b = bundle.array("b").astype(np.float32)
        th, gap, win = bundle.array("threshold"), bundle.array("gap"), bundle.array("window")
        sent = bundle.array("sentences")
        self.function_words = frozenset(vocab_from_bytes(bundle.array("function_words")))
        self.rules = {lab: Decoding(float(th[j]), int(gap[j]), int(win[j]), bool(sent[j]))
                      for j, lab in enumerate(self.labels)}

    @classmethod
    def load(cls) -> SpanTagger:
        return cls(load_bundle("spans"))

    def spans(self, text: str, labels: list[str]) -> dict[str, list[tuple[int, int, float]]]:
        """Spans (offsets in `text`) for each of `labels` that this paragraph was given."""
        if not labels:
            return {}
        tokens = tokenize(text)
        if not tokens:
            return {lab: [] for lab in labels}
        cols = [self.labels.index(lab) for lab in labels]
        indptr, indices = feature_rows(token_features(tokens), self.index)
        p = sparse_scores(indptr, indices, self.w[:, cols], self.b[cols])
        return {lab: decode(p[:, k], tokens, self.rules[lab], self.function_words) for k, lab in enumerate(labels)}


__all__ = ["Decoding", "SpanTagger", "decode", "feature_rows", "sparse_scores"]
