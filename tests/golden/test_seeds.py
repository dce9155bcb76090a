"""The five real scraped seeds (../shared/seeds) against tests/golden/seeds.json."""

from __future__ import annotations

import pytest
from _plaintext_golden import SHARED, check_entry, load

SEEDS = SHARED / "seeds"
ENTRIES = load("seeds.json")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")
@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_seed_golden(entry: dict) -> None:
    check_entry(entry, (SEEDS / entry["file"]).read_text(encoding="utf-8"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")
def test_every_seed_has_a_golden_entry() -> None:
    assert {p.name for p in SEEDS.glob("*.txt")} == {e["file"] for e in ENTRIES}
