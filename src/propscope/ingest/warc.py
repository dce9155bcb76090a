"""WARC / WARC.gz archives: HTML and plain-text response records become RawDocuments.

Crawl archives are mostly images, scripts and redirects; those records are skipped
silently (reporting each would drown real errors). Record numbers in ``origin`` count every
record in the file (1-based), so ``path#record=7`` can be found again.

Bomb handling: a record is inflated either by warcio (gzip members of a .warc.gz) or by
``content_stream`` (HTTP Content-Encoding). The first is bounded by the record's declared
Content-Length, checked before reading; skipping an oversized member still costs inflating
it, so when the declared size is absurd for the file's size the rest of the file is
abandoned. The second is capped while reading (see ``read_document``).

Truncated archives: warcio stops quietly at a cut, so the records before it are yielded
and a cut trailing record is dropped (gzip) or delivered short (plain WARC), unreported.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from propscope.ingest.bounded import read_document
from propscope.ingest.limits import Limits
from propscope.ingest.mediatype import document_media_type, looks_binary, parse_content_type
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

Item = RawDocument | DocumentError
_WANTED_RECORDS = frozenset({"response", "resource"})


class _StopFileError(Exception):
    """The rest of the archive cannot be reached safely."""


def read_warc(path: str, limits: Limits, *, size: int, gz: bool) -> Iterator[Item]:
    """Stream records; a broken record ends the file with one error (no resync point)."""
    number = 0
    with open(path, "rb") as fh:
        try:
            for number, record in enumerate(ArchiveIterator(fh), 1):
                item = _record_item(record, f"{path}#record={number}", limits, size, gz)
                if item is not None:
                    yield item
        except _StopFileError as exc:
            yield DocumentError("decompression-bomb", str(exc), f"{path}#record={number}")
        except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as exc:
            where = f"{path}#record={number + 1}"
            yield DocumentError("bad-record", f"unreadable WARC record: {exc}", where)


def _record_item(record: Any, origin: str, limits: Limits, size: int, gz: bool) -> Item | None:
    """One record -> document, error, or None for records that are not articles."""
    if record.rec_type not in _WANTED_RECORDS:
        return None
    media, charset = _content_type(record)
    if media not in limits.allowed_content_types or not _status_ok(record):
        return None
    declared = int(record.length or 0)
    if declared > limits.max_decompressed_bytes:
        if gz and declared > size * limits.max_compression_ratio:
            raise _StopFileError(f"record declares {declared} bytes in a {size}-byte archive")
        return DocumentError("too-large", f"record of {declared} bytes", origin)
    try:
        data = _read_payload(record, origin, limits, declared)
    except DocumentError as exc:
        return exc
    if looks_binary(data):
        return DocumentError("binary", f"{media} record with binary payload", origin)
    return _document(record, data, origin, media, charset)


def _read_payload(record: Any, origin: str, limits: Limits, declared: int) -> bytes:
    encoded = record.http_headers is not None and bool(
        record.http_headers.get_header("Content-Encoding")
    )
    try:
        return read_document(
            record.content_stream(),
            cap=limits.max_document_bytes,
            origin=origin,
            limits=limits,
            compressed_size=(lambda: max(declared, 1)) if encoded else None,
        )
    except (OSError, ValueError, EOFError, zlib.error) as exc:
        raise DocumentError("bad-record", f"cannot decode payload: {exc}", origin) from exc


def _content_type(record: Any) -> tuple[str, str | None]:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return "", None
    return parse_content_type(headers.get_header("Content-Type"))


def _status_ok(record: Any) -> bool:
    """Only 2xx responses carry the page; redirects and error pages are skipped."""
    if record.rec_type != "response" or record.http_headers is None:
        return True
    status = record.http_headers.get_statuscode() or ""
    return status.startswith("2")


def _document(
    record: Any, data: bytes, origin: str, media: str, charset: str | None
) -> RawDocument:
    fields: dict[str, str] = {}
    warc_date = record.rec_headers.get_header("WARC-Date")
    if warc_date:
        fields["warc_date"] = warc_date  # capture time: only a weak hint of publication
    if record.http_headers is not None:
        modified = record.http_headers.get_header("Last-Modified")
        if modified:
            fields["http_last_modified"] = modified
    return RawDocument(
        data=data,
        origin=origin,
        media_type=document_media_type(media),
        url=record.rec_headers.get_header("WARC-Target-URI"),
        encoding=charset,
        fields=fields,
    )
