"""Cross-document records (schema/corpus.py, api/corpus_data.py) -> API response models."""

from __future__ import annotations

from dataclasses import asdict

from propscope.api.corpus_data import Brief, LinkPair, LinkSide, article_links
from propscope.api.schemas import ArticleOut
from propscope.api.schemas_corpus import (
    ArticleReuseOut,
    LinkedArticle,
    MarkerOut,
    MemberOut,
    NarrativeRef,
    NarrativeSummaryOut,
    PassageOut,
    ReuseLinkOut,
    SourceProfileOut,
)
from propscope.schema.corpus import Marker, ReuseLink, SourceProfile
from propscope.store import Store
from propscope.store.corpus import NarrativeSummary


def marker_out(m: Marker) -> MarkerOut:
    return MarkerOut(article_id=m.article_id, kind=m.kind, start=m.start, end=m.end,
                     text=m.text, names=list(m.names), where=m.where)


def linked(b: Brief) -> LinkedArticle:
    return LinkedArticle(id=b.id, title=b.title, source=b.source, language=b.language,
                         published=b.published, stored=b.stored)


def _body(x: ReuseLink) -> dict[str, object]:
    return {"kind": x.kind, "score": x.score, "coverage_earlier": x.coverage_earlier,
            "coverage_later": x.coverage_later,
            "passages": [PassageOut(**asdict(p)) for p in x.passages],
            "added": list(x.added), "dropped": list(x.dropped), "order_by": x.order_by,
            "markers": [marker_out(m) for m in x.markers]}


def side_out(s: LinkSide) -> ArticleReuseOut:
    return ArticleReuseOut(direction=s.direction, other=linked(s.other), earlier=s.link.earlier,
                           later=s.link.later, **_body(s.link))  # type: ignore[arg-type]


def pair_out(p: LinkPair) -> ReuseLinkOut:
    return ReuseLinkOut(earlier=linked(p.earlier), later=linked(p.later),
                        **_body(p.link))  # type: ignore[arg-type]


def narrative_ref(s: NarrativeSummary) -> NarrativeRef:
    return NarrativeRef(id=s.narrative.id, label=s.narrative.label, size=s.size)


def narrative_fields(s: NarrativeSummary) -> dict[str, object]:
    n = s.narrative
    return {"id": n.id, "label": n.label, "key_terms": list(n.key_terms),
            "representative": n.representative, "size": s.size, "sources": dict(n.sources),
            "languages": dict(n.languages), "timeline": dict(sorted(n.timeline.items())),
            "techniques": dict(n.techniques), "frames": dict(n.frames), "first": n.first,
            "last": n.last, "updated_at": s.updated_at}


def narrative_summary(s: NarrativeSummary) -> NarrativeSummaryOut:
    return NarrativeSummaryOut(**narrative_fields(s))  # type: ignore[arg-type]


def member_out(b: Brief, score: float) -> MemberOut:
    return MemberOut(**linked(b).model_dump(), score=score)


def profile_out(p: SourceProfile) -> SourceProfileOut:
    return SourceProfileOut(**asdict(p))


def with_corpus(out: ArticleOut, store: Store) -> ArticleOut:
    """Fill a stored article's reuse links, narratives and markers."""
    out.reuse = [side_out(s) for s in article_links(store, out.id)]
    out.narratives = [narrative_ref(s) for s in store.article_narratives(out.id)]
    out.markers = [marker_out(m) for m in store.markers(out.id)]
    return out
