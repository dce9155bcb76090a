"""Big and hostile files stay within bounded memory (measured in a fresh child process).

The child reports its peak RSS (``VmHWM``, exact; not ``ru_maxrss``, which Linux carries
across exec from the forking parent, here a large pytest process) and the parent samples it
with psutil while it runs, so a regression that reads a file whole shows up as ~200 MB+.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")
MB = 1024 * 1024
CHILD = r"""
import json, re, sys
from collections import Counter
from propscope.ingest import iter_inputs
kinds = Counter(getattr(item, "kind", "doc") for item in iter_inputs(sys.argv[1:]))
hwm = re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read())
print(json.dumps({"kinds": kinds, "peak_kb": int(hwm.group(1))}))
"""


def run_child(paths: list[Path]) -> tuple[dict[str, int], int]:
    """(error/doc counts, peak RSS in bytes as the max of ru_maxrss and psutil samples)."""
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, *map(str, paths)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    sampled = 0
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            sampled = max(sampled, watched.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.02)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    report = json.loads(out)
    return report["kinds"], max(sampled, report["peak_kb"] * 1024)


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


@pytest.mark.timeout(300)
def test_big_hostile_files_stay_bounded(tmp_path: Path) -> None:
    files = [
        sparse(tmp_path / "huge.txt", 200 * MB),  # refused from stat
        sparse(tmp_path / "huge.html", 200 * MB),
        sparse(tmp_path / "nul.jsonl", 200 * MB),  # one 200 MB line of NULs: streamed, skipped
        sparse(tmp_path / "nul.csv", 200 * MB),
    ]
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb") as fh:
        block = b"\x00" * MB
        for _ in range(200):
            fh.write(block)
    files.append(bomb)
    kinds, peak = run_child(files)
    assert kinds == {"too-large": 3, "unparsable": 1, "decompression-bomb": 1}
    print(f"peak RSS {peak / MB:.0f} MB")
    assert peak < 300 * MB, f"peak RSS {peak / MB:.0f} MB"


@pytest.mark.timeout(300)
def test_200mb_jsonl_streams_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = (json.dumps({"title": "Row", "text": "lorem ipsum " * 170}) + "\n").encode()
    block = line * 1000
    count = 0
    with open(path, "wb") as fh:
        while fh.tell() < 200 * MB:
            fh.write(block)
            count += 1000
    kinds, peak = run_child([path])
    assert kinds == {"doc": count}
    print(f"peak RSS {peak / MB:.0f} MB")
    assert peak < 300 * MB, f"peak RSS {peak / MB:.0f} MB"
