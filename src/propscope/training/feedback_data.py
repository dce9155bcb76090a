"""Training articles from analysts' corrections, merged with the SemEval training data.

A corrected article is seen in SemEval's layout (review/semeval_files.view: title, blank
line, Article.text), so the real training code reads it like any SemEval article. Its
labels are its *effective* labels: the base output plus the corrections. The base is the
model output, except for an article whose text is a SemEval training article: there the
base is SemEval's gold, so a correction overrides exactly the gold keys it judges and the
corrected article replaces the gold one in place (same fold; never in twice).

Which articles teach which model: an article enters the techniques set only with a
paragraph correction, the genre set with a genre correction, the frames set with a frames
correction. An uncorrected key keeps the base label, so teaching a model its own output
is limited to the articles an analyst actually looked at.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from propscope.review.effective import EffectiveLabels, effective_labels
from propscope.review.semeval_files import view
from propscope.schema import Article, normalize_for_id
from propscope.schema.analysis import Analysis, Classification, Span, UnitTechniques
from propscope.schema.review import Correction, text_version
from propscope.semeval.io import parse_article
from propscope.training.data import TrainArticle

if TYPE_CHECKING:
    from propscope.store import Store

#: model -> the correction target that puts an article into its training set
TARGET_OF: dict[str, str] = {"techniques": "paragraph", "spans": "span", "genre": "genre", "frames": "frames"}


@dataclass(slots=True)
class Corrected:
    """One stored article with its corrections (those made on its exact text version)."""

    article: Article
    corrections: list[Correction]


def load_corrected(store: Store, keep: set[str] | None = None) -> list[Corrected]:
    """Every corrected article still stored, sorted by id; `keep` limits the corrections
    used to those ids (the parent model's set, to rebuild its training data)."""
    out = []
    for aid in sorted(store.corrected_article_ids()):
        found = store.reviewed_article(aid)
        if found is None:  # orphaned corrections: no text to train on
            continue
        art, corrs = found
        corrs = [c for c in corrs if keep is None or c.id in keep]
        if corrs:
            out.append(Corrected(art, corrs))
    return out


def semeval_key(text: str) -> str:
    return hashlib.sha256(normalize_for_id(text).encode("utf-8")).hexdigest()


def _gold_analysis(art: Article, gold: TrainArticle) -> Analysis | None:
    """SemEval gold as an Analysis of the stored article, when its lines are SemEval's lines
    (then line k <-> unit k and offsets shift per line); None when the layouts differ."""
    text, shift, units = view(art)
    mine = parse_article(art.id, text).lines
    theirs = gold.article.lines
    if [ln.text for ln in mine] != [ln.text for ln in theirs]:
        return None
    unit_of = dict(units)
    techniques = [UnitTechniques(u, gold.line_labels.get(theirs[k].number, []), {})
                  for k, (_n, u) in enumerate(units) if u is not None]

    def moved(pos: int, end: bool) -> int | None:
        for a, b in zip(theirs, mine, strict=True):
            if a.start <= pos < a.end or (end and a.start < pos <= a.end):
                return b.start + pos - a.start - shift
        return None

    spans = []
    for tech, s, e in gold.spans:
        start, stop = moved(s, False), moved(e, True)
        line = next((ln for ln in mine if ln.start <= (start or 0) + shift < ln.end), None)
        unit = unit_of.get(line.number) if line is not None else None
        if start is not None and stop is not None and start < stop and unit is not None:
            spans.append(Span(tech, start, stop, unit, 1.0))
    genre = Classification([gold.genre], {}) if gold.genre else None
    frames = Classification(list(gold.frames), {}) if gold.frames is not None else None
    return Analysis(techniques=techniques, spans=spans, genre=genre, frames=frames)


def to_train_article(art: Article, eff: EffectiveLabels) -> TrainArticle:
    """The effective labels in SemEval's layout (line numbers and file offsets)."""
    text, shift, units = view(art)
    ta = TrainArticle(art.language or "en", parse_article(art.id, text))
    for number, unit in units:
        ta.line_labels[number] = sorted(eff.paragraphs.get(unit, [])) if unit is not None else []
    ta.spans = [(t, s + shift, e + shift) for t, s, e in eff.spans]
    ta.genre = eff.genre[0] if len(eff.genre) == 1 else None
    ta.frames = list(eff.frames)
    return ta


@dataclass(slots=True)
class Merged:
    """The training pool: original articles with corrected ones in place or appended."""

    articles: list[TrainArticle]
    corrected: list[bool]  # per article: does it carry corrections?
    replaced: int  # SemEval articles overridden by their corrected version
    corrections: list[Correction]  # the corrections in effect (for the manifest)


def merge(original: list[TrainArticle], items: Iterable[Corrected], model: str) -> Merged:
    """Original articles plus the corrected ones that teach `model` (see module doc)."""
    arts, flags = list(original), [False] * len(original)
    index = {semeval_key(a.article.text): i for i, a in enumerate(original)}
    used: list[Correction] = []
    replaced = 0
    for item in items:
        art = item.article
        current = [c for c in item.corrections if c.article_version == text_version(art.text)]
        if not any(c.target == TARGET_OF[model] for c in current):
            continue
        i = index.get(semeval_key(view(art)[0]))
        if i is not None:
            gold = _gold_analysis(art, original[i])
            art = replace(art, analysis=gold if gold is not None else art.analysis)
        ta = to_train_article(art, effective_labels(art, current))
        if model in ("genre", "frames") and getattr(ta, model) in (None, []):
            continue  # no usable document label (e.g. two genres left after corrections)
        used += [c for c in current if c.target == TARGET_OF[model]]  # what changed this model's labels
        if i is not None:
            arts[i], flags[i] = TrainArticle(original[i].lang, ta.article, ta.line_labels, ta.spans,
                                             ta.genre, ta.frames), True
            replaced += 1
        else:
            arts.append(ta)
            flags.append(True)
    return Merged(arts, flags, replaced, used)
