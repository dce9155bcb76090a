"""Speed of the techniques tiers on real English articles (issue 7: >= 5 articles/s on 2 cores).

Runs the techniques model only (the stage the tier changes): the fast tier (sentence vectors
+ ensemble) and the accurate tier (the same, plus the int8 MiniLM and the mix), one thread
per process, over N SemEval English training articles (units = title + paragraphs). Reports
CPU seconds per article (load independent: ONNX Runtime spinning is off), wall latency of
one article (p50/p90), and articles/s for 1 process and for `--procs` processes in parallel.
Timings on a shared machine are load dependent: `uptime` is printed with them.

Usage: .venv/bin/python scripts/bench_accurate.py [--limit 100] [--procs 2] [--bundles DIR]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import time

import numpy as np


def _articles(limit: int) -> list[list[str]]:
    from propscope.semeval.io import read_article
    from propscope.training.data import semeval_root

    paths = sorted((semeval_root() / "en" / "train-articles-subtask-3").glob("article*.txt"))[:limit]
    return [[ln.text for ln in read_article(p).lines] for p in paths]


def _run(args: tuple[str, list[list[str]], str | None]) -> tuple[float, float, list[float]]:
    tier, arts, root = args
    os.environ["OMP_NUM_THREADS"] = "1"
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    from pathlib import Path

    from propscope.models import encoder
    from propscope.models.accurate import TieredTechniques
    from propscope.models.techniques import TechniqueModel

    model = TieredTechniques(TechniqueModel.load(), tier, Path(root) if root else None)
    model.predict(arts[0], "en", encoder.encode(arts[0]))  # warm-up: sessions, caches
    lat = []
    w0, c0 = time.perf_counter(), time.process_time()
    for units in arts:
        t = time.perf_counter()
        model.predict(units, "en", encoder.encode(units))
        lat.append(time.perf_counter() - t)
    return time.perf_counter() - w0, time.process_time() - c0, lat


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--bundles", default=None, help="folder with techniques-accurate-* (default: shipped)")
    args = ap.parse_args()
    arts = _articles(args.limit)
    out: dict[str, object] = {"articles": len(arts), "units_per_article": round(float(np.mean([len(a) for a in arts])), 1),
                              "uptime_before": subprocess.run(["uptime"], check=False, capture_output=True, text=True).stdout.strip()}
    for tier in ("fast", "accurate"):
        wall, cpu, lat = _run((tier, arts, args.bundles))
        chunks = [arts[i :: args.procs] for i in range(args.procs)]
        w0 = time.perf_counter()
        with mp.get_context("fork").Pool(args.procs) as pool:
            parts = pool.map(_run, [(tier, c, args.bundles) for c in chunks])
        par_wall = time.perf_counter() - w0
        out[tier] = {"cpu_s_per_article": round(cpu / len(arts), 4),
                     "articles_per_s_per_core_from_cpu": round(len(arts) / cpu, 2),
                     "one_process_articles_per_s": round(len(arts) / wall, 2),
                     "latency_s_p50": round(float(np.percentile(lat, 50)), 4),
                     "latency_s_p90": round(float(np.percentile(lat, 90)), 4),
                     f"{args.procs}_procs_articles_per_s_incl_startup": round(len(arts) / par_wall, 2),
                     f"{args.procs}_procs_articles_per_s_loop_only": round(len(arts) / max(p[0] for p in parts), 2)}
    out["uptime_after"] = subprocess.run(["uptime"], check=False, capture_output=True, text=True).stdout.strip()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
