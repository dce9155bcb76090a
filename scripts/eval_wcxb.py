"""Score propscope's HTML extraction against trafilatura alone on the WCXB dev split.

Usage: ``.venv/bin/python scripts/eval_wcxb.py [--limit N] [--parity even|odd] [--jobs 2]``.
Scoring rules live in ``propscope.extract.html_eval`` (shared with the quality test).
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Self

from propscope.extract.html_eval import (
    EXTRACTORS,
    Page,
    Score,
    default_root,
    load_pages,
    timed,
)

NAMES = ("ours", "trafilatura")


def _run_page(page: Page) -> tuple[Page, dict]:
    """Both extractors on one page (a worker unit; timings are per page, per extractor).

    The order alternates with the page id so neither extractor always runs on a cold cache.
    """
    order = NAMES if int(page.id) % 2 else NAMES[::-1]
    return page, {name: timed(EXTRACTORS[name], page) for name in order}


def main(argv: list[str] | None = None) -> int:
    """Parse args, score, print a side-by-side table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", type=Path, default=default_root())
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--parity", choices=("even", "odd"), default=None)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--show", choices=("title", "author", "date", "body"), default=None,
                    help="print the misses of ours for one field")
    args = ap.parse_args(argv)
    pages = load_pages(args.root, limit=args.limit, parity=args.parity)
    scores = {name: Score() for name in NAMES}
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) if args.jobs > 1 else _Serial() as pool:
        for page, preds in pool.map(_run_page, pages, chunksize=4):
            for name in NAMES:
                scores[name].add(page, preds[name])
            if args.show:
                _show_miss(args.show, page, preds["ours"], preds["trafilatura"])
    wall = time.perf_counter() - started
    print(f"WCXB dev: {len(pages)} pages ({args.parity or 'all'}), wall {wall:.1f}s, jobs={args.jobs}")
    print(f"skipped (no truth): title {len(pages) - scores['ours'].title_n}, "
          f"author {len(pages) - scores['ours'].author_n}, date {len(pages) - scores['ours'].date_n}, "
          f"body {len(pages) - scores['ours'].body_n}")
    print(f"{'metric':<12}{'OURS':>10}{'TRAFILATURA':>14}")
    ours, traf = scores["ours"].summary(), scores["trafilatura"].summary()
    for key in ours:
        print(f"{key:<12}{ours[key]:>10.1f}{traf[key]:>14.1f}")
    print("(trafilatura = bare_extraction defaults with metadata on; ms_per_page is wall time"
          " per page per extractor, including parsing)")
    return 0


def _show_miss(field: str, page: Page, ours, traf) -> None:
    """Debug aid: print pages where ours misses a field."""
    from propscope.extract import html_eval as ev

    if field == "title" and page.title and ev.norm_text(ours.title or "") != ev.norm_text(page.title):
        print(f"[{page.id}] T truth={page.title!r}\n        ours={ours.title!r} traf={traf.title!r}")
    if field == "author" and page.author and not ev.author_match(ours.authors, page.author):
        print(f"[{page.id}] A truth={page.author!r} ours={ours.authors!r} traf={traf.authors!r}")
    if field == "date" and page.date and not ev.date_match(ours.date, page.date):
        print(f"[{page.id}] D truth={page.date!r} ours={ours.date!r} traf={traf.date!r}")
    if field == "body" and page.body:
        print(f"[{page.id}] B ours={ev.word_f1(ours.body, page.body):.2f} "
              f"traf={ev.word_f1(traf.body, page.body):.2f}")


class _Serial:
    """Stand-in for a pool when --jobs 1, so timings are not disturbed by workers."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, fn, items, chunksize: int = 1):
        return map(fn, items)


if __name__ == "__main__":
    sys.exit(main())
