"""Model output + corrections = the labels an article effectively carries.

The rule (docs/review.md): per author, the latest correction of a key (target, label,
location) is that author's verdict. Authors who agree (accept and add both mean "present")
decide the key; authors who disagree leave the model output of that key as it was and the
disagreement is reported as a Conflict, never merged silently. A relabel removes its key
and adds the new label at the same location, unless someone rejected exactly that.
Corrections made on another version of the text are reported as stale and not applied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from propscope.schema import Article
from propscope.schema.analysis import Analysis
from propscope.schema.review import VOCABULARY, Correction, text_version
from propscope.semeval.labels import normalize_label

Key = tuple[str, str, object]  # (target, label, location) as Correction.key()


@dataclass(frozen=True, slots=True)
class Conflict:
    key: Key
    verdicts: tuple[Correction, ...]  # each author's latest correction of the key


@dataclass(slots=True)
class EffectiveLabels:
    article_id: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (technique, start, end)
    paragraphs: dict[int, list[str]] = field(default_factory=dict)  # paragraph (TITLE=-1) -> labels
    genre: list[str] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stale: list[Correction] = field(default_factory=list)
    applied: int = 0  # keys decided by corrections

    def keys(self) -> set[Key]:
        out: set[Key] = {("span", t, (s, e)) for t, s, e in self.spans}
        out |= {("paragraph", lab, p) for p, labs in self.paragraphs.items() for lab in labs}
        return out | {("genre", g, None) for g in self.genre} | {("frames", f, None) for f in self.frames}


def _norm(label: str, target: str) -> str:
    try:
        return normalize_label(label, VOCABULARY[target])
    except ValueError:  # a label outside the vocabulary stays as the model wrote it
        return label


def model_keys(analysis: Analysis | None) -> set[Key]:
    """What the machine said, as keys (labels folded onto the official names)."""
    if analysis is None:
        return set()
    keys: set[Key] = {("span", _norm(s.technique, "span"), (s.start, s.end)) for s in analysis.spans}
    keys |= {("paragraph", _norm(lab, "paragraph"), u.paragraph)
             for u in analysis.techniques for lab in u.labels}
    for target in ("genre", "frames"):
        cls = getattr(analysis, target)
        if cls is not None:
            keys |= {(target, _norm(lab, target), None) for lab in cls.labels}
    return keys


def _meaning(c: Correction) -> tuple[str, str | None]:
    return ("present", None) if c.action in ("accept", "add") else (c.action, c.new_label)


def latest_by_author(corrections: Iterable[Correction]) -> dict[tuple[str, Key], Correction]:
    latest: dict[tuple[str, Key], Correction] = {}
    for c in sorted(corrections, key=lambda c: (c.created_at, c.id)):
        latest[(c.author, c.key())] = c
    return latest


def resolve(corrections: Iterable[Correction]) -> tuple[dict[Key, Correction], list[Conflict]]:
    """Decided keys (the latest agreeing verdict) and the keys authors disagree on."""
    by_key: dict[Key, list[Correction]] = defaultdict(list)
    for (_author, key), c in latest_by_author(corrections).items():
        by_key[key].append(c)
    decided: dict[Key, Correction] = {}
    conflicts: list[Conflict] = []
    for key, verdicts in by_key.items():
        verdicts.sort(key=lambda c: (c.created_at, c.id))
        if len({_meaning(c) for c in verdicts}) == 1:
            decided[key] = verdicts[-1]
        else:
            conflicts.append(Conflict(key, tuple(verdicts)))
    conflicts.sort(key=lambda k: repr(k.key))
    return decided, conflicts


def apply(model: set[Key], decided: dict[Key, Correction]) -> set[Key]:
    present = set(model)
    relabelled: list[Key] = []
    for key, c in decided.items():
        if c.action in ("accept", "add"):
            present.add(key)
        else:
            present.discard(key)
            if c.action == "relabel":
                relabelled.append((key[0], str(c.new_label), key[2]))
    for key in relabelled:
        if key not in decided or decided[key].action in ("accept", "add"):
            present.add(key)
    return present


def one_genre(present: set[Key], model: set[Key], decided: dict[Key, Correction],
              conflicts: list[Conflict]) -> set[Key]:
    """Genre is one label (SemEval subtask 1). When corrections leave several on (two
    reviewers each added another genre, or one added a genre and nobody removed the model's),
    the article keeps the model's genre, like any key reviewers disagree on, and the clash is
    reported as one conflict (its label names the genres, e.g. "opinion+satire"), rather than
    exported as a row that no SemEval reader accepts."""
    genres = sorted(k for k in present if k[0] == "genre")
    if len(genres) < 2:
        return present
    verdicts = tuple(sorted((decided[k] for k in genres if k in decided), key=lambda c: (c.created_at, c.id)))
    conflicts.append(Conflict(("genre", "+".join(k[1] for k in genres), None), verdicts))
    return {k for k in present if k[0] != "genre"} | {k for k in model if k[0] == "genre"}


def effective_labels(article: Article, corrections: Iterable[Correction]) -> EffectiveLabels:
    """The article's labels after its corrections (only those made on this exact text)."""
    version = text_version(article.text)
    current, stale = [], []
    for c in corrections:
        (current if c.article_version == version else stale).append(c)
    decided, conflicts = resolve(current)
    out = EffectiveLabels(article.id, conflicts=conflicts, stale=stale, applied=len(decided))
    model = model_keys(article.analysis)
    present = one_genre(apply(model, decided), model, decided, conflicts)
    paragraphs: dict[int, list[str]] = defaultdict(list)
    for target, label, loc in sorted(present, key=repr):
        if target == "span":
            start, end = loc  # type: ignore[misc]
            out.spans.append((label, start, end))
        elif target == "paragraph":
            paragraphs[int(loc)].append(label)  # type: ignore[arg-type]
        else:
            getattr(out, target).append(label)
    out.spans.sort(key=lambda s: (s[1], s[2], s[0]))
    out.paragraphs = {p: sorted(labs) for p, labs in sorted(paragraphs.items())}
    out.genre.sort()
    out.frames.sort()
    return out
