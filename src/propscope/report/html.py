"""Self-contained HTML report of stored articles (no external requests, all escaped).

Jinja2 with autoescape on: every value from a document is hostile, and a report is a file
analysts forward to editors, so it must render inert anywhere it is opened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from propscope import __version__
from propscope.schema import Article

_env = Environment(
    loader=PackageLoader("propscope.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _summary(articles: list[Article]) -> dict[str, list[tuple[str, int]]]:
    return {
        "by source": Counter(a.source or "unknown" for a in articles).most_common(),
        "by language": Counter(a.language or "unknown" for a in articles).most_common(),
        "removed boilerplate by reason": Counter(
            b.reason for a in articles for b in a.removed).most_common(),
    }


def render_report(articles: Iterable[Article], *, title: str = "propscope report") -> str:
    items = list(articles)
    return _env.get_template("report.html.j2").render(
        title=title,
        articles=items,
        summary=_summary(items),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )


def write_report(articles: Iterable[Article], out: Path, **kwargs) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(articles, **kwargs), encoding="utf-8")
    return out
