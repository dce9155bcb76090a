"""Multi-process behaviour: concurrent opens, concurrent writers, SIGKILL mid-batch.

These are the guarantees resume depends on: whatever a writer reported as committed
survives a crash, a crashed writer leaves no lock or half-written article behind, and
several processes can open and write one database at once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from propscope.store import open_store

WORKER = Path(__file__).with_name("store_worker.py")
SRC = Path(__file__).resolve().parents[2] / "src"


def spawn(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get(
        "PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def finish(proc: subprocess.Popen[str], timeout: float = 120) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out


@pytest.mark.timeout(180)
def test_concurrent_open_of_fresh_database(store_url: str) -> None:
    start_at = f"{time.time() + 2.0:.3f}"  # all workers import first, then open together
    procs = [spawn("open", store_url, start_at) for _ in range(4)]
    assert all(finish(p).strip() == "OPENED" for p in procs)
    with open_store(store_url) as store:
        assert store.stats()["articles"] == 0


@pytest.mark.timeout(240)
def test_concurrent_writers_same_articles(store_url: str) -> None:
    open_store(store_url).close()
    procs = [spawn("write", store_url, "shared", "6") for _ in range(2)]
    lines = [line.split() for p in procs for line in finish(p).splitlines()]
    stored = sum(int(line[2]) for line in lines)
    errors = sum(int(line[4]) for line in lines)
    assert stored == 6 * 25  # each article stored exactly once across both writers
    assert errors == 2 * 6  # only the deliberate DocumentErrors, no store failures
    with open_store(store_url) as store:
        assert store.count_articles() == 150
        assert store.count_errors() == 12


def _read_committed(proc: subprocess.Popen[str], n: int, deadline: float) -> list[str]:
    """Stored ids of the first n batches the writer reported as committed."""
    ids: list[str] = []
    assert proc.stdout is not None
    for _ in range(n):
        line = proc.stdout.readline()
        assert line.startswith("COMMITTED"), (line, proc.stderr.read() if proc.stderr else "")
        parts = line.split()
        ids.extend(parts[5].split(",") if len(parts) > 5 else [])
        assert time.time() < deadline, "writer too slow"
    return ids


@pytest.mark.timeout(180)
def test_sigkill_mid_run_loses_nothing_committed(store_url: str) -> None:
    open_store(store_url).close()
    proc = spawn("write", store_url, "killed")
    committed = _read_committed(proc, 8, time.time() + 120)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with open_store(store_url) as store:
        if store_url.startswith("sqlite"):
            with store.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert len(committed) == 8 * 25
        found = {a.id for a in store.iter_articles()}
        assert set(committed) <= found
        summaries = store.list_articles(limit=100_000)
        assert all(s.n_paragraphs == 2 for s in summaries)  # no half-written article
        assert len(found) % 25 == 0  # whole batches only
        # the crashed writer left no lock behind: a new writer proceeds at once
        finish(spawn("write", store_url, "after", "1"), timeout=60)
        assert store.count_articles() == len(found) + 25
