"""Corpus-level entity merge: partial person keys -> the one full name the corpus knows.

Canonical keys (analyzers/voices/canonical.py) already merge aliases, spellings and
languages. What one article cannot decide is who a bare surname is: an article that only
says "Pushkov" yields ``per:pushkov``. Across the corpus, if exactly one full-name person
ends with that surname (``per:aleksei-pushkov``), the bare key is that person; with two
different full names ("John Smith", "Adam Smith") nothing is merged: a wrong merge would
put one person's words in another's mouth, a missed one only splits a page.

A full name also absorbs a shorter full name it extends ("per:bashar-assad" is
``per:bashar-al-assad`` when that is the only candidate with the same first and last name).

Pure and scikit-learn shaped: parameters in the constructor, ``fit`` on (article id,
entities) pairs, then ``mapping()`` (old key -> canonical key, identities left out) or
``transform`` to rewrite entity lists. Storing the mapping is the pipeline's job.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from propscope.schema.voices import Entity, Mention


def _parts(key: str) -> tuple[str, list[str]]:
    prefix, _, rest = key.partition(":")
    return prefix, [p for p in rest.split("-") if p]


class EntityMerger:
    """Fit on a corpus, then map partial person keys to unambiguous full ones.

    min_articles: a full name must appear in at least this many articles to absorb bare
    surnames (1 = any). min_ratio: the full name must carry at least this share of all the
    full-name articles with that surname (1.0 = strictly unique; 0.9 tolerates a rare
    misspelled second full name).
    """

    def __init__(self, min_articles: int = 1, min_ratio: float = 1.0) -> None:
        self.min_articles = min_articles
        self.min_ratio = min_ratio

    def fit(self, corpus: Iterable[tuple[str, list[Entity]]]) -> EntityMerger:
        docs: Counter[str] = Counter()
        names: dict[str, str] = {}
        for _article_id, entities in corpus:
            for key in {e.id for e in entities}:
                docs[key] += 1
            for e in entities:
                names.setdefault(e.id, e.name)
        self.document_counts_ = docs
        self.names_ = names
        self.mapping_ = self._build(docs)
        return self

    def _build(self, docs: Counter[str]) -> dict[str, str]:
        by_surname: dict[str, Counter[str]] = defaultdict(Counter)
        singles, fulls = [], []
        for key, n in docs.items():
            prefix, parts = _parts(key)
            if prefix != "per" or not parts:
                continue
            if len(parts) == 1:
                singles.append(key)
            else:
                fulls.append(key)
                by_surname[parts[-1]][key] += n
        mapping: dict[str, str] = {}
        for key in fulls:  # longer spellings of the same full name first
            _, parts = _parts(key)
            longer = Counter(
                {
                    k: n
                    for k, n in by_surname[parts[-1]].items()
                    if _extends(_parts(k)[1], parts)
                }
            )
            if target := self._unique(longer):
                mapping[key] = target
        for surname, counts in by_surname.items():
            merged: Counter[str] = Counter()
            for k, n in counts.items():
                merged[mapping.get(k, k)] += n
            by_surname[surname] = merged
        for key in singles:
            if target := self._unique(by_surname.get(_parts(key)[1][0], Counter())):
                mapping[key] = target
        return mapping

    def _unique(self, candidates: Counter[str]) -> str | None:
        if not candidates:
            return None
        best, n = candidates.most_common(1)[0]
        total = sum(candidates.values())
        if n < self.min_articles or n / total < self.min_ratio:
            return None
        return best

    def mapping(self) -> dict[str, str]:
        """Old key -> canonical key, only for keys that change."""
        return dict(self.mapping_)

    def transform(self, entities: list[Entity]) -> list[Entity]:
        """The same entities with mapped ids; two that now share an id become one."""
        merged: dict[str, Entity] = {}
        for e in entities:
            key = self.mapping_.get(e.id, e.id)
            name = self.names_.get(key, e.name)
            if key not in merged:
                merged[key] = Entity(key, name, e.kind, list(e.mentions), list(e.aliases),
                                     e.salience)  # fmt: skip
                continue
            into = merged[key]
            into.mentions = sorted(into.mentions + e.mentions, key=_start)
            into.aliases += [a for a in e.aliases if a not in into.aliases]
            into.salience = max(into.salience, e.salience)
        return list(merged.values())

    def fit_transform(
        self, corpus: Iterable[tuple[str, list[Entity]]]
    ) -> list[list[Entity]]:
        pairs = list(corpus)
        self.fit(pairs)
        return [self.transform(entities) for _id, entities in pairs]


def _start(m: Mention) -> int:
    return m.start


def _extends(longer: list[str], shorter: list[str]) -> bool:
    """ "bashar al assad" extends "bashar assad": same first and last part, more in between."""
    return (
        len(longer) > len(shorter)
        and longer[0] == shorter[0]
        and longer[-1] == shorter[-1]
        and all(p in longer for p in shorter)
    )
