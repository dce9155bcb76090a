"""Local inputs: spec expansion (paths, directories, globs), per-extension dispatch, stdin.

Sizes are checked from ``stat`` before a single byte is read, so a 200 MB .txt costs
nothing; containers are handed to streaming readers.
"""

from __future__ import annotations

import fnmatch
import glob as globmod
import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from propscope.ingest.bounded import open_maybe_gzip, read_document
from propscope.ingest.limits import FieldMap, Limits
from propscope.ingest.mediatype import looks_binary, sniff_media_type
from propscope.ingest.records import read_csv, read_json, read_jsonl
from propscope.ingest.warc import read_warc
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

Item = RawDocument | DocumentError

_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".warc": "warc",
}
_CONTAINERS = frozenset({"jsonl", "csv", "warc"})
_GLOB_CHARS = frozenset("*?[")


def classify(path: str) -> tuple[str, bool]:
    """(kind, gzipped) from the file name; 'unknown' kinds are sniffed later."""
    name = path.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    return _EXTENSIONS.get(os.path.splitext(name)[1], "unknown"), gz


def expand_spec(spec: str, *, pattern: str | None = None) -> Iterator[str | DocumentError]:
    """Paths named by one spec: a file, a directory (recursive) or a glob pattern.

    ``pattern`` filters files found under directories (matched against the base name and
    the path relative to the directory), e.g. ``"*.jsonl"``.
    """
    if os.path.isdir(spec):
        yield from _walk(spec, pattern)
    elif os.path.lexists(spec):
        yield spec
    elif _GLOB_CHARS & set(spec):
        matches = sorted(globmod.glob(spec, recursive=True))
        if not matches:
            yield DocumentError("not-found", "glob matched no files", spec)
        for match in matches:
            yield from (_walk(match, pattern) if os.path.isdir(match) else [match])
    else:
        yield DocumentError("not-found", "no such file or directory", spec)


def _walk(root: str, pattern: str | None) -> Iterator[str]:
    """Sorted recursive walk; hidden entries (.git, .DS_Store) and dir symlinks skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if pattern is None or fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(rel, pattern):
                yield path


def read_path(path: str, limits: Limits, fields: FieldMap) -> Iterator[Item]:
    """Every document in one file; errors are yielded, never raised."""
    try:
        st = os.stat(path)
    except OSError as exc:
        yield DocumentError("not-found", exc.strerror or str(exc), path)
        return
    if not stat.S_ISREG(st.st_mode):
        yield DocumentError("unparsable", "not a regular file", path)
        return
    kind, gz = classify(path)
    try:
        yield from _dispatch(path, kind, gz, st.st_size, limits, fields)
    except DocumentError as exc:
        yield exc
    except OSError as exc:
        yield DocumentError("not-found", f"cannot read: {exc}", path)
    except Exception as exc:  # noqa: BLE001 - the contract: one bad file never stops a batch
        yield DocumentError("internal", f"{type(exc).__name__}: {exc}", path)


def _dispatch(
    path: str, kind: str, gz: bool, size: int, limits: Limits, fields: FieldMap
) -> Iterator[Item]:
    if kind == "warc":  # warcio inflates per-record gzip members itself
        _check_size(size, limits.max_file_bytes, path)
        yield from read_warc(path, limits, size=size, gz=gz)
        return
    if kind in _CONTAINERS:
        _check_size(size, limits.max_file_bytes, path)
        with open_maybe_gzip(path, gz=gz, cap=limits.max_file_bytes, limits=limits) as stream:
            reader = read_jsonl if kind == "jsonl" else read_csv
            yield from reader(stream, path, limits, fields)
        return
    if kind == "json":
        _check_size(size, limits.max_decompressed_bytes, path)
        data = _read_small(path, gz, limits.max_decompressed_bytes, size, limits)
        yield from read_json(data, path, limits, fields)
        return
    _check_size(size, limits.max_document_bytes, path)
    data = _read_small(path, gz, limits.max_document_bytes, size, limits)
    yield _document(data, path, {"text": "text/plain", "html": "text/html"}.get(kind))


def _document(data: bytes, origin: str, media: str | None) -> Item:
    """Refuse empty and binary inputs here so they never travel further down the pipeline."""
    if not data.strip():
        return DocumentError("empty", "no content", origin)
    if looks_binary(data):
        return DocumentError("binary", "binary content", origin)
    return RawDocument(data=data, origin=origin, media_type=media or sniff_media_type(data))


def _check_size(size: int, cap: int, path: str) -> None:
    if size > cap:
        raise DocumentError("too-large", f"{size} bytes on disk, limit {cap}", path)


def _read_small(path: str, gz: bool, cap: int, size: int, limits: Limits) -> bytes:
    """Read one whole document; for .gz the compressed size feeds the bomb guard."""
    inflate_cap = max(cap, limits.max_decompressed_bytes)
    with open_maybe_gzip(path, gz=gz, cap=inflate_cap, limits=limits) as stream:
        return read_document(
            stream,
            cap=cap,
            origin=path,
            limits=limits,
            compressed_size=(lambda: size) if gz else None,
        )


def read_stdin(limits: Limits, stream: BinaryIO | None = None) -> Iterator[Item]:
    """One document from standard input (bytes, capped), media type sniffed."""
    source = stream if stream is not None else sys.stdin.buffer
    try:
        data = read_document(source, cap=limits.max_document_bytes, origin="<stdin>", limits=limits)
    except DocumentError as exc:
        yield exc
        return
    except OSError as exc:
        yield DocumentError("not-found", f"cannot read stdin: {exc}", "<stdin>")
        return
    except Exception as exc:  # noqa: BLE001 - errors are values in this package
        yield DocumentError("internal", f"{type(exc).__name__}: {exc}", "<stdin>")
        return
    yield _document(data, "<stdin>", None)
