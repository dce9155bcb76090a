"""Source profiles by voice: how much of an outlet's persuasion is in its own words and how
much it puts in others' mouths (issue 6, point 4).

Why separate from corpus/sources.py: the profile there is built from corpus documents;
this needs each article's technique spans and quotes, attributed with the same rule the
dashboard uses (attribute_spans: mostly inside a quote -> the speaker). Pure: the caller
streams (source, spans, quotes) per article (Store.iter_spans_and_quotes), or passes the
sums the store keeps at write time (from_totals; Store.source_voices does, fast at scale).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from propscope.analyzers.voices.attribution import attribute_spans
from propscope.schema.analysis import Span
from propscope.schema.voices import OUTLET, Quote

TOP = 5


@dataclass(slots=True)
class SourceVoices:
    source: str
    articles: int = 0
    quotes: int = 0
    outlet_spans: int = 0  # technique spans in the outlet's own words
    quoted_spans: int = 0  # technique spans inside quotes
    outlet_techniques: dict[str, int] = field(default_factory=dict)
    quoted_techniques: dict[str, int] = field(default_factory=dict)
    speakers: dict[str, int] = field(default_factory=dict)  # voice -> spans, top TOP

    @property
    def quoted_share(self) -> float:
        total = self.outlet_spans + self.quoted_spans
        return round(self.quoted_spans / total, 4) if total else 0.0


def _top(c: Counter[str], n: int | None = None) -> dict[str, int]:
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def source_voices(items: Iterable[tuple[str | None, list[Span], list[Quote]]]) -> list[SourceVoices]:
    """One row per outlet (None -> "unknown"), most technique spans first."""
    articles: Counter[str | None] = Counter()
    quoted: Counter[str | None] = Counter()
    counts: Counter[tuple[str | None, str, str]] = Counter()
    for source, spans, quotes in items:
        articles[source] += 1
        quoted[source] += len(quotes)
        for span, voice in zip(spans, attribute_spans(spans, quotes)):
            counts[(source, voice, span.technique)] += 1
    return from_totals([(s, n, quoted[s]) for s, n in articles.items()],
                       [(*key, n) for key, n in counts.items()])


def from_totals(heads: Iterable[tuple[str | None, int, int]],
                counts: Iterable[tuple[str | None, str, str, int]]) -> list[SourceVoices]:
    """The rows source_voices gives, from sums: (source, articles, quotes) per source and
    (source, voice, technique, spans) per group, as the store's voice index answers them."""
    acc: dict[str, tuple[SourceVoices, Counter[str], Counter[str], Counter[str]]] = {}

    def entry(source: str | None) -> tuple[SourceVoices, Counter[str], Counter[str], Counter[str]]:
        name = source or "unknown"
        return acc.setdefault(name, (SourceVoices(name), Counter(), Counter(), Counter()))

    for source, articles, quotes in heads:
        row = entry(source)[0]
        row.articles += articles
        row.quotes += quotes
    for source, voice, technique, n in counts:
        row, own, quoted, speakers = entry(source)
        if voice == OUTLET:
            row.outlet_spans += n
            own[technique] += n
        else:
            row.quoted_spans += n
            quoted[technique] += n
            speakers[voice] += n
    out = []
    for row, own, quoted, speakers in acc.values():
        row.outlet_techniques, row.quoted_techniques = _top(own), _top(quoted)
        row.speakers = _top(speakers, TOP)
        out.append(row)
    return sorted(out, key=lambda r: (-(r.outlet_spans + r.quoted_spans), r.source))
