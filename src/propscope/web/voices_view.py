"""What the dashboard shows of who says what: the article's speakers and entities, quote
highlights laid over the technique segments, and the voice (outlet or speaker) of every
highlighted technique; plus the rows of the entity pages.

Decisions are made here so templates only loop and escape. Offsets come from stored
analyses and are not trusted: quotes that do not slice the text are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from propscope.analyzers.voices.attribution import quote_voice, voice_name
from propscope.report.voices import span_voices, usable_quotes
from propscope.schema import Article
from propscope.schema.analysis import Span
from propscope.schema.voices import OUTLET, Quote, Voices
from propscope.web.article_view import ArticleView, SegmentView
from propscope.web.render import path_part

KIND_NAMES = {"person": "people", "organization": "organizations", "place": "places",
              "group": "groups"}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    href: str  # entity page, or "" for a speaker no entity resolves
    kind: str
    quotes: int


@dataclass(frozen=True, slots=True)
class QuoteView:
    text: str
    speaker: str
    href: str
    cue: str
    kind: str


@dataclass(frozen=True, slots=True)
class EntityChip:
    name: str
    href: str
    kind: str
    mentions: int
    stance: str  # "" when the article takes none
    score: float


@dataclass(slots=True)
class VoicesPart:
    speakers: list[Speaker]
    quotes: list[QuoteView]
    entities: list[EntityChip]
    outlet_spans: int  # technique spans in the outlet's own words
    quoted_spans: int  # technique spans inside quotes
    model: str


def entity_href(entity_id: str) -> str:
    return "/entities/" + path_part(entity_id)


def _speaker_name(q: Quote, names: dict[str, str]) -> str:
    return voice_name(quote_voice(q), []) if not q.entity else names.get(q.entity, q.entity)


def _speakers(quotes: list[Quote], v: Voices) -> list[Speaker]:
    names = {e.id: e.name for e in v.entities}
    kinds = {e.id: e.kind for e in v.entities}
    found: dict[str, Speaker] = {}
    for q in quotes:
        key = quote_voice(q)
        old = found.get(key)
        found[key] = Speaker(_speaker_name(q, names), entity_href(q.entity) if q.entity else "",
                             kinds.get(q.entity or "", ""), (old.quotes if old else 0) + 1)
    return sorted(found.values(), key=lambda s: (-s.quotes, s.name))


def _split(seg: SegmentView, quotes: list[Quote], names: dict[str, str]) -> list[SegmentView]:
    """Cut a segment at quote boundaries; pieces inside a quote carry its speaker."""
    cuts = sorted({seg.start, seg.end} | {c for q in quotes for c in (q.start, q.end)
                                          if seg.start < c < seg.end})
    pieces = []
    for a, b in pairwise(cuts):
        inside = [q for q in quotes if q.start <= a < q.end]
        q = min(inside, key=lambda x: x.end - x.start) if inside else None  # innermost
        pieces.append(replace(seg, text=seg.text[a - seg.start:b - seg.start], start=a, end=b,
                              quote=_speaker_name(q, names) if q else "",
                              quote_cue=(q.cue or "") if q else ""))
    return pieces


def _segment_voices(seg: SegmentView, spans: list[tuple[Span, str]], names: dict[str, str],
                    v: Voices) -> str:
    """The voice of each technique of a segment (the span covering it that owns it)."""
    out = []
    for technique in seg.techniques:
        voice = next((vc for s, vc in spans if s.technique == technique
                      and s.start <= seg.start and seg.end <= s.end), OUTLET)
        out.append(voice_name(voice, v.entities))
    return "|".join(out)


def mark_voices(view: ArticleView, article: Article) -> VoicesPart | None:
    """Highlight the article's quotes and label each technique's voice; None if the article
    has no voices analysis."""
    a = article.analysis
    v = a.voices if a is not None else None
    if v is None:
        return None
    quotes, names = usable_quotes(article), {e.id: e.name for e in v.entities}
    voiced = span_voices(article)
    for p in view.paragraphs:
        if p.segments:
            pieces = [x for s in p.segments for x in (_split(s, quotes, names) if s.end > s.start else [s])]
            p.segments = [replace(x, voices=_segment_voices(x, voiced, names, v)) if x.techniques
                          else x for x in pieces]
    quoted = sum(1 for _, vc in voiced if vc != OUTLET)
    stance = {s.entity: s for s in v.stances}
    chips = [EntityChip(e.name, entity_href(e.id), e.kind, len(e.mentions),
                        stance[e.id].label if e.id in stance else "",
                        stance[e.id].score if e.id in stance else 0.0) for e in v.entities]
    return VoicesPart(
        speakers=_speakers(quotes, v),
        quotes=[QuoteView(article.text[q.start:q.end], _speaker_name(q, names),
                          entity_href(q.entity) if q.entity else "", q.cue, q.kind) for q in quotes],
        entities=chips, outlet_spans=len(voiced) - quoted, quoted_spans=quoted, model=v.model)
