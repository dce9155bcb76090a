"""Validates the blind quote fixture (tests/fixtures/quotes_blind).

The fixture was written by an annotator who never read the quote extractor, its rules or
its tests, so its scores are not measured only on texts written by the rules' author. These
checks keep the annotations self-consistent; a broken offset would silently skew every score.

Conventions (kept here because the fixture has no other documentation):
- direct: the span is everything between the quotation marks (a comma before the closing
  mark stays inside); a quote interrupted by its cue is two spans with the same speaker.
- indirect: the reported clause after "that"/"что" (or the clause that "according to",
  "по словам" and postposed "..., the club said" attach to), without the sentence period.
- mixed: an indirect clause that contains a quoted fragment, fragment marks included.
- speaker: the full name as the article introduces it (Russian: nominative), or the
  organisation's name. Titles in quotation marks and scare quotes are not annotated.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "quotes_blind"
KINDS = {"direct", "indirect", "mixed"}
OPENING = "\"“«"
CLOSING = "\"”»"


def load(lang: str) -> list[dict]:
    with open(ROOT / f"{lang}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_records_have_the_documented_fields(lang: str) -> None:
    records = load(lang)
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert set(r) == {"id", "language", "title", "text", "quotes"}
        assert r["language"] == lang
        assert r["title"].strip() and "\n\n" in r["text"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_offsets_match_quote_text(lang: str) -> None:
    for r in load(lang):
        text = r["text"]
        spans = sorted((q["start"], q["end"]) for q in r["quotes"])
        for q in r["quotes"]:
            assert 0 <= q["start"] < q["end"] <= len(text), (r["id"], q)
            assert text[q["start"]:q["end"]] == q["quote"], (r["id"], q)
            assert q["quote"] == q["quote"].strip(), (r["id"], q)
            assert q["kind"] in KINDS, (r["id"], q)
            assert q["speaker"].strip(), (r["id"], q)
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start, (r["id"], "overlapping quotes")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_direct_spans_sit_inside_quotation_marks(lang: str) -> None:
    """A direct span starts right after an opening mark (or after the dash that resumes
    an interrupted Russian quote) and ends right before a closing mark or that dash."""
    for r in load(lang):
        text = r["text"]
        for q in (q for q in r["quotes"] if q["kind"] == "direct"):
            before, after = text[q["start"] - 1], text[q["end"]: q["end"] + 3]
            assert before in OPENING or text[q["start"] - 2: q["start"]] == "— ", (r["id"], q)
            assert after[:1] in CLOSING or after.startswith(" —"), (r["id"], q)


def test_enough_quotes_of_every_kind() -> None:
    counts = {lang: [q["kind"] for r in load(lang) for q in r["quotes"]] for lang in ("en", "ru")}
    assert len(counts["en"]) >= 60 and len(counts["ru"]) >= 40
    assert len(load("en")) >= 12 and len(load("ru")) >= 8
    for kinds in counts.values():
        assert KINDS <= set(kinds)
