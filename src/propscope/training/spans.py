"""Train the `spans` bundle (token tagger) on SemEval's span files and score it by 5-fold CV.

Each technique's model only learns from paragraphs that carry that technique (a masked loss):
at run time it is asked *where* in a paragraph the technique is, never *whether*. Decoding
rules are chosen per fold on the other folds' predictions, and spans are scored at character
level (`semeval.spans`) two ways: given the gold paragraph labels (how well the tagger
locates), and end to end from the techniques model's out-of-fold labels (what a user sees).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from propscope.models.span_features import Token, token_features, tokenize
from propscope.models.spantagger import Decoding, decode
from propscope.models.techniques import vocab_to_bytes
from propscope.semeval.labels import TECHNIQUES
from propscope.semeval.spans import SpanRow, span_scores
from propscope.training.data import TrainArticle
from propscope.training.folds import N_FOLDS, article_folds
from propscope.training.learners import train_masked_sparse_linear

PARAMS = {"min_count": 2, "max_features": 200_000, "epochs": 4, "seed": 0, "function_words_per_language": 50}
THRESHOLDS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
GAPS = (0, 1, 3, 6)
#: Sentence mode: 0.0 marks the whole paragraph, above 1.0 only the best sentence.
SENTENCE_THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 1.01)


@dataclass
class UnitTokens:
    article: int  # index into the article list
    row: int  # index among all units (= the techniques model's unit rows)
    offset: int  # line start in the article file
    tokens: list[Token]
    first: int  # first row of this unit in the token matrix
    labels: set[str]  # techniques with a gold span in this unit


def _units(arts: list[TrainArticle]) -> tuple[list[UnitTokens], list[list[str]], np.ndarray]:
    units: list[UnitTokens] = []
    feats: list[list[str]] = []
    rows: list[np.ndarray] = []
    for ai, art in enumerate(arts):
        for line in art.article.lines:
            tokens = tokenize(line.text)
            spans = [(t, max(s, line.start) - line.start, min(e, line.end) - line.start)
                     for t, s, e in art.spans if s < line.end and e > line.start]
            unit = UnitTokens(ai, len(units), line.start, tokens, len(feats), {t for t, _, _ in spans})
            units.append(unit)
            feats.extend(token_features(tokens))
            for tok in tokens:
                y = np.zeros(len(TECHNIQUES), dtype=np.int8)
                for t, s, e in spans:
                    if tok.start < e and tok.end > s:
                        y[TECHNIQUES.index(t)] = 1
                rows.append(y)
    return units, feats, np.vstack(rows) if rows else np.zeros((0, len(TECHNIQUES)), np.int8)


def _vocabulary(units: list[UnitTokens], feats: list[list[str]]) -> list[str]:
    counts: Counter[str] = Counter()
    for u in units:
        if u.labels:
            for f in feats[u.first : u.first + len(u.tokens)]:
                counts.update(f)
    kept = sorted((f for f, c in counts.items() if c >= PARAMS["min_count"]), key=lambda f: (-counts[f], f))
    return sorted(kept[: PARAMS["max_features"]])


def _matrix(feats: list[list[str]], vocab: list[str]) -> sp.csr_matrix:
    index = {f: i for i, f in enumerate(vocab)}
    indptr: list[int] = [0]
    indices: list[int] = []
    for f in feats:
        indices.extend(i for name in f if (i := index.get(name)) is not None)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, np.asarray(indices), np.asarray(indptr)), shape=(len(feats), len(vocab)))


def function_words(arts: list[TrainArticle]) -> frozenset[str]:
    """Per language, the words in the most lines, as written in lower case ("the", "в", "und")."""
    counts: dict[str, Counter[str]] = {}
    for art in arts:
        c = counts.setdefault(art.lang, Counter())
        for line in art.article.lines:
            c.update({t.text for t in tokenize(line.text) if t.is_word and t.text.islower()})
    n = PARAMS["function_words_per_language"]
    return frozenset(w for c in counts.values() for w, _ in c.most_common(n))


def _mask(units: list[UnitTokens], n_rows: int) -> np.ndarray:
    m = np.zeros((n_rows, len(TECHNIQUES)), dtype=np.int8)
    for u in units:
        for t in u.labels:
            m[u.first : u.first + len(u.tokens), TECHNIQUES.index(t)] = 1
    return m


def _predicted_spans(units: list[UnitTokens], p: np.ndarray, labels_of: Callable[[UnitTokens], set[str]],
                     rules: dict[str, Decoding], keys: list[str], fw: frozenset[str]) -> list[SpanRow]:
    """Decoded exactly as at inference (`fw`: the bundle's function words)."""
    out: list[SpanRow] = []
    for u in units:
        for t in labels_of(u):
            j = TECHNIQUES.index(t)
            for s, e, _ in decode(p[u.first : u.first + len(u.tokens), j], u.tokens, rules[t], fw):
                out.append((keys[u.article], t, u.offset + s, u.offset + e))
    return out


def _gold(arts: list[TrainArticle], keys: list[str], wanted: set[int]) -> list[SpanRow]:
    return [(keys[i], t, s, e) for i in sorted(wanted) for t, s, e in arts[i].spans]


def _window(units: list[UnitTokens], y: np.ndarray, j: int) -> int:
    """Median gold span length in tokens: the fallback window for technique j."""
    lengths = []
    for u in units:
        col = y[u.first : u.first + len(u.tokens), j]
        run = 0
        for v in list(col) + [0]:
            if v:
                run += 1
            elif run:
                lengths.append(run)
                run = 0
    return int(np.median(lengths)) if lengths else 3


def _choose_rules(units: list[UnitTokens], p: np.ndarray, arts: list[TrainArticle], keys: list[str],
                  chosen: np.ndarray, windows: dict[str, int], fw: frozenset[str]) -> dict[str, Decoding]:
    """Per technique, the threshold and gap with the best span F1 on the `chosen` articles."""
    sel = [u for u in units if chosen[u.article]]
    gold = _gold(arts, keys, set(np.flatnonzero(chosen)))
    rules = {}
    for t in TECHNIQUES:
        g = [row for row in gold if row[1] == t]
        mine = [u for u in sel if t in u.labels]
        # coordinate search: the threshold at a middle gap, then the gap at that threshold
        th = max(THRESHOLDS, key=lambda v: (_rule_f1(t, Decoding(v, 1, windows[t]), mine, g, p, keys, fw), -v))
        gap = max(GAPS, key=lambda v: (_rule_f1(t, Decoding(th, v, windows[t]), mine, g, p, keys, fw), -v))
        candidates = [Decoding(th, gap, windows[t])]
        candidates += [Decoding(v, 0, windows[t], sentences=True) for v in SENTENCE_THRESHOLDS]
        rules[t] = max(candidates, key=lambda rule: _rule_f1(t, rule, mine, g, p, keys, fw))
    return rules


def _rule_f1(t: str, rule: Decoding, units: list[UnitTokens], gold: list[SpanRow], p: np.ndarray,
             keys: list[str], fw: frozenset[str]) -> float:
    """Span F1 of technique t decoded with `rule` in the units whose gold labels include t."""
    if not gold:
        return 0.0
    pred = _predicted_spans(units, p, lambda u: {t}, {t: rule}, keys, fw)
    return span_scores(pred, gold)[t].f1


def _scores(rows: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {t: {"p": s.precision, "r": s.recall, "f1": s.f1, "gold": s.n_gold} for t, s in rows.items()}


def train(arts: list[TrainArticle], oof_labels: np.ndarray | None,
          log: Callable[[str], None]) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """`oof_labels`: the techniques model's out-of-fold predictions, one row per line in the
    order of `arts` (as `training.techniques.train` builds them), for the end-to-end score."""
    t0 = time.perf_counter()
    keys = [a.key for a in arts]
    fw = function_words(arts)
    units, feats, y = _units(arts)
    vocab = _vocabulary(units, feats)
    x = _matrix(feats, vocab)
    mask = _mask(units, len(feats))
    windows = {t: _window(units, y, j) for j, t in enumerate(TECHNIQUES)}
    log(f"  {len(units)} units, {x.shape[0]} tokens, {len(vocab)} features ({time.perf_counter() - t0:.0f}s)")
    fold = article_folds([a.lang for a in arts])
    row_fold = np.repeat([fold[u.article] for u in units], [len(u.tokens) for u in units])
    p = np.zeros(y.shape, dtype=np.float32)
    for k in range(N_FOLDS):
        tr, te = row_fold != k, row_fold == k
        w, b = _fit(x[tr], y[tr], mask[tr])
        p[te] = _score(x[te], w, b)
        log(f"  fold {k + 1}/{N_FOLDS} ({time.perf_counter() - t0:.0f}s)")
    located, end_to_end = [], []
    for k in range(N_FOLDS):
        rules = _choose_rules(units, p, arts, keys, fold != k, windows, fw)
        test = [u for u in units if fold[u.article] == k]
        located += _predicted_spans(test, p, lambda u: u.labels, rules, keys, fw)
        if oof_labels is not None:
            end_to_end += _predicted_spans(
                test, p, lambda u: {TECHNIQUES[j] for j in np.flatnonzero(oof_labels[u.row])}, rules, keys, fw)
    gold = _gold(arts, keys, set(range(len(arts))))
    cv: dict[str, Any] = {"folds": N_FOLDS, "metric": "character-level span P/R/F1, partial overlap credited",
                          "given_gold_labels": _scores(span_scores(located, gold))}
    if oof_labels is not None:
        cv["end_to_end"] = _scores(span_scores(end_to_end, gold))
    log(f"  span F1 (gold labels) {cv['given_gold_labels']['ALL']['f1']}"
        + (f", end to end {cv['end_to_end']['ALL']['f1']}" if oof_labels is not None else ""))
    final_rules = _choose_rules(units, p, arts, keys, np.ones(len(arts), dtype=bool), windows, fw)
    w, b = _fit(x, y, mask)
    arrays = {"w": w.astype(np.float16), "b": b, "vocab": vocab_to_bytes(vocab),
              "threshold": np.array([final_rules[t].threshold for t in TECHNIQUES], dtype=np.float32),
              "gap": np.array([final_rules[t].gap for t in TECHNIQUES], dtype=np.int16),
              "window": np.array([final_rules[t].window for t in TECHNIQUES], dtype=np.int16),
              "sentences": np.array([final_rules[t].sentences for t in TECHNIQUES], dtype=np.int8),
              "function_words": vocab_to_bytes(sorted(fw))}
    manifest = {"labels": list(TECHNIQUES), "hyperparameters": PARAMS, "cv": cv,
                "features": "word ±2, bigrams, prefix/suffix, shape, quotes, sentence position and end"}
    return manifest, arrays


def _fit(x: sp.csr_matrix, y: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = mask.any(axis=1)
    return train_masked_sparse_linear(x[keep], y[keep], mask[keep], epochs=PARAMS["epochs"], seed=PARAMS["seed"])


def _score(x: sp.csr_matrix, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    from propscope.models.nn import sigmoid

    return sigmoid(np.asarray(x @ w) + b)
