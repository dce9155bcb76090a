"""The ingest pipeline against a real store: isolation, idempotence, parallel == serial."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from propscope.ingest import iter_inputs
from propscope.pipeline import ingest, process_one
from propscope.schema import DocumentError, RawDocument
from propscope.store import open_store
from tests.helpers import news_text, write_corpus


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def test_ingest_stores_every_article_and_reingest_is_a_noop(tmp_path: Path, store) -> None:
    write_corpus(tmp_path / "c", 12)
    first = ingest(iter_inputs([str(tmp_path / "c")]), store, workers=2, batch_size=5)
    assert (first.read, first.stored, first.errors) == (12, 12, 0)
    again = ingest(iter_inputs([str(tmp_path / "c")]), store, workers=1)
    assert again.stored == 0 and again.skipped == 12
    assert store.count_articles() == 12


def test_same_text_under_another_name_is_a_duplicate_not_a_new_article(tmp_path: Path, store) -> None:
    tmp_path = tmp_path / "batch"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text(news_text(1), encoding="utf-8")
    (tmp_path / "copy.txt").write_text(news_text(1).replace("\n", "\r\n"), encoding="utf-8")
    report = ingest(iter_inputs([str(tmp_path)]), store, workers=1)
    assert report.stored == 1 and report.duplicates == 1
    assert store.count_articles() == 1


def test_bad_documents_are_recorded_and_never_roll_back_good_ones(tmp_path: Path, store) -> None:
    tmp_path = tmp_path / "batch"
    write_corpus(tmp_path, 3)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (tmp_path / "broken.jsonl").write_text(json.dumps({"text": news_text(50)}) + "\n{not json\n",
                                           encoding="utf-8")
    report = ingest(iter_inputs([str(tmp_path)]), store, workers=2, batch_size=100)
    assert report.stored == 4
    assert report.errors == 3
    kinds = {e.kind for e in store.list_errors(limit=10, offset=0)}
    assert {"empty", "binary", "bad-record"} <= kinds
    assert store.count_articles() == 4


def test_process_one_turns_any_failure_into_a_document_error() -> None:
    article, error, sha = process_one(RawDocument(data=b"\x00\x01\x02" * 100, origin="x.bin"))
    assert article is None and isinstance(error, DocumentError) and sha
    assert error.kind == "binary" and error.origin == "x.bin"


def test_parallel_and_serial_runs_store_identical_articles(tmp_path: Path) -> None:
    """Workers ship compact tuples, not Articles: every field must survive the trip."""
    write_corpus(tmp_path / "c", 8)
    (tmp_path / "c" / "page.html").write_text(
        "<html><head><title>Harbour reopens</title></head><body><nav>Home | News</nav><article>"
        + "".join(f"<p>{news_text(i)}</p>" for i in (30, 31)) + "</article></body></html>",
        encoding="utf-8")
    stored = []
    for workers in (1, 2):
        s = open_store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        ingest(iter_inputs([str(tmp_path / "c")]), s, workers=workers, batch_size=3)
        stored.append(sorted(((a.to_dict(include_raw=True), a.raw) for a in s.iter_articles()),
                             key=lambda x: x[0]["id"]))
        s.close()
    assert stored[0] == stored[1] and len(stored[0]) == 9
    assert any(d["removed"] for d, _ in stored[0]) and all(raw for _, raw in stored[0])


def test_a_document_that_kills_its_worker_costs_only_itself(tmp_path: Path, monkeypatch) -> None:
    import os

    import propscope.pipeline.worker as pipeline_worker

    real = pipeline_worker.extract

    def crashing(doc):  # a segfault in a parser looks like this to the pool
        if doc.origin.endswith("crash.txt"):
            os._exit(139)
        return real(doc)

    monkeypatch.setattr(pipeline_worker, "extract", crashing)  # inherited by forked workers
    write_corpus(tmp_path / "c", 40)
    (tmp_path / "c" / "crash.txt").write_text(news_text(99), encoding="utf-8")
    s = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    report = ingest(iter_inputs([str(tmp_path / "c")]), s, workers=2, batch_size=50)
    assert report.stored == 40 and report.errors == 1
    (err,) = s.list_errors(limit=5, offset=0)
    assert err.kind == "internal" and "crashed" in err.message and err.origin.endswith("crash.txt")
    s.close()
