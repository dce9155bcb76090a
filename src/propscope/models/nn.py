"""The few numpy operations our shipped models need at inference time."""

from __future__ import annotations

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    return (0.5 * (1.0 + np.tanh(0.5 * x))).astype(np.float32)


def logit(p: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    p = np.clip(p, eps, 1.0 - eps)
    return np.log(p / (1.0 - p)).astype(np.float32)


def softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)


def mlp(x: np.ndarray, layers: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Linear layers with ReLU between them; the last layer returns logits."""
    h = x.astype(np.float32)
    for i, (w, b) in enumerate(layers):
        h = h @ w.astype(np.float32) + b.astype(np.float32)
        if i < len(layers) - 1:
            np.maximum(h, 0.0, out=h)
    return h


def platt(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Calibrated probability = sigmoid(a * logit(p) + b), per label (column)."""
    return sigmoid(a[None, :] * logit(p) + b[None, :])
