"""`make bench` (second part): analyzer throughput, model load time and cross-validated quality.

Input: SemEval-2023 *test* articles (all languages) from ../shared, read at run time; each is
turned into an Article (title + paragraphs) and run through techniques + spans, genre and
frames, and voices (quotes, entities, stance). Throughput uses `propscope analyze`'s worker
pool: N processes forked after loading (models shared copy-on-write), one BLAS thread each.
All stages run first, then the voices stage alone (issue 6's speed target is for it).
Reproduce: `.venv/bin/python scripts/bench_analyze.py [--workers 2] [--limit 400]`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEMEVAL = ROOT.parent / "shared" / "data" / "semeval2023"
ISO = {"en": "en", "fr": "fr", "ge": "de", "it": "it", "po": "pl", "ru": "ru", "es": "es", "gr": "el", "ka": "ka"}


def articles(limit: int) -> list:
    from propscope.schema import Article, paragraphs_from_blocks
    from propscope.semeval.io import read_article

    paths = sorted(SEMEVAL.glob("*/test-articles-subtask-3/article*.txt"))
    # round-robin over languages so any limit keeps the language mix
    by_lang: dict[str, list[Path]] = {}
    for p in paths:
        by_lang.setdefault(p.parts[-3], []).append(p)
    order = [p for group in zip(*by_lang.values()) for p in group]
    out = []
    for p in order[:limit]:
        sa = read_article(p)
        text, paras = paragraphs_from_blocks([ln.text for ln in sa.lines[1:]])
        out.append(Article(text=text, title=sa.title, paragraphs=paras, language=ISO[p.parts[-3]]))
    return out


def _run(analyzer: object, arts: list, workers: int) -> tuple[int, float]:
    from propscope.pipeline.analyze import AnalysisPool

    pool = AnalysisPool(analyzer, workers)  # what `propscope analyze --workers N` runs
    t1 = time.perf_counter()
    done = sum(1 for analysis, error in pool(arts) if error is None)
    pool.close()
    return done, time.perf_counter() - t1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--limit", type=int, default=400)
    ns = ap.parse_args()
    import propscope.pipeline.analyze  # noqa: F401 - the store layer's imports are not model load

    t0 = time.perf_counter()
    from propscope.analyzers.persuasion import PersuasionAnalyzer
    from propscope.models import encoder

    analyzer = PersuasionAnalyzer()
    encoder.warm_up()
    load_s = time.perf_counter() - t0
    arts = articles(ns.limit)
    units = sum(len(a.paragraphs) + 1 for a in arts)
    done, dt = _run(analyzer, arts, ns.workers)
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(f"analyzers (techniques+spans, genre, frames, voices) · {ns.workers} processes · {os.cpu_count()} CPUs")
    print(f"  model load + encoder warm-up: {load_s:.2f} s")
    print(f"  {done} articles ({units} units) in {dt:.1f} s: {done / dt:.1f} articles/s, {units / dt:.0f} units/s")
    print(f"  peak RSS (parent + largest child): {peak:.0f} MB")
    for lang_set in (None, ("en", "ru")):
        subset = [a for a in arts if lang_set is None or a.language in lang_set]
        for a in subset:
            a.analysis = None
        vdone, vdt = _run(PersuasionAnalyzer(("voices",)), subset, ns.workers)
        words = sum(len(a.text.split()) for a in subset) / max(1, len(subset))
        label = "all languages" if lang_set is None else "/".join(lang_set)
        print(f"  voices alone (quotes + entities + stance), {label}: {vdone} articles "
              f"({words:.0f} words avg) in {vdt:.1f} s: {vdone / vdt:.1f} articles/s")
    for name in ("techniques", "genre", "frames"):
        m = json.loads((ROOT / "src/propscope/models/bundles" / name / "manifest.json").read_text())
        cv = {k: v for k, v in m["cv"].items() if isinstance(v, dict) and k != "per_label_f1"}
        print(f"  {name} 5-fold CV: {json.dumps(cv)}")
    print("reproduce: .venv/bin/python scripts/bench_analyze.py --workers 2 --limit 400")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
