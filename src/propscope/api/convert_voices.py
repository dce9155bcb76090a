"""Voices (schema/voices.py) and entity records (store/entities.py) -> API models.

Offsets come from stored analyses and are not trusted: a quote or mention that does not
slice the text is left out rather than answered with a wrong `text`.
"""

from __future__ import annotations

from dataclasses import asdict

from propscope.analyzers.voices.attribution import attribute_spans, voice_name
from propscope.api.schemas import ArticleOut
from propscope.api.schemas_voices import (
    ArticleEntityOut,
    EntityArticleOut,
    EntityQuoteOut,
    EntitySummaryOut,
    MentionOut,
    QuoteOut,
    SourceStanceOut,
    StanceOut,
)
from propscope.schema import Article
from propscope.schema.voices import Mention
from propscope.store.entities import (
    EntityArticle,
    EntityQuote,
    EntitySummary,
    SourceStance,
)


def _ok(start: object, end: object, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def _mentions(text: str, items: list[Mention]) -> list[MentionOut]:
    return [MentionOut(start=m.start, end=m.end, text=text[m.start:m.end])
            for m in items if _ok(m.start, m.end, len(text))]


def fill_voices(out: ArticleOut, article: Article) -> ArticleOut:
    """Quotes, entities, stances, and each span's voice, from the article's analysis."""
    a = article.analysis
    v = a.voices if a is not None else None
    if v is None:
        return out
    text, names = article.text, {e.id: e.name for e in v.entities}
    counts: dict[str, int] = {}
    for q in v.quotes:
        if q.entity:
            counts[q.entity] = counts.get(q.entity, 0) + 1
    out.voices_model = v.model
    out.quotes = [QuoteOut(**{**asdict(q), "text": text[q.start:q.end],
                              "entity_name": names.get(q.entity or "")})
                  for q in v.quotes if _ok(q.start, q.end, len(text))]
    out.entities = [ArticleEntityOut(id=e.id, name=e.name, kind=e.kind,  # type: ignore[arg-type]
                                     salience=e.salience, aliases=list(e.aliases),
                                     quotes=counts.get(e.id, 0),
                                     mentions=_mentions(text, e.mentions)) for e in v.entities]
    out.stances = [StanceOut(entity=s.entity, name=names.get(s.entity, s.entity),
                             label=s.label, score=s.score,  # type: ignore[arg-type]
                             evidence=_mentions(text, s.evidence)) for s in v.stances]
    voices = attribute_spans([s for s in a.spans], v.quotes) if a is not None else []
    for span, voice in zip(out.spans, voices):
        span.voice, span.voice_name = voice, voice_name(voice, v.entities)
    return out


def entity_summary_out(e: EntitySummary) -> EntitySummaryOut:
    return EntitySummaryOut(**asdict(e))


def entity_article_out(x: EntityArticle) -> EntityArticleOut:
    return EntityArticleOut(**asdict(x))


def entity_quote_out(x: EntityQuote) -> EntityQuoteOut:
    return EntityQuoteOut(**asdict(x))


def source_stance_out(x: SourceStance) -> SourceStanceOut:
    return SourceStanceOut(**asdict(x))
