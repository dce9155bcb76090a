"""Source profiles: one outlet over one period, from CorpusDocs, reuse links and narratives.

A pure function (pipeline/ and the CLI feed it from the store): what an outlet publishes
(articles, words, languages, genre mix), how it persuades (techniques per 1,000 words,
top techniques by articles carrying them, frames), whom it copies and who copies it (reuse
links counted per outlet pair, both ends must be known articles), and which narratives it
carries. Articles without a date fall into period "undated" for "year"/"month".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from propscope.corpus.docs import CorpusDoc
from propscope.schema.corpus import ReuseLink, SourceProfile

Period = Literal["all", "year", "month"]
UNKNOWN_SOURCE = "(unknown)"
UNDATED = "undated"
TOP = 10


def period_of(doc: CorpusDoc, period: Period) -> str:
    if period == "all":
        return "all"
    value = doc.published or ""
    width = 4 if period == "year" else 7
    return value[:width] if len(value) >= width and value[:4].isdigit() else UNDATED


@dataclass(slots=True)
class _Acc:
    articles: int = 0
    words: int = 0
    technique_units: int = 0
    languages: Counter = field(default_factory=Counter)
    techniques: Counter = field(default_factory=Counter)
    frames: Counter = field(default_factory=Counter)
    genres: Counter = field(default_factory=Counter)
    copies_from: Counter = field(default_factory=Counter)
    copied_by: Counter = field(default_factory=Counter)
    narratives: Counter = field(default_factory=Counter)


def source_profiles(docs: Iterable[CorpusDoc], links: list[ReuseLink],
                    assignments: Mapping[str, str], period: Period = "all") -> list[SourceProfile]:
    """Profiles sorted by (source, period). A link's `later` article copies from the
    outlet of `earlier`: the copier's profile counts it in copies_from (period of the later
    article), the copied outlet's in copied_by (period of the earlier article). Links with
    an article not in `docs`, or within one outlet, are not counted."""
    if period not in ("all", "year", "month"):
        raise ValueError(f"period must be all, year or month, not {period!r}")
    accs: dict[tuple[str, str], _Acc] = defaultdict(_Acc)
    where: dict[str, tuple[str, str]] = {}  # article id -> (source, period)
    for d in docs:
        key = (d.source or UNKNOWN_SOURCE, period_of(d, period))
        where[d.id] = key
        a = accs[key]
        a.articles += 1
        a.words += len(d.text.split())
        a.technique_units += sum(d.techniques.values())
        a.techniques.update(t for t, n in d.techniques.items() if n)
        a.languages[d.language or "und"] += 1
        a.frames.update(set(d.frames))
        if d.genre:
            a.genres[d.genre] += 1
        if d.id in assignments:
            a.narratives[assignments[d.id]] += 1
    for link in links:
        src, dst = where.get(link.earlier), where.get(link.later)
        if src is None or dst is None or src[0] == dst[0]:
            continue  # an outlet republishing itself is not reuse between outlets
        accs[dst].copies_from[src[0]] += 1
        accs[src].copied_by[dst[0]] += 1
    return [_profile(source, per, a) for (source, per), a in sorted(accs.items())]


def _profile(source: str, period: str, a: _Acc) -> SourceProfile:
    return SourceProfile(
        source=source, period=period, articles=a.articles, words=a.words,
        languages=dict(a.languages.most_common()),
        techniques_per_1000_words=round(1000 * a.technique_units / a.words, 3) if a.words else 0.0,
        top_techniques=dict(a.techniques.most_common(TOP)), frames=dict(a.frames.most_common(TOP)),
        genres=dict(a.genres.most_common()), copies_from=dict(a.copies_from.most_common()),
        copied_by=dict(a.copied_by.most_common()), narratives=dict(a.narratives.most_common()),
    )
