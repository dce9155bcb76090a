"""Accurate-tier training entry point: `python -m propscope.training.accurate <step>`.

Steps: `fold K` fine-tunes on the other folds and writes held-out logits for fold K;
`fast K` trains the fast tier's members on the other folds and writes its fold-K scores;
`bundle K` calibrates, thresholds, exports ONNX (int8) and writes the bundle; `all` runs the
three for fold 0 and then `spans_eval` (what `make models` does: ~90 min on 2 busy cores).
Intermediate files go to `--work`; a rerun resumes fine-tuning from its last checkpoint.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

WORK = Path(tempfile.gettempdir()) / "propscope-accurate"


def log(msg: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {msg}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m propscope.training.accurate")
    ap.add_argument("step", choices=["fold", "fast", "bundle", "all"])
    ap.add_argument("k", nargs="?", type=int, default=0)
    ap.add_argument("--work", type=Path, default=WORK)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step in ("fold", "all"):
        from propscope.training.accurate.run import run_fold

        run_fold(args.k, args.work, args.threads, log)
    if args.step in ("fast", "all"):
        from propscope.training.accurate.fastfold import run_fast_fold

        run_fast_fold(args.k, args.work, log)
    if args.step in ("bundle", "all"):
        from propscope.training.accurate.build import build_bundle

        build_bundle(args.k, args.work, log)
    if args.step == "all":
        from propscope.training.accurate import spans_eval

        spans_eval.main(["--work", str(args.work), "--k", str(args.k)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
