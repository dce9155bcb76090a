"""`make bench` (third part): the workbench at scale — page and API latency over 100,000
stored articles, and the time to build a 1,000-article report.

The corpus is synthetic (scripts/gen_corpus.py: fixed seed, own vocabulary, hand-made
analyses written through the normal Store API) and is kept between runs at --db, so only
the first run pays for generating it. Each case is requested --rounds times through the
real ASGI app in-process (Starlette's TestClient), so the time is server time plus a
negligible in-process client; p95 is what the issue's 300 ms target is about.
Reproduce: `.venv/bin/python scripts/bench_web.py [--db .bench/corpus100k.db] [-n 100000]`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from gen_corpus import generate

from propscope.store import open_store


def _p(times: list[float], q: float) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, round(q * (len(times) - 1)))]


def _cases(ids: list[str]) -> list[tuple[str, list[str]]]:
    """(name, URLs cycled through): different articles/pages so no single row stays hot."""
    return [
        ("article page", [f"/articles/{i}" for i in ids]),
        ("article JSON", [f"/api/v1/articles/{i}" for i in ids]),
        ("list page, no filter", [f"/articles?page={p}" for p in (1, 2, 50, 100)]),
        ("list page, technique", [f"/articles?technique=Loaded_Language&page={p}" for p in (1, 40)]),
        ("list page, language+frame", ["/articles?language=de&frame=Political"]),
        ("search page", [f"/search?q={w}" for w in ("harbour", "bridge", "выборы", "Regierung")]),
        ("list JSON, search", [f"/api/v1/articles?q={w}" for w in ("harbour", "budget")]),
        ("overview page", ["/", "/?language=ru"]),
        ("stats JSON", ["/api/v1/stats", "/api/v1/stats?technique=Doubt"]),
        ("voices page", ["/voices"]),
        ("source voices JSON", ["/api/v1/sources/voices", "/api/v1/sources/voices?source=EN+Wire"]),
    ]


def bench_pages(db: str, rounds: int) -> None:
    from fastapi.testclient import TestClient

    from propscope.api.app import create_app

    store = open_store(db)
    ids = [s.id for s in store.list_articles(limit=25, offset=1234)]
    client = TestClient(create_app(store, token=None))
    print(f"workbench over {store.count_articles():,} articles ({store.url.get_backend_name()}), "
          f"{rounds} requests per case")
    for name, urls in _cases(ids):
        t0 = time.perf_counter()
        client.get(urls[0])  # the first request also fills the caches: reported as "cold"
        cold = (time.perf_counter() - t0) * 1000
        times = []
        for r in range(rounds):
            url = urls[r % len(urls)]
            t0 = time.perf_counter()
            resp = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if resp.status_code != 200:
                raise SystemExit(f"{url}: HTTP {resp.status_code}")
        print(f"  {name:<28} cold {cold:7.1f} ms   p50 {statistics.median(times):7.1f} ms"
              f"   p95 {_p(times, .95):7.1f} ms")
    store.close()


def bench_voices_uncached(db: str, rounds: int = 10) -> None:
    """The voices cases above hit the Store's cache after the first request: here the
    index sums and the speaker names every time, and what /voices cost before the index
    (every payload re-read and attributed), timed once."""
    from propscope.corpus.source_voices import from_totals, source_voices
    from propscope.store import voice_spans

    with open_store(db) as store:
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            with store.engine.connect() as conn:
                rows = from_totals(*voice_spans.source_totals(conn))
                voice_spans.entity_names(conn, [v for r in rows for v in r.speakers])
            times.append((time.perf_counter() - t0) * 1000)
        print(f"  source voices + names, no cache    p50 {statistics.median(times):7.1f} ms"
              f"   p95 {_p(times, .95):7.1f} ms")
        t0 = time.perf_counter()
        slow = source_voices(store.iter_spans_and_quotes())
        dt = time.perf_counter() - t0
        print(f"  source voices on the fly (no index): {dt:.1f} s, same rows: {slow == rows}")


def bench_report(db: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "propscope.cli.main", "report", "--db", db,
                        "--limit", "1000", "--out", str(out)], check=True, capture_output=True)
        dt = time.perf_counter() - t0
        print(f"  report, 1,000 articles (HTML): {dt:.1f} s, {out.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / ".bench" / "corpus100k.db"))
    ap.add_argument("-n", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=40)
    ns = ap.parse_args()
    Path(ns.db).parent.mkdir(parents=True, exist_ok=True)
    with open_store(ns.db) as store:
        have = store.count_articles()
        if have < ns.n:
            if have:
                raise SystemExit(f"{ns.db} holds {have} articles, fewer than {ns.n}: delete it")
            print(f"generating {ns.n:,} synthetic articles into {ns.db} (once)", flush=True)
            generate(store, ns.n, seed=20261123, batch=2000)
    bench_pages(ns.db, ns.rounds)
    bench_voices_uncached(ns.db)
    bench_report(ns.db)
    print(f"reproduce: .venv/bin/python scripts/bench_web.py --db {ns.db} -n {ns.n}")


if __name__ == "__main__":
    main()
