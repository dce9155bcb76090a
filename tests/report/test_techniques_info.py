"""Every label has a name, a definition and (techniques) a readable, distinct colour."""

from __future__ import annotations

import itertools
import math

from propscope.report.techniques_info import (
    FRAME_INFO,
    GENRE_INFO,
    GROUPS,
    TECHNIQUE_INFO,
    TEXT_COLOUR,
    label_name,
    technique_info,
)
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES


def _linear(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _luminance(hex_colour: str) -> float:
    r, g, b = map(_linear, _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _lab(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = map(_linear, _rgb(hex_colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_every_label_is_documented_and_nothing_else() -> None:
    assert set(TECHNIQUE_INFO) == set(TECHNIQUES)
    assert set(FRAME_INFO) == set(FRAMES)
    assert set(GENRE_INFO) == set(GENRES)
    for table in (TECHNIQUE_INFO, FRAME_INFO, GENRE_INFO):
        for label, info in table.items():
            assert info.name.strip() and info.definition.strip().endswith("."), label
            assert len(info.definition) < 140, f"{label}: a definition is one line"


def test_techniques_belong_to_a_known_group_and_every_group_is_used() -> None:
    groups = {info.group for info in TECHNIQUE_INFO.values()}
    assert groups == set(GROUPS)


def test_colours_pass_wcag_aa_for_dark_text() -> None:
    text = _luminance(TEXT_COLOUR)
    for label, info in TECHNIQUE_INFO.items():
        ratio = (_luminance(info.colour) + 0.05) / (text + 0.05)
        assert ratio >= 4.5, f"{label} {info.colour}: contrast {ratio:.2f}"


def test_colours_are_distinguishable() -> None:
    colours = {label: info.colour for label, info in TECHNIQUE_INFO.items()}
    assert len(set(colours.values())) == len(colours)
    closest = min((math.dist(_lab(a), _lab(b)), x, y)
                  for (x, a), (y, b) in itertools.combinations(colours.items(), 2))
    assert closest[0] >= 15, f"too similar (CIE76 delta E {closest[0]:.1f}): {closest[1]} / {closest[2]}"


def test_unknown_labels_get_a_neutral_fallback() -> None:
    info = technique_info("Made_Up<script>")
    assert info.group == "" and info.name == "Made Up<script>"
    assert label_name("Security_and_defense") == "Security and defence"
    assert label_name("Nope_Label") == "Nope Label"
