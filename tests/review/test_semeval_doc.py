"""SemEval subtask 1 (genre) and 2 (frames) files: export the effective labels, import
them back as corrections, and the round trip gives identical effective genre and frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.review.exchange import export_corrections, import_corrections
from propscope.review.semeval_doc import FRAMES, GENRE
from propscope.semeval.io import read_doc_labels
from propscope.store import Store, open_store
from tests.review_data import corr, reviewed_article


def _fill(store: Store, *ns: int) -> list:
    items = [reviewed_article(n) for n in ns]
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    return [a for a, _ in items]


@pytest.fixture
def pair(store_url: str, tmp_path: Path):
    src = open_store(store_url)
    dst = open_store(f"sqlite:///{tmp_path / 'fresh.db'}")
    arts = _fill(src, 1, 2, 3)
    _fill(dst, 1, 2, 3)
    a1, a2, a3 = arts
    src.add_corrections([
        corr(a1, "genre", "relabel", "reporting", new_label="satire"),
        corr(a1, "frames", "add", "Morality", author="bo", minutes=1),
        corr(a1, "frames", "add", "Political", minutes=2),
        corr(a2, "frames", "reject", "Economic", minutes=3),
        corr(a2, "frames", "add", "Security_and_defense", minutes=4),
        corr(a3, "paragraph", "add", "Doubt", paragraph=0, minutes=5),  # genre/frames as the model said
    ])
    yield src, dst, arts
    src.close()
    dst.close()


def test_doc_labels_round_trip_exactly(pair, tmp_path: Path) -> None:
    src, dst, arts = pair
    out = tmp_path / "semeval"
    export_corrections(src, "semeval", out)
    genre, frames = read_doc_labels(out / GENRE), read_doc_labels(out / FRAMES)
    assert genre == {arts[0].id: ["satire"], arts[1].id: ["reporting"], arts[2].id: ["reporting"]}
    assert frames[arts[0].id] == ["Economic", "Morality", "Political"]
    assert frames[arts[1].id] == ["Security_and_defense"]
    assert frames[arts[2].id] == ["Economic"]
    report = import_corrections(dst, "semeval", out, author="merged")
    assert report.errors == []
    for a in arts:
        want, got = src.effective_labels(a.id), dst.effective_labels(a.id)
        assert (got.genre, got.frames) == (want.genre, want.frames)
        assert (got.spans, got.paragraphs) == (want.spans, want.paragraphs)
    doc = [c for c in dst.corrections() if c.target in ("genre", "frames")]
    assert {(c.article_id, c.target, c.action, c.technique) for c in doc if c.action != "accept"} == {
        (arts[0].id, "genre", "add", "satire"), (arts[0].id, "genre", "reject", "reporting"),
        (arts[0].id, "frames", "add", "Morality"), (arts[0].id, "frames", "add", "Political"),
        (arts[1].id, "frames", "add", "Security_and_defense"), (arts[1].id, "frames", "reject", "Economic")}
    assert {c.model for c in doc if c.target == "genre"} == {"genre@1"}  # the genre model was reviewed
    again = tmp_path / "again"
    export_corrections(dst, "semeval", again)
    for name in (GENRE, FRAMES):  # byte-identical second export
        assert (again / name).read_text() == (out / name).read_text()


def test_doc_files_alone_and_bad_rows(pair, tmp_path: Path) -> None:
    _src, dst, arts = pair
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / GENRE).write_text(f"{arts[0].id}\topinion\n{arts[1].id}\topinion,satire\n"
                                f"ffffffffffffffff\tsatire\n{arts[2].id}\tgossip\n{arts[0].id}\tsatire\n")
    report = import_corrections(dst, "semeval", folder, author="ana")
    msgs = " | ".join(m for _o, m in report.errors)
    assert len(report.errors) == 4, msgs
    assert "more than one genre" in msgs and "unknown article" in msgs and "listed twice" in msgs
    assert "gossip" in msgs
    assert dst.effective_labels(arts[0].id).genre == ["opinion"]
    assert dst.effective_labels(arts[1].id).genre == ["reporting"]  # its row was bad: untouched
    assert dst.effective_labels(arts[0].id).frames == ["Economic"]  # no subtask 2 file: untouched


def test_technique_filter_limits_doc_labels(pair, tmp_path: Path) -> None:
    src, dst, arts = pair
    out = tmp_path / "only"
    export_corrections(src, "semeval", out, technique="Morality")
    assert read_doc_labels(out / FRAMES)[arts[0].id] == ["Morality"]
    report = import_corrections(dst, "semeval", out, author="ana", technique="Morality")
    assert report.errors == []
    assert dst.effective_labels(arts[0].id).frames == ["Economic", "Morality"]  # Economic kept
