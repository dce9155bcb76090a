"""Shared checks for plain-text golden files (seeds.json, demo_text.json).

Why a helper: the seeds and the demo corpus are held to the same contract: exact title,
outlet, authors, every boilerplate string gone, every paragraph kept (in order) and
removed-block offsets that slice the input exactly.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from propscope.extract.plaintext import extract_plaintext
from propscope.extract.types import Extracted
from propscope.schema import REMOVAL_REASONS

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def load(name: str) -> list[dict[str, Any]]:
    """Entries of a golden JSON file next to this module."""
    data = json.loads((Path(__file__).parent / name).read_text(encoding="utf-8"))
    return list(data["articles"])


def check_title(entry: dict[str, Any], got: str) -> None:
    if "title" in entry:
        assert got == entry["title"]
    else:
        assert got.startswith(entry["title_start"]), got
        assert hashlib.sha256(got.encode("utf-8")).hexdigest() == entry["title_sha256"], got


def check_offsets(text: str, ex: Extracted) -> None:
    assert ex.source_text is text or ex.source_text == text
    last_end = -1
    for block in ex.removed:
        assert block.reason in REMOVAL_REASONS
        assert text[block.start : block.end] == block.text
        assert block.start >= last_end, "removed blocks overlap"
        last_end = block.end


def check_entry(entry: dict[str, Any], text: str) -> Extracted:
    """Run extraction on ``text`` and assert everything the golden entry promises."""
    ex = extract_plaintext(text)
    check_title(entry, ex.title)
    assert ex.source == entry["source"]
    assert ex.authors == entry["authors"]
    assert ex.published == entry["published"]
    check_offsets(text, ex)
    clean = "\n\n".join(ex.blocks)
    for needle in entry["must_not_contain"]:
        assert needle not in clean, f"boilerplate kept: {needle!r}"
    assert len(ex.blocks) == entry["paragraphs"], [b[:40] for b in ex.blocks]
    for block, start in zip(ex.blocks, entry["must_contain"]):
        assert block.startswith(start), (start, block[:60])
    reasons = {b.reason for b in ex.removed}
    assert set(entry["removed_reasons"]) <= reasons, reasons
    return ex
