"""Ingesting with worker processes after the parent already used language id must not hang.

lingua builds detectors on a Rust thread pool that a forked child does not inherit; a child
that builds its first detector of another script group after fork used to block forever.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.extract import langid
from propscope.ingest import iter_inputs
from propscope.pipeline import ingest
from propscope.store import open_store

RU = ("Правительство объявило о новых мерах поддержки для фермеров на следующий год. "
      "Министр сказал журналистам, что программа начнётся весной и охватит все регионы страны.")


@pytest.mark.timeout(120)
def test_ingest_after_parent_used_langid(tmp_path: Path) -> None:
    langid._detector.cache_clear()
    assert langid.detect_language("The council approved the budget after a long debate on Monday.")[0] == "en"
    assert langid.loaded()
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"ru_{i}.txt").write_text(f"Новости номер {i}\n\n{RU} Статья {i}.\n", encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    report = ingest(iter_inputs([str(corpus)]), store, workers=2, batch_size=3)
    assert report.stored == 6
    assert {s.language for s in store.list_articles(limit=10)} == {"ru"}
    store.close()
