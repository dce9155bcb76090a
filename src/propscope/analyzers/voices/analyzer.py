"""The `voices` analyzer: entities, then quotes (whose speakers resolve to those entities),
then stance toward the main entities, as one `Voices` on `Analysis.voices`.

Why one analyzer for three parts: quotes need the article's entities to resolve "he
added" to an earlier name, and stance needs the quotes to tell the outlet's judgement
from a speaker's; running them together keeps the ids consistent within one result.
The component functions are injectable so the pipeline, the API and tests share this
composition while a test can pin what each part returns.

What comes back from the components is checked here, not trusted: a quote with offsets
outside the text, an inverted span or a stance toward an entity the article does not
have would break every presenter downstream, so it is dropped (counted in `dropped`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from propscope.schema import Article
from propscope.schema.analysis import Analysis
from propscope.schema.voices import Entity, Quote, Stance, Voices

#: Bump when a lexicon, gazetteer or rule changes what the parts find: the pipeline skips
#: articles already analysed by this exact tag and re-runs the others.
VERSION = "5"
MODEL = f"voices@{VERSION}"

FindEntities = Callable[[Article], list[Entity]]
FindQuotes = Callable[[Article, list[Entity]], list[Quote]]
FindStances = Callable[[Article, list[Entity], list[Quote]], list[Stance]]


def _default_entities() -> FindEntities:
    from propscope.analyzers.voices.entities import find_entities

    return find_entities


def _default_quotes() -> FindQuotes:
    from propscope.analyzers.voices.quotes import find_quotes

    return find_quotes


def _default_stances() -> FindStances:
    from propscope.analyzers.voices.stance import find_stances

    return find_stances


def _in_text(start: object, end: object, n: int) -> bool:
    return (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
            and 0 <= start < end <= n)


def _optional_span(start: int | None, end: int | None, n: int) -> bool:
    return (start is None and end is None) or _in_text(start, end, n)


@dataclass(slots=True)
class Checked:
    voices: Voices
    dropped: int


def check(article: Article, entities: list[Entity], quotes: list[Quote],
          stances: list[Stance], model: str = MODEL) -> Checked:
    """Keep only what indexes this article's text and refers to its own entities."""
    n, dropped = len(article.text), 0
    kept_entities: list[Entity] = []
    for e in entities:
        mentions = [m for m in e.mentions if _in_text(m.start, m.end, n)]
        dropped += len(e.mentions) - len(mentions)
        e.mentions = mentions
        kept_entities.append(e)
    ids = {e.id for e in kept_entities}
    kept_quotes = []
    for q in quotes:
        ok = (_in_text(q.start, q.end, n) and _optional_span(q.cue_start, q.cue_end, n)
              and _optional_span(q.speaker_start, q.speaker_end, n))
        if ok and q.entity is not None and q.entity not in ids:
            q.entity = None  # a speaker id the article does not define: keep the quote
        dropped += not ok
        if ok:
            kept_quotes.append(q)
    kept_stances = []
    for s in stances:
        if s.entity not in ids:
            dropped += 1
            continue
        evidence = [m for m in s.evidence if _in_text(m.start, m.end, n)]
        dropped += len(s.evidence) - len(evidence)
        s.evidence = evidence
        kept_stances.append(s)
    kept_entities.sort(key=lambda e: (-e.salience, e.id))
    kept_quotes.sort(key=lambda q: (q.start, q.end))
    return Checked(Voices(kept_quotes, kept_entities, kept_stances, model), dropped)


class VoicesAnalyzer:
    """Analyzer protocol (analyzers/base.py): batch in, same batch out."""

    name = "voices"
    requires: tuple[str, ...] = ("text", "paragraphs", "title", "language")
    assigns: tuple[str, ...] = ("analysis.voices",)
    model = MODEL

    def __init__(self, find_entities: FindEntities | None = None,
                 find_quotes: FindQuotes | None = None,
                 find_stances: FindStances | None = None) -> None:
        self._entities = find_entities or _default_entities()
        self._quotes = find_quotes or _default_quotes()
        self._stances = find_stances or _default_stances()
        self.dropped = 0  # component results refused by `check`, over this analyzer's life

    def __call__(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            self.analyze(article)
        return articles

    def voices(self, article: Article) -> Voices:
        """The Voices of one article, without touching `article.analysis`."""
        if not isinstance(article.text, str):
            raise TypeError(f"article {article.id!r}: text must be a string, "
                            f"not {type(article.text).__name__}")
        entities = list(self._entities(article))
        quotes = list(self._quotes(article, entities))
        stances = list(self._stances(article, entities, quotes))
        checked = check(article, entities, quotes, stances, self.model)
        self.dropped += checked.dropped
        return checked.voices

    def analyze(self, article: Article) -> Article:
        voices = self.voices(article)
        result = article.analysis or Analysis()
        result.voices = voices
        article.analysis = result
        return article

