"""The demo plain-text corpus (demo/corpus/text) against tests/golden/demo_text.json."""

from __future__ import annotations

import pytest
from _plaintext_golden import REPO, check_entry, load

DEMO = REPO / "demo" / "corpus" / "text"
ENTRIES = load("demo_text.json")


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_demo_golden(entry: dict) -> None:
    check_entry(entry, (DEMO / entry["file"]).read_text(encoding="utf-8"))


def test_every_demo_text_has_a_golden_entry() -> None:
    assert {p.name for p in DEMO.glob("*.txt")} == {e["file"] for e in ENTRIES}


def test_demo_corpus_covers_languages_and_length() -> None:
    """At least 3 en, 3 ru, 2 de articles of 250-600 words, as promised to `make demo` users."""
    langs = [e["file"][:2] for e in ENTRIES]
    assert langs.count("en") >= 3 and langs.count("ru") >= 3 and langs.count("de") >= 2
    for e in ENTRIES:
        words = len((DEMO / e["file"]).read_text(encoding="utf-8").split())
        assert 250 <= words <= 600, (e["file"], words)


def test_demo_corpus_covers_every_removal_reason_family() -> None:
    seen = {r for e in ENTRIES for r in e["removed_reasons"]}
    wanted = {
        "title", "caption", "photo-credit", "teaser-headline", "navigation", "subscribe-share",
        "donation", "comments", "author-bio", "cookie", "site-description",
        "foreign-language-ui", "date-line", "fact-check-badge", "markup-debris", "source-link",
        "boilerplate",
    }
    assert wanted <= seen, wanted - seen
