"""ingest -> extract -> store, in batches, in parallel, resumable.

Why this shape: reading stays in the parent (it owns file handles, stdin and the SSRF
guarded HTTP client); extraction, the CPU-heavy part, runs in a process pool; only the
parent writes to the store, one transaction per batch, so a crash or Ctrl-C loses at most
the batch in flight and the ingest log lets a re-run skip everything already committed.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from propscope.extract import extract
from propscope.schema import Article, DocumentError, RawDocument

Item = RawDocument | DocumentError
Outcome = tuple[Article | None, DocumentError | None, str | None]


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


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_one(item: Item) -> Outcome:
    """Extract one document; never raises, so one bad document cannot stop a batch."""
    if isinstance(item, DocumentError):
        return None, item, None
    sha = digest(item.data)
    try:
        return extract(item), None, sha
    except DocumentError as err:
        err.origin = err.origin or item.origin
        return None, err, sha
    except RecursionError:
        return None, DocumentError("unparsable", "structure nested too deeply", item.origin), sha
    except MemoryError:
        return None, DocumentError("too-large", "ran out of memory while parsing", item.origin), sha
    except Exception as exc:  # noqa: BLE001 - isolate any extractor bug to its document
        msg = f"{type(exc).__name__}: {exc}"[:500]
        return None, DocumentError("internal", msg, item.origin), sha


#: A batch also ends once its documents hold this many bytes, so a run of multi-MB HTML
#: pages cannot multiply memory by the batch size.
BATCH_BYTES = 32 * 1024 * 1024


def _chunks(items: Iterable[Item], size: int, max_bytes: int = BATCH_BYTES) -> Iterator[list[Item]]:
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


def _process_remote(item: RawDocument) -> Outcome:
    """Worker side: the parent still holds the raw bytes, so do not ship them back."""
    article, error, sha = process_one(item)
    if article is not None:
        article.raw = b""
    return article, error, sha


def _warm_up(forking: bool) -> None:
    """Load lazy models in the parent so forked workers share them copy-on-write.

    dateparser's locales (~1.8 s) are loaded only when workers will be forked: then each
    worker would pay it again; a single process pays it only if a page needs it.
    """
    from propscope.extract import html_dates, langid

    langid.warm_up()
    if forking:
        html_dates.warm_up()


@dataclass
class _Batch:
    """One batch in flight: its documents, finished outcomes, and the workers' results."""

    docs: list[RawDocument]
    done: list[Outcome]
    results: Iterator[Outcome] | None


class Ingestor:
    """Runs one ingest; parameters in the constructor, as in scikit-learn."""

    def __init__(self, store, *, batch_size: int = 100, workers: int | None = None,
                 progress: ProgressHook | None = None) -> None:
        self.store = store
        self.batch_size = max(1, batch_size)
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.progress = progress
        self.report = IngestReport()
        self._pool: ProcessPoolExecutor | None = None

    def run(self, items: Iterable[Item]) -> IngestReport:
        start = time.perf_counter()
        _warm_up(forking=self.workers > 1)
        self._pool = self._new_pool()
        pending: _Batch | None = None
        try:
            # Batch N+1 is extracting in the workers while the parent stores batch N.
            for chunk in _chunks(items, self.batch_size):
                submitted = self._submit(self._unprocessed(chunk))
                if pending is not None:
                    self._save(self._collect(pending))
                pending = submitted
                self.report.elapsed = time.perf_counter() - start
            if pending is not None:
                self._save(self._collect(pending))
        except KeyboardInterrupt:
            self.report.interrupted = True
        finally:
            if self._pool:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self.report.elapsed = time.perf_counter() - start
        return self.report

    def _new_pool(self) -> ProcessPoolExecutor | None:
        if self.workers <= 1:
            return None
        return ProcessPoolExecutor(self.workers, mp_context=mp.get_context("fork"))

    def _submit(self, todo: list[Item]) -> _Batch:
        """Start extracting a batch; reader errors never go to the workers."""
        docs = [i for i in todo if isinstance(i, RawDocument)]
        done = [process_one(i) for i in todo if isinstance(i, DocumentError)]
        if self._pool is None or len(docs) < 2:
            return _Batch(docs, done + [process_one(d) for d in docs], None)
        try:
            return _Batch(docs, done, self._pool.map(_process_remote, docs, chunksize=4))
        except BrokenProcessPool:
            self._pool = self._new_pool()
            return _Batch(docs, done + [self._isolated(d) for d in docs], None)

    def _collect(self, batch: _Batch) -> list[Outcome]:
        if batch.results is None:
            return batch.done
        try:
            outcomes = list(batch.results)
        except BrokenProcessPool:
            # A document crashed its worker (segfault, OOM kill): find it by running the
            # batch one document per fresh process, so only that document is lost.
            self._pool = self._new_pool()
            return batch.done + [self._isolated(d) for d in batch.docs]
        for doc, (article, _, _) in zip(batch.docs, outcomes):
            if article is not None:
                article.raw = doc.data
        return batch.done + outcomes

    @staticmethod
    def _isolated(doc: RawDocument) -> Outcome:
        with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as solo:
            try:
                article, error, sha = solo.submit(_process_remote, doc).result()
            except BrokenProcessPool:
                err = DocumentError("internal", "extraction crashed its worker process", doc.origin)
                return None, err, digest(doc.data)
        if article is not None:
            article.raw = doc.data
        return article, error, sha

    def _unprocessed(self, chunk: list[Item]) -> list[Item]:
        """Drop documents an earlier (possibly killed) run already committed."""
        keys = {id(i): (i.origin, digest(i.data)) for i in chunk if isinstance(i, RawDocument)}
        done = self.store.processed(list(keys.values())) if keys else set()
        todo = [i for i in chunk if keys.get(id(i)) not in done]
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


def ingest(items: Iterable[Item], store, **kwargs) -> IngestReport:
    """Library entry point: ``ingest(iter_inputs(["corpus/"]), open_store())``."""
    return Ingestor(store, **kwargs).run(items)
