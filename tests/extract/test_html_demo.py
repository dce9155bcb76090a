"""The three demo HTML pages (en/ru/de) against tests/golden/demo_html.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from propscope.extract.html import extract_html

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = json.loads((ROOT / "tests" / "golden" / "demo_html.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", GOLDEN, ids=[c["file"].rsplit("/", 1)[-1] for c in GOLDEN])
def test_demo_page_matches_golden(case: dict) -> None:
    html = (ROOT / case["file"]).read_text(encoding="utf-8")
    ex = extract_html(html, url=f"https://example.org/{case['file']}")
    body = "\n\n".join(ex.blocks)
    assert ex.title == case["title"]
    assert ex.source == case["source"]
    assert ex.authors == case["authors"]
    assert ex.published == case["published"]
    assert ex.language_hint == case["language_hint"]
    for sentence in case["must_contain"]:
        assert sentence in body, sentence
    for junk in case["must_not_contain"]:
        assert junk not in body, junk
        assert junk not in ex.title


@pytest.mark.parametrize("case", GOLDEN, ids=[c["file"].rsplit("/", 1)[-1] for c in GOLDEN])
def test_demo_page_removed_blocks_are_explained(case: dict) -> None:
    html = (ROOT / case["file"]).read_text(encoding="utf-8")
    ex = extract_html(html)
    reasons = {r.reason for r in ex.removed}
    for reason in case["removed_reasons"]:
        assert reason in reasons, (reason, sorted(reasons))
    for block in ex.removed:
        assert ex.source_text[block.start : block.end] == block.text
    removed_text = "\n".join(r.text for r in ex.removed)
    for junk in case["must_not_contain"]:
        assert junk in removed_text, junk
