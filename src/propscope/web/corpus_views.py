"""What the cross-document parts of the dashboard show, computed here so the templates only
loop and escape: reuse links read from one article (which paragraph came from where, what
was added or dropped, the evidence markers), marker highlights in the article text, and
the rows of the narrative, source and reuse pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from propscope.api.corpus_data import Brief, LinkSide, article_links, text_markers
from propscope.schema import Article
from propscope.schema.corpus import Marker
from propscope.store import Store
from propscope.store.corpus import NarrativeSummary
from propscope.web.article_view import ArticleView, SegmentView

#: Links whose other article is loaded for paragraph excerpts (the rest show indices only).
DETAILED = 8
EXCERPT = 240
MARKER_KINDS = ("reports", "wire", "source-link", "originally", "via", "according",
                "mt-artifact", "markup-debris", "spin")


def excerpt(article: Article | None, index: int) -> str:
    """The start of paragraph `index` (empty if unknown), cut at EXCERPT characters."""
    if article is None or not 0 <= index < len(article.paragraphs):
        return ""
    p = article.paragraphs[index]
    body = article.text[p.start:p.end].strip()
    return body if len(body) <= EXCERPT else body[:EXCERPT].rstrip() + "…"


def marker_class(kind: str) -> str:
    """CSS class of a marker kind; one class for anything outside the vocabulary."""
    return f"mk-{kind}" if kind in MARKER_KINDS else "mk-other"


@dataclass(frozen=True, slots=True)
class PassageView:
    mine: int  # paragraph index in this article
    theirs: int  # paragraph index in the other one
    similarity: float
    change: str
    mine_text: str
    theirs_text: str


@dataclass(frozen=True, slots=True)
class MarkerView:
    kind: str
    css: str
    text: str
    names: str
    where: str  # "text" | "source"
    start: int
    end: int
    mine: bool  # in this article (highlighted in its text) or in the other


@dataclass(slots=True)
class ReuseView:
    """One link from this article's side: `copies` (this is the later one) or `copied by`."""

    direction: str
    other: Brief
    kind: str
    score: float
    coverage_mine: int  # percent of this article's text shared with the other
    coverage_theirs: int
    order_by: str
    passages: list[PassageView] = field(default_factory=list)
    added: list[tuple[int, str]] = field(default_factory=list)  # later's new paragraphs
    dropped: list[tuple[int, str]] = field(default_factory=list)  # earlier's left out
    markers: list[MarkerView] = field(default_factory=list)
    detailed: bool = False


def _markers(markers: list[Marker], mine: bool) -> list[MarkerView]:
    return [MarkerView(m.kind, marker_class(m.kind), m.text, ", ".join(m.names), m.where,
                       m.start, m.end, mine) for m in markers]


def reuse_view(side: LinkSide, me: Article, other: Article | None) -> ReuseView:
    x, copies = side.link, side.direction == "copies"
    later, earlier = (me, other) if copies else (other, me)
    passages = [PassageView(p.b if copies else p.a, p.a if copies else p.b, p.similarity,
                            p.change, excerpt(me, p.b if copies else p.a),
                            excerpt(other, p.a if copies else p.b))
                for p in sorted(x.passages, key=lambda p: (p.b, p.a) if copies else (p.a, p.b))]
    return ReuseView(
        direction=side.direction, other=side.other, kind=x.kind, score=x.score,
        coverage_mine=round(100 * (x.coverage_later if copies else x.coverage_earlier)),
        coverage_theirs=round(100 * (x.coverage_earlier if copies else x.coverage_later)),
        order_by=x.order_by, passages=passages,
        added=[(i, excerpt(later, i)) for i in sorted(x.added)],
        dropped=[(i, excerpt(earlier, i)) for i in sorted(x.dropped)],
        markers=_markers(list(x.markers), copies), detailed=other is not None)


def reuse_views(store: Store, article: Article) -> list[ReuseView]:
    """Every link of a stored article; the first DETAILED load the other text for excerpts."""
    out = []
    for n, side in enumerate(article_links(store, article.id)):
        other = store.get_article(side.other.id) if n < DETAILED and side.other.stored else None
        out.append(reuse_view(side, article, other))
    return out


def _split(seg: SegmentView, markers: list[Marker]) -> list[SegmentView]:
    """Cut a segment at marker boundaries; pieces inside a marker carry its kind."""
    cuts = sorted({seg.start, seg.end} | {c for m in markers for c in (m.start, m.end)
                                          if seg.start < c < seg.end})
    pieces = []
    for a, b in pairwise(cuts):
        kind = next((m.kind for m in markers if m.start <= a < m.end), "")
        pieces.append(replace(seg, text=seg.text[a - seg.start:b - seg.start], start=a, end=b,
                              marker=marker_class(kind) if kind else ""))
    return pieces


def mark_markers(view: ArticleView, markers: list[Marker]) -> int:
    """Highlight the article's own markers in its paragraphs; returns how many show."""
    shown = text_markers(markers)
    if not shown:
        return 0
    for p in view.paragraphs:
        if p.segments:
            p.segments = [piece for s in p.segments
                          for piece in (_split(s, shown) if s.end > s.start else [s])]
    return len(shown)


@dataclass(slots=True)
class ArticleCorpus:
    """The article page's cross-document part; *_ran: whether the command ever stored
    anything (so an empty list can say "run `propscope reuse`" or "none found")."""

    reuse: list[ReuseView]
    narratives: list[NarrativeSummary]
    markers: list[MarkerView]
    highlighted: int
    reuse_ran: bool
    narratives_ran: bool


def article_corpus(store: Store, article: Article, view: ArticleView) -> ArticleCorpus:
    markers = store.markers(article.id)
    return ArticleCorpus(
        reuse=reuse_views(store, article), narratives=store.article_narratives(article.id),
        markers=_markers(markers, True), highlighted=mark_markers(view, markers),
        reuse_ran=sum(store.count_reuse().values()) > 0,
        narratives_ran=store.count_narratives() > 0)


@dataclass(frozen=True, slots=True)
class Row:
    """One bar or count row: label (shown through label_name), count, SVG width, link."""

    label: str
    count: int
    width: float
    href: str = ""


def rows(counts: dict[str, int], *, sort: bool = True, limit: int | None = None,
         link: Callable[[str], str] | None = None) -> list[Row]:
    """Bar rows (largest first unless `sort` is False), each linking to link(label)."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if sort else list(counts.items())
    items = items[:limit] if limit else items
    top = max((n for _, n in items), default=0) or 1
    return [Row(k, n, round(100.0 * n / top, 2), link(k) if link else "")
            for k, n in items]


def top(counts: dict[str, int], n: int = 3) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
