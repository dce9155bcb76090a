"""Subprocess side of the concurrency and kill tests (run as a script, not collected).

    store_worker.py open URL START_AT        open_store at wall-clock START_AT, print OPENED
    store_worker.py write URL TAG [N]        save batches forever (or N), print COMMITTED
                                             lines only after save_batch has returned

Separate processes, not threads: SQLite locking and PostgreSQL sessions behave per process,
and only a process can be SIGKILLed mid-transaction.
"""

from __future__ import annotations

import sys
import time

from propscope.schema import Article, DocumentError, paragraphs_from_blocks
from propscope.store import open_store

BATCH = 25


def article(tag: str, i: int, j: int) -> tuple[Article, str]:
    text, paras = paragraphs_from_blocks([f"{tag} batch {i} item {j}.", f"Body {i}-{j}."])
    raw = text.encode()
    origin = f"{tag}.jsonl#L{i * BATCH + j}"
    return Article(text=text, title=f"{tag} {i}/{j}", origin=origin, paragraphs=paras,
                   raw=raw, language="en"), f"sha-{tag}-{i}-{j}"


def do_open(url: str, start_at: float) -> None:
    time.sleep(max(0.0, start_at - time.time()))
    store = open_store(url)
    store.stats()
    store.close()
    print("OPENED", flush=True)


def do_write(url: str, tag: str, n_batches: int | None) -> None:
    store = open_store(url)
    i = 0
    while n_batches is None or i < n_batches:
        items = [article(tag, i, j) for j in range(BATCH)]
        if i:
            items.append(article(tag, i - 1, 0))  # a duplicate of an earlier batch
        errors = [(DocumentError("empty", f"empty {i}", f"{tag}-empty-{i}"), f"e-{tag}-{i}")]
        result = store.save_batch(items, errors)
        print("COMMITTED", i, result.stored, result.duplicates, result.errors,
              ",".join(result.stored_ids), flush=True)
        i += 1
    store.close()


def main(argv: list[str]) -> None:
    mode, url = argv[1], argv[2]
    if mode == "open":
        do_open(url, float(argv[3]))
    elif mode == "write":
        do_write(url, argv[3], int(argv[4]) if len(argv) > 4 else None)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)
