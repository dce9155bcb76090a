"""WARC archives written by the tests with warcio, including hostile records."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from propscope.extract.decode import decode_bytes
from propscope.ingest import Limits, iter_inputs
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

PAGE = (
    "<!DOCTYPE html><html><body><h1>Quay</h1><p>The quay was rebuilt in spring.</p></body></html>"
)
RUSSIAN = "Набережную перестроили весной, движение восстановлено."


def response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    content_type: str,
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = [("Content-Type", content_type), *(extra or [])]
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)


def gzip_zeros(size: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    block = b"\x00" * (1024 * 1024)
    parts = [comp.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + comp.flush()


def build_warc(path: Path, *, gz: bool) -> Path:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        response(
            writer,
            "https://news.example/quay",
            PAGE.encode(),
            "text/html; charset=utf-8",
            extra=[("Last-Modified", "Tue, 01 Jun 2021 10:00:00 GMT")],
        )
        response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
        response(
            writer, "https://news.example/old", b"", "text/html", status="301 Moved Permanently"
        )
        response(
            writer,
            "https://news.example/bomb",
            gzip_zeros(64 * 1024 * 1024),
            "text/html",
            extra=[("Content-Encoding", "gzip")],
        )
        response(
            writer,
            "https://news.example/ru",
            RUSSIAN.encode("cp1251"),
            "text/plain; charset=windows-1251",
        )
        resource = writer.create_warc_record(
            "urn:note",
            "resource",
            payload=io.BytesIO(b"A plain note stored as a resource."),
            warc_content_type="text/plain",
        )
        writer.write_record(resource)
    return path


def summary(items: list[RawDocument | DocumentError]) -> list[tuple[str, str]]:
    return [(i.origin.rsplit("#", 1)[1], getattr(i, "kind", "doc")) for i in items]


def check_archive(path: Path) -> None:
    items = list(iter_inputs([str(path)]))
    # records: 1 warcinfo, 2 page, 3 png, 4 redirect, 5 bomb, 6 cp1251 text, 7 resource
    assert summary(items) == [
        ("record=2", "doc"),
        ("record=5", "decompression-bomb"),
        ("record=6", "doc"),
        ("record=7", "doc"),
    ]
    page, russian, note = [i for i in items if isinstance(i, RawDocument)]
    assert page.data == PAGE.encode() and page.media_type == "text/html"
    assert page.url == "https://news.example/quay" and page.encoding == "utf-8"
    assert page.fields["http_last_modified"] == "Tue, 01 Jun 2021 10:00:00 GMT"
    assert page.fields["warc_date"].startswith("20")
    assert "date" not in page.fields  # capture time is not publication time
    assert russian.encoding == "windows-1251" and russian.media_type == "text/plain"
    assert decode_bytes(russian.data, declared=russian.encoding) == RUSSIAN
    assert note.data == b"A plain note stored as a resource." and note.url == "urn:note"


def test_plain_warc(tmp_path: Path) -> None:
    check_archive(build_warc(tmp_path / "crawl.warc", gz=False))


def test_gzipped_warc(tmp_path: Path) -> None:
    check_archive(build_warc(tmp_path / "crawl.warc.gz", gz=True))


def test_oversized_record_is_skipped_and_next_read(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        response(writer, "https://news.example/big", b"<p>" + b"x" * 5000 + b"</p>", "text/html")
        response(writer, "https://news.example/small", PAGE.encode(), "text/html")
    items = list(iter_inputs([str(path)], limits=Limits(max_decompressed_bytes=2000)))
    assert summary(items) == [("record=1", "too-large"), ("record=2", "doc")]


def test_warc_level_gzip_bomb_stops_the_file(tmp_path: Path) -> None:
    """A gzip member declaring 200 MB in a tiny archive is refused without inflating it."""
    path = tmp_path / "bomb.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        response(writer, "https://news.example/ok", PAGE.encode(), "text/html")
    size = 200 * 1024 * 1024
    head = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: urn:bomb\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "WARC-Date: 2021-01-01T00:00:00Z\r\nContent-Type: text/plain\r\n"
        f"Content-Length: {size}\r\n\r\n"
    ).encode()
    with open(path, "ab") as fh:
        fh.write(gzip.compress(head) + gzip_zeros(size))
    assert path.stat().st_size < 400 * 1024
    items = list(iter_inputs([str(path)]))
    assert summary(items) == [("record=1", "doc"), ("record=2", "decompression-bomb")]


def test_corrupt_warc_yields_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file\r\n\r\nat all\r\n")
    items = list(iter_inputs([str(path)]))
    assert [getattr(i, "kind", "doc") for i in items] == ["bad-record"]


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    """warcio ends quietly at a cut (no error to report); what precedes it must survive."""
    for name, gz in (("cut.warc.gz", True), ("cut.warc", False)):
        path = build_warc(tmp_path / name, gz=gz)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) * 3 // 4])
        items = list(iter_inputs([str(path)]))
        assert summary(items)[:2] == [("record=2", "doc"), ("record=5", "decompression-bomb")]
