"""Local files, directories, globs, gzip and stdin through iter_inputs."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from propscope.ingest import Limits, iter_inputs
from propscope.ingest.files import read_stdin
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

ARTICLE = "Harbour authority reopens the northern pier after repairs.\n\nWork took six weeks.\n"
PAGE = "<!DOCTYPE html><html><head><title>Pier</title></head><body><p>Reopened.</p></body></html>"
SRC = str(Path(__file__).resolve().parents[2] / "src")


def collect(specs: list[str], **kwargs: object) -> list[RawDocument | DocumentError]:
    return list(iter_inputs(specs, **kwargs))  # type: ignore[arg-type]


def docs(items: list[RawDocument | DocumentError]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors(items: list[RawDocument | DocumentError]) -> list[DocumentError]:
    return [i for i in items if isinstance(i, DocumentError)]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("a.txt", "text/plain"),
        ("a.html", "text/html"),
        ("a.htm", "text/html"),
        ("a.xhtml", "text/html"),
    ],
)
def test_file_media_type_by_extension(tmp_path: Path, name: str, media: str) -> None:
    path = write(tmp_path / name, ARTICLE)
    [doc] = collect([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.media_type == media
    assert doc.origin == str(path)
    assert doc.data == ARTICLE.encode()


@pytest.mark.parametrize(
    ("data", "media"),
    [
        (PAGE, "text/html"),
        ("\ufeff  \n<html><body>x</body></html>", "text/html"),
        ("  <!doctype HTML>\n<p>x</p>", "text/html"),
        ("<p>fragment is not sniffed as a page</p>", "text/plain"),
        (ARTICLE, "text/plain"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, data: str, media: str) -> None:
    [doc] = collect([str(write(tmp_path / "page.dat", data))])
    assert isinstance(doc, RawDocument) and doc.media_type == media


def test_directory_recursion_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a" / "deep" / "c.html", PAGE)
    write(tmp_path / "a" / "z.txt", ARTICLE)
    write(tmp_path / ".git" / "config.txt", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    origins = [d.origin for d in docs(collect([str(tmp_path)]))]
    rel = [os.path.relpath(o, tmp_path) for o in origins]
    # top-down: a directory's own files (sorted) before its subdirectories (sorted)
    assert rel == ["b.txt", os.path.join("a", "z.txt"), os.path.join("a", "deep", "c.html")]


def test_directory_glob_filter(tmp_path: Path) -> None:
    write(tmp_path / "x" / "one.txt", ARTICLE)
    write(tmp_path / "x" / "two.html", PAGE)
    found = docs(collect([str(tmp_path)], glob="*.html"))
    assert [Path(d.origin).name for d in found] == ["two.html"]


def test_glob_spec_recursive(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "2021" / "a.txt", ARTICLE)
    write(tmp_path / "corpus" / "2022" / "b.txt", ARTICLE)
    write(tmp_path / "corpus" / "2022" / "c.html", PAGE)
    found = docs(collect([str(tmp_path / "corpus" / "**" / "*.txt")]))
    assert sorted(Path(d.origin).name for d in found) == ["a.txt", "b.txt"]


def test_missing_path_and_empty_glob_are_errors_not_exceptions(tmp_path: Path) -> None:
    items = collect(
        [
            str(tmp_path / "nope.txt"),
            str(tmp_path / "*.none"),
            str(write(tmp_path / "ok.txt", ARTICLE)),
        ]
    )
    assert [e.kind for e in errors(items)] == ["not-found", "not-found"]
    assert len(docs(items)) == 1


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    items = collect(
        [str(write(tmp_path / "e.txt", b"")), str(write(tmp_path / "w.txt", b" \n\t\n"))]
    )
    assert [e.kind for e in errors(items)] == ["empty", "empty"]


def test_binary_file_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
    items = collect(
        [str(write(tmp_path / "image.png", png)), str(write(tmp_path / "fake.txt", png))]
    )
    assert [e.kind for e in errors(items)] == ["binary", "binary"]


def test_sparse_200mb_file_rejected_from_stat(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    [err] = collect([str(path)])
    assert isinstance(err, DocumentError) and err.kind == "too-large"
    assert "on disk" in err.message


def test_document_size_limit_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 2000)
    [err] = collect([str(path)], limits=Limits(max_document_bytes=1000))
    assert isinstance(err, DocumentError) and err.kind == "too-large"


def test_gzip_is_transparent(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html.gz", gzip.compress(PAGE.encode()))
    [doc] = collect([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.data == PAGE.encode() and doc.media_type == "text/html"


def _gzip_of_zeros(path: Path, size: int) -> Path:
    block = b"\x00" * (1024 * 1024)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        for _ in range(size // len(block)):
            fh.write(block)
    return path


def test_gzip_bomb_is_stopped(tmp_path: Path) -> None:
    bomb = _gzip_of_zeros(tmp_path / "bomb.txt.gz", 64 * 1024 * 1024)
    assert bomb.stat().st_size < 200 * 1024
    [err] = collect([str(bomb)])
    assert isinstance(err, DocumentError) and err.kind == "decompression-bomb"


def test_gzip_bomb_stopped_by_absolute_cap_when_ratio_guard_is_off(tmp_path: Path) -> None:
    bomb = _gzip_of_zeros(tmp_path / "bomb.txt.gz", 8 * 1024 * 1024)
    limits = Limits(
        max_document_bytes=1024 * 1024,
        max_decompressed_bytes=2 * 1024 * 1024,
        max_compression_ratio=1e9,
    )
    [err] = collect([str(bomb)], limits=limits)
    assert isinstance(err, DocumentError) and err.kind == "decompression-bomb"


def test_honest_big_gzip_is_too_large_not_a_bomb(tmp_path: Path) -> None:
    text = os.urandom(600 * 1024).hex()  # 1.2 MB, compresses only ~2:1
    path = write(tmp_path / "big.txt.gz", gzip.compress(text.encode()))
    [err] = collect([str(path)], limits=Limits(max_document_bytes=1024 * 1024))
    assert isinstance(err, DocumentError) and err.kind == "too-large"


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    data = gzip.compress(ARTICLE.encode() * 50)
    path = write(tmp_path / "broken.txt.gz", data[: len(data) // 2])
    [err] = collect([str(path)])
    assert isinstance(err, DocumentError) and err.kind == "unparsable"


def test_stdin_from_buffer() -> None:
    [doc] = list(read_stdin(Limits(), io.BytesIO(PAGE.encode())))
    assert isinstance(doc, RawDocument)
    assert doc.origin == "<stdin>" and doc.media_type == "text/html"


def test_stdin_size_cap() -> None:
    [err] = list(read_stdin(Limits(max_document_bytes=10), io.BytesIO(b"y" * 11)))
    assert isinstance(err, DocumentError) and err.kind == "too-large"


def test_stdin_dash_spec_in_subprocess() -> None:
    code = (
        "from propscope.ingest import iter_inputs\n"
        "[d] = list(iter_inputs(['-']))\n"
        "print(d.origin, d.media_type, len(d.data))\n"
    )
    env = {**os.environ, "PYTHONPATH": SRC}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=ARTICLE.encode(),
        capture_output=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert out.stdout.decode().split() == ["<stdin>", "text/plain", str(len(ARTICLE.encode()))]


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(fifo)
    [err] = collect([str(fifo)])
    assert isinstance(err, DocumentError) and err.kind == "unparsable"


def test_unexpected_reader_crash_becomes_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.ingest.files as files

    def explode(*args: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(files, "read_jsonl", explode)
    bad = write(tmp_path / "a.jsonl", '{"text": "x"}\n')
    good = write(tmp_path / "b.txt", ARTICLE)
    items = collect([str(bad), str(good)])
    assert [getattr(i, "kind", "doc") for i in items] == ["internal", "doc"]


@pytest.mark.parametrize(
    "kwargs", [{"max_document_bytes": 0}, {"read_timeout": 0}, {"max_compression_ratio": 1}]
)
def test_limits_validated(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Limits(**kwargs)  # type: ignore[arg-type]
