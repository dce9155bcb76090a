"""``propscope report``: stored articles as one self-contained HTML file, JSON or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from propscope.cli._common import DbOption, console, fail, open_store_or_exit

FORMATS = ("html", "json", "csv", "csv-articles")
_SUFFIX = {"html": "html", "json": "json", "csv": "csv", "csv-articles": "csv"}


def _write(fmt: str, articles, out: Path, stats, filters: dict[str, str]) -> None:
    from propscope.report import tables
    from propscope.report.html import write_report

    if fmt == "html":
        write_report(articles, out, stats=stats, filters=filters)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "json":
            tables.write_json(articles, fh, stats=stats, filters=filters)
        elif fmt == "csv":
            tables.write_spans_csv(articles, fh)
        else:
            tables.write_articles_csv(articles, fh)


def report(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write [default: report.<format>].")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, json, csv (one row per span) or "
                                     "csv-articles (one row per article).")] = "html",
    db: DbOption = None,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this date (YYYY-MM-DD).")] = None,
    technique: Annotated[str | None, typer.Option(help="Only articles using this technique.")] = None,
    frame: Annotated[str | None, typer.Option(help="Only articles with this frame.")] = None,
    genre: Annotated[str | None, typer.Option(help="Only articles of this genre.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Full-text search over title and text.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many articles.")] = 1000,
    csv_articles: Annotated[bool, typer.Option("--csv-articles", help="Same as --format csv-articles.")] = False,
) -> None:
    """Write a report of stored articles: highlights, labels and a corpus summary.

    HTML is one self-contained file (no external requests; print it to PDF from a browser).
    """
    from propscope.report.selection import (
        filter_dict,
        load_articles,
        matching_stats,
        select_ids,
    )
    from propscope.store.query import ArticleFilter, QueryError

    fmt = "csv-articles" if csv_articles else fmt
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = out or Path(f"report.{_SUFFIX[fmt]}")
    f = ArticleFilter(source=source, language=language, since=since, until=until,
                      technique=technique, frame=frame, genre=genre, q=q)
    store = open_store_or_exit(db)
    try:
        ids = select_ids(store, f, limit)
        stats = matching_stats(store, f)
    except QueryError as exc:
        raise fail(str(exc)) from None
    articles = load_articles(store, ids)
    _write(fmt, articles, out, stats, filter_dict(f))
    console.print(f"wrote {len(articles)} articles ({fmt}) to {out.resolve()}")
