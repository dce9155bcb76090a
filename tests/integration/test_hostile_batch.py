"""Hostile inputs in one batch: clear errors, bounded memory, the rest stored."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
import zlib
from pathlib import Path

import psutil

from tests.helpers import news_text, write_corpus

GB = 1024**3


def _gzip_bomb_warc(path: Path, payload_mb: int = 300) -> None:
    """A WARC record whose gzip member inflates to payload_mb of zeros."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    length = len(http) + payload_mb * 2**20
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-"
            b"000000000001>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://bomb.example/"
            b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: "
            + str(length).encode() + b"\r\n\r\n" + http)
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as fh:
        fh.write(comp.compress(head))
        zeros = bytes(2**20)
        for _ in range(payload_mb):
            fh.write(comp.compress(zeros))
        fh.write(comp.compress(b"\r\n\r\n"))
        fh.write(comp.flush())


def _make_batch(d: Path) -> None:
    write_corpus(d, 3)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"   \n\n  ")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with (d / "huge.txt").open("wb") as fh:
        fh.truncate(200 * 2**20)  # sparse: 200 MB without writing them
    (d / "invalid-utf8.txt").write_bytes(news_text(20).encode() + b"\xff\xfe\xc3\x28 tail")
    ru = "Совет города утвердил бюджет после долгих споров\n\n" + (
        "Депутаты спорили о дорогах, школах и налогах, но в итоге большинство проголосовало за. " * 4)
    (d / "cp1251.txt").write_bytes(ru.encode("cp1251"))
    de = "Gemeinderat beschließt Haushalt für Straßen und Schulen\n\n" + (
        "Die Bürger äußerten Kritik an den Plänen für die Umgehungsstraße und die Gebühren. " * 4)
    (d / "latin1.txt").write_bytes(de.encode("latin-1"))
    (d / "nested.html").write_text("<html><body>" + "<div>" * 10000 + "deep" + "</div>" * 10000
                                   + "</body></html>", encoding="utf-8")
    _gzip_bomb_warc(d / "bomb.warc.gz")


def test_hostile_batch_is_isolated_and_bounded(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    _make_batch(batch)
    db = tmp_path / "p.db"
    proc = subprocess.Popen([sys.executable, "-m", "propscope.cli.main", "ingest", str(batch),
                             "--db", str(db), "--quiet", "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ps, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            peak = max(peak, sum(p.memory_info().rss for p in [ps, *ps.children(recursive=True)]))
        except psutil.Error:
            pass
        time.sleep(0.02)
    assert proc.returncode == 0, proc.stderr.read()
    assert peak < GB, f"peak RSS {peak / 2**20:.0f} MB"
    listed = subprocess.run([sys.executable, "-m", "propscope.cli.main", "list", "--db", str(db),
                             "--json"], capture_output=True, text=True).stdout.splitlines()
    titles = {json.loads(x)["title"] for x in listed}
    assert "Совет города утвердил бюджет после долгих споров" in titles
    assert "Gemeinderat beschließt Haushalt für Straßen und Schulen" in titles
    assert len(titles) == 6  # 3 generated + invalid-utf8 (decoded with replacement) + cp1251 + latin1
    errs = [json.loads(x) for x in subprocess.run(
        [sys.executable, "-m", "propscope.cli.main", "list", "--errors", "--db", str(db), "--json"],
        capture_output=True, text=True).stdout.splitlines()]
    by_file = {Path(e["origin"].split("#")[0]).name: e["kind"] for e in errs}
    assert by_file["empty.txt"] == "empty" and by_file["blank.txt"] == "empty"
    assert by_file["image.txt"] == "binary" and by_file["huge.txt"] == "too-large"
    assert by_file["bomb.warc.gz"] == "decompression-bomb"
    assert by_file.get("nested.html") in ("no-text", "unparsable")
    assert all(e["message"] for e in errs)
