"""Translated copies: candidates from multilingual article vectors, checked by anchors.

Why anchors: two articles about the same event in two languages have close vectors too;
a translation also keeps the event's numbers, names and dates. Candidates come from
random-hyperplane LSH over the vectors (partitionable like the shingle buckets), only
across languages; a pair is kept when the article cosine and the share of shared anchors
(numbers with separators removed, capitalised words transliterated to Latin and cut to 5
letters so "Путина"/"Putin" and "Gerasimov"/"Герасимов" meet) both pass, and its passages
come from paragraph vectors (align.align_vectors).
"""

from __future__ import annotations

import re

import numpy as np

from propscope.corpus.docs import CorpusDoc

_NUMBER = re.compile(r"\d[\d.,\u00a0\u202f ]*\d|\d")
_CAPWORD = re.compile(r"(?<![\w])[A-ZА-ЯЁÀ-ÖØ-Þ][\w'’-]{3,}")
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "ê": "e", "à": "a", "ç": "c",
    "ï": "i", "î": "i", "ô": "o", "û": "u", "ù": "u",
})
_FOLD = str.maketrans({"k": "c", "y": "i", "j": "i", "w": "v"})


def anchors(text: str) -> set[str]:
    """Numbers (2+ digits) and name stems of a text, language-neutral."""
    out = set()
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) >= 2:
            out.add("#" + digits.lstrip("0")[:12])
    for m in _CAPWORD.finditer(text):
        stem = m.group(0).casefold().translate(_TRANSLIT).translate(_FOLD)
        stem = re.sub(r"[^a-z]", "", stem)[:5]
        if len(stem) >= 4:
            out.add(stem)
    return out


def anchor_share(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def ensure_vectors(docs: list[CorpusDoc]) -> None:
    """Fill missing article vectors in this process (the encoder, batched by the loader)."""
    todo = [d for d in docs if d.vector is None]
    if todo:
        from propscope.corpus.load import add_vectors

        add_vectors(todo)


def unit_rows(docs: list[CorpusDoc]) -> np.ndarray:
    m = np.stack([np.asarray(d.vector, dtype=np.float32) for d in docs])
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def vector_band_keys(vectors: np.ndarray, bands: int, rows: int, seed: int = 7) -> np.ndarray:
    """(n, bands) uint64 keys from sign bits of random projections (SimHash bands)."""
    rng = np.random.default_rng(seed)
    planes = rng.standard_normal((vectors.shape[1], bands * rows)).astype(np.float32)
    bits = (vectors @ planes > 0).reshape(len(vectors), bands, rows)
    weights = (1 << np.arange(rows, dtype=np.uint64)).astype(np.uint64)
    code = (bits.astype(np.uint64) * weights).sum(axis=2, dtype=np.uint64)
    band = np.arange(bands, dtype=np.uint64)[None, :] << np.uint64(56)
    return band | code | np.uint64(1 << 55)


def paragraph_vectors(paragraphs: list[str]) -> np.ndarray:
    from propscope.models import encoder

    return encoder.encode(paragraphs)
