"""Bytes -> str for hostile input. (Stub; being written.)"""

from __future__ import annotations


def decode_bytes(data: bytes, *, declared: str | None = None, origin: str = "") -> str:
    raise NotImplementedError
