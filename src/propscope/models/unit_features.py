"""Features of one text unit (title or paragraph) in its article, shared by training and inference.

A unit is classified with its own sentence vector plus cheap surface cues that sentence
vectors wash out: length (long paragraphs carry more techniques), position (titles are
written differently), quotation marks, exclamation and question marks, and the language.
"""

from __future__ import annotations

import numpy as np

#: One-hot language slots; other languages get all zeros (and a low-confidence flag).
LANG_SLOTS: tuple[str, ...] = ("en", "fr", "de", "it", "pl", "ru")
_QUOTES = ('"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e")
N_SURFACE = 6


def surface(units: list[str]) -> np.ndarray:
    n = len(units)
    out = np.zeros((n, N_SURFACE), dtype=np.float32)
    for i, text in enumerate(units):
        out[i, 0] = np.log1p(len(text)) / 8.0
        out[i, 1] = 1.0 if i == 0 else 0.0
        out[i, 2] = i / max(1, n - 1)
        out[i, 3] = sum(text.count(q) for q in _QUOTES) / 5.0
        out[i, 4] = text.count("!")
        out[i, 5] = text.count("?")
    return out


def lang_onehot(lang: str | None, n: int) -> np.ndarray:
    out = np.zeros((n, len(LANG_SLOTS)), dtype=np.float32)
    if lang in LANG_SLOTS:
        out[:, LANG_SLOTS.index(lang)] = 1.0
    return out


def unit_matrix(vectors: np.ndarray, units: list[str], lang: str | None) -> np.ndarray:
    """[sentence vector | surface cues | language] for the units of one article, in order."""
    return np.hstack([vectors, surface(units), lang_onehot(lang, len(units))]).astype(np.float32)
