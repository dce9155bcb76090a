"""Chart geometry: bars scale to the largest value, tick labels never collide."""

from __future__ import annotations

import itertools

from propscope.report.charts import BAR_W, TICK_W, hbars, timeline


def test_hbars_largest_first_scaled_and_capped() -> None:
    counts = {f"label{i}": i for i in range(1, 40)}
    chart = hbars("t", counts, colours={"label39": "#123456"}, names={"label39": "Thirty-nine"}, top=10)
    assert len(chart.bars) == 10
    assert chart.bars[0].label == "Thirty-nine" and chart.bars[0].w == BAR_W and chart.bars[0].colour == "#123456"
    assert [b.value for b in chart.bars] == list(range(39, 29, -1))
    assert chart.bars[-1].w == BAR_W * 30 / 39
    assert hbars("empty", {}).bars == ()


def test_timeline_ticks_do_not_overlap_and_long_ranges_go_yearly() -> None:
    months = {f"2024-{m:02d}": m for m in range(1, 13)}
    chart = timeline("t", months)
    xs = [x for x, _ in chart.ticks]
    assert all(b - a >= TICK_W for a, b in itertools.pairwise(xs))
    tallest = max(chart.bars, key=lambda b: b.h)
    assert tallest.label == "2024-12" and tallest.y >= 0
    decade = timeline("t", {f"{y}-{m:02d}": 1 for y in range(2010, 2020) for m in range(1, 13)})
    assert [b.label for b in decade.bars] == [str(y) for y in range(2010, 2020)]
    assert {b.value for b in decade.bars} == {12}
