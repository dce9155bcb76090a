"""Who says what in reports: per-article quotes with speakers, the span voices, and the
report-wide "Who is quoted" table (speakers, their quotes and the techniques inside them).

Like highlight.py, nothing from the store is trusted: a quote whose offsets do not slice
the text is skipped, never an exception that would break a report of a thousand articles.
Text stays text; the templates escape, and `clean` drops invisible/bidi characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from propscope.analyzers.voices.attribution import (
    attribute_spans,
    quote_voice,
    voice_name,
)
from propscope.report.highlight import clean_spans
from propscope.schema import Article
from propscope.schema.analysis import Span
from propscope.schema.voices import OUTLET, Quote, Voices


def _voices(article: Article) -> Voices | None:
    return article.analysis.voices if article.analysis is not None else None


def usable_quotes(article: Article) -> list[Quote]:
    v, n = _voices(article), len(article.text)
    return [q for q in (v.quotes if v else []) if isinstance(q.start, int)
            and isinstance(q.end, int) and 0 <= q.start < q.end <= n]


def span_voices(article: Article) -> list[tuple[Span, str]]:
    """Each validated technique span with its voice (entity id, speaker:<text>, OUTLET)."""
    spans = [Span(s.technique, s.start, s.end, s.paragraph, s.score) for s in clean_spans(article)]
    return list(zip(spans, attribute_spans(spans, usable_quotes(article))))


def speaker_of(q: Quote, v: Voices) -> str:
    return voice_name(quote_voice(q), v.entities)


@dataclass(slots=True)
class SpeakerRow:
    voice: str
    name: str
    quotes: int = 0
    articles: int = 0
    techniques: int = 0  # technique spans inside their quotes


def who_is_quoted(articles: Iterable[Article], limit: int = 30) -> list[SpeakerRow]:
    """Speakers across the articles, most quoted first."""
    rows: dict[str, SpeakerRow] = {}
    for article in articles:
        v = _voices(article)
        if v is None:
            continue
        seen: set[str] = set()
        for q in usable_quotes(article):
            key = quote_voice(q)
            row = rows.setdefault(key, SpeakerRow(key, speaker_of(q, v)))
            row.quotes += 1
            if key not in seen:
                row.articles += 1
                seen.add(key)
        for _, voice in span_voices(article):
            if voice != OUTLET and voice in rows:
                rows[voice].techniques += 1
    return sorted(rows.values(), key=lambda r: (-r.quotes, -r.articles, r.name))[:limit]


def article_quotes(article: Article) -> list[dict[str, str]]:
    """(text, speaker, cue, kind) of each quote, text order."""
    v = _voices(article)
    if v is None:
        return []
    return [{"text": article.text[q.start:q.end], "speaker": speaker_of(q, v), "cue": q.cue or "",
             "kind": q.kind} for q in usable_quotes(article)]


def voice_split(article: Article) -> tuple[int, int]:
    """(spans in the outlet's own words, spans inside quotes)."""
    voiced = span_voices(article)
    quoted = sum(1 for _, v in voiced if v != OUTLET)
    return len(voiced) - quoted, quoted


def voices_record(article: Article) -> dict[str, Any] | None:
    """The JSON report's `voices` of one article (None when not analysed for voices)."""
    v = _voices(article)
    if v is None:
        return None
    names = {e.id: e.name for e in v.entities}
    return {
        "model": v.model,
        "quotes": [{"start": q.start, "end": q.end, "kind": q.kind, "text": article.text[q.start:q.end],
                    "cue": q.cue, "speaker": q.speaker, "entity": q.entity,
                    "speaker_name": speaker_of(q, v)} for q in usable_quotes(article)],
        "entities": [{"id": e.id, "name": e.name, "kind": e.kind, "mentions": len(e.mentions),
                      "salience": e.salience, "aliases": list(e.aliases)} for e in v.entities],
        "stances": [{"entity": s.entity, "name": names.get(s.entity, s.entity), "label": s.label,
                     "score": s.score} for s in v.stances],
    }
