"""Cheap changes for the languages MiniLM-L6 cannot serve, measured on the fast tier's fold K.

The English encoder's vocabulary is English-only, so fr/de/it/pl/ru keep the fast tier
(multilingual USE vectors + trained heads + n-grams). What is cheap to change there is the
decision layer, which the issue names: per-label, per-language thresholds. This compares,
on held-out fold K (fast-tier members trained on the other folds, `fastfold`), with the
same cross-fitting over article halves as `evaluate`:
- pooled: per-label thresholds pooled over languages + one shift per language (shipped);
- per_language: per-label thresholds fit on the language's own articles;
- per_language_platt: that, after a per-language Platt map.

Usage: python -m propscope.training.accurate.langs_eval [--work DIR] [--k 0]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from propscope.models.bundle import load_bundle
from propscope.models.nn import platt
from propscope.models.unit_features import LANG_SLOTS
from propscope.training.accurate import evaluate
from propscope.training.thresholds import fit_thresholds, label_thresholds, micro_f1


def article_halves(keys: np.ndarray, seed: int) -> np.ndarray:
    uniq = np.unique(keys)
    rng = np.random.RandomState(seed)
    rng.shuffle(uniq)
    return np.isin(keys, uniq[: len(uniq) // 2])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, default=Path("/tmp/propscope-accurate"))
    ap.add_argument("--k", type=int, default=0)
    args = ap.parse_args(argv)
    f = np.load(args.work / f"fast_fold{args.k}.npz")
    tech = load_bundle("techniques").arrays
    p = platt(f["raw"], tech["platt.a"], tech["platt.b"])
    y, langs, keys = f["y"], f["langs"], f["key"]
    langs_present = [lang for lang in LANG_SLOTS if (langs == lang).any()]
    scores: dict[str, dict[str, list[float]]] = {m: {lang: [] for lang in langs_present}
                                                  for m in ("pooled", "per_language", "per_language_platt")}
    for seed in range(evaluate.REPEATS):
        in_a = article_halves(keys, seed)
        preds = {m: np.zeros(y.shape, dtype=bool) for m in scores}
        for fit_on in (in_a, ~in_a):
            th, shifts = fit_thresholds(p[fit_on], y[fit_on], langs[fit_on], langs_present)
            for lang in langs_present:
                tgt, src = ~fit_on & (langs == lang), fit_on & (langs == lang)
                preds["pooled"][tgt] = p[tgt] >= th + shifts.get(lang, 0.0)
                preds["per_language"][tgt] = p[tgt] >= label_thresholds(p[src], y[src])
                a, b, th_l = evaluate.fit_decision(p[src], y[src], per_label=True)
                preds["per_language_platt"][tgt] = platt(p[tgt], a, b) >= th_l
        for m, pred in preds.items():
            for lang in langs_present:
                sel = langs == lang
                scores[m][lang].append(micro_f1(y[sel], pred[sel]))
    out = {m: {lang: [round(float(np.mean(v)), 4), round(float(np.std(v)), 4)] for lang, v in s.items()}
           for m, s in scores.items()}
    (args.work / f"langs_fold{args.k}.json").write_text(json.dumps(out, indent=1), encoding="utf-8")
    for m, s in out.items():
        print(m, s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
