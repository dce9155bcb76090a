"""Translated copies: candidates from multilingual article vectors, checked by anchors.

Why anchors: two articles about the same event in two languages have close vectors too;
a translation also keeps the event's numbers, names and dates. Candidates come from an
exact cosine search among articles published within a window of days and a bounded
number of articles (top-k per article, only across languages; time-sorted chunks
partition it); a pair is kept when the share
of shared anchors (numbers with separators removed, capitalised words transliterated to Latin and cut to 5
letters so "Путина"/"Putin" and "Gerasimov"/"Герасимов" meet) both pass, and its passages
come from paragraph vectors (align.align_vectors).
"""

from __future__ import annotations

import re
from datetime import date

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


def day_numbers(docs: list[CorpusDoc]) -> np.ndarray:
    """Publication day ordinals; an undated article gets the day it was ingested (it was
    published by then, and a crawler ingests within days), -1 when it has neither. Why
    not "undated: compare with everyone": 3% undated articles of a 100k corpus compared
    with all of it cost more than the rest of the search."""
    out = np.full(len(docs), -1, dtype=np.int64)
    for i, d in enumerate(docs):
        for stamp in (d.published, d.ingested_at):
            try:
                out[i] = date.fromisoformat((stamp or "")[:10]).toordinal()
                break
            except ValueError:
                pass
    return out


def neighbours(vecs: np.ndarray, langs: list[str], days: np.ndarray, min_cos: float, top: int,
               window: int, chunk: int = 512, reach: int | None = None) -> set[tuple[int, int]]:
    """Pairs (i < j) in different languages with cosine >= min_cos, each article keeping its
    `top` best, searched exactly (matrix products) among articles published within `window`
    days of it and, with `reach`, among at most the `reach` dated articles published just
    before its time chunk and the `reach` just after (articles without a day, see
    day_numbers, against all).

    Why `reach`: a day of a big corpus holds more articles, so a window of days holds a
    number of articles that grows with the corpus and the search with its square (at 100k
    articles a year, 14 days are ~7,700 articles a side of each); capped, each article is
    compared with at most `chunk` + 2 * `reach` others, and the search is linear in the
    corpus. Below the cap (~300 articles a day for 14 days and reach 4096) nothing changes."""
    lang_ids = np.unique(np.array(langs, dtype=object), return_inverse=True)[1]
    dated = np.flatnonzero(days >= 0)
    dated = dated[np.argsort(days[dated], kind="stable")]
    undated = np.flatnonzero(days < 0)
    out: set[tuple[int, int]] = set()
    for s in range(0, len(dated), chunk):
        rows = dated[s : s + chunk]
        lo = np.searchsorted(days[dated], days[rows[0]] - window, "left")
        hi = np.searchsorted(days[dated], days[rows[-1]] + window, "right")
        if reach is not None:
            lo, hi = max(lo, s - reach), min(hi, s + len(rows) + reach)
        _best(vecs, lang_ids, days, rows, np.concatenate([dated[lo:hi], undated]), min_cos, top, window, out)
    everyone = np.arange(len(vecs))
    for s in range(0, len(undated), chunk):
        _best(vecs, lang_ids, days, undated[s : s + chunk], everyone, min_cos, top, window, out)
    return out


def _best(vecs: np.ndarray, lang: np.ndarray, days: np.ndarray, rows: np.ndarray, cols: np.ndarray,
          min_cos: float, top: int, window: int, out: set[tuple[int, int]]) -> None:
    sim = vecs[rows] @ vecs[cols].T
    bad = lang[rows][:, None] == lang[cols][None, :]
    both = (days[rows][:, None] >= 0) & (days[cols][None, :] >= 0)
    bad |= both & (np.abs(days[rows][:, None] - days[cols][None, :]) > window)
    sim[bad] = -1.0
    k = min(top, sim.shape[1])
    if k == 0:
        return
    best = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    keep = np.take_along_axis(sim, best, axis=1) >= min_cos
    for r, c in zip(np.repeat(rows, k)[keep.ravel()].tolist(), cols[best[keep]].tolist()):
        if r != c:
            out.add((min(r, c), max(r, c)))


def paragraph_vectors(paragraphs: list[str]) -> np.ndarray:
    from propscope.models import encoder

    return encoder.encode(paragraphs)
