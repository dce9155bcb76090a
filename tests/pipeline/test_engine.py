"""Engines: the same function over the same partitions gives the same results locally
(in-process and forked) and on a real Dask LocalCluster; failures surface clearly."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from functools import partial

import pytest

from propscope.pipeline.engine import (
    DaskEngine,
    EngineError,
    LocalEngine,
    chunked,
    make_engine,
)
from tests.dask_cluster import local_cluster
from tests.pipeline.engine_fns import digest_partition, fail_on, lookup, pid

WORDS = [f"слово-{i}" for i in range(200)] + ["Wort", "word", "<script>"]
PARTS = chunked(WORDS, 17)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with local_cluster() as address:
        yield address


def test_local_engines_agree_and_keep_order() -> None:
    expected = [digest_partition(p) for p in PARTS]
    seen: list[int] = []
    assert LocalEngine(1).map(digest_partition, PARTS) == expected
    assert LocalEngine(2).map(digest_partition, PARTS, progress=seen.append) == expected
    assert sum(seen) == len(PARTS)


def test_local_pool_really_forks_and_runs_closures() -> None:
    offset = 1000
    assert LocalEngine(2).map(lambda x: x + offset, range(5)) == [1000, 1001, 1002, 1003, 1004]
    assert os.getpid() not in LocalEngine(2).map(pid, range(4))
    assert LocalEngine(1).map(pid, range(2)) == [os.getpid()] * 2


@pytest.mark.parametrize("workers", [1, 2])
def test_local_failure_names_task_and_cause(workers: int) -> None:
    with pytest.raises(EngineError, match=r"task 3 failed in a local worker: ValueError: "
                                          r"refusing partition with 'слово-51'"):
        LocalEngine(workers).map(partial(fail_on, "слово-51"), PARTS)


def test_dask_gives_identical_results(scheduler: str) -> None:
    engine = DaskEngine(scheduler)
    try:
        seen: list[int] = []
        got = engine.map(digest_partition, PARTS, progress=seen.append)
        assert got == LocalEngine(2).map(digest_partition, PARTS)
        assert sum(seen) == len(PARTS)
        assert len(set(engine.map(pid, range(8)))) == 2  # both worker processes took tasks
        assert engine.map(digest_partition, []) == []
    finally:
        engine.close()


def test_context_reaches_every_task_on_every_engine(scheduler: str) -> None:
    table = {f"k{i}": WORDS[: i + 1] for i in range(40)}
    keys = sorted(table)
    expected = [lookup(table, k) for k in keys]
    assert LocalEngine(1).map(lookup, keys, context=table) == expected
    assert LocalEngine(2).map(lookup, keys, context=table) == expected
    engine = DaskEngine(scheduler)
    try:
        assert engine.map(lookup, keys, context=table) == expected
    finally:
        engine.close()


def test_dask_worker_exception_is_clear(scheduler: str) -> None:
    engine = make_engine("dask", scheduler)
    try:
        with pytest.raises(EngineError, match=r"task 3 failed on a Dask worker of tcp://.*"
                                              r"ValueError: refusing partition"):
            engine.map(partial(fail_on, "слово-51"), PARTS)
        assert engine.map(digest_partition, PARTS[:2]) == [digest_partition(p) for p in PARTS[:2]]
    finally:
        engine.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_scheduler_fails_within_timeout() -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    start = time.monotonic()
    with pytest.raises(EngineError, match=f"cannot reach the Dask scheduler at {address} "
                                          "within 2 s"):
        make_engine("dask", address, timeout=2)
    assert time.monotonic() - start < 10


@pytest.mark.parametrize(("kind", "scheduler", "workers", "message"), [
    ("dask", None, None, "--engine dask needs --scheduler"),
    ("dask", "localhost:8786", None, "--scheduler must be a Dask address"),
    ("dask", "tcp://127.0.0.1:1", 2, "--workers applies to --engine local"),
    ("local", "tcp://127.0.0.1:8786", None, "--scheduler needs --engine dask"),
    ("spark", None, None, "unknown engine 'spark'"),
    ("local", None, 0, "--workers must be at least 1"),
])
def test_bad_options(kind: str, scheduler: str | None, workers: int | None,
                     message: str) -> None:
    with pytest.raises(EngineError, match=message):
        make_engine(kind, scheduler, workers)
