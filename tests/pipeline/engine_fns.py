"""Task functions for the engine tests (importable by Dask worker processes)."""

from __future__ import annotations

import hashlib
import os


def digest_partition(part: list[str]) -> list[tuple[str, str]]:
    """Deterministic, CPU-bound work on one partition, sorted like a corpus stage output."""
    return sorted((s, hashlib.sha1(s.encode()).hexdigest()[:10]) for s in part)


def fail_on(bad: str, part: list[str]) -> list[str]:
    if bad in part:
        raise ValueError(f"refusing partition with {bad!r}")
    return part


def pid(_item: object) -> int:
    return os.getpid()


def lookup(table: dict[str, list[str]], key: str) -> tuple[str, int, str]:
    """A task reading shared read-only context (a corpus run's articles)."""
    return key, len(table[key]), table[key][-1]
