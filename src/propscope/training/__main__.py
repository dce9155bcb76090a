"""`make models` / `python -m propscope.training`: rebuild every shipped model from ../shared.

Deterministic (fixed seeds, fixed fold assignment); reads only ../shared/data (or
$PROPSCOPE_SHARED); writes the bundles into src/propscope/models/bundles/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time

from propscope.models.bundle import BUNDLE_DIR, save_bundle
from propscope.training.data import load_all, semeval_root

VERSION = "1.0.0"


def _log(msg: str) -> None:
    print(msg, flush=True)


def data_fingerprint() -> str:
    """Hash of the label files, so a manifest says exactly which data it was trained on."""
    h = hashlib.sha256()
    for path in sorted(semeval_root().glob("*/train-labels-subtask-*.txt")):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m propscope.training", description=__doc__)
    ap.add_argument("--only", choices=["techniques", "spans", "genre", "frames"], action="append",
                    help="spans needs techniques' out-of-fold labels, so it retrains techniques too")
    args = ap.parse_args(argv)
    wanted = args.only or ["genre", "frames", "techniques", "spans"]
    meta = {"version": VERSION, "data": {"semeval2023": data_fingerprint(), "languages": "en fr ge it po ru"},
            "built": dt.date.today().isoformat(), "command": "make models"}
    t0 = time.perf_counter()
    if "genre" in wanted or "frames" in wanted:
        from propscope.training import docclass

        for name, fn in (("genre", docclass.train_genre), ("frames", docclass.train_frames)):
            if name in wanted:
                _log(f"training {name}")
                manifest, arrays = fn(_log)
                save_bundle(BUNDLE_DIR / name, {**meta, "name": name, **manifest}, arrays)
    if "techniques" in wanted or "spans" in wanted:
        from propscope.training import spans, techniques

        arts = load_all()
        _log("training techniques")
        manifest, arrays, oof_labels = techniques.train(arts, _log)
        save_bundle(BUNDLE_DIR / "techniques", {**meta, "name": "techniques", **manifest}, arrays)
        if "spans" in wanted:
            _log("training spans")
            manifest, arrays = spans.train(arts, oof_labels, _log)
            save_bundle(BUNDLE_DIR / "spans", {**meta, "name": "spans", **manifest}, arrays)
    _log(f"done in {time.perf_counter() - t0:.0f}s; bundles in {BUNDLE_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
