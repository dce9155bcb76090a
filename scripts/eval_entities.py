"""Per-language precision/recall of find_entities on tests/fixtures/entities.

`.venv/bin/python scripts/eval_entities.py [-v] [--dir tests/fixtures/entities_heldout]` prints
one line per language; -v lists the false positives and the misses (rules in
propscope.analyzers.voices.entity_eval). The held-out folder was written after the rules were
tuned on tests/fixtures/entities and must not be used to tune them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from propscope.analyzers.voices.entity_eval import FIXTURES, evaluate, load_fixtures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--dir", type=Path, default=FIXTURES)
    args = ap.parse_args()
    for lang, s in sorted(evaluate(load_fixtures(args.dir)).items()):
        print(f"{lang}: precision {s.precision:.3f} recall {s.recall:.3f} "
              f"(gold {s.n_gold}, predicted {s.n_pred}, right {s.true_pos})")
        if args.verbose:
            for line in s.false_pos:
                print("   FP", line)
            for line in s.missed:
                print("   MISS", line)


if __name__ == "__main__":
    main()
