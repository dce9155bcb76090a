"""Invariants for every input: offsets slice the input exactly, kept and removed never overlap.

Inputs: the seeds (../shared/seeds), the demo corpus, and many random mixes of paragraphs,
widgets, debris and odd whitespace (seeded, so failures are reproducible).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from propscope.extract.plaintext import extract_plaintext_with_spans
from propscope.schema import REMOVAL_REASONS

REPO = Path(__file__).resolve().parents[2]
FILES = sorted((REPO.parent / "shared" / "seeds").glob("*.txt")) + sorted(
    (REPO / "demo" / "corpus" / "text").glob("*.txt")
)

PIECES = [
    "Council Closes Two Bridges for a Summer of Repairs",
    "The council voted on Tuesday to close two bridges, officials said on Wednesday evening.",
    "Городской совет проголосовал за закрытие двух мостов на всё лето, сообщили чиновники.",
    "Der Stadtrat hat beschlossen, zwei Brücken über den ganzen Sommer zu sperren.",
    "RT reports:", '"We will not let the city grind to a halt."', "Subscribe", "Newsfeed", "0",
    "2,500 $", "Support SouthFront", "JUNE 2021", "Fact checked", "Source link", "Leave a Reply",
    "To participate in the discussion", "log in or register", "Kommentare", "Комментарии (2)",
    "Home / Local / Council Closes Two Bridges", "© Photo : City HallA bridge at dawn",
    "A bridge at dawn - Sputnik International", "Related: Another story entirely",
    " RTS1L010 [19659008] Workers on a bridge </span> <span class= Staff / REUTERS TV",
    "Costs rose [19659008] again &nbsp; this year, the report said.", "&quot;", "<br>",
    "By Jane Doe", "Jane Doe", "I am a writer interested in bridges.", "Загрузка", "Report an error",
    "We use cookies. By continuing you accept our privacy policy.", "Accept all", "",
    "   ", "\u00a0", "\t", "a", "Ü", "—", "- Continental Observer", "Latest news from the world",
]


def _random_text(rng: random.Random) -> str:
    seps = ["\n", "\n\n", "\r\n", "\r", "\r\r", "\n \n", "\n\u00a0\n", "  \n\n\n"]
    parts = [rng.choice(PIECES) for _ in range(rng.randint(0, 25))]
    pads = ["", " ", "\u00a0", "\t", "\ufeff"]
    return "".join(rng.choice(pads) + p + rng.choice(pads) + rng.choice(seps) for p in parts)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def check_invariants(text: str) -> None:
    ex, spans = extract_plaintext_with_spans(text)
    assert ex.source_text is text
    assert len(spans) == len(ex.blocks)
    covered: list[tuple[int, int, str]] = []
    for b in ex.removed:
        assert b.reason in REMOVAL_REASONS
        assert 0 <= b.start < b.end <= len(text)
        assert text[b.start : b.end] == b.text
        covered.append((b.start, b.end, "removed"))
    for block, block_spans in zip(ex.blocks, spans):
        assert block and block == block.strip()
        for s, e in block_spans:
            assert 0 <= s < e <= len(text)
            covered.append((s, e, "kept"))
        # kept text comes from its spans (up to decoded entities and normalised whitespace)
        source = " ".join(text[s:e] for s, e in block_spans)
        assert _letters(source) == _letters(block)
    covered.sort()
    for (s1, e1, k1), (s2, e2, k2) in zip(covered, covered[1:]):
        assert e1 <= s2, f"{k1} {text[s1:e1]!r} overlaps {k2} {text[s2:e2]!r}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_invariants_on_corpus(path: Path) -> None:
    check_invariants(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", range(300))
def test_invariants_on_random_mixes(seed: int) -> None:
    check_invariants(_random_text(random.Random(seed)))


def test_title_is_never_kept_as_body() -> None:
    for path in FILES:
        ex, _ = extract_plaintext_with_spans(path.read_text(encoding="utf-8"))
        if ex.title:
            assert ex.title not in ex.blocks
