"""Per-label expected calibration error of the accurate tier's mix on held-out fold 0.

Reads the work files of `python -m propscope.training.accurate fold 0 / fast 0` (default
/tmp/acc), cross-fits Platt maps over article halves (training/accurate/evaluate.py) and
prints each label's ECE averaged over 3 splits. Uses the torch logits (int8 differs by a
few thousandths of F1, see docs/accuracy-tier.md).
Usage: .venv/bin/python scripts/accurate_perlabel_ece.py
"""
import json

import numpy as np

from propscope.models.nn import sigmoid
from propscope.semeval.labels import TECHNIQUES
from propscope.training.accurate import evaluate
from propscope.training.accurate.build import fast_probabilities
from propscope.training.accurate.units import load_units

u = load_units("en"); acc = np.load("/tmp/acc/acc_fold0.npz"); idx = acc["idx"]
y, art = u.y[idx], u.article[idx]
p = 0.5 * sigmoid(acc["logits"]) + 0.5 * fast_probabilities(np.load("/tmp/acc/fast_fold0.npz"), u, idx)
per = np.zeros(23); per_hi = []
for seed in range(3):
    cal, _ = evaluate.cross_fit(p, y, art, seed, per_label=True)
    per += [evaluate.ece(cal[:, j], y[:, j]) for j in range(23)]
per /= 3
print(json.dumps({"max": round(float(per.max()), 4), "mean": round(float(per.mean()), 4),
                  "worst": sorted(((round(float(v), 4), TECHNIQUES[j], int(y[:, j].sum())) for j, v in enumerate(per)), reverse=True)[:5]}))
