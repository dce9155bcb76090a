"""Caps on import files: they come from outside (other tools, other analysts)."""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_RECORDS = 200_000
MAX_LINE_BYTES = 1024 * 1024


class ImportFileError(ValueError):
    """The file as a whole cannot be read (missing, too big, not the format)."""


def read_capped(path: Path) -> bytes:
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(f"{path}: {size} bytes, more than the {MAX_FILE_BYTES} allowed")
    return path.read_bytes()[:MAX_FILE_BYTES]


def decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
