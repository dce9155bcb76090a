"""Which stored articles a report covers, and the statistics of everything that matched.

One place talks to the store for reports, so the CLI and the tests share it. Selection and
statistics both come from the corpus queries (Store.query_articles / corpus_stats), so the
report filters exactly like the API and the dashboard, labels and full text included.
"""

from __future__ import annotations

from dataclasses import asdict

from propscope.schema import Article
from propscope.store.query import ArticleFilter, CorpusStats

PAGE = 200  # ids per query_articles call (within the store's page limit)


def filter_dict(f: ArticleFilter) -> dict[str, str]:
    """The filters that are set, for the report header and the JSON summary."""
    return {k: str(v) for k, v in asdict(f).items() if v not in (None, "")}


def select_ids(store, f: ArticleFilter, limit: int) -> list[str]:
    """Ids of at most `limit` matching articles, best search hits first when searching.

    Raises store.query.QueryError for a filter the user must fix.
    """
    order = "relevance" if (f.q or "").strip() else "ingested"
    ids: list[str] = []
    while len(ids) < limit:
        page = store.query_articles(f, limit=min(PAGE, limit - len(ids)), offset=len(ids), order=order)
        ids.extend(item.summary.id for item in page.items)
        if not page.items or len(ids) >= page.total:
            break
    return ids


def matching_stats(store, f: ArticleFilter) -> CorpusStats:
    """Statistics of every matching article (not only the `limit` shown)."""
    return store.corpus_stats(f)


def load_articles(store, ids: list[str]) -> list[Article]:
    """Full articles with their analyses, in the order of `ids`."""
    return [a for a in (store.get_article(i) for i in ids) if a is not None]
