"""What the article page shows, computed from an Article: highlighted paragraphs with removed
boilerplate in place, the legend, title labels, genre and frames, warnings.

The template only loops and escapes; every decision (which URL is a link, which classes a
segment gets, what counts as low confidence) is made here, where it can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from propscope.report.highlight import (
    Highlighted,
    HighlightedParagraph,
    Removed,
    highlight,
)
from propscope.report.html import safe_link
from propscope.report.techniques_info import TECHNIQUE_INFO, label_name, technique_info
from propscope.schema import Article
from propscope.semeval.labels import TRAINED_LANGUAGES

#: Stacked underline layers the stylesheet draws per segment (more techniques: tooltip only).
LAYERS = 4


def tech_class(name: str) -> str:
    """CSS class of a technique's colour; one class for every label outside the vocabulary."""
    return f"t-{name}" if name in TECHNIQUE_INFO else "t-other"


def _key(name: str) -> str:
    return name if name in TECHNIQUE_INFO else "other"


class Layers:
    """Underline layers for one paragraph: a technique keeps its layer while its run of
    segments continues, so a stripe does not jump rows under an overlap; a new run takes the
    lowest layer no other technique of the segment holds."""

    def __init__(self) -> None:
        self.active: dict[str, int] = {}

    def classes(self, techniques: tuple[str, ...]) -> str:
        keep = {t: self.active[t] for t in techniques if t in self.active}
        for t in techniques:
            if t not in keep:
                free = next(i for i in range(len(techniques) + len(keep) + 1)
                            if i not in keep.values())
                keep[t] = free
        self.active = keep
        out = [f"b-{_key(techniques[0])}"] if techniques else []
        out += [f"l{i}-{_key(t)}" for t, i in sorted(keep.items(), key=lambda kv: kv[1])
                if i < LAYERS]
        if any(i >= LAYERS for i in keep.values()):
            out.append("more")
        return " ".join(out)


@dataclass(frozen=True, slots=True)
class LegendEntry:
    name: str
    display: str
    definition: str
    css: str  # colour class, t-NAME
    hide: str  # class on #text that hides this technique's colour, hide-NAME


@dataclass(frozen=True, slots=True)
class SegmentView:
    text: str
    techniques: tuple[str, ...]
    scores: str  # "0.81 0.40", one per technique, for the tooltip
    css: str
    start: int = 0  # offsets in Article.text
    end: int = 0
    marker: str = ""  # kind of the attribution/artefact marker covering it, if any
    quote: str = ""  # speaker of the quote covering it (web/voices_view.py), if any
    quote_cue: str = ""
    voices: str = ""  # "|"-joined voice of each technique, same order ("outlet" or a speaker)


@dataclass(slots=True)
class ParagraphView:
    index: int
    segments: list[SegmentView] | None  # None: a slot only holding removed blocks at the end
    labels: list[tuple[str, float]]
    removed_before: list[Removed] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GenreView:
    label: str
    probs: list[tuple[str, float]]


@dataclass(slots=True)
class ArticleView:
    paragraphs: list[ParagraphView]
    legend: list[LegendEntry]
    title_labels: list[tuple[str, float]]
    n_removed: int
    genre: GenreView | None
    frames: list[tuple[str, float, bool]]
    low_confidence: str | None
    source_link: str | None


def _segments(p: HighlightedParagraph) -> list[SegmentView]:
    layers = Layers()
    return [SegmentView(s.text, s.techniques, " ".join(f"{x:.2f}" for x in s.scores),
                        layers.classes(s.techniques), s.start, s.end) for s in p.segments]


def _paragraphs(h: Highlighted) -> list[ParagraphView]:
    views = [ParagraphView(p.index, _segments(p),
                           list(zip(p.labels, p.label_scores or (0.0,) * len(p.labels))))
             for p in h.paragraphs]
    tail = ParagraphView(len(views), None, [])
    for block in h.removed:
        slot = views[block.before] if 0 <= block.before < len(views) else tail
        slot.removed_before.append(block)
    return views + ([tail] if tail.removed_before else [])


def _low_confidence(article: Article) -> str | None:
    lang = article.language
    a = article.analysis
    flagged = a is not None and (a.techniques_low_confidence or any(
        c is not None and c.low_confidence for c in (a.genre, a.frames)))
    if lang not in TRAINED_LANGUAGES:
        shown = lang or "unknown"
        return (f"the models were not trained on this language ({shown}); "
                f"trained on {', '.join(TRAINED_LANGUAGES)}.")
    if flagged:
        return "the analyzers flagged this result as low confidence."
    return None


def _top(probs: dict[str, float], n: int) -> list[tuple[str, float]]:
    clean = [(k, float(v)) for k, v in probs.items() if isinstance(v, (int, float))]
    return sorted(clean, key=lambda kv: -kv[1])[:n]


def build_view(article: Article) -> ArticleView:
    h = highlight(article)
    legend = [LegendEntry(t, technique_info(t).name, technique_info(t).definition, tech_class(t),
                          "hide-" + tech_class(t)[2:]) for t in h.techniques]
    a = article.analysis
    genre = None
    if a is not None and a.genre is not None and a.genre.labels:
        genre = GenreView(label_name(a.genre.labels[0]), _top(a.genre.probabilities, 3))
    frames: list[tuple[str, float, bool]] = []
    if a is not None and a.frames is not None:
        on = set(a.frames.labels)
        frames = [(k, p, k in on) for k, p in _top(a.frames.probabilities, 6)]
    return ArticleView(
        paragraphs=_paragraphs(h), legend=legend,
        title_labels=list(zip(h.title_labels, h.title_scores or (0.0,) * len(h.title_labels))),
        n_removed=len(h.removed), genre=genre, frames=frames,
        low_confidence=_low_confidence(article) if a is not None else None,
        source_link=safe_link(article.url))
