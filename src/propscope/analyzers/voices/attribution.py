"""Whose voice a technique span is in: the quoted speaker's, or the outlet's own.

Why "mostly inside": span taggers and quote finders draw slightly different edges (a
span may take the closing quotation mark or the cue "he said" along), so a span counts as
the speaker's when more than half of its characters lie inside one quote; otherwise the
outlet chose those words. An unresolved speaker is kept as written ("speaker:<text>") so
the reader still sees who the outlet claims said it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from propscope.schema.analysis import Span
from propscope.schema.voices import OUTLET, Entity, Quote

SPEAKER_PREFIX = "speaker:"
UNKNOWN_SPEAKER = SPEAKER_PREFIX + "unknown"
#: Share of a span's characters that must lie inside one quote for the speaker to own it.
INSIDE = 0.5
#: Bump when attribute_spans decides differently: stores re-attribute their voice index
#: (store/voice_spans.py) on the next per-outlet read instead of serving stale sums.
RULE_VERSION = "1"


def quote_voice(quote: Quote) -> str:
    """The voice of one quote: its entity id, else the speaker as written."""
    if quote.entity:
        return quote.entity
    speaker = " ".join((quote.speaker or "").split())
    return SPEAKER_PREFIX + speaker if speaker else UNKNOWN_SPEAKER


def _owner(start: int, end: int, quotes: Sequence[Quote], starts: list[int]) -> Quote | None:
    """The quote holding most of [start, end), if it holds more than INSIDE of it; on a tie
    the innermost (shortest) quote, the most specific speaker."""
    best, best_key = None, (0, 0)
    # Quotes may nest or overlap (a direct quote inside a mixed one): scan every quote that
    # starts before the span ends; quotes per article are few, so this stays cheap.
    for q in quotes[: bisect_right(starts, end - 1)]:
        key = (min(end, q.end) - max(start, q.start), q.start - q.end)
        if key[0] > 0 and key > best_key:
            best, best_key = q, key
    return best if best_key[0] > INSIDE * (end - start) else None


def attribute_spans(spans: Sequence[Span], quotes: Sequence[Quote]) -> list[str]:
    """One voice per span, same order: an entity id, "speaker:<text>", or OUTLET."""
    usable = sorted((q for q in quotes if isinstance(q.start, int) and isinstance(q.end, int)
                     and q.end > q.start), key=lambda q: (q.start, q.end))
    starts = [q.start for q in usable]
    out = []
    for span in spans:
        if not (isinstance(span.start, int) and isinstance(span.end, int)) or span.end <= span.start:
            out.append(OUTLET)
            continue
        owner = _owner(span.start, span.end, usable, starts)
        out.append(quote_voice(owner) if owner is not None else OUTLET)
    return out


def voice_name(voice: str, entities: Sequence[Entity] = ()) -> str:
    """What a reader sees for a voice: "outlet", the entity's name, or the speaker text."""
    if voice == OUTLET:
        return OUTLET
    if voice.startswith(SPEAKER_PREFIX):
        return voice[len(SPEAKER_PREFIX):] or "unknown"
    for entity in entities:
        if entity.id == voice:
            return entity.name
    return voice
