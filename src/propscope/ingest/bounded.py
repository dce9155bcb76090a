"""Byte streams that cannot blow up memory: counted, capped and bomb-guarded.

Every reader goes through these helpers so "read at most N bytes" and "stop a gzip bomb"
are implemented once. Errors are raised as DocumentError and turned into yielded errors by
the readers.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from propscope.ingest.limits import Limits
from propscope.schema.errors import DocumentError

CHUNK = 64 * 1024


class CountingReader(io.RawIOBase):
    """Pass-through reader that counts bytes taken from the underlying (compressed) file.

    The count is the denominator of the compression-ratio guard.
    """

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


class GuardedGzip(io.RawIOBase):
    """Inflating reader that raises DocumentError('decompression-bomb') at the cap or ratio.

    Checked on every read, so a bomb is stopped after at most one chunk past the limit.
    """

    def __init__(self, raw: BinaryIO, *, cap: int, limits: Limits, origin: str) -> None:
        super().__init__()
        self._counter = CountingReader(raw)
        self._gzip = gzip.GzipFile(fileobj=self._counter, mode="rb")
        self._cap = cap
        self._limits = limits
        self._origin = origin
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        try:
            n = self._gzip.readinto(buffer)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise DocumentError("unparsable", f"corrupt gzip: {exc}", self._origin) from exc
        self.produced += n
        check_inflation(self.produced, self._counter.count, self._cap, self._limits, self._origin)
        return n

    def close(self) -> None:
        self._gzip.close()
        super().close()


def check_inflation(produced: int, consumed: int, cap: int, limits: Limits, origin: str) -> None:
    """Raise decompression-bomb when output passes ``cap`` or the ratio guard."""
    if produced > cap:
        raise DocumentError(
            "decompression-bomb", f"expands beyond {cap} bytes (from {consumed})", origin
        )
    if produced > limits.ratio_grace_bytes and produced > consumed * limits.max_compression_ratio:
        raise DocumentError(
            "decompression-bomb",
            f"compression ratio above {limits.max_compression_ratio:g}:1 "
            f"({produced} bytes from {consumed})",
            origin,
        )


def open_maybe_gzip(path: str, *, gz: bool, cap: int, limits: Limits) -> BinaryIO:
    """Open a file for streaming; ``.gz`` files are inflated through the bomb guard."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if not gz:
        return raw
    return io.BufferedReader(GuardedGzip(raw, cap=cap, limits=limits, origin=path), CHUNK)


def read_document(
    stream: BinaryIO,
    *,
    cap: int,
    origin: str,
    limits: Limits,
    compressed_size: Callable[[], int] | None = None,
) -> bytes:
    """Read a whole document of at most ``cap`` bytes.

    For an uncompressed stream, going past the cap is 'too-large'. For a stream inflated on
    the fly (``compressed_size`` given) the rest is drained without being kept, up to
    ``max_decompressed_bytes``, to tell an honestly big document from a bomb.
    """
    parts: list[bytes] = []
    total = 0
    while total <= cap:
        chunk = stream.read(min(CHUNK, cap + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
    parts.clear()
    if compressed_size is not None:
        _drain_inflated(stream, total, compressed_size, limits, origin)
    raise DocumentError("too-large", f"more than {cap} bytes", origin)


def _drain_inflated(
    stream: BinaryIO, total: int, compressed: Callable[[], int], limits: Limits, origin: str
) -> None:
    while True:
        check_inflation(total, compressed(), limits.max_decompressed_bytes, limits, origin)
        chunk = stream.read(CHUNK)
        if not chunk:
            return
        total += len(chunk)


def iter_lines(stream: BinaryIO, *, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, line) with at most ``cap`` bytes per line held in memory.

    An over-long line is skipped in chunks and reported as ``(n, None)`` so the caller can
    yield 'too-large' for it and go on with the next line.
    """
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) <= cap or line.endswith(b"\n"):
            yield number, line
            continue
        while True:  # skip the rest of the over-long line without keeping it
            rest = stream.readline(CHUNK)
            if not rest or rest.endswith(b"\n"):
                break
        yield number, None
