"""The technique colour stylesheet, generated from report.techniques_info.

Why generated: the palette lives in one place for the report, the terminal and the
dashboard, and CSP (style-src 'self') forbids style attributes, so every colour must be a
class in a stylesheet served from our origin. Per technique T:
* `.t-T` sets `--tc` (chips, legend swatches);
* `.b-T` tints a segment's background (its first technique);
* `.lI-T` puts T on underline layer I of a highlighted segment (`--cI`, a darker stripe), so
  overlapping techniques stack visibly;
* `.hide-T .b-T` / `.hide-T .lI-T` clear them when the legend checkbox of T is unticked.
"""

from __future__ import annotations

from functools import lru_cache

from propscope.report.techniques_info import TECHNIQUE_INFO, UNKNOWN_COLOUR
from propscope.web.article_view import LAYERS


def darker(colour: str, factor: float = 0.62) -> str:
    """#rrggbb scaled towards black, for a stripe visible next to the light background."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in rgb)


def _rules(key: str, colour: str) -> list[str]:
    rules = [f".t-{key}{{--tc:{colour}}}", f".b-{key}{{--b:{colour}}}",
             f".hide-{key} .b-{key}{{--b:transparent}}"]
    for i in range(LAYERS):
        rules.append(f".l{i}-{key}{{--c{i}:{darker(colour)}}}")
        rules.append(f".hide-{key} .l{i}-{key}{{--c{i}:transparent}}")
    return rules


@lru_cache(maxsize=1)
def stylesheet() -> str:
    lines = ["/* generated from propscope.report.techniques_info */"]
    for name, info in TECHNIQUE_INFO.items():
        lines.extend(_rules(name, info.colour))
    lines.extend(_rules("other", UNKNOWN_COLOUR))
    return "\n".join(lines) + "\n"
