"""What a narrative compares: a multilingual article vector plus anchors.

Why anchors: the multilingual sentence vector knows what a story is *about* (a pipeline
explosion, a contested vote) but not *which* one; two stories about two different floods
look alike. Anchors -- numbers, names, acronyms -- say which one, and they survive
translation: "1,450" / "1.450" / "1 450" are one number, "Pushkov" / "Пушков" one name
after transliteration. Anchors are hashed into a small vector weighted by how rare their
bucket is in the corpus seen so far (document frequency kept in the model state), so
outlet names, weekday-like numbers and German common nouns weigh little once the corpus is
large enough to tell (a prior of IDF_PRIOR articles keeps small corpora unweighted).
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from propscope.corpus.docs import CorpusDoc

ANCHOR_DIM = 512
#: Pseudo-articles in the document frequencies: until the corpus is much larger than this,
#: anchors weigh about the same (a name shared by 3 of 5 articles is the story, not noise).
IDF_PRIOR = 200.0
TEXT_CHARS = 4000  # anchors come from the title and the first characters: the lede names the story
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f]*\d)?")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sh", "", "i", "", "e",
                 "yu", "ya"], strict=True))
_SOUNDS = (("sch", "sh"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"),
           ("w", "v"), ("y", "i"), ("j", "i"), ("x", "ks"))
#: Capitalised words that start clauses or name nothing, in the six languages we generate.
_STOP = frozenset(
    ["the", "this", "that", "these", "those", "there", "their", "they", "then", "when", "what", "where", "which", "while", "with", "from", "into", "after", "before", "according", "but", "and", "for", "not", "also", "however", "meanwhile", "yesterday", "today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "der", "die", "das", "den", "dem", "des", "ein", "eine", "und", "nach", "laut", "aber", "auch", "heute", "le", "la", "les", "un", "une", "des", "et", "selon", "mais", "aussi", "il", "elle", "il", "lo", "gli", "una", "e", "secondo", "ma", "anche", "и", "в", "на", "по", "но", "это", "как", "что", "его", "она", "они", "w", "na", "po", "ale", "to", "jak", "że", "jego", "według", "share", "subscribe", "follow", "read", "more", "source", "link", "home", "news"])


def skeleton(word: str) -> str:
    """A spelling-insensitive key: Latin letters, no accents, a few sound merges, 7 chars."""
    low = word.casefold()
    low = "".join(_CYR.get(ch, ch) for ch in low)
    low = "".join(ch for ch in unicodedata.normalize("NFKD", low) if ch.isalnum() and ord(ch) < 128)
    for a, b in _SOUNDS:
        low = low.replace(a, b)
    return low[:7]


def anchors(text: str) -> list[str]:
    """Numbers (> 31, not a year) and capitalised names/acronyms not opening a sentence."""
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 2 and not (1900 <= int(digits[:9]) <= 2100) and int(digits[:9]) > 31:
            out.append("#" + digits.lstrip("0"))
    for m in _WORD.finditer(text):
        w = m.group()
        if not w[0].isupper() or len(w) < 2 or w.casefold() in _STOP:
            continue
        before = text[max(0, m.start() - 3):m.start()].rstrip(" \u00a0\"'«„“(")
        if not before or before[-1] in ".!?:\n»”":  # sentence-initial: capitalised anyway
            continue
        if len(w) >= 3 or w.isupper():
            out.append(skeleton(w))
    return out


def _bucket(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=4).digest(), "big") % ANCHOR_DIM


def anchor_buckets(doc: CorpusDoc) -> dict[int, float]:
    """Hashed anchor counts of one article (log-scaled: a name repeated ten times is not ten
    times the evidence)."""
    counts: dict[int, int] = {}
    for a in anchors(doc.title + ".\n" + doc.text[:TEXT_CHARS]):
        b = _bucket(a)
        counts[b] = counts.get(b, 0) + 1
    return {b: 1.0 + math.log(c) for b, c in counts.items()}


def anchor_matrix(buckets: Sequence[dict[int, float]], df: np.ndarray, seen: int) -> np.ndarray:
    """Rows: idf-weighted, L2-normalised anchor vectors (zeros for an article without any)."""
    idf = np.log((seen + IDF_PRIOR) / (df + IDF_PRIOR)) + 1.0
    out = np.zeros((len(buckets), ANCHOR_DIM), dtype=np.float32)
    for i, bk in enumerate(buckets):
        if bk:
            idx = np.fromiter(bk.keys(), dtype=np.int64, count=len(bk))
            out[i, idx] = np.fromiter(bk.values(), dtype=np.float32, count=len(bk)) * idf[idx]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def text_vectors(docs: Sequence[CorpusDoc]) -> np.ndarray:
    """Unit multilingual vectors: doc.vector when the pipeline computed it, else the
    encoder on title + text (batched; the encoder reads the first 1,200 characters)."""
    missing = [i for i, d in enumerate(docs) if d.vector is None]
    encoded: dict[int, np.ndarray] = {}
    if missing:
        from propscope.models import encoder

        vecs = encoder.encode([f"{docs[i].title}\n{docs[i].text}" for i in missing])
        encoded = dict(zip(missing, vecs, strict=True))
    rows = [np.asarray(encoded[i] if d.vector is None else d.vector, dtype=np.float32)
            for i, d in enumerate(docs)]
    if not rows:
        return np.zeros((0, 0), dtype=np.float32)
    out = np.vstack(rows)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def stand_in_vector(doc: CorpusDoc, dim: int = 512) -> np.ndarray:
    """A cheap deterministic substitute for the encoder (benchmarks at 100k only): a hashed
    bag of the article's lower-cased words. Same-language only -- it cannot see that two
    languages tell one story, so quality measured with it understates the real model."""
    vec = np.zeros(dim, dtype=np.float32)
    for m in _WORD.finditer(doc.title + " " + doc.text[:TEXT_CHARS]):
        w = m.group().casefold()
        if len(w) > 3:
            vec[int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "big") % dim] += 1
    return vec / max(float(np.linalg.norm(vec)), 1e-9)
