"""Every Store method, on SQLite and on a real PostgreSQL (the store_url fixture)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from datetime import UTC, date

import pytest
from propscope.schema import Article, DocumentError, Paragraph
from propscope.store import AmbiguousIdError, IdTooShortError, Store, open_store

ArticleFactory = Callable[..., tuple[Article, str]]


def test_save_and_get_roundtrip(store: Store, make_article: ArticleFactory) -> None:
    article, sha = make_article(1, raw=b"\x00\xffbinary raw\r\n")
    result = store.save_batch([(article, sha)], [])
    assert (result.stored, result.duplicates, result.errors) == (1, 0, 0)
    assert result.stored_ids == [article.id]
    assert store.get_article(article.id) == article


def test_get_by_prefix_and_missing(store: Store, make_article: ArticleFactory) -> None:
    article, sha = make_article(2)
    store.save_batch([(article, sha)], [])
    assert store.get_article(article.id[:6]) == article
    assert store.get_article(f"  {article.id[:8]} ") == article
    assert store.get_article("ffffffffff") is None or article.id.startswith("ffffffffff")
    with pytest.raises(IdTooShortError):
        store.get_article(article.id[:5])


def test_ambiguous_prefix_is_refused(store: Store, make_article: ArticleFactory) -> None:
    a, sa = make_article(3, id="abcdef0000000001")
    b, sb = make_article(4, id="abcdef0000000002")
    store.save_batch([(a, sa), (b, sb)], [])
    with pytest.raises(AmbiguousIdError, match="abcdef0000000001"):
        store.get_article("abcdef")
    assert store.get_article("abcdef0000000002") == b
    assert store.get_article("abcdef%%") is None  # LIKE wildcards are escaped
    assert store.get_article("abcde_0000") is None


def test_resave_is_idempotent_and_never_overwrites(
    store: Store, make_article: ArticleFactory
) -> None:
    items = [make_article(n) for n in range(5)]
    first = store.save_batch(items, [])
    assert first.stored == 5
    again = store.save_batch(items, [])
    assert (again.stored, again.duplicates) == (0, 5)
    assert sorted(again.duplicate_ids) == sorted(first.stored_ids)
    original, sha = items[0]
    changed = dataclasses.replace(original, title="Rewritten", origin="elsewhere")
    dup = store.save_batch([(changed, sha)], [])
    assert dup.duplicate_ids == [original.id]
    assert store.get_article(original.id) == original
    assert store.count_articles() == 5


def test_duplicate_within_one_batch(store: Store, make_article: ArticleFactory) -> None:
    article, sha = make_article(7)
    result = store.save_batch([(article, sha), (article, sha)], [])
    assert (result.stored, result.duplicates) == (1, 1)
    assert len(store.get_article(article.id).paragraphs) == 2  # type: ignore[union-attr]


def test_bad_row_is_isolated(store: Store, make_article: ArticleFactory) -> None:
    good = [make_article(n) for n in range(3)]
    bad, bad_sha = make_article(99, paragraphs=[Paragraph(5, 2)])  # violates a CHECK
    doc_error = DocumentError("empty", "nothing there", "empty.txt")
    result = store.save_batch([good[0], (bad, bad_sha), *good[1:]], [(doc_error, "e" * 64)])
    assert result.fell_back
    assert result.stored == 3 and result.errors == 2
    assert sorted(result.stored_ids) == sorted(a.id for a, _ in good)
    assert store.get_article(bad.id) is None
    errors = {e.origin: e for e in store.list_errors()}
    assert errors[bad.origin].kind == "internal"
    assert bad.id in errors[bad.origin].message
    assert errors[bad.origin].raw_sha256 == bad_sha
    assert errors["empty.txt"].kind == "empty"
    assert store.processed([(bad.origin, bad_sha)]) == {(bad.origin, bad_sha)}


def test_nul_in_text(store: Store, store_url: str, make_article: ArticleFactory) -> None:
    """PostgreSQL text cannot hold NUL: that row must become an error, not kill the batch."""
    ok = make_article(1)
    nul, nul_sha = make_article(2, text="bad\x00text")
    result = store.save_batch([ok, (nul, nul_sha)], [])
    assert ok[0].id in result.stored_ids
    if store_url.startswith("postgresql"):
        assert result.errors == 1 and store.get_article(nul.id) is None
    else:
        assert store.get_article(nul.id) == nul


def test_errors_listing_and_digestless_errors(store: Store) -> None:
    errors: list[tuple[DocumentError, str | None]] = [
        (DocumentError("fetch", f"HTTP 50{i}", f"https://x.test/{i}"), None) for i in range(3)
    ]
    errors.append((DocumentError("binary", "looks binary\x00", "blob.bin"), "b" * 64))
    result = store.save_batch([], errors)
    assert result.errors == 4 and not result.fell_back
    assert store.count_errors() == 4
    listed = store.list_errors(limit=2)
    assert [e.origin for e in listed] == ["blob.bin", "https://x.test/2"]
    assert listed[0].at.tzinfo is not None
    assert [e.origin for e in store.list_errors(limit=10, offset=3)] == ["https://x.test/0"]
    # errors without a digest are not resumable keys: a re-run retries them
    assert store.processed([("https://x.test/0", "")]) == set()
    assert store.processed([("blob.bin", "b" * 64)]) == {("blob.bin", "b" * 64)}


def test_processed_chunks_large_key_lists(store: Store, make_article: ArticleFactory) -> None:
    items = [make_article(n) for n in range(10)]
    store.save_batch(items, [])
    done = {(a.origin, sha) for a, sha in items}
    unknown = [(f"o{i}", hashlib.sha256(str(i).encode()).hexdigest()) for i in range(1500)]
    keys = unknown[:700] + sorted(done) + unknown[700:] + sorted(done)
    assert store.processed(keys) == done
    assert store.processed([]) == set()


def test_list_count_and_filters(store: Store, make_article: ArticleFactory) -> None:
    items = [make_article(n) for n in range(1, 13)]
    items.append(make_article(50, published="2021-06-05T23:59:00+00:00", source=None))
    store.save_batch(items, [])
    assert store.count_articles() == 13
    en = store.list_articles(language="en", limit=100)
    assert {s.language for s in en} == {"en"}
    assert len(en) == store.count_articles(language="en") == 9
    assert store.count_articles(source="Example News") == 6
    june5 = store.list_articles(since="2021-06-05", until=date(2021, 6, 5))
    assert {s.published for s in june5} == {"2021-06-05", "2021-06-05T23:59:00+00:00"}
    assert store.count_articles(since="2021-06-10") == 4  # days 10..13
    summary = next(s for s in store.list_articles(limit=100) if s.id == items[0][0].id)
    article = items[0][0]
    assert (summary.title, summary.source, summary.n_paragraphs) == (article.title,
                                                                     article.source, 2)
    assert summary.n_chars == len(article.text)
    assert summary.ingested_at.tzinfo == UTC


def test_list_pagination_is_stable(store: Store, make_article: ArticleFactory) -> None:
    store.save_batch([make_article(n) for n in range(7)], [])
    pages = [store.list_articles(limit=3, offset=o) for o in (0, 3, 6)]
    ids = [s.id for page in pages for s in page]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert len(set(ids)) == 7
    assert store.list_articles(limit=3, offset=7) == []


def test_iter_articles_streams_everything(store: Store, make_article: ArticleFactory) -> None:
    items = [make_article(n) for n in range(11)]
    store.save_batch(items[:6], [])
    store.save_batch(items[6:], [])
    streamed = list(store.iter_articles(batch_size=4))
    assert [a.id for a in streamed] == sorted(a.id for a, _ in items)
    assert {a.id: a for a in streamed} == {a.id: a for a, _ in items}


def test_stats(store: Store, make_article: ArticleFactory) -> None:
    assert store.stats() == {"articles": 0, "errors": 0, "by_language": {}, "by_source": {}}
    store.save_batch([make_article(n) for n in range(1, 7)] + [make_article(9, language=None)],
                     [(DocumentError("empty", "x", "e"), None)])
    stats = store.stats()
    assert stats["articles"] == 7 and stats["errors"] == 1
    assert stats["by_language"] == {"en": 4, "fr": 2, "unknown": 1}
    assert stats["by_source"] == {"Example News": 4, "Other Outlet": 3}


def test_empty_batch_and_context_manager(store_url: str) -> None:
    with open_store(store_url) as s:
        result = s.save_batch([], [])
        assert (result.stored, result.duplicates, result.errors) == (0, 0, 0)
        assert "store" in repr(s).lower()

