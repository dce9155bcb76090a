"""Interrupting an ingest loses nothing committed, and re-running resumes (real processes)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import write_corpus

#: Large enough that the run cannot finish between "20 committed" and the signal arriving
#: (plain-text extraction runs at ~1,000 documents/s; 300 once raced to completion on a busy CI).
N = 1500


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "propscope.cli.main", "ingest", str(corpus), "--db", str(db),
            "--batch-size", "5", "--workers", "1", "--quiet"]


def _start_and_interrupt(corpus: Path, db: Path, sig: int) -> subprocess.Popen:
    proc = subprocess.Popen(_ingest_cmd(corpus, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while _count(db) < 20 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted; raise N"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    return proc


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_ingest_keeps_committed_batches_and_resumes(tmp_path: Path, sig: int) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "p.db"
    write_corpus(corpus, N)
    proc = _start_and_interrupt(corpus, db, sig)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert b"resume" in proc.stderr.read()
    committed = _count(db)
    assert 0 < committed < N
    done = subprocess.run(_ingest_cmd(corpus, db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _count(db) == N  # nothing lost, nothing stored twice
    with sqlite3.connect(db) as con:
        assert con.execute("select count(distinct origin) from articles").fetchone()[0] == N
