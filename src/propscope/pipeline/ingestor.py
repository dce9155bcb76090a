"""ingest -> extract -> store, streamed through a process pool, resumable.

Why this shape: reading stays in the parent (it owns file handles, stdin and the SSRF
guarded HTTP client); extraction, the CPU-heavy part, runs in a process pool; only the
parent writes to the store, one transaction per batch, so a crash or Ctrl-C loses at most
the batches in flight and the ingest log lets a re-run skip everything already committed.

Documents go to the workers in small groups as soon as they are read (not a whole batch
at a time), and the workers load their models lazily, so no core waits for the parent
at the start; at the end, finished documents are committed while the last ones are still
being extracted. The window of documents in flight is bounded by count and bytes.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from propscope.extract import langid
from propscope.pipeline import worker
from propscope.pipeline.worker import (
    DEFAULT_DOC_TIMEOUT,
    Item,
    Job,
    Outcome,
    Wire,
    digest,
)
from propscope.schema import DocumentError, RawDocument


@dataclass
class IngestReport:
    """What one ingest run did; printed by the CLI, asserted by tests."""

    read: int = 0
    skipped: int = 0  # already processed by an earlier run (resume)
    stored: int = 0
    duplicates: int = 0
    errors: int = 0
    interrupted: bool = False
    elapsed: float = 0.0
    stored_ids: list[str] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0


ProgressHook = Callable[[IngestReport], None]

#: Documents held (in flight plus awaiting their commit) stay under about twice this many
#: bytes, so a run of multi-MB HTML pages cannot multiply memory by the batch size.
BATCH_BYTES = 32 * 1024 * 1024
#: One pool task carries at most this many documents / bytes: small enough that both
#: workers stay busy to the end, large enough that short texts do not pay a round trip each.
GROUP_DOCS = 8
GROUP_BYTES = 256 * 1024


def _chunks(items: Iterable[Item], size: int, max_bytes: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    held = 0
    for item in items:
        chunk.append(item)
        held += len(item.data) if isinstance(item, RawDocument) else 0
        if len(chunk) >= size or held >= max_bytes:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


@dataclass
class _Group:
    """Items read together, in input order; their documents are extracted as one task."""

    items: list[Item]
    jobs: list[Job]
    nbytes: int
    future: Future[list[Wire]] | None = None
    pool: ProcessPoolExecutor | None = None
    outcomes: list[Outcome] | None = None  # set when finished without the pool
    retried: bool = False


class Ingestor:
    """Runs one ingest; parameters in the constructor, as in scikit-learn.

    ``doc_timeout`` (CPU seconds, None for no limit) turns a document whose extraction uses
    more into a "timeout" error. With workers > 1 it always applies; in-process
    (workers=1) it needs the main thread (it is a SIGPROF timer), and lazily loaded models
    count toward the first document that needs them.
    """

    def __init__(self, store, *, batch_size: int = 100, workers: int | None = None,
                 progress: ProgressHook | None = None,
                 doc_timeout: float | None = DEFAULT_DOC_TIMEOUT) -> None:
        self.store = store
        self.batch_size = max(1, batch_size)
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.progress = progress
        self.doc_timeout = doc_timeout if doc_timeout and doc_timeout > 0 else None
        self.report = IngestReport()
        self._pool: ProcessPoolExecutor | None = None
        self._inflight: deque[_Group] = deque()
        self._held = [0, 0]  # documents, bytes in flight
        self._stop = False  # set by the first Ctrl-C

    def run(self, items: Iterable[Item]) -> IngestReport:
        start = time.perf_counter()
        self._pool = self._new_pool()
        previous = self._catch_interrupt()
        try:
            self._stream(items, start)
        except KeyboardInterrupt:
            self.report.interrupted = True
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            if self._pool:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self.report.elapsed = time.perf_counter() - start
        return self.report

    def _catch_interrupt(self) -> signal.Handlers | None:
        """Ctrl-C sets a flag checked between groups instead of raising: extraction libraries
        with a bare `except:` would swallow a KeyboardInterrupt and the run would go on. What
        is extracted gets committed, then the run stops; a second Ctrl-C raises at once."""
        if threading.current_thread() is not threading.main_thread():
            return None

        def on_interrupt(signum: int, frame: object) -> None:
            if self._stop:
                raise KeyboardInterrupt
            self._stop = True

        return signal.signal(signal.SIGINT, on_interrupt)  # type: ignore[return-value]

    def _stream(self, items: Iterable[Item], start: float) -> None:
        ready: list[Outcome] = []
        for chunk in _chunks(items, GROUP_DOCS, GROUP_BYTES):
            if self._stop:
                break
            self._inflight.append(self._submit(self._unprocessed(chunk)))
            while self._window_full():
                ready = self._take_oldest(ready, flush_if_idle=False)
            self.report.elapsed = time.perf_counter() - start
        while self._inflight and not self._stop:  # input exhausted: commit whenever the workers are busy
            ready = self._take_oldest(ready, flush_if_idle=True)
        if ready:
            self._save(ready)
        self.report.interrupted = self._stop

    def _window_full(self) -> bool:
        if self._pool is None:  # extracted in-process already: nothing to overlap with
            return bool(self._inflight)
        docs, held = self._held
        return docs >= max(self.batch_size, 4 * GROUP_DOCS * self.workers) or held >= BATCH_BYTES

    def _take_oldest(self, ready: list[Outcome], *, flush_if_idle: bool) -> list[Outcome]:
        """Collect the oldest group; commit once a batch is full (or, draining, whenever
        the next group is still extracting, so the last commit is small)."""
        group = self._inflight.popleft()
        self._held[0] -= len(group.jobs)
        self._held[1] -= group.nbytes
        ready += self._collect(group)
        nxt = self._inflight[0] if self._inflight else None
        idle = flush_if_idle and nxt is not None and nxt.future is not None and not nxt.future.done()
        if len(ready) >= self.batch_size or _raw_bytes(ready) >= BATCH_BYTES or (ready and idle):
            self._save(ready)
            return []
        return ready

    def _new_pool(self) -> ProcessPoolExecutor | None:
        if self.workers <= 1:
            return None
        if langid.loaded():
            # lingua's Rust thread pool does not survive fork: a child that builds a detector
            # after the parent has used one hangs. Load them all here so children never build.
            langid.warm_up()
        return ProcessPoolExecutor(self.workers, mp_context=mp.get_context("fork"),
                                   initializer=worker.init_worker, initargs=(self.doc_timeout,))

    def _submit(self, pairs: list[tuple[Item, str | None]]) -> _Group:
        """Start extracting a group; reader errors never go to the workers."""
        items = [item for item, _ in pairs]
        jobs = [(item, sha) for item, sha in pairs if isinstance(item, RawDocument) and sha]
        group = _Group(items, jobs, sum(len(doc.data) for doc, _ in jobs))
        self._held[0] += len(jobs)
        self._held[1] += group.nbytes
        if self._pool is None or not jobs:
            group.outcomes = self._merge(group, [self._local(doc, sha) for doc, sha in jobs])
        else:
            self._send(group)
        return group

    def _send(self, group: _Group) -> None:
        try:
            assert self._pool is not None
            group.future, group.pool = self._pool.submit(worker.work, group.jobs), self._pool
        except BrokenProcessPool:
            self._renew_pool(self._pool)
            group.retried = True
            group.outcomes = self._merge(group, self._solo(group))

    def _local(self, doc: RawDocument, sha: str) -> Outcome:
        return worker.extract_outcome(doc, sha, self.doc_timeout)

    def _solo(self, group: _Group) -> list[Outcome]:
        return [worker.run_solo(doc, sha, self.doc_timeout) for doc, sha in group.jobs]

    def _collect(self, group: _Group) -> list[Outcome]:
        while group.outcomes is None:
            assert group.future is not None
            try:
                wires = group.future.result()
            except BrokenProcessPool:
                # A document crashed (or hard-timed-out) its worker, and every task in
                # flight failed with it: retry those once in a fresh pool; a task that
                # breaks a second pool is run one document per process, so only the
                # document that kills its process is lost.
                self._renew_pool(group.pool)
                if group.retried:
                    group.outcomes = self._merge(group, self._solo(group))
                else:
                    self._retry_broken([group, *self._inflight])
                continue
            except Exception:  # noqa: BLE001 - e.g. a result that failed to pickle
                group.outcomes = self._merge(group, self._solo(group))
                continue
            group.outcomes = self._merge(group, [
                worker.from_wire(wire, doc, sha) for wire, (doc, sha) in zip(wires, group.jobs)])
        return group.outcomes

    def _renew_pool(self, broken: ProcessPoolExecutor | None) -> None:
        if broken is not None and self._pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()

    def _retry_broken(self, groups: Iterable[_Group]) -> None:
        for group in groups:
            fut = group.future
            if fut is None or group.retried or not fut.done() or fut.exception() is None:
                continue
            group.retried = True
            self._send(group)

    @staticmethod
    def _merge(group: _Group, extracted: list[Outcome]) -> list[Outcome]:
        """Outcomes in input order: reader errors where they were, documents in between."""
        it = iter(extracted)
        return [(None, item, None) if isinstance(item, DocumentError) else next(it)
                for item in group.items]

    def _unprocessed(self, chunk: list[Item]) -> list[tuple[Item, str | None]]:
        """Drop documents an earlier (possibly killed) run already committed."""
        keys = [(i.origin, digest(i.data)) if isinstance(i, RawDocument) else None for i in chunk]
        wanted = [k for k in keys if k is not None]
        done = self.store.processed(wanted) if wanted else set()
        todo = [(i, k[1] if k else None) for i, k in zip(chunk, keys) if k is None or k not in done]
        self.report.read += len(chunk)
        self.report.skipped += len(chunk) - len(todo)
        return todo

    def _save(self, outcomes: list[Outcome]) -> None:
        articles = [(a, sha) for a, _, sha in outcomes if a is not None and sha is not None]
        errors = [(e, sha) for _, e, sha in outcomes if e is not None]
        if articles or errors:
            result = self.store.save_batch(articles, errors)
            self.report.stored += result.stored
            self.report.duplicates += result.duplicates
            self.report.errors += result.errors
            self.report.stored_ids.extend(result.stored_ids)
        for err, _ in errors[: max(0, 20 - len(self.report.error_samples))]:
            self.report.error_samples.append(str(err))
        if self.progress:
            self.progress(self.report)


def _raw_bytes(outcomes: list[Outcome]) -> int:
    return sum(len(a.raw) for a, _, _ in outcomes if a is not None)


def ingest(items: Iterable[Item], store, **kwargs) -> IngestReport:
    """Library entry point: ``ingest(iter_inputs(["corpus/"]), open_store())``.

    Keyword arguments are Ingestor's: batch_size, workers, progress, doc_timeout.
    """
    return Ingestor(store, **kwargs).run(items)
