"""Score find_quotes on the annotated set and time it: `python scripts/eval_quotes.py`.

Prints speaker precision / recall and span F1 (rules: propscope.analyzers.voices.quote_eval)
overall, per language and on the held-out file, then throughput of quotes alone and of
entities + quotes on the seeds when ../shared/seeds exists (else on the fixtures).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from propscope.analyzers.voices.entities import find_entities
from propscope.analyzers.voices.quote_eval import (
    FIXTURES,
    article_of,
    evaluate,
    load_fixtures,
)
from propscope.analyzers.voices.quotes import find_quotes
from propscope.extract import extract
from propscope.schema import Article, RawDocument

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _articles() -> list[Article]:
    if SEEDS.is_dir():
        return [extract(RawDocument(data=p.read_bytes(), origin=str(p)))
                for p in sorted(SEEDS.glob("*.txt"))]
    return [article_of(r) for r in load_fixtures()]


def _rate(articles: list[Article], with_entities: bool, seconds: float) -> float:
    ents = {id(a): find_entities(a) for a in articles}
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for a in articles:
            find_quotes(a, find_entities(a) if with_entities else ents[id(a)])
            n += 1
    return n / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", action="store_true", help="list every miss / wrong speaker")
    ap.add_argument("--seconds", type=float, default=3.0, help="timing budget per measurement")
    args = ap.parse_args()
    records = load_fixtures()
    holdout = [json.loads(line) for line in (FIXTURES / "holdout.jsonl").read_text().splitlines()]
    rows = {"all": evaluate(records), "en": evaluate(records, language="en"),
            "ru": evaluate(records, language="ru"), "holdout": evaluate(holdout)}
    for label, s in rows.items():
        print(f"{label:8} {json.dumps(s.summary())}")
    if args.errors:
        for e in rows["all"].errors:
            print("  ", e)
    arts = _articles()
    words = sum(len(a.text.split()) for a in arts) / len(arts)
    print(f"speed on {len(arts)} articles (~{words:.0f} words): "
          f"quotes {_rate(arts, False, args.seconds):.0f} art/s, "
          f"entities+quotes {_rate(arts, True, args.seconds):.0f} art/s (one core)")
    print("reproduce: .venv/bin/python scripts/eval_quotes.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
