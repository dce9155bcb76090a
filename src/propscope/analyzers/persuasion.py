"""The `techniques`, `genre` and `frames` analyzers, and `voices` alongside them.

The first three share one expensive step, the sentence vectors of an article's units
(title + paragraphs), so `PersuasionAnalyzer` runs them over one encoding; the names stay
separate in `assigns` so a caller can ask for any subset. `voices` (quotes, entities,
stance: analyzers/voices) needs no vectors; it runs here too so every caller that analyses
an article (pipeline, analyze-now) gets it by default, and is skipped with the others.

`tier` picks the techniques model: "accurate" (the default) uses the fine-tuned encoder
where a bundle exists for the article's language and the fast tier elsewhere; "fast"
always uses the fast tier (models/accurate.py). The default can be set for a whole run,
forked workers included, with $PROPSCOPE_TIER (how `propscope analyze --tier` reaches
the pipeline's analyzer).
"""

from __future__ import annotations

import os

from propscope.analyzers.spans import find_spans
from propscope.analyzers.voices.analyzer import VoicesAnalyzer
from propscope.models import encoder
from propscope.models.accurate import TIERS, TieredTechniques
from propscope.models.docclass import DocClassifier
from propscope.models.spantagger import SpanTagger
from propscope.models.techniques import TechniqueModel
from propscope.schema import Article
from propscope.schema.analysis import TITLE, Analysis, Classification, UnitTechniques

STAGES: tuple[str, ...] = ("techniques", "genre", "frames", "voices")
#: The stages that need the sentence encoder (everything but voices).
ENCODED: tuple[str, ...] = ("techniques", "genre", "frames")


def _model_tag(manifest: dict[str, object]) -> str:
    return f"{manifest.get('name')}@{manifest.get('version')}"


def techniques_tag(techniques: dict[str, object], spans: dict[str, object] | None) -> str:
    """The techniques stage's model tag. Its spans come from the span tagger, so a
    retrained tagger (`propscope train --with-feedback --only spans`) is named in it and
    stored articles are analysed again; the shipped tagger adds nothing, so tags written
    before span retraining existed stay valid. store/review_queue.SPANS cuts it off again
    (it does not change the thresholds)."""
    tag = _model_tag(techniques)
    if spans is not None and spans.get("feedback"):
        tag += f"+spans.{spans.get('version')}"
    return tag


def article_units(article: Article) -> tuple[list[str], list[int]]:
    """Units to classify and their paragraph index (TITLE for the headline)."""
    units, index = [], []
    if article.title.strip():
        units.append(article.title.strip())
        index.append(TITLE)
    for i, text in enumerate(article.paragraph_texts()):
        if text.strip():
            units.append(text)
            index.append(i)
    return units, index


class PersuasionAnalyzer:
    name = "persuasion"
    requires: tuple[str, ...] = ("text", "paragraphs", "title", "language")

    def __init__(self, stages: tuple[str, ...] = STAGES, tier: str | None = None):
        unknown = set(stages) - set(STAGES)
        if unknown:
            raise ValueError(f"unknown analyzer(s): {', '.join(sorted(unknown))}; choose from {', '.join(STAGES)}")
        self.tier = tier or os.environ.get("PROPSCOPE_TIER") or "accurate"
        if self.tier not in TIERS:
            raise ValueError(f"unknown tier {self.tier!r}; choose from {', '.join(TIERS)}")
        self.stages = stages
        self.assigns = tuple(f"analysis.{s}" for s in stages)
        self._tech = TieredTechniques(TechniqueModel.load(), self.tier) if "techniques" in stages else None
        self._spans = SpanTagger.load() if "techniques" in stages else None
        self.techniques_tag = (techniques_tag(self._tech.bundle.manifest, self._spans.bundle.manifest)
                               if self._tech is not None and self._spans is not None else None)
        self._genre = DocClassifier.load("genre") if "genre" in stages else None
        self._frames = DocClassifier.load("frames") if "frames" in stages else None
        self._voices = VoicesAnalyzer() if "voices" in stages else None

    def __call__(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            self.analyze(article)
        return articles

    def analyze(self, article: Article) -> Article:
        result = article.analysis or Analysis()
        if self._voices is not None:
            result.voices = self._voices.voices(article)
        article.analysis = result
        if not set(self.stages) & set(ENCODED):
            return article
        units, index = article_units(article)
        vectors = encoder.encode(units)
        lang = article.language
        if self._tech is not None:
            pred = self._tech.predict(units, lang, vectors)
            result.techniques = [
                UnitTechniques(p, [lab for lab, on in zip(pred.labels, pred.predicted[u]) if on],
                               {lab: round(float(x), 4) for lab, x in zip(pred.labels, pred.probabilities[u])})
                for u, p in enumerate(index)
            ]
            result.spans = find_spans(article, result.techniques, self._spans) if self._spans else []
            result.techniques_low_confidence = pred.low_confidence
            result.techniques_model = self.techniques_tag or ""
        for stage, model in (("genre", self._genre), ("frames", self._frames)):
            if model is None:
                continue
            doc = model.predict(vectors, len(units), lang)
            setattr(result, stage, Classification(
                doc.predicted, {lab: round(float(x), 4) for lab, x in zip(doc.labels, doc.probabilities)},
                doc.low_confidence, _model_tag(model.bundle.manifest)))
        article.analysis = result
        return article
