"""Chart geometry for the report's inline SVG (no chart library, no external requests).

Only numbers and our own colours are computed here; labels stay plain strings that the
template escapes, so a hostile source name is text inside <text>, never markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BAR_H = 18
GAP = 4
LABEL_W = 230
BAR_W = 300
NEUTRAL = "#8fa8c8"
TICK_W = 52  # width of a "YYYY-MM" tick label at the chart's font size


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    vertical: bool = False
    ticks: tuple[tuple[float, str], ...] = ()  # (x, label) under a vertical chart


def _short(label: str, n: int = 34) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def hbars(title: str, counts: dict[str, int], colours: dict[str, str] | None = None,
          names: dict[str, str] | None = None, top: int = 25) -> Chart:
    """Horizontal bars, largest first, at most `top` of them."""
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    peak = max((v for _, v in rows), default=0) or 1
    bars = tuple(
        Bar(_short((names or {}).get(k, k)), v, LABEL_W, i * (BAR_H + GAP),
            max(1.0, BAR_W * v / peak), BAR_H, (colours or {}).get(k, NEUTRAL))
        for i, (k, v) in enumerate(rows))
    return Chart(title, LABEL_W + BAR_W + 60, max(1, len(rows)) * (BAR_H + GAP), bars)


def _by_year(timeline: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for month, n in timeline.items():
        out[month[:4]] = out.get(month[:4], 0) + n
    return out


def timeline(title: str, months: dict[str, int], height: int = 120) -> Chart:
    """Vertical bars per month (per year when there are more than four years of months)."""
    series = dict(sorted(months.items()))
    if len(series) > 48:
        series = _by_year(series)
    n = max(1, len(series))
    step = min(40.0, 620 / n)
    peak = max(series.values(), default=0) or 1
    bars, ticks = [], []
    every = max(1, n // 8, math.ceil(TICK_W / step))  # labels must not run into each other
    for i, (key, v) in enumerate(series.items()):
        h = max(1.0, (height - 20) * v / peak)
        bars.append(Bar(key, v, i * step, height - 20 - h, max(1.0, step - 2), h, NEUTRAL))
        if i % every == 0:
            ticks.append((i * step, key))
    return Chart(title, int(n * step) + 60, height, tuple(bars), vertical=True, ticks=tuple(ticks))
