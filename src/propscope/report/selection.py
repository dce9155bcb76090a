"""Which stored articles a report covers, and the statistics of everything that matched.

One place talks to the store for reports, so the CLI and the tests share it. It uses the
corpus queries (Store.query_articles / corpus_stats, which filter on labels and full text);
a store without them still serves the metadata filters through list_articles, and says so
instead of silently ignoring a label filter.
"""

from __future__ import annotations

from dataclasses import asdict

from propscope.schema import Article
from propscope.store.query import ArticleFilter, CorpusStats, QueryError

PAGE = 200


def filter_dict(f: ArticleFilter) -> dict[str, str]:
    """The filters that are set, for the report header and the JSON summary."""
    return {k: str(v) for k, v in asdict(f).items() if v not in (None, "")}


def _ids_from_queries(store, f: ArticleFilter, limit: int) -> list[str]:
    order = "relevance" if f.q else "ingested"
    ids: list[str] = []
    while len(ids) < limit:
        page = store.query_articles(f, limit=min(PAGE, limit - len(ids)), offset=len(ids), order=order)
        ids.extend(item.summary.id for item in page.items)
        if not page.items or len(ids) >= page.total:
            break
    return ids


def _ids_from_listing(store, f: ArticleFilter, limit: int) -> list[str]:
    if f.technique or f.frame or f.genre or f.q:
        raise QueryError("this store cannot filter by technique, frame, genre or text yet")
    try:
        return [s.id for s in store.list_articles(source=f.source, language=f.language, since=f.since,
                                                  until=f.until, limit=limit)]
    except ValueError as exc:
        raise QueryError(str(exc)) from None


def select_ids(store, f: ArticleFilter, limit: int) -> list[str]:
    """Ids of at most `limit` matching articles (QueryError for a filter the user must fix)."""
    if hasattr(store, "query_articles"):
        try:
            return _ids_from_queries(store, f, limit)
        except NotImplementedError:
            pass
    return _ids_from_listing(store, f, limit)


def matching_stats(store, f: ArticleFilter) -> CorpusStats | None:
    """Statistics of every matching article, or None when the store cannot compute them."""
    if not hasattr(store, "corpus_stats"):
        return None
    try:
        return store.corpus_stats(f)
    except NotImplementedError:
        return None


def load_articles(store, ids: list[str]) -> list[Article]:
    """Full articles with their analyses, in the order of `ids`."""
    return [a for a in (store.get_article(i) for i in ids) if a is not None]
