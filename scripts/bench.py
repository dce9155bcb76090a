"""`make bench`: ingest throughput (articles/s) and peak memory, end to end into SQLite.

Each measurement runs in a fresh subprocess so peak RSS (self + extraction workers) is
that stage's own. Inputs are read from ../shared at run time (never copied into the repo):
- plain text: every SemEval-2023 article (train + test, all languages), as .txt files;
- HTML (SemEval): the same articles wrapped in a minimal HTML page;
- HTML (WCXB): the real article pages of the WCXB dev split, compared with trafilatura
  alone on the same pages and the same number of processes.
Reproduce: `make bench` (or `.venv/bin/python scripts/bench.py [--workers N]`).

`--rounds N` measures only one HTML corpus (`--corpus wcxb`, the default, or
`--corpus semeval-html`), alternating trafilatura alone and propscope N times and printing medians and their ratio: on a shared machine the load drifts, and
interleaving exposes both sides to the same drift, so the ratio is far steadier than the
absolute times (`.venv/bin/python scripts/bench.py --rounds 5`; `--every 3` takes every
third page, for more and shorter rounds).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEMEVAL = SHARED / "data" / "semeval2023"
WCXB = SHARED / "data" / "wcxb" / "dev" / "html"


def semeval_files() -> list[Path]:
    seen: dict[tuple[str, str], Path] = {}
    for path in sorted(SEMEVAL.glob("*/*-articles-subtask-*/article*.txt")):
        seen.setdefault((path.parts[-3], path.name), path)
    return list(seen.values())


def stage_corpus(kind: str, tmp: Path, every: int = 1) -> Path:
    """Copy (or wrap) inputs into a temp dir the ingest reads, outside the repo."""
    out = tmp / kind
    out.mkdir()
    if kind == "text":
        for i, p in enumerate(semeval_files()):
            shutil.copyfile(p, out / f"{i:05d}_{p.name}")
    elif kind == "semeval-html":
        for i, p in enumerate(semeval_files()):
            lines = p.read_text(encoding="utf-8", errors="replace").splitlines()
            title, body = (lines[0] if lines else ""), [ln for ln in lines[1:] if ln.strip()]
            page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
                    f"</title></head><body><article><h1>{html.escape(title)}</h1>"
                    + "".join(f"<p>{html.escape(b)}</p>" for b in body) + "</article></body></html>")
            (out / f"{i:05d}.html").write_text(page, encoding="utf-8")
    else:  # wcxb
        for p in sorted(WCXB.glob("*.html.gz"))[::every]:
            (out / p.name.removesuffix(".gz")).write_bytes(gzip.decompress(p.read_bytes()))
    return out


def child_ingest(corpus: str, db: str, workers: int) -> None:
    from propscope.ingest import iter_inputs
    from propscope.pipeline import ingest
    from propscope.store import open_store

    store = open_store(f"sqlite:///{db}")
    t0 = time.perf_counter()
    report = ingest(iter_inputs([corpus]), store, workers=workers, batch_size=200)
    dt = time.perf_counter() - t0
    store.close()
    print(json.dumps({"docs": report.read, "stored": report.stored, "errors": report.errors,
                      "seconds": dt, "per_s": report.read / dt}))


def child_trafilatura(corpus: str, workers: int) -> None:
    import multiprocessing as mp

    files = sorted(Path(corpus).iterdir())
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        n = sum(pool.map(_traf_one, files, chunksize=4))
    dt = time.perf_counter() - t0
    print(json.dumps({"docs": len(files), "stored": n, "errors": len(files) - n,
                      "seconds": dt, "per_s": len(files) / dt}))


def _traf_one(path: Path) -> int:
    import trafilatura

    result = trafilatura.bare_extraction(path.read_text(encoding="utf-8", errors="replace"),
                                         with_metadata=True)
    return int(result is not None)


def run_child(args: list[str]) -> dict:
    """Run one measurement; sample the summed PSS of the whole process tree.

    PSS (not RSS): forked workers share the parent's pages copy-on-write, and summing RSS
    would count those pages once per process.
    """
    import psutil

    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    ps, peak = psutil.Process(proc.pid), 0
    cpu: dict[int, float] = {}  # last CPU seconds seen per process of the tree
    while proc.poll() is None:
        try:
            tree = [ps, *ps.children(recursive=True)]
            peak = max(peak, sum(p.memory_full_info().pss for p in tree))
            for p in tree:
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.05)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        raise SystemExit(f"benchmark child failed: {args}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(peak / 2**20, 1)
    result["cpu_s"] = round(sum(cpu.values()), 2)
    return result


def interleaved(rounds: int, workers: int, every: int, kind: str = "wcxb") -> None:
    """One HTML corpus: trafilatura alone and propscope alternately; medians and their ratio."""
    w = ["--workers", str(workers)]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        corpus = stage_corpus(kind, tmp, every)
        traf: list[dict] = []
        ours: list[dict] = []
        for i in range(rounds):
            traf.append(run_child([*w, "--child", "traf", str(corpus)]))
            ours.append(run_child([*w, "--child", "ingest", str(corpus), str(tmp / f"r{i}.db")]))
            t, o = traf[-1], ours[-1]
            print(f"round {i + 1}: trafilatura {t['seconds']:.2f} s ({t['cpu_s']} CPU s) · "
                  f"propscope {o['seconds']:.2f} s ({o['cpu_s']} CPU s; {o['docs']} docs, "
                  f"{o['errors']} errors, {o['peak_rss_mb']} MB) · "
                  f"ratio {o['seconds'] / t['seconds']:.3f}", flush=True)
        for key, label in (("seconds", "wall"), ("cpu_s", "CPU")):
            t_med = statistics.median(r[key] for r in traf)
            o_med = statistics.median(r[key] for r in ours)
            ratios = statistics.median(o[key] / t[key] for t, o in zip(traf, ours))
            print(f"median {label} over {rounds} rounds: trafilatura {t_med:.2f} s · propscope "
                  f"{o_med:.2f} s · ratio {o_med / t_med:.3f} (median per-round ratio {ratios:.3f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=0,
                    help="WCXB only, N interleaved rounds of trafilatura alone vs propscope")
    ap.add_argument("--corpus", choices=("wcxb", "semeval-html"), default="wcxb",
                    help="with --rounds: which HTML corpus")
    ap.add_argument("--every", type=int, default=1,
                    help="with --rounds: only every N-th WCXB page (shorter, more rounds)")
    ap.add_argument("--child", nargs="*")
    ns = ap.parse_args()
    if ns.rounds:
        interleaved(ns.rounds, ns.workers, max(1, ns.every), ns.corpus)
        return
    if ns.child:
        kind, *rest = ns.child
        if kind == "ingest":
            child_ingest(rest[0], rest[1], ns.workers)
        else:
            child_trafilatura(rest[0], ns.workers)
        return
    if not SEMEVAL.is_dir():
        sys.exit(f"benchmark data not found at {SEMEVAL}")
    print(f"propscope ingest benchmark · {ns.workers} worker processes · {os.cpu_count()} CPUs")
    print(f"{'input':28} {'docs':>6} {'errors':>6} {'seconds':>8} {'docs/s':>8} {'peak PSS MB (all procs)':>24}")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        rows = []
        for kind in ("text", "semeval-html", "wcxb"):
            corpus = stage_corpus(kind, tmp)
            w = ["--workers", str(ns.workers)]
            rows.append((f"{kind} -> SQLite", run_child([*w, "--child", "ingest", str(corpus),
                                                          str(tmp / f"{kind}.db")])))
            if kind != "text":
                rows.append((f"{kind}: trafilatura alone", run_child([*w, "--child", "traf", str(corpus)])))
        for name, r in rows:
            print(f"{name:28} {r['docs']:>6} {r['errors']:>6} {r['seconds']:>8.2f} "
                  f"{r['per_s']:>8.1f} {r['peak_rss_mb']:>24}")
    print("reproduce: make bench   (quality: .venv/bin/python scripts/eval_wcxb.py)")


if __name__ == "__main__":
    main()
