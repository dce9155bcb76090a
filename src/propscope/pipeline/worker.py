"""The extraction side of the pipeline: one document in, one compact outcome out.

Why a module of its own: everything a forked worker runs lives here, so the parent imports
it before forking and a test that patches ``extract`` here reaches the workers too. Why
compact outcomes: unpickling an Article's Paragraph/RemovedBlock objects cost the parent
(which competes with the workers for the same cores) more than the SQL that stores them,
so workers send plain tuples and never the raw bytes the parent already holds.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from propscope.extract import extract
from propscope.schema import Article, DocumentError, Paragraph, RawDocument, RemovedBlock

Item = RawDocument | DocumentError
Outcome = tuple[Article | None, DocumentError | None, str | None]
#: What crosses the process boundary for one document: packed article fields or an error.
Wire = tuple[tuple[Any, ...] | None, DocumentError | None]
Job = tuple[RawDocument, str]

#: CPU seconds one document may spend in extraction before it becomes a "timeout" error.
#: CPU time, not wall time: on a loaded machine a big legal page can take minutes of wall
#: time, while a pathological one burns CPU whatever the load (extraction does no I/O).
DEFAULT_DOC_TIMEOUT = 30.0
#: A pool worker still busy this many CPU seconds past twice its limit is stuck outside
#: Python code (where the soft timer's handler cannot run); the kernel then ends it.
HARD_GRACE_S = 5.0


class ExtractionTimeout(BaseException):
    """The per-document timer; a BaseException so extractor code catching Exception
    cannot swallow it."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _on_timer(_signum: int, _frame: object) -> None:
    raise ExtractionTimeout


@contextmanager
def time_limit(seconds: float | None, *, hard: bool = False) -> Iterator[None]:
    """Raise ExtractionTimeout in the block once it has used ``seconds`` of CPU time.

    A SIGPROF timer; signal handlers run only in the main thread, so off it (or without
    setitimer) there is no limit. ``hard`` (pool workers only) adds a SIGVTALRM timer whose
    default action kills the process, for code that never returns to the interpreter. A
    caller's pending profiling timer is put back afterwards.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or seconds <= 0 or not usable:
        yield
        return
    previous = signal.signal(signal.SIGPROF, _on_timer)
    started = time.process_time()
    outer, _ = signal.setitimer(signal.ITIMER_PROF, seconds)
    if hard:
        signal.setitimer(signal.ITIMER_VIRTUAL, 2 * seconds + HARD_GRACE_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        if hard:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGPROF, previous)
        if outer > 0:
            used = time.process_time() - started
            signal.setitimer(signal.ITIMER_PROF, max(outer - used, 1e-3))


def extract_outcome(doc: RawDocument, sha: str, timeout: float | None, *, hard: bool = False) -> Outcome:
    """Extract one document; never raises, so one bad document cannot stop a batch."""
    try:
        with time_limit(timeout, hard=hard):
            return extract(doc), None, sha
    except ExtractionTimeout:
        msg = f"extraction used more than {timeout:g} s of CPU time"
        return None, DocumentError("timeout", msg, doc.origin), sha
    except DocumentError as err:
        err.origin = err.origin or doc.origin
        return None, err, sha
    except RecursionError:
        return None, DocumentError("unparsable", "structure nested too deeply", doc.origin), sha
    except MemoryError:
        return None, DocumentError("too-large", "ran out of memory while parsing", doc.origin), sha
    except Exception as exc:  # noqa: BLE001 - isolate any extractor bug to its document
        msg = f"{type(exc).__name__}: {exc}"[:500]
        return None, DocumentError("internal", msg, doc.origin), sha


def process_one(item: Item, timeout: float | None = None) -> Outcome:
    """In-process extraction of one reader item (a reader error passes straight through)."""
    if isinstance(item, DocumentError):
        return None, item, None
    return extract_outcome(item, digest(item.data), timeout)


# -- wire format -----------------------------------------------------------------------


def pack(article: Article) -> tuple[Any, ...]:
    """Article fields as plain values, without ``raw`` (the parent holds those bytes)."""
    return (
        article.text, article.title, article.url, article.origin, article.source,
        article.authors, article.published, article.language, article.language_confidence,
        [(p.start, p.end) for p in article.paragraphs],
        [(b.start, b.end, b.reason, b.text) for b in article.removed],
        article.source_text, article.media_type, article.extractor, article.id,
    )


def unpack(fields: tuple[Any, ...], raw: bytes) -> Article:
    """Inverse of pack, with the raw bytes put back."""
    (text, title, url, origin, source, authors, published, language, confidence, paras,
     removed, source_text, media_type, extractor, article_id) = fields
    return Article(
        text=text, title=title, url=url, origin=origin, source=source, authors=authors,
        published=published, language=language, language_confidence=confidence,
        paragraphs=[Paragraph(s, e) for s, e in paras],
        removed=[RemovedBlock(s, e, r, t) for s, e, r, t in removed],
        source_text=source_text, raw=raw, media_type=media_type, extractor=extractor,
        id=article_id,
    )


def from_wire(wire: Wire, doc: RawDocument, sha: str) -> Outcome:
    fields, error = wire
    return (unpack(fields, doc.data) if fields is not None else None), error, sha


# -- pool worker side --------------------------------------------------------------------

_worker_timeout: float | None = None


def init_worker(timeout: float | None) -> None:
    """Pool initializer: the limit travels once per process, not once per document."""
    global _worker_timeout
    _worker_timeout = timeout


def work(jobs: list[Job]) -> list[Wire]:
    """Extract a small group of documents inside a pool worker."""
    wires: list[Wire] = []
    for doc, sha in jobs:
        article, error, _ = extract_outcome(doc, sha, _worker_timeout, hard=True)
        wires.append((pack(article) if article is not None else None, error))
    return wires


def _solo_main(doc: RawDocument, sha: str, timeout: float | None, conn: Connection) -> None:
    init_worker(timeout)
    conn.send(work([(doc, sha)])[0])
    conn.close()


def run_solo(doc: RawDocument, sha: str, timeout: float | None) -> Outcome:
    """Extract one document in a fresh forked process; its death costs only this document.

    Used after a worker died, to find the document that killed it. The exit status tells
    a hard timeout (SIGVTALRM, see time_limit) from a crash.
    """
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_solo_main, args=(doc, sha, timeout, send), daemon=True)
    proc.start()
    send.close()
    try:
        wire: Wire | None = recv.recv()
    except EOFError:
        wire = None
    finally:
        recv.close()
        proc.join()
    if wire is not None:
        return from_wire(wire, doc, sha)
    if proc.exitcode == -signal.SIGVTALRM:
        err = DocumentError("timeout", f"extraction stuck past {timeout:g} s of CPU time", doc.origin)
    else:
        err = DocumentError("internal", "extraction crashed its worker process", doc.origin)
    return None, err, sha
