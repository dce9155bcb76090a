"""Query-string filters shared by the overview and the article list, and the bar charts.

Filters live in the URL (GET forms), so any view can be bookmarked or shared, and every link
out of a chart carries the current filters plus the value clicked.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from starlette.datastructures import QueryParams

from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES
from propscope.store.query import ArticleFilter
from propscope.web.render import query_string

FILTER_KEYS: tuple[str, ...] = tuple(f.name for f in fields(ArticleFilter))
MAX_VALUE = 500  # longer filter values are someone's payload, not a filter
#: Filters whose values are a fixed vocabulary (checked here, so a typo says which list).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "technique": TECHNIQUES, "frame": FRAMES, "genre": GENRES,
}


class FilterError(ValueError):
    """A filter value the user must fix; the message names the field."""


def _check_date(name: str, value: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: expected a date like 2024-03-31, got {value[:40]!r}") from None


def parse_filter(params: QueryParams, *, allow_q: bool = True) -> tuple[ArticleFilter, dict[str, str]]:
    """ArticleFilter from the query string, plus the raw values to refill the form with."""
    raw = {k: params.get(k, "").strip() for k in FILTER_KEYS if allow_q or k != "q"}
    values = {k: v for k, v in raw.items() if v}
    for name, value in values.items():
        if len(value) > MAX_VALUE or "\x00" in value:
            raise FilterError(f"{name}: value too long ({len(value)} characters) or not text")
        if name in VOCABULARIES and value not in VOCABULARIES[name]:
            raise FilterError(f"{name}: unknown label {value[:60]!r}")
        if name in ("since", "until"):
            _check_date(name, value)
    return ArticleFilter(**values), values


def page_number(params: QueryParams) -> int:
    """1-based page from ?page=, clamped to something sane."""
    try:
        return min(max(int(params.get("page", "1")), 1), 100_000)
    except ValueError:
        return 1


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    width: float  # percent of the largest bar, for an SVG rect width (no inline styles)
    href: str


def bars(counts: dict[str, int], key: str, base: dict[str, str],
         *, sort: bool = True, hrefs: dict[str, dict[str, str]] | None = None) -> list[Bar]:
    """Rows of a horizontal bar chart; each links to the article list with key=label added."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if sort else list(counts.items())
    top = max((n for _, n in items), default=0) or 1
    out = []
    for label, n in items:
        extra = hrefs[label] if hrefs and label in hrefs else {key: label}
        out.append(Bar(label, n, round(100.0 * n / top, 2), "/articles" + query_string(base, **extra)))
    return out


def month_range(month: str) -> dict[str, str]:
    """since/until filters covering one "YYYY-MM" timeline bucket."""
    try:
        first = date.fromisoformat(month + "-01")
    except ValueError:
        return {}
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    last = date.fromordinal(nxt.toordinal() - 1)
    return {"since": first.isoformat(), "until": last.isoformat()}
