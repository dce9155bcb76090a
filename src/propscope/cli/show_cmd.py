"""``propscope show ID``: one article's metadata, clean text and removed blocks."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.rule import Rule
from rich.text import Text

from propscope.cli._common import DbOption, console, fail, open_store_or_exit, text


def _metadata(article) -> list[Text]:
    lines = []
    for label, value in [
        ("id", article.id), ("title", article.title), ("source", article.source),
        ("authors", ", ".join(article.authors)), ("published", article.published),
        ("language", f"{article.language} ({article.language_confidence})" if article.language else None),
        ("url", article.url), ("origin", article.origin), ("extractor", article.extractor),
        ("paragraphs", len(article.paragraphs)), ("removed blocks", len(article.removed)),
    ]:
        lines.append(Text(f"{label:>15}  ", style="bold") + text(value if value not in (None, "") else "—"))
    return lines


def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix (6+ chars).")],
    db: DbOption = None,
    removed: Annotated[bool, typer.Option(help="Show removed boilerplate blocks.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the article as JSON.")] = False,
) -> None:
    """Show one stored article: metadata, clean text by paragraph, removed boilerplate."""
    store = open_store_or_exit(db)
    try:
        article = store.get_article(article_id)
    except (LookupError, ValueError) as exc:
        raise fail(str(exc)) from None
    if article is None:
        raise fail(f"no article with id {article_id!r} (see `propscope list`)", 1)
    if as_json:
        typer.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in _metadata(article):
        console.print(line, soft_wrap=True)
    console.print(Rule("text"))
    for i, para in enumerate(article.paragraph_texts(), 1):
        console.print(Text(f"¶{i} ", style="dim") + text(para), soft_wrap=True)
        console.print()
    if removed and article.removed:
        console.print(Rule("removed boilerplate"))
        for block in article.removed:
            console.print(Text(f"[{block.reason}] ", style="yellow") +
                          Text(f"@{block.start}-{block.end} ", style="dim") + text(block.text.replace("\n", " ⏎ "), limit=200),
                          soft_wrap=True)
