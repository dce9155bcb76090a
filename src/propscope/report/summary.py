"""Per-article label digests and a corpus summary computed from loaded articles.

The store's `corpus_stats` answers for a whole filtered corpus; this answers for exactly the
articles in hand (a report of given articles, tests, or a store without label queries), in
the same CorpusStats shape so presenters need not care which one they got.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from propscope.schema import Article
from propscope.schema.analysis import Classification
from propscope.store.query import CorpusStats

_MONTH = re.compile(r"^\d{4}-\d{2}")


def genre_of(article: Article) -> tuple[str, float] | None:
    """The decided genre and its probability, if the article was classified."""
    cls = article.analysis.genre if article.analysis else None
    labels = _labels(cls)
    return (labels[0], _prob(cls, labels[0])) if labels else None


def frames_of(article: Article) -> list[tuple[str, float]]:
    """Frames above threshold with probabilities, most probable first."""
    cls = article.analysis.frames if article.analysis else None
    pairs = [(label, _prob(cls, label)) for label in _labels(cls)]
    return sorted(pairs, key=lambda p: (-p[1], p[0]))


def techniques_of(article: Article) -> list[str]:
    """Distinct technique labels of any unit (title included), most frequent first."""
    if article.analysis is None:
        return []
    counts = Counter(label for unit in article.analysis.techniques for label in unit.labels or ()
                     if isinstance(label, str))
    return [label for label, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _labels(cls: Classification | None) -> list[str]:
    if cls is None or not isinstance(cls.labels, list):
        return []
    return [label for label in cls.labels if isinstance(label, str)]


def _prob(cls: Classification | None, label: str) -> float:
    probs = cls.probabilities if cls is not None and isinstance(cls.probabilities, dict) else {}
    value = probs.get(label, 0.0)
    return float(value) if isinstance(value, (int, float)) else 0.0


def _tally(values: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


def summarize(articles: list[Article]) -> CorpusStats:
    """CorpusStats of exactly these articles (counts are articles, not units)."""
    genres = [g[0] for a in articles if (g := genre_of(a)) is not None]
    return CorpusStats(
        articles=len(articles),
        analysed=sum(a.analysis is not None for a in articles),
        by_source=_tally(a.source or "unknown" for a in articles),
        by_language=_tally(a.language or "unknown" for a in articles),
        by_genre=_tally(genres),
        by_frame=_tally(f for a in articles for f, _ in frames_of(a)),
        by_technique=_tally(t for a in articles for t in techniques_of(a)),
        timeline=dict(sorted(Counter(a.published[:7] for a in articles
                                     if a.published and _MONTH.match(a.published)).items())),
    )
