"""A pathological document costs at most the per-document time limit, never the batch."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import propscope.pipeline.worker as pipeline_worker
from propscope.extract import langid
from propscope.ingest import iter_inputs
from propscope.pipeline import ingest
from propscope.schema import RawDocument
from propscope.store import open_store
from tests.helpers import news_text, write_corpus

SLOW_S = 20.0  # far beyond every limit below: a test that waits for it has failed
SPIN_S = 90.0  # a stuck worker is killed once per attempt (pool, retry, alone): 3 x CPU limit


def _burn(seconds: float) -> None:
    """Use CPU (the limit counts CPU time, so sleeping would never reach it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def _slow_corpus(tmp_path: Path, n: int = 10) -> Path:
    corpus = tmp_path / "c"
    write_corpus(corpus, n)
    (corpus / "slow.txt").write_text(news_text(77), encoding="utf-8")
    return corpus


def _patch_extract(monkeypatch, stall) -> None:
    real = pipeline_worker.extract

    def maybe_slow(doc: RawDocument):
        if doc.origin.endswith("slow.txt"):
            stall()
        return real(doc)

    monkeypatch.setattr(pipeline_worker, "extract", maybe_slow)  # forked workers inherit it


def _check_one_timeout(tmp_path: Path, workers: int, timeout: float) -> float:
    # Models load lazily on first use, inside the first document's limit: load them first
    # (forked workers inherit them) so only the slow document can reach a tiny limit.
    langid.warm_up()
    store = open_store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
    started = time.monotonic()
    report = ingest(iter_inputs([str(tmp_path / "c")]), store, workers=workers, batch_size=4,
                    doc_timeout=timeout)
    elapsed = time.monotonic() - started
    assert (report.stored, report.errors) == (10, 1)
    (err,) = store.list_errors(limit=5, offset=0)
    assert err.kind == "timeout" and err.origin.endswith("slow.txt")
    assert "CPU time" in err.message
    assert store.count_articles() == 10
    store.close()
    return elapsed


@pytest.mark.parametrize("workers", [1, 2])
def test_a_slow_document_becomes_a_timeout_error_and_the_rest_is_stored(
    tmp_path: Path, monkeypatch, workers: int
) -> None:
    _slow_corpus(tmp_path)
    _patch_extract(monkeypatch, lambda: _burn(SLOW_S))
    assert _check_one_timeout(tmp_path, workers, timeout=1.0) < SLOW_S / 2


def test_a_document_stuck_outside_python_is_killed_and_recorded(tmp_path: Path, monkeypatch) -> None:
    """Code that never lets the timer's handler run (here: it ignores SIGPROF and spins)."""

    def spin() -> None:
        signal.signal(signal.SIGPROF, signal.SIG_IGN)
        _burn(SPIN_S)

    _slow_corpus(tmp_path)
    _patch_extract(monkeypatch, spin)
    monkeypatch.setattr(pipeline_worker, "HARD_GRACE_S", 0.3)
    assert _check_one_timeout(tmp_path, 2, timeout=0.5) < SPIN_S


def test_the_limit_leaves_an_outer_profiling_timer_in_place() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGPROF, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_PROF, 0.3)
        with pipeline_worker.time_limit(5.0):
            pass
        deadline = time.monotonic() + SLOW_S
        while not fired and time.monotonic() < deadline:
            pass
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_cli_doc_timeout_option_is_accepted(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 2)
    done = subprocess.run(
        [sys.executable, "-m", "propscope.cli.main", "ingest", str(tmp_path / "c"), "--db",
         str(tmp_path / "p.db"), "--doc-timeout", "5", "--workers", "1", "--quiet"],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
