"""Review queue at scale (issue 8): queue pages over N synthetic articles on SQLite.

Rows go straight into a migrated store (articles with a language, PER_ARTICLE queue rows each
with random margins below MAX_MARGIN, corrections on every 20th article), then each filter of
the queue is timed (best of 5) and SQLite's plan printed. Usage:
    .venv/bin/python scripts/bench_review_queue.py [N=100000] [--db PATH | --url URL]
(--url: an empty PostgreSQL database, e.g. postgresql+psycopg://postgres@127.0.0.1:54329/bench)
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from propscope.semeval.labels import TECHNIQUES
from propscope.store import open_store
from propscope.store.review_queue import MAX_MARGIN, PER_ARTICLE, query_queue
from propscope.store.tables import articles, corrections, review_queue

LANGS = ["en", "de", "fr", "it", "pl", "ru", "es"]
CASES: list[dict[str, Any]] = [{}, {"technique": "Doubt"}, {"language": "pl"},
                               {"technique": "Slogans", "language": "es"}, {"offset": 5000},
                               {"reviewed": True}, {"language": "xx"},
                               {"technique": "Doubt", "language": "xx"}]


def _fill(store, n: int) -> None:
    rnd, now = random.Random(0), datetime.now(UTC)
    with store.engine.begin() as conn:
        for lo in range(0, n, 5000):
            arts, rows = [], []
            for i in range(lo, min(n, lo + 5000)):
                aid, lang = f"{i:016x}", rnd.choice(LANGS)
                arts.append({"id": aid, "origin": "bench", "title": f"t{i}", "authors": [],
                             "text": "x", "source_text": "x", "raw": b"", "language": lang,
                             "media_type": "text/plain", "extractor": "bench",
                             "ingested_at": now, "raw_sha256": aid})
                rows += [{"article_id": aid, "technique": t, "margin": rnd.random() * MAX_MARGIN,
                          "prob": 0.2, "threshold": 0.2, "paragraph": 0, "predicted": False,
                          "language": lang} for t in rnd.sample(TECHNIQUES, PER_ARTICLE)]
            conn.execute(insert(articles), arts)
            conn.execute(insert(review_queue), rows)
        conn.execute(insert(corrections), [
            {"id": f"c{i}-{t}", "article_id": f"{i:016x}", "article_version": "v",
             "target": "span", "action": "accept", "technique": t, "start": 0, "end": 1,
             "model": "", "author": "a", "created_at": now, "note": ""}
            for i in range(0, n, 20) for t in TECHNIQUES[:3]])
        conn.execute(text("ANALYZE"))  # both dialects: planner statistics for the new rows


def _pg_size(store) -> float:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT pg_total_relation_size('review_queue')")).scalar_one() / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/propscope-bench-queue.db"))
    ap.add_argument("--url", help="an empty database to use instead of the SQLite file")
    args = ap.parse_args()
    if not args.url:
        args.db.unlink(missing_ok=True)
    store = open_store(args.url or f"sqlite:///{args.db}")
    t0 = time.process_time()
    _fill(store, args.n)
    size = (f"db {args.db.stat().st_size / 1e6:.0f} MB" if not args.url else
            f"queue {_pg_size(store):.0f} MB")
    print(f"{args.n} articles, {args.n * PER_ARTICLE} queue rows: "
          f"{time.process_time() - t0:.1f} CPU s to write; {size}")
    with store.engine.connect() as conn:
        for kw in CASES:
            best = float("inf")
            for _ in range(5):
                t = time.perf_counter()
                got = query_queue(conn, limit=51, **kw)
                best = min(best, time.perf_counter() - t)
            print(f"{kw!s:45} {len(got):3} items {best * 1000:7.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
