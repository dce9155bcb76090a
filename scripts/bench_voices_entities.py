"""Speed of find_entities (+ find_stances) on SemEval-2023 articles (../shared, read only).

`.venv/bin/python scripts/bench_voices_entities.py --langs en ru` prints articles/s for
entities alone and entities + stance, single process, after a warm-up pass (gazetteer load).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from propscope.analyzers.voices.entities import find_entities
from propscope.analyzers.voices.stance import find_stances
from propscope.schema import Article, Paragraph

SEMEVAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2023"


def load(lang: str, limit: int) -> list[Article]:
    out = []
    for path in sorted((SEMEVAL / lang).glob("train-articles-subtask-3/*.txt"))[:limit]:
        lines = path.read_text(encoding="utf-8").split("\n")
        body = "\n".join(lines[2:]).strip()
        paras, pos = [], 0
        for line in body.split("\n"):
            if line.strip():
                paras.append(Paragraph(pos, pos + len(line)))
            pos += len(line) + 1
        out.append(Article(text=body, title=lines[0], language=lang, paragraphs=paras))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--langs", nargs="+", default=["en", "ru"])
    ap.add_argument("--limit", type=int, default=400)
    args = ap.parse_args()
    for lang in args.langs:
        arts = load(lang, args.limit)
        words = sum(len(a.text.split()) for a in arts) / max(1, len(arts))
        find_entities(arts[0])
        t0 = time.perf_counter()
        ents = [find_entities(a) for a in arts]
        t1 = time.perf_counter()
        for a, e in zip(arts, ents, strict=True):
            find_stances(a, e, [])
        t2 = time.perf_counter()
        print(
            f"{lang}: {len(arts)} articles, {words:.0f} words avg; entities "
            f"{len(arts) / (t1 - t0):.0f} art/s; entities+stance {len(arts) / (t2 - t0):.0f} art/s"
        )


if __name__ == "__main__":
    main()
