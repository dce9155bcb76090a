"""One error type for "this document cannot be used", so batches can isolate failures."""

from __future__ import annotations

#: Machine-readable error kinds stored in the errors table; messages are for humans.
ERROR_KINDS: tuple[str, ...] = (
    "empty",
    "binary",
    "too-large",
    "bad-encoding",
    "unparsable",
    "no-text",  # parsed, but nothing that looks like an article remained
    "fetch",  # network / HTTP failure
    "forbidden-address",  # SSRF guard refused a private/loopback/reserved address
    "bad-content-type",
    "decompression-bomb",
    "bad-record",  # malformed JSONL/CSV/WARC record
    "not-found",
    "timeout",  # extraction exceeded the per-document time limit
    "internal",
)


class DocumentError(Exception):
    """A single document failed; the batch goes on.

    ``kind`` is one of ERROR_KINDS, ``origin`` names the document (path, URL, path#L3).
    """

    def __init__(self, kind: str, message: str, origin: str = "") -> None:
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown error kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.origin = origin

    def __reduce__(self):  # type: ignore[override]
        # Exceptions pickle their ``args`` only; ours must cross process boundaries intact.
        return (DocumentError, (self.kind, self.message, self.origin))

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.kind}: {self.message}"
