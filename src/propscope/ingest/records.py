"""Structured inputs (JSON, JSONL, CSV): one record -> one RawDocument or one error.

Text values are decoded with ``surrogateescape`` and re-encoded the same way, so bytes that
are not UTF-8 (a legacy-encoded CSV) reach ``decode_bytes`` unchanged instead of being
mangled here; a bad line or row is reported and the next one is read.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from propscope.ingest.bounded import CHUNK, iter_lines
from propscope.ingest.limits import FieldMap, Limits
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

Item = RawDocument | DocumentError
_MAX_CONSECUTIVE_ERRORS = 1000  # a "CSV" that is really a binary blob: stop, don't spin


def record_to_document(
    record: Any, origin: str, limits: Limits, fields: FieldMap
) -> RawDocument | DocumentError:
    """Map one record to a RawDocument: the html field wins over the text field."""
    if not isinstance(record, Mapping):
        return DocumentError(
            "bad-record", f"expected an object, got {type(record).__name__}", origin
        )
    mapped = fields.extract(record)
    html, text = mapped.pop("html", None), mapped.pop("text", None)
    body, media = (html, "text/html") if html else (text, "text/plain")
    if not body:
        return DocumentError("bad-record", "record has no text or html field", origin)
    data, clean = _to_bytes(body)
    if len(data) > limits.max_document_bytes:
        return DocumentError("too-large", f"{len(data)} bytes of text", origin)
    if not clean and any(not _to_bytes(v)[1] for v in mapped.values()):
        mapped = _decode_fields(mapped, data)
    return RawDocument(
        data=data,
        origin=origin,
        media_type=media,
        url=mapped.get("url"),
        encoding="utf-8" if clean else None,
        fields=mapped,
    )


def _decode_fields(mapped: dict[str, str], body: bytes) -> dict[str, str]:
    """Metadata is stored as text, so escaped legacy bytes are decoded here, with the codec
    detected on the (much longer) body: a five-letter title alone is undetectable."""
    from propscope.extract.decode import guess_legacy_codec  # lazy: rare path

    codec = guess_legacy_codec(body) or "utf_8"
    out: dict[str, str] = {}
    for key, value in mapped.items():
        raw, clean = _to_bytes(value)
        out[key] = value if clean else raw.decode(codec, errors="replace")
    return out


def _to_bytes(text: str) -> tuple[bytes, bool]:
    """Back to the original bytes; ``clean`` is False when they were not valid UTF-8."""
    try:
        return text.encode("utf-8"), True
    except UnicodeEncodeError:
        return text.encode(
            "utf-8", errors="surrogateescape" if _escaped(text) else "replace"
        ), False


def _escaped(text: str) -> bool:
    """True when every surrogate came from surrogateescape (U+DC80..U+DCFF)."""
    return all(not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF for ch in text)


def read_json(data: bytes, path: str, limits: Limits, fields: FieldMap) -> Iterator[Item]:
    """A .json file: one object, a list of objects, or one object wrapping such a list."""
    try:
        value = json.loads(data.decode("utf-8-sig", errors="surrogateescape"))
    except (ValueError, RecursionError) as exc:
        yield DocumentError("unparsable", f"invalid JSON: {exc}", path)
        return
    if isinstance(value, dict):
        value = _unwrap(value, fields)
    if isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield record_to_document(item, f"{path}#item={index}", limits, fields)
    else:
        yield record_to_document(value, path, limits, fields)


def _unwrap(value: dict[str, Any], fields: FieldMap) -> dict[str, Any] | list[Any]:
    """``{"articles": [...]}`` exports: use the single list of objects if no text is mapped."""
    mapped = fields.extract(value)
    if "text" in mapped or "html" in mapped:
        return value
    lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 else value


def read_jsonl(stream: BinaryIO, path: str, limits: Limits, fields: FieldMap) -> Iterator[Item]:
    """One record per line, streamed; a malformed line is an error for that line only."""
    for number, line in iter_lines(stream, cap=limits.max_decompressed_bytes):
        origin = f"{path}#L{number}"
        if line is None:
            yield DocumentError(
                "too-large", f"line longer than {limits.max_decompressed_bytes}", origin
            )
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8", errors="surrogateescape"))
        except (ValueError, RecursionError) as exc:
            yield DocumentError("bad-record", f"invalid JSON line: {exc}", origin)
            continue
        yield record_to_document(record, origin, limits, fields)


class _LineTooLongError(Exception):
    """Raised through csv.reader so the row can be reported; the reader stays usable."""


class _CsvLines:
    """Iterator of decoded physical lines for csv.reader, each at most ``cap`` bytes.

    A class rather than a generator: a generator is dead after raising, this object keeps
    going after reporting an over-long line.
    """

    def __init__(self, stream: BinaryIO, cap: int) -> None:
        self._stream = stream
        self._cap = cap
        self._first = True

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(self._cap + 1)
        if not line:
            raise StopIteration
        if self._first:
            line, self._first = line.removeprefix(b"\xef\xbb\xbf"), False
        if len(line) > self._cap and not line.endswith(b"\n"):
            while (rest := self._stream.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            raise _LineTooLongError
        return line.decode("utf-8", errors="surrogateescape")


def read_csv(stream: BinaryIO, path: str, limits: Limits, fields: FieldMap) -> Iterator[Item]:
    """Header row then one record per row (origin ``path#row=<n>``, n counts data rows)."""
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_decompressed_bytes))
    reader = csv.reader(_CsvLines(stream, limits.max_decompressed_bytes))
    try:
        header = next(reader)
    except StopIteration:
        yield DocumentError("empty", "CSV file has no header row", path)
        return
    except (csv.Error, _LineTooLongError) as exc:
        yield DocumentError("unparsable", f"bad CSV header: {exc}", path)
        return
    yield from _csv_rows(reader, header, path, limits, fields)


def _csv_rows(
    reader: Iterator[list[str]], header: list[str], path: str, limits: Limits, fields: FieldMap
) -> Iterator[Item]:
    row_number, errors_in_a_row = 0, 0
    while errors_in_a_row < _MAX_CONSECUTIVE_ERRORS:
        row_number += 1
        origin = f"{path}#row={row_number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except _LineTooLongError:
            errors_in_a_row += 1
            yield DocumentError("too-large", "CSV line too long", origin)
            continue
        except csv.Error as exc:
            errors_in_a_row += 1
            yield DocumentError("bad-record", f"bad CSV row: {exc}", origin)
            continue
        errors_in_a_row = 0
        if not any(cell.strip() for cell in row):
            row_number -= 1  # blank lines are not rows
            continue
        yield record_to_document(dict(zip(header, row, strict=False)), origin, limits, fields)
    yield DocumentError("unparsable", "too many consecutive bad rows; rest skipped", path)
