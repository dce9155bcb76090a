"""Lines with exact source offsets: the unit every plain-text rule classifies.

Why lines: scraped text keeps one block per line (paragraphs, captions, widgets), so a line
is the natural unit of removal, and keeping ``start``/``end`` into the untouched input is
what lets every RemovedBlock slice ``source_text`` exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Whitespace scrapers leave around lines: NBSP, thin spaces, zero-width chars, BOM.
STRIP_CHARS = " \t\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u202f\u205f\u3000\ufeff" + "".join(
    chr(c) for c in range(0x2000, 0x200E)
) + "\u2028\u2029"
_LINE = re.compile(r"[^\r\n]+")  # \n, \r\n and old-Mac \r all end a line
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TERMINAL = frozenset(".!?…\"”»“'’)]")


@dataclass(slots=True)
class Line:
    """One non-blank input line; ``reason`` is set once a rule removes it."""

    index: int
    start: int
    end: int
    text: str  # source[start:end], untouched
    norm: str  # whitespace-normalised text used by every rule
    blank_before: bool
    reason: str | None = None
    cuts: list[tuple[int, int]] = field(default_factory=list)  # debris spans inside the line
    kept_text: str | None = None  # text left after removing ``cuts``
    words: int = 0  # word count of ``norm`` (kept in sync by ``set_norm``)

    def __post_init__(self) -> None:
        self.words = self.norm.count(" ") + 1 if self.norm else 0

    def set_norm(self, norm: str) -> None:
        """Replace the normalised text (after debris removal) and its word count."""
        self.norm = norm
        self.words = norm.count(" ") + 1 if norm else 0


def normalize_space(text: str) -> str:
    """Collapse every kind of whitespace (NBSP included) to single spaces."""
    if "\u200b" in text or "\ufeff" in text or "\u200c" in text or "\u200d" in text:
        return _SPACES.sub(" ", text).strip()
    return " ".join(text.split())


def _is_blank_gap(gap: str) -> bool:
    """More than one line break between two lines (\r\n counts once)."""
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets of their stripped content in ``text``."""
    lines: list[Line] = []
    prev_end = 0
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip(STRIP_CHARS)
        if not stripped:
            continue
        start = m.start() + len(raw) - len(raw.lstrip(STRIP_CHARS))
        blank = bool(lines) and m.start() - prev_end > 1 and _is_blank_gap(text[prev_end : m.start()])
        norm = normalize_space(stripped)
        lines.append(Line(len(lines), start, start + len(stripped), stripped, norm, blank))
        prev_end = m.end()
    return lines


def dominant_script(text: str) -> str:
    """'latin' or 'cyrillic' (whichever has more letters); used to spot foreign UI strings."""
    if (len(text.encode("utf-8")) - len(text)) * 5 < len(text):
        return "latin"  # too few non-ASCII bytes for a Cyrillic-majority text: skip counting
    lat = len(_LATIN.findall(text))
    cyr = len(_CYRILLIC.findall(text))
    return "cyrillic" if cyr > lat else "latin"


def script_share(text: str, script: str) -> float:
    """Share of Latin+Cyrillic letters in ``text`` that belong to ``script``."""
    lat = len(_LATIN.findall(text))
    cyr = len(_CYRILLIC.findall(text))
    total = lat + cyr
    if not total:
        return 1.0
    return (cyr if script == "cyrillic" else lat) / total


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation or a closing quote/bracket."""
    return bool(text) and text[-1] in _TERMINAL


def is_headline_like(line: Line, max_words: int = 25) -> bool:
    """Short, capitalised, no sentence-final punctuation: looks like a headline."""
    text = line.norm
    if not 2 <= line.words <= max_words or len(text) > 220:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "'\"«„“‘"):
        return False
    last = text[-1]
    if last in ".,;:…" or text.endswith(('."', '.”', ".»")):
        return False
    return not (last in "!?" and line.words > 15 and max_words <= 20)


def continues(prev: Line | None, line: Line) -> bool:
    """``line`` looks like the hard-wrapped continuation of ``prev`` (no blank line between)."""
    if prev is None or line.blank_before or prev.index != line.index - 1 or prev.reason:
        return False
    return not ends_sentence(prev.norm) or line.norm[:1].islower()


def is_body_like(line: Line) -> bool:
    """A real paragraph: a sentence of some length, or simply long."""
    return line.words >= 20 or (line.words >= 8 and ends_sentence(line.norm))
