"""JSONL: one correction per line, every field (records.py), oldest first."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from propscope.review.limits import (
    MAX_LINE_BYTES,
    MAX_RECORDS,
    ImportFileError,
    decode,
    read_capped,
)
from propscope.review.parsed import Parsed
from propscope.review.records import from_json, to_json
from propscope.schema.review import Correction, CorrectionError


def write_jsonl(corrections: Iterable[Correction], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for c in corrections:
            fh.write(json.dumps(to_json(c), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def read_jsonl(path: Path, author: str | None = None) -> list[Parsed]:
    text = decode(read_capped(path), path)
    out: list[Parsed] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if len(out) >= MAX_RECORDS:
            raise ImportFileError(f"{path}: more than {MAX_RECORDS} records")
        origin = f"line {n}"
        if len(line.encode("utf-8")) > MAX_LINE_BYTES:
            out.append(Parsed(origin, None, f"longer than {MAX_LINE_BYTES} bytes"))
            continue
        try:
            out.append(Parsed(origin, from_json(json.loads(line), author=author)))
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and CorrectionError too
            kind = "" if isinstance(exc, CorrectionError) else "bad JSON: "
            out.append(Parsed(origin, None, f"{kind}{exc}"[:300]))
    return out
