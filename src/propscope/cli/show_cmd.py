"""``propscope show ID``: one article's metadata, clean text and removed blocks."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.rule import Rule
from rich.text import Text

from propscope.cli._common import (
    DbOption,
    console,
    fail,
    open_store_or_exit,
    safe,
    text,
)
from propscope.cli._voices import print_voices
from propscope.report.highlight import HighlightedParagraph, highlight
from propscope.schema.analysis import Analysis
from propscope.semeval.labels import TECHNIQUES


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


_PALETTE = ("on dark_red", "on dark_blue", "on dark_green", "on purple4", "on dark_orange3", "on grey30")


def _style(label: str) -> str:
    return _PALETTE[TECHNIQUES.index(label) % len(_PALETTE)] if label in TECHNIQUES else "reverse"


def _tags(labels: tuple[str, ...], scores: tuple[float, ...]) -> Text:
    out = Text()
    for label, score in zip(labels, scores):
        out += Text(f" {safe(label)} {score:.2f} ", style=_style(label)) + Text(" ")
    return out


def _body(paragraph: HighlightedParagraph) -> Text:
    """The paragraph with its technique segments styled (each segment made terminal-safe)."""
    body = Text()
    for seg in paragraph.segments:
        style = _style(seg.techniques[0]) + " underline" if seg.techniques else ""
        body += text(seg.text, style=style)
    return body


def _print_classifications(analysis: Analysis) -> None:
    for name, cls in (("genre", analysis.genre), ("frames", analysis.frames)):
        if cls is None:
            continue
        probs = ", ".join(f"{lab} {cls.probabilities.get(lab, 0):.2f}" for lab in cls.labels)
        flag = "  (low confidence: language not in training data)" if cls.low_confidence else ""
        console.print(Text(f"{name:>15}  ", style="bold") + text(probs + flag), soft_wrap=True)
    if analysis.techniques_low_confidence:
        console.print(Text(f"{'techniques':>15}  ", style="bold") + Text("low confidence: language not in training data"))


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
    if article.analysis is not None:
        _print_classifications(article.analysis)
    console.print(Rule("text" if article.analysis is None else "text, techniques marked"))
    marked = highlight(article)
    if marked.title_labels:
        console.print(Text("title: ", style="dim") + _tags(marked.title_labels, marked.title_scores), soft_wrap=True)
    for para in marked.paragraphs:
        console.print(Text(f"¶{para.index + 1} ", style="dim") + _body(para), soft_wrap=True)
        if para.labels:
            console.print(Text("    ") + _tags(para.labels, para.label_scores), soft_wrap=True)
        console.print()
    print_voices(article)
    if removed and article.removed:
        console.print(Rule("removed boilerplate"))
        for block in article.removed:
            console.print(Text(f"[{block.reason}] ", style="yellow") +
                          Text(f"@{block.start}-{block.end} ", style="dim") + text(block.text.replace("\n", " ⏎ "), limit=200),
                          soft_wrap=True)
