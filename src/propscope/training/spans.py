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


def gold_rows(arts: list[TrainArticle]) -> list[SpanRow]:
    """Every span of `arts`, keyed like the located spans (`TrainArticle.key`)."""
    return _gold(arts, [a.key for a in arts], set(range(len(arts))))


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


@dataclass
class Tagged:
    """An article list as the tagger sees it: token units, their features and 0/1 targets."""

    arts: list[TrainArticle]
    keys: list[str]
    units: list[UnitTokens]
    feats: list[list[str]]
    y: np.ndarray

    @classmethod
    def of(cls, arts: list[TrainArticle]) -> Tagged:
        units, feats, y = _units(arts)
        return cls(arts, [a.key for a in arts], units, feats, y)

    def row_articles(self) -> np.ndarray:
        """The article of every token row."""
        return np.repeat([u.article for u in self.units], [len(u.tokens) for u in self.units]).astype(np.int64)


@dataclass
class OutOfFold:
    """Cross-fitted span predictions: `p` per token row of the evaluated articles, the
    decoding rules of each fold (chosen on the other folds), and the located spans (decoded
    in the units whose labels include the technique: "given the gold paragraph labels")."""

    p: np.ndarray
    rules: list[dict[str, Decoding]]
    located: list[SpanRow]
    fw: frozenset[str]


#: What the final fit needs from cross_fit: features, mask, vocabulary, fallback windows.
Fitted = tuple[sp.csr_matrix, np.ndarray, list[str], dict[str, int]]


def cross_fit(data: Tagged, fold: np.ndarray, n_folds: int, log: Callable[[str], None], *,
              trainable: np.ndarray | None = None, evaluate: Tagged | None = None,
              t0: float | None = None) -> tuple[OutOfFold, Fitted]:
    """Fold k's model learns the trainable articles of the other folds and predicts fold k.

    `trainable` (one bool per article, default all): articles a recipe never had are
    predicted, never learned from: not fitted, not in the vocabulary, function words or
    fallback windows, and not used to choose decoding rules (the active model's rules were
    chosen on its own data). `evaluate`: other texts of the same articles (same folds) to locate
    spans in with each fold's model and rules, e.g. a pool whose truth differs; default `data`.
    Returns the out-of-fold result and (x, mask, vocab, windows) for the final fit."""
    t0 = time.perf_counter() if t0 is None else t0
    learn = np.ones(len(data.arts), dtype=bool) if trainable is None else np.asarray(trainable, dtype=bool)
    fw = function_words([a for a, ok in zip(data.arts, learn, strict=True) if ok])
    vocab = _vocabulary([u for u in data.units if learn[u.article]], data.feats)
    x = _matrix(data.feats, vocab)
    mask = _mask(data.units, len(data.feats))
    windows = windows_of(data, learn)
    log(f"  {len(data.units)} units, {x.shape[0]} tokens, {len(vocab)} features ({time.perf_counter() - t0:.0f}s)")
    rows = data.row_articles()
    row_fold, row_learn = fold[rows], learn[rows]
    target = data if evaluate is None else evaluate
    x_eval = x if evaluate is None else _matrix(evaluate.feats, vocab)
    eval_fold = fold[target.row_articles()]
    p = np.zeros(data.y.shape, dtype=np.float32)
    p_eval = p if evaluate is None else np.zeros(evaluate.y.shape, dtype=np.float32)
    for k in range(n_folds):
        w, b = _fit(x[(row_fold != k) & row_learn], data.y[(row_fold != k) & row_learn],
                    mask[(row_fold != k) & row_learn])
        p[row_fold == k] = _score(x[row_fold == k], w, b)
        if evaluate is not None:
            p_eval[eval_fold == k] = _score(x_eval[eval_fold == k], w, b)
        log(f"  fold {k + 1}/{n_folds} ({time.perf_counter() - t0:.0f}s)")
    rules, located = [], []
    for k in range(n_folds):
        rules.append(_choose_rules(data.units, p, data.arts, data.keys, (fold != k) & learn, windows, fw))
        test = [u for u in target.units if fold[u.article] == k]
        located += _predicted_spans(test, p_eval, lambda u: u.labels, rules[k], target.keys, fw)
    return OutOfFold(p_eval, rules, located, fw), (x, mask, vocab, windows)


def train(arts: list[TrainArticle], oof_labels: np.ndarray | None, log: Callable[[str], None], *,
          article_fold: np.ndarray | None = None, n_folds: int = N_FOLDS,
          trainable: np.ndarray | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """`oof_labels`: the techniques model's out-of-fold predictions, one row per line in the
    order of `arts` (as `training.techniques.train` builds them), for the end-to-end score."""
    manifest, arrays, _oof = train_with_oof(arts, oof_labels, log, article_fold=article_fold, n_folds=n_folds,
                                            trainable=trainable)
    return manifest, arrays


def train_with_oof(arts: list[TrainArticle], oof_labels: np.ndarray | None, log: Callable[[str], None], *,
                   article_fold: np.ndarray | None = None, n_folds: int = N_FOLDS,
                   trainable: np.ndarray | None = None, data: Tagged | None = None,
                   fitted: tuple[OutOfFold, Fitted] | None = None,
                   ) -> tuple[dict[str, Any], dict[str, np.ndarray], OutOfFold]:
    """`train`, also returning the out-of-fold result. `article_fold` (default
    `article_folds`) and `trainable` (default all) as in `cross_fit`; the final weights
    and rules learn the trainable articles. `data`: `arts`
    already tokenised (Tagged.of(arts)), to tokenise a pool once. `fitted`: cross_fit's
    result for `data`, computed elsewhere (the paired old-vs-new comparison)."""
    t0 = time.perf_counter()
    fold = article_folds([a.lang for a in arts], n_folds) if article_fold is None else article_fold
    data = Tagged.of(arts) if data is None else data
    if fitted is None:
        fitted = cross_fit(data, fold, n_folds, log, trainable=trainable, t0=t0)
    oof, (x, mask, vocab, windows) = fitted
    end_to_end = []
    if oof_labels is not None:
        for k in range(n_folds):
            test = [u for u in data.units if fold[u.article] == k]
            end_to_end += _predicted_spans(
                test, oof.p, lambda u: {TECHNIQUES[j] for j in np.flatnonzero(oof_labels[u.row])}, oof.rules[k],
                data.keys, oof.fw)
    gold = _gold(arts, data.keys, set(range(len(arts))))
    cv: dict[str, Any] = {"folds": n_folds, "metric": "character-level span P/R/F1, partial overlap credited",
                          "given_gold_labels": _scores(span_scores(oof.located, gold))}
    if oof_labels is not None:
        cv["end_to_end"] = _scores(span_scores(end_to_end, gold))
    log(f"  span F1 (gold labels) {cv['given_gold_labels']['ALL']['f1']}"
        + (f", end to end {cv['end_to_end']['ALL']['f1']}" if oof_labels is not None else ""))
    learn = np.ones(len(arts), dtype=bool) if trainable is None else np.asarray(trainable, dtype=bool)
    final_rules = _choose_rules(data.units, oof.p, arts, data.keys, learn, windows, oof.fw)
    if trainable is None:
        w, b = _fit(x, data.y, mask)
    else:
        keep = learn[data.row_articles()]
        w, b = _fit(x[keep], data.y[keep], mask[keep])
    arrays = {"w": w.astype(np.float16), "b": b, "vocab": vocab_to_bytes(vocab),
              "threshold": np.array([final_rules[t].threshold for t in TECHNIQUES], dtype=np.float32),
              "gap": np.array([final_rules[t].gap for t in TECHNIQUES], dtype=np.int16),
              "window": np.array([final_rules[t].window for t in TECHNIQUES], dtype=np.int16),
              "sentences": np.array([final_rules[t].sentences for t in TECHNIQUES], dtype=np.int8),
              "function_words": vocab_to_bytes(sorted(oof.fw))}
    manifest = {"labels": list(TECHNIQUES), "hyperparameters": PARAMS, "cv": cv,
                "features": "word ±2, bigrams, prefix/suffix, shape, quotes, sentence position and end"}
    return manifest, arrays, oof


def paired_cross_fit(pool: list[TrainArticle], old: list[TrainArticle], learn: np.ndarray, fold: np.ndarray,
                     n_folds: int, log: Callable[[str], None]) -> tuple[OutOfFold, OutOfFold, Fitted]:
    """cross_fit of the OLD recipe (`old`, aligned with `pool`, learning where `learn`) and the
    NEW one (all of `pool`) with common random numbers, so that their difference is the
    corrections' effect and not the noise of a different training schedule.

    Both fit the same token rows in the same permuted batches: the pool's rows plus OLD's
    own version of each article whose text or spans differ (a corrected SemEval article).
    A row the other recipe owns is inactive in that recipe's batches (learners' `active`):
    never seen, so OLD still learns only OLD's data and NEW only the pool. One feature
    space, NEW's vocabulary: weights start at zero and a feature seen only in NEW's rows
    never moves for OLD, so OLD gains at most a few features near the count cut-off, while
    the two sides' scores on the original articles are sums over the same columns. Function
    words, fallback windows and decoding rules stay each recipe's own (chosen on its own
    training folds' data, as cross_fit does); both locate spans in the pool's texts.
    Returns OLD's and NEW's out-of-fold results on the pool and NEW's Fitted (pool rows)."""
    t0 = time.perf_counter()
    n = len(pool)
    extra = [i for i in range(n) if learn[i] and not (old[i] is pool[i] or (
        old[i].article == pool[i].article and sorted(old[i].spans) == sorted(pool[i].spans)))]
    data = Tagged.of(pool + [old[i] for i in extra])
    art_fold = np.concatenate([fold, fold[extra]]).astype(fold.dtype)
    own = {"new": np.arange(len(data.arts)) < n, "old": np.concatenate([learn, np.ones(len(extra), bool)])}
    own["old"][extra] = False
    vocab = _vocabulary([u for u in data.units if own["new"][u.article]], data.feats)
    x = _matrix(data.feats, vocab)
    rows = data.row_articles()
    base = _mask(data.units, len(data.feats))
    masks = {side: base * mine[rows][:, None].astype(np.int8) for side, mine in own.items()}
    used = masks["new"].any(axis=1) | masks["old"].any(axis=1)
    log(f"  paired: {len(data.units)} units, {x.shape[0]} tokens ({len(extra)} OLD-only articles), "
        f"{len(vocab)} features ({time.perf_counter() - t0:.0f}s)")
    p = {side: np.zeros(data.y.shape, dtype=np.float32) for side in own}
    for k in range(n_folds):
        fit, test = (art_fold[rows] != k) & used, art_fold[rows] == k
        for side in own:
            w, b = train_masked_sparse_linear(x[fit], data.y[fit], masks[side][fit], epochs=PARAMS["epochs"],
                                              seed=PARAMS["seed"], active=masks[side][fit].any(axis=1))
            p[side][test] = _score(x[test], w, b)
        log(f"  fold {k + 1}/{n_folds}, both recipes ({time.perf_counter() - t0:.0f}s)")
    n_rows = int((rows < n).sum())
    fws = {"new": function_words(pool), "old": function_words([a for a, ok in zip(old, learn, strict=True) if ok])}
    out: dict[str, OutOfFold] = {}
    for side, mine in own.items():
        windows = windows_of(data, mine)
        rules, located = [], []
        for k in range(n_folds):
            rules.append(_choose_rules(data.units, p[side], data.arts, data.keys, (art_fold != k) & mine, windows,
                                       fws[side]))
            test_units = [u for u in data.units if u.article < n and fold[u.article] == k]
            located += _predicted_spans(test_units, p[side], lambda u: u.labels, rules[k], data.keys, fws[side])
        out[side] = OutOfFold(p[side][:n_rows], rules, located, fws[side])
    return out["old"], out["new"], (x[:n_rows], base[:n_rows], vocab, windows_of(data, own["new"]))


def windows_of(data: Tagged, mine: np.ndarray) -> dict[str, int]:
    """Fallback window per technique from the articles `mine` selects."""
    return {t: _window([u for u in data.units if mine[u.article]], data.y, j) for j, t in enumerate(TECHNIQUES)}


def _fit(x: sp.csr_matrix, y: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = mask.any(axis=1)
    return train_masked_sparse_linear(x[keep], y[keep], mask[keep], epochs=PARAMS["epochs"], seed=PARAMS["seed"])


def _score(x: sp.csr_matrix, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    from propscope.models.nn import sigmoid

    return sigmoid(np.asarray(x @ w) + b)
