"""Store.corpus_stats is cached per filter; writes through the Store clear it, writes by
another process show after STATS_TTL."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.store import open_store
from propscope.store import store as store_module
from propscope.store.query import ArticleFilter
from tests.store.conftest import build_article


def test_cached_stats_follow_writes_through_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(url) as store:
        store.save_batch([build_article(1)])
        assert store.corpus_stats().articles == 1
        first = store.corpus_stats()
        first.by_source["mutated"] = 99  # callers get copies: the cache cannot be corrupted
        assert "mutated" not in store.corpus_stats().by_source
        store.save_batch([build_article(2)])
        assert store.corpus_stats().articles == 2
        assert store.delete_article(build_article(2)[0].id)
        assert store.corpus_stats().articles == 1
        assert store.corpus_stats(ArticleFilter(language="xx")).articles == 0


def test_other_process_writes_show_after_the_ttl(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(url) as reader, open_store(url) as writer:
        assert reader.corpus_stats().articles == 0
        writer.save_batch([build_article(1)])
        assert reader.corpus_stats().articles == 0  # served from the cache
        monkeypatch.setattr(store_module, "STATS_TTL", 0.0)
        assert reader.corpus_stats().articles == 1
