"""Domain records (Article, ArticleItem, CorpusStats) -> API response models.

One place decides what of an article goes over the wire: never `raw` nor `source_text`
(removed blocks carry their own text), so a new Article field cannot leak by accident.
"""

from __future__ import annotations

from dataclasses import asdict

from propscope.api.convert_voices import fill_voices
from propscope.api.schemas import (
    ArticleListItem,
    ArticleOut,
    ClassificationOut,
    CorpusStatsOut,
    MetadataOut,
    ParagraphOut,
    RemovedOut,
    SnippetPart,
    SpanOut,
    UnitOut,
)
from propscope.schema import Article
from propscope.schema.analysis import Classification
from propscope.store.query import ArticleItem, CorpusStats


def list_item(item: ArticleItem) -> ArticleListItem:
    s = item.summary
    return ArticleListItem(
        id=s.id, title=s.title, source=s.source, language=s.language, published=s.published,
        n_paragraphs=s.n_paragraphs, n_chars=s.n_chars, ingested_at=s.ingested_at,
        genre=item.genre, frames=list(item.frames), techniques=list(item.techniques),
        snippet=[SnippetPart(text=t, hit=h) for t, h in item.snippet],
    )


def _classification(c: Classification | None) -> ClassificationOut | None:
    if c is None:
        return None
    return ClassificationOut(labels=list(c.labels), probabilities=dict(c.probabilities),
                             low_confidence=c.low_confidence, model=c.model)


def article_out(article: Article, *, stored: bool) -> ArticleOut:
    a, text = article.analysis, article.text
    return fill_voices(ArticleOut(
        id=article.id,
        stored=stored,
        title=article.title,
        text=text,
        paragraphs=[ParagraphOut(index=i, start=p.start, end=p.end, text=text[p.start:p.end])
                    for i, p in enumerate(article.paragraphs)],
        analysed=a is not None,
        techniques=[UnitOut(**asdict(u)) for u in a.techniques] if a else [],
        techniques_low_confidence=a.techniques_low_confidence if a else False,
        techniques_model=a.techniques_model if a else "",
        spans=[SpanOut(technique=s.technique, start=s.start, end=s.end, paragraph=s.paragraph,
                       score=s.score, text=text[s.start:s.end]) for s in a.spans] if a else [],
        genre=_classification(a.genre) if a else None,
        frames=_classification(a.frames) if a else None,
        removed=[RemovedOut(start=r.start, end=r.end, reason=r.reason, text=r.text)
                 for r in article.removed],
        metadata=MetadataOut(
            url=article.url, source=article.source, authors=list(article.authors),
            published=article.published, language=article.language,
            language_confidence=article.language_confidence, origin=article.origin,
            extractor=article.extractor, media_type=article.media_type,
        ),
    ), article)


def stats_out(s: CorpusStats) -> CorpusStatsOut:
    return CorpusStatsOut(
        articles=s.articles, analysed=s.analysed, by_source=s.by_source,
        by_language=s.by_language, by_genre=s.by_genre, by_frame=s.by_frame,
        by_technique=s.by_technique, timeline=s.timeline,
    )
