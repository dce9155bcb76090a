"""Corpus-stage benchmark: speed and memory at 10k/30k/100k articles, quality at 2k.

Scale runs (one subprocess per size, so peak memory is per size): the synthetic generator
(corpus/synthetic.py), reuse candidate generation (shingling in engine tasks, MinHash LSH,
candidate pairs) and the whole reuse run (corpus/reuse.py ReuseDetector.find through the
engine: `--engine local --workers 2` forks two processes, `--engine dask` starts a Dask
LocalCluster with two single-threaded worker processes in the child) and narratives
(corpus/narratives.py). Peak memory is the largest sum of PSS over the run's process tree
(the child, its pool or Dask workers and scheduler), sampled every 0.5 s; the load average
(`uptime`) at the end of each size is printed with it, because the machine is shared. The
encoder costs ~0.01-0.1 s per article, so scale runs give every article a STAND-IN vector
(narrative_vec.stand_in_vector: hashed bag of its own words, no truth used); that vector
cannot see translations, so scale-run quality (printed too) understates the real model.
The quality run encodes a smaller corpus with the real multilingual encoder and scores
reuse (P/R per kind, boilerplate-only links) and narratives (BCubed, pair F1, ARI).

    .venv/bin/python scripts/bench_corpus.py                   # 10k, 30k, 100k + quality at 2k
    .venv/bin/python scripts/bench_corpus.py --sizes 10000 --quality 500
    .venv/bin/python scripts/bench_corpus.py --sizes 10000,30000 --quality 0 --engine dask
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from propscope.corpus.narratives import NarrativeModel
from propscope.corpus.scoring import score_narratives, score_reuse
from propscope.corpus.synthetic import SyntheticCorpus, generate

try:
    from propscope.corpus import reuse_tasks
    from propscope.corpus.docs import order_key
    from propscope.corpus.reuse import ReuseDetector
except ImportError:  # part F not installed: time narratives only
    ReuseDetector = None  # type: ignore[assignment,misc]


class PeakRSS:
    """Largest sum of PSS (proportional set size: a page shared by forked workers counts
    once in all) over this process and all its descendants (pool and Dask workers, the
    scheduler), sampled in a thread: ru_maxrss sees one process only."""

    def __init__(self, every: float = 0.5) -> None:
        import psutil

        self.me, self.every, self.peak = psutil.Process(), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> int:
        import psutil

        total = 0
        for p in [self.me, *self.me.children(recursive=True)]:
            with suppress(psutil.Error):  # a worker that just exited
                total += p.memory_full_info().pss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.every)

    def cpu_s(self) -> float:
        """CPU seconds (user + system) of this process, its reaped children and the live
        ones (Dask workers): what a stage cost whatever else the shared machine runs."""
        import psutil

        own = self.me.cpu_times()
        total = own.user + own.system + own.children_user + own.children_system
        for p in self.me.children(recursive=True):
            with suppress(psutil.Error):
                t = p.cpu_times()
                total += t.user + t.system
        return total

    def mb(self) -> float:
        self.peak = max(self.peak, self._sample())
        return self.peak / 2**20

    def stage(self, name: str, into: dict[str, Any]) -> None:
        """Record the peak since the last stage under `name` (MB), then start afresh: which
        stage sets the run's peak."""
        into.setdefault("stage_peak_mb", {})[name] = round(self.mb())
        self.peak = 0


@contextmanager
def engine_for(kind: str, workers: int) -> Iterator[Any]:
    """None (in-process), a LocalEngine, or a DaskEngine on a fresh LocalCluster."""
    if kind == "none":
        yield None
        return
    from propscope.pipeline.engine import DaskEngine, LocalEngine

    if kind == "local":
        yield LocalEngine(workers)
        return
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        engine = DaskEngine(cluster.scheduler_address)
        try:
            yield engine
        finally:
            engine.close()


def _timed(fn, *args) -> tuple[Any, float]:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def _candidates(det: Any, docs: list, engine: Any) -> Any:
    """Candidate generation as a reuse run does it: shingles (engine tasks), boilerplate,
    signatures, band keys, candidate pairs (the run also finds each article's markers in
    the shingling tasks; that is timed in "reuse all", not here)."""
    _shingled, keys = det._band_keys(sorted(docs, key=order_key), engine, markers=False)
    return reuse_tasks.rank_pairs(keys, det.bucket_cap, det.bucket_neighbours)


def _stages(c: SyntheticCorpus, reuse: bool, engine: Any = None, meter: PeakRSS | None = None) -> dict[str, Any]:
    n = len(c.docs)
    out: dict[str, Any] = {"n": n}
    cpu = meter.cpu_s if meter is not None else (lambda: 0.0)
    stage = meter.stage if meter is not None else (lambda name, into: None)
    stage("generate", out)
    if reuse and ReuseDetector is not None:
        c0 = cpu()
        pairs, out["candidates_s"] = _timed(_candidates, ReuseDetector(), c.docs, engine)
        c1 = cpu()
        out["candidate_pairs"] = len(pairs)
        del pairs
        stage("candidates", out)
        links, t_find = _timed(ReuseDetector().find, c.docs, engine)
        out["candidates_cpu_s"], out["reuse_cpu_s"] = c1 - c0, cpu() - c1
        out["reuse_s"] = t_find
        out["links"] = len(links)
        out["reuse"] = score_reuse(links, c.truth.pairs, c.truth.ignore,
                                   c.truth.boilerplate_pairs).as_dict()
        del links
        stage("reuse", out)
    model = NarrativeModel()
    c2 = cpu()
    (assign, state), t_narr = _timed(model.partial_fit, c.docs, None)
    out["narratives_cpu_s"] = cpu() - c2
    stage("narratives", out)
    out["narratives_s"] = t_narr
    out["state_json_mb"] = len(json.dumps(state)) / 2**20
    out["narratives"] = score_narratives(assign, c.truth.narrative)
    return out


def one_size(n: int, seed: int, reuse: bool, engine: str = "local", workers: int = 2) -> dict[str, Any]:
    """One scale run (stand-in vectors); prints JSON for the parent."""
    from propscope.corpus.narrative_vec import stand_in_vector

    peak = PeakRSS()
    c, t_gen = _timed(generate, n, seed)
    t = time.perf_counter()
    for d in c.docs:
        d.vector = stand_in_vector(d)
    with engine_for(engine, workers) as eng:
        out = {"generate_s": t_gen, "vectors_s": time.perf_counter() - t, **_stages(c, reuse, eng, peak)}
        out["peak_rss_mb"] = max(out["stage_peak_mb"].values())
    out["load"] = [round(x, 2) for x in os.getloadavg()]
    out["engine"] = f"{engine}x{workers}" if engine != "none" else "in-process"
    return out


def quality(n: int, seed: int, reuse: bool) -> dict[str, Any]:
    from propscope.corpus.narrative_vec import text_vectors

    peak = PeakRSS()
    c = generate(n, seed)
    vecs, t_enc = _timed(text_vectors, c.docs)
    for d, v in zip(c.docs, vecs, strict=True):
        d.vector = v
    return {"encode_s": t_enc, **_stages(c, reuse), "peak_rss_mb": peak.mb()}


def _rate(n: int, seconds: float | None) -> str:
    return f"{n / seconds:9,.0f}/s" if seconds else "        -"


def _print_scale(rows: list[dict[str, Any]]) -> None:
    print(f"\nSCALE ({rows[0]['engine']}; stand-in vectors: hashed bag of each article's words, NOT the encoder)")
    print(f"{'articles':>9} {'generate':>11} {'candidates':>11} {'reuse all':>11} "
          f"{'narratives':>11} {'peak RSS':>9} {'pairs':>9} {'links':>8}  reuse s  load 1/5/15 min")
    for r in rows:
        n = r["n"]
        print(f"{n:9,d} {_rate(n, r['generate_s'])} {_rate(n, r.get('candidates_s'))} "
              f"{_rate(n, r.get('reuse_s'))} {_rate(n, r['narratives_s'])} "
              f"{r['peak_rss_mb']:7,.0f}MB {r.get('candidate_pairs', 0):9,d} {r.get('links', 0):8,d} "
              f"{r.get('reuse_s', 0):8.1f}  {' '.join(f'{x:.2f}' for x in r['load'])}")
    print("CPU seconds (all processes; load-independent): "
          + "; ".join(f"{r['n']:,}: candidates {r.get('candidates_cpu_s', 0):.0f} s, reuse {r.get('reuse_cpu_s', 0):.0f} s"
                      for r in rows))
    if all("candidates_s" in r for r in rows):
        _print_table(rows)
    base = rows[0]
    for r in rows[1:]:
        k = r["n"] / base["n"]
        parts = [f"x{k:.0f} articles:"]
        for key in ("candidates_s", "reuse_s", "narratives_s", "candidates_cpu_s", "reuse_cpu_s"):
            if base.get(key) and r.get(key):
                parts.append(f"{key[:-2]} x{r[key] / base[key]:.1f}")
        print("growth " + ", ".join(parts) + f" (linear = x{k:.0f})")
    for r in rows:
        s = r["narratives"]
        print(f"  {r['n']:,}: narrative state {r['state_json_mb']:.1f} MB JSON; BCubed F1 {s['bcubed_f1']:.3f} pair F1 {s['pair_f1']:.3f} "
              f"ARI {s['ari']:.3f} ({s['clusters']} found / {s['true_clusters']} true)"
              + (f"; reuse P {r['reuse']['overall']['precision']:.3f} R {r['reuse']['overall']['recall']:.3f}"
                 if "reuse" in r else ""))


def _print_table(rows: list[dict[str, Any]]) -> None:
    """The scale table of docs/corpus.md and the README."""
    print("\n| n | engine | candidates articles/s (wall) | candidates CPU s | reuse wall / CPU s | pairs "
          "| links | narratives wall s | peak memory (stage) | load 1/5/15 min |")
    print("|--:|---|--:|--:|--:|--:|--:|--:|--:|---|")
    for r in rows:
        top = max(r["stage_peak_mb"], key=r["stage_peak_mb"].get)
        print(f"| {r['n']:,} | {r['engine']} | {r['n'] / r['candidates_s']:,.0f} | {r['candidates_cpu_s']:.0f} "
              f"| {r['reuse_s']:.0f} / {r['reuse_cpu_s']:.0f} | {r['candidate_pairs']:,} | {r['links']:,} "
              f"| {r['narratives_s']:.0f} | {r['peak_rss_mb'] / 1024:.2f} GB ({top}) "
              f"| {' / '.join(f'{x:.1f}' for x in r['load'])} |")
    print("peak per stage (MB): " + "; ".join(f"{r['n']:,}: {r['stage_peak_mb']}" for r in rows))


def _print_quality(q: dict[str, Any]) -> None:
    n = q["n"]
    print(f"\nQUALITY ({n:,} articles, real multilingual encoder: {q['encode_s']:.0f} s to encode)")
    s = q["narratives"]
    print(f"narratives: BCubed P {s['bcubed_precision']:.3f} R {s['bcubed_recall']:.3f} "
          f"F1 {s['bcubed_f1']:.3f} | pair F1 {s['pair_f1']:.3f} | ARI {s['ari']:.3f} | "
          f"{s['clusters']} found / {s['true_clusters']} true")
    if "reuse" not in q:
        print("reuse: corpus/reuse.py ReuseDetector not available, not measured")
        return
    r = q["reuse"]
    for kind, v in r["by_kind"].items():
        print(f"reuse {kind:10s} P {v['precision']:.3f} R {v['recall']:.3f} "
              f"(any-kind R {r['any_kind_recall'][kind]:.3f}; {v['expected']} true, {v['predicted']} found)")
    o = r["overall"]
    print(f"reuse any kind   P {o['precision']:.3f} R {o['recall']:.3f}; boilerplate-only pairs "
          f"linked: {r['boilerplate_links']} of {r['boilerplate_pairs']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--quality", type=int, default=2000, help="articles for the encoder run (0: skip)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-reuse", action="store_true", help="time narratives only")
    ap.add_argument("--engine", choices=("local", "dask", "none"), default="local",
                    help="scale runs: LocalEngine, a Dask LocalCluster, or in-process")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child: one scale run
    args = ap.parse_args()
    reuse = not args.no_reuse
    if args.one:
        print(json.dumps(one_size(args.one, args.seed, reuse, args.engine, args.workers)))
        return 0
    if ReuseDetector is None and reuse:
        print("corpus/reuse.py (ReuseDetector) not found: timing narratives only")
    rows = []
    for n in (int(x) for x in args.sizes.split(",") if x):
        cmd = [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed),
               "--engine", args.engine, "--workers", str(args.workers)]
        cmd += ["--no-reuse"] if not reuse else []
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"... {n:,} done: {json.dumps({k: v for k, v in rows[-1].items() if k.endswith(('_s', '_mb'))})}",
              file=sys.stderr, flush=True)
    if rows:
        _print_scale(rows)
    if args.quality:
        _print_quality(quality(args.quality, args.seed, reuse))
    print("\nreproduce: .venv/bin/python scripts/bench_corpus.py "
          f"--sizes {shlex.quote(args.sizes)} --quality {args.quality} --seed {args.seed} "
          f"--engine {args.engine} --workers {args.workers}"
          + (" --no-reuse" if not reuse else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
