"""Terminal rendering of who says what for `propscope show`: quotes with their speakers,
the outlet/quote split of technique spans, the article's stance toward its entities."""

from __future__ import annotations

from rich.rule import Rule
from rich.text import Text

from propscope.cli._common import console, text
from propscope.report.voices import article_quotes, voice_split
from propscope.schema import Article


def print_voices(article: Article) -> None:
    v = article.analysis.voices if article.analysis is not None else None
    if v is None:
        return
    quotes = article_quotes(article)
    console.print(Rule(f"quotes ({len(quotes)})"))
    for q in quotes:
        console.print(Text("  ") + text(q["speaker"], limit=80) + Text(f" ({q['cue'] or q['kind']}): ",
                      style="dim") + Text("“") + text(q["text"], limit=400) + Text("”"), soft_wrap=True)
    outlet, quoted = voice_split(article)
    if outlet or quoted:
        console.print(Text(f"  technique spans: {outlet} in the outlet's own words, {quoted} inside quotes",
                           style="dim"))
    names = {e.id: e.name for e in v.entities}
    if v.stances:
        parts = [f"{names.get(s.entity, s.entity)} {s.label} {s.score:+.2f}" for s in v.stances]
        console.print(Text("  stance: ", style="bold") + text("; ".join(parts), limit=600), soft_wrap=True)
