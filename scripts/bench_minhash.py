"""Measure MinHash candidate generation speed: numpy (propscope.corpus.shingles) vs rensa vs
datasketch, on synthetic articles, one core. Run: python scripts/bench_minhash.py [N]
(rensa/datasketch are optional: install them into a scratch dir and add it to PYTHONPATH)."""

from __future__ import annotations

import sys
import time

import numpy as np

from propscope.corpus import shingles as S


def make_docs(n: int, words: int = 420, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}x{'abcdefgh'[i % 8]}" for i in range(30_000)]
    p = 1.0 / np.arange(1, len(vocab) + 1)
    p /= p.sum()
    docs = []
    for _ in range(n):
        idx = rng.choice(len(vocab), size=words, p=p)
        toks = [vocab[i] for i in idx]
        docs.append("\n\n".join(" ".join(toks[i : i + 60]) + "." for i in range(0, words, 60)))
    return docs


def bench_numpy(docs: list[str]) -> float:
    t = time.perf_counter()
    sets = [S.shingle_hashes(d) for d in docs]
    sig = S.signatures(sets)
    S.buckets([str(i) for i in range(len(docs))], S.band_keys(sig, 64, 2))
    return len(docs) / (time.perf_counter() - t)


def _shingle_strings(doc: str) -> list[str]:
    toks = S.tokens(doc)
    return [" ".join(toks[i : i + 5]) for i in range(max(1, len(toks) - 4))]


def bench_rensa(docs: list[str]) -> float:
    from rensa import RMinHash

    t = time.perf_counter()
    for d in docs:
        m = RMinHash(num_perm=128, seed=42)
        m.update(_shingle_strings(d))
        m.digest()
    return len(docs) / (time.perf_counter() - t)


def bench_datasketch(docs: list[str]) -> float:
    from datasketch import MinHash

    t = time.perf_counter()
    for d in docs:
        m = MinHash(num_perm=128)
        m.update_batch([s.encode() for s in _shingle_strings(d)])
    return len(docs) / (time.perf_counter() - t)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    docs = make_docs(n)
    print(f"{n} docs, mean {np.mean([len(d.split()) for d in docs]):.0f} words")
    for name, fn in (("numpy", bench_numpy), ("rensa", bench_rensa), ("datasketch", bench_datasketch)):
        try:
            print(f"{name:>10}: {fn(docs):8.0f} articles/s")
        except ImportError as exc:
            print(f"{name:>10}: not installed ({exc})")


if __name__ == "__main__":
    main()
