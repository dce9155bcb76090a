"""End-to-end character-level span F1 per technique on the held-out fold, by tier.

The span tagger (the fast tier's, `training.spans`) is trained on the other folds, all
languages, as `make models` trains it; it then marks spans inside the fold-K English
paragraphs that a tier labelled. Decoding rules are cross-fitted like the thresholds:
chosen on one half of fold K's articles (with the tagger's held-out scores) and applied to
the other. Three label sources are compared: gold labels (the tagger alone), the fast tier
and the accurate tier (both with cross-fitted thresholds, `evaluate.cross_fit`, seed 0).

Usage: python -m propscope.training.accurate.spans_eval [--work DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from propscope.models.accurate import bundle_dir
from propscope.models.nn import sigmoid
from propscope.semeval.labels import TECHNIQUES
from propscope.semeval.spans import span_scores
from propscope.training import spans as sp
from propscope.training.accurate import evaluate
from propscope.training.accurate.build import FAST_WEIGHT, fast_probabilities
from propscope.training.accurate.units import load_units
from propscope.training.data import load_all
from propscope.training.folds import article_folds


def held_out_labels(work: Path, k: int) -> dict[str, dict[tuple[str, int], set[str]]]:
    """(article key, unit position) -> predicted techniques, per label source."""
    u = load_units("en")
    acc = np.load(work / f"acc_fold{k}.npz")
    idx = acc["idx"]
    y, article = u.y[idx], u.article[idx]
    p_fast = fast_probabilities(np.load(work / f"fast_fold{k}.npz"), u, idx)
    mixes = {"fast": p_fast, "accurate": (1 - FAST_WEIGHT) * sigmoid(acc["logits"]) + FAST_WEIGHT * p_fast}
    out: dict[str, dict[tuple[str, int], set[str]]] = {}
    for name, p in mixes.items():
        _, pred = evaluate.cross_fit(p, y, article, 0, per_label=True)
        out[name] = {(u.arts[u.article[i]].key, int(u.position[i])): {TECHNIQUES[j] for j in np.flatnonzero(pred[r])}
                     for r, i in enumerate(idx)}
    return out


def record_in_manifest(report: dict[str, dict[str, dict[str, float]]], k: int) -> None:
    """Per-technique span F1 by label source goes into the shipped manifest (pinned by tests)."""
    path = bundle_dir("en") / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["spans_end_to_end"] = {
        "held_out_fold": k, "metric": "character-level span P/R/F1, partial overlap credited (semeval.spans)",
        "tagger": "fast tier span tagger trained on the other folds; decoding rules cross-fitted on halves",
        "f1": {src: {t: round(v["f1"], 4) for t, v in rows.items()} for src, rows in report.items()},
    }
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, default=Path("/tmp/propscope-accurate"))
    ap.add_argument("--k", type=int, default=0)
    args = ap.parse_args(argv)
    arts = load_all()
    keys = [a.key for a in arts]
    fw = sp.function_words(arts)
    units, feats, y = sp._units(arts)
    x = sp._matrix(feats, sp._vocabulary(units, feats))
    mask = sp._mask(units, len(feats))
    windows = {t: sp._window(units, y, j) for j, t in enumerate(TECHNIQUES)}
    fold = article_folds([a.lang for a in arts])
    row_fold = np.repeat([fold[u.article] for u in units], [len(u.tokens) for u in units])
    w, b = sp._fit(x[row_fold != args.k], y[row_fold != args.k], mask[row_fold != args.k])
    p = np.zeros(y.shape, dtype=np.float32)
    p[row_fold == args.k] = sp._score(x[row_fold == args.k], w, b)
    test_arts = np.array([fold[i] == args.k and arts[i].lang == "en" for i in range(len(arts))])
    position: dict[int, int] = {}
    for u in units:  # unit position inside its article, to join with the tiers' rows
        position[u.row] = position.get(u.row - 1, -1) + 1 if u.row and units[u.row - 1].article == u.article else 0
    labels = held_out_labels(args.work, args.k)
    rng = np.random.RandomState(0)
    chosen_arts = np.flatnonzero(test_arts)
    rng.shuffle(chosen_arts)
    half_a = np.zeros(len(arts), dtype=bool)
    half_a[chosen_arts[: len(chosen_arts) // 2]] = True
    rows: dict[str, list] = {"gold_labels": [], "fast": [], "accurate": []}
    for fit_half in (half_a, test_arts & ~half_a):
        rules = sp._choose_rules(units, p, arts, keys, fit_half, windows, fw)
        apply = [u for u in units if test_arts[u.article] and not fit_half[u.article]]
        rows["gold_labels"] += sp._predicted_spans(apply, p, lambda u: u.labels, rules, keys, fw)
        for name in ("fast", "accurate"):
            got = labels[name]
            rows[name] += sp._predicted_spans(
                apply, p, lambda u, got=got: got.get((keys[u.article], position[u.row]), set()), rules, keys, fw)
    gold = sp._gold(arts, keys, set(np.flatnonzero(test_arts)))
    report = {name: sp._scores(span_scores(r, gold)) for name, r in rows.items()}
    (args.work / f"spans_fold{args.k}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    record_in_manifest(report, args.k)
    for name, s in report.items():
        print(name, "ALL", s["ALL"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
