"""Where corpus work runs: in forked local processes or on an existing Dask cluster.

Why one tiny interface: a corpus stage only needs "apply this pure function to each of
these partitions and give me the results in order". The stage code is then the same on a
laptop and on a cluster, and both engines give identical results on the same input (the
stages sort everything by id; `map` keeps the input order).

A task that raises does not hang or kill the run: the worker returns the error and `map`
raises EngineError naming the task and the original exception.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import islice
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]
#: Seconds to wait for a Dask scheduler before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10.0
ENGINES = ("local", "dask")
#: Dask tasks submitted ahead per worker thread (keeps workers busy, bounds memory).
IN_FLIGHT_PER_THREAD = 3
_ADDRESS = re.compile(r"^(tcp|tls|ws|wss|ucx|inproc)://\S+$")
_FN: Callable[[Any], Any] | None = None  # the function a forked LocalEngine worker runs


class EngineError(RuntimeError):
    """A task failed, or the engine cannot be set up (bad options, unreachable scheduler)."""


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[..., R], items: Iterable[T],
            progress: Progress | None = None, context: Any = None) -> list[R]:
        """fn(item) -- fn(context, item) when a context is given -- for every item, results
        in input order; EngineError if a task fails. `context` is read-only data every task
        needs (a run's articles): sent to each worker once, not with every item."""
        ...

    def close(self) -> None: ...


def _guarded(fn: Callable[[T], R], item: T) -> tuple[bool, Any]:
    """Run fn on a worker; an exception comes back as data instead of a remote traceback."""
    try:
        return True, fn(item)
    except Exception as exc:  # noqa: BLE001 - reported to the caller as EngineError
        return False, (f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=8))


class _Shared:
    """One object for Dask to scatter (it would scatter a list or tuple element-wise)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _guarded_with(fn: Callable[..., R], shared: _Shared | None, item: Any) -> tuple[bool, Any]:
    return _guarded(fn if shared is None else partial(fn, shared.value), item)


def _unwrap(index: int, outcome: tuple[bool, Any], where: str) -> Any:
    ok, value = outcome
    if ok:
        return value
    message, trace = value
    raise EngineError(f"task {index} failed {where}: {message}\n{trace}")


def _forked_call(item: Any) -> tuple[bool, Any]:
    assert _FN is not None, "LocalEngine worker started without a function"
    return _guarded(_FN, item)


def _one_blas_thread() -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # N processes x N BLAS threads would oversubscribe the cores


class LocalEngine:
    """A pool of forked processes (one per CPU by default); in-process for workers=1.

    The pool is forked per `map` after the function is set, so `fn` may be any callable
    (a closure, a bound method holding loaded models) and is shared copy-on-write; only
    items and results are pickled.
    """

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        if workers is not None and workers < 1:
            raise EngineError(f"--workers must be at least 1, got {workers}")
        self.workers = workers or os.cpu_count() or 1

    def map(self, fn: Callable[..., R], items: Iterable[T],
            progress: Progress | None = None, context: Any = None) -> list[R]:
        """The context travels by fork (copy-on-write), never pickled."""
        todo = list(items)
        if context is not None:
            fn = partial(fn, context)
        if self.workers <= 1 or len(todo) <= 1 or "fork" not in mp.get_all_start_methods():
            return [self._step(i, _guarded(fn, item), progress) for i, item in enumerate(todo)]
        global _FN
        _FN = fn
        try:
            ctx = mp.get_context("fork")
            with ctx.Pool(min(self.workers, len(todo)), initializer=_one_blas_thread) as pool:
                return [self._step(i, out, progress)
                        for i, out in enumerate(pool.imap(_forked_call, todo))]
        finally:
            _FN = None

    @staticmethod
    def _step(index: int, outcome: tuple[bool, Any], progress: Progress | None) -> Any:
        value = _unwrap(index, outcome, "in a local worker")
        if progress is not None:
            progress(1)
        return value

    def close(self) -> None:
        """Nothing held between maps."""


class DaskEngine:
    """Tasks on an existing Dask cluster (`dask scheduler` + `dask worker`s).

    Workers need propscope installed (same version): functions travel by reference to
    their module. Each item is one task; results are gathered in input order.
    """

    name = "dask"

    def __init__(self, address: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
        if not _ADDRESS.match(address or ""):
            raise EngineError(f"--scheduler must be a Dask address like tcp://HOST:8786, "
                              f"got {address!r}")
        from distributed import Client

        self.address = address
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {address} within "
                              f"{timeout:g} s ({type(exc).__name__})") from None

    def map(self, fn: Callable[..., R], items: Iterable[T],
            progress: Progress | None = None, context: Any = None) -> list[R]:
        """Items are submitted as workers free up, at most `in_flight` at a time: a corpus
        stage's items carry article texts, and submitting a 100k-article run at once would
        hold all of them on the scheduler. A context is scattered to every worker once."""
        source = iter(items)
        shared = (self.client.scatter(_Shared(context), broadcast=True, hash=False)
                  if context is not None else None)
        pending: deque[Any] = deque()
        out: list[R] = []

        def submit(item: Any) -> None:
            pending.append(self.client.submit(_guarded_with, fn, shared, item, pure=False))

        try:
            for item in islice(source, self.in_flight()):
                submit(item)
            while pending:
                future = pending.popleft()
                out.append(self._result(len(out), future))
                for item in islice(source, 1):
                    submit(item)
                if progress is not None:
                    progress(1)
        finally:
            self.client.cancel([*pending, *([shared] if shared is not None else [])])
        return out

    def in_flight(self) -> int:
        workers = self.client.scheduler_info().get("workers", {})
        threads = sum(int(w.get("nthreads", 1)) for w in workers.values()) or 1
        return max(4, IN_FLIGHT_PER_THREAD * threads)

    def _result(self, i: int, future: Any) -> Any:
        try:
            outcome = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker (KilledWorker), a cancel
            raise EngineError(f"task {i} failed on the Dask cluster {self.address}: "
                              f"{type(exc).__name__}: {exc}") from None
        return _unwrap(i, outcome, f"on a Dask worker of {self.address}")

    def close(self) -> None:
        self.client.close()


def make_engine(kind: str = "local", scheduler: str | None = None, workers: int | None = None,
                timeout: float = CONNECT_TIMEOUT_S) -> Engine:
    """The engine the CLI options ask for, or EngineError saying which option is wrong."""
    if kind not in ENGINES:
        raise EngineError(f"unknown engine {kind!r}; choose local or dask")
    if kind == "dask":
        if not scheduler:
            raise EngineError("--engine dask needs --scheduler tcp://HOST:PORT "
                              "(the address `dask scheduler` prints)")
        if workers is not None:
            raise EngineError("--workers applies to --engine local; a Dask cluster has its "
                              "own workers")
        return DaskEngine(scheduler, timeout)
    if scheduler:
        raise EngineError("--scheduler needs --engine dask")
    return LocalEngine(workers)


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    """Consecutive partitions of at most `size` items (the unit of work of a task)."""
    return [list(items[i : i + size]) for i in range(0, len(items), max(1, size))]
