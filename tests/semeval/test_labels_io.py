"""Label normalisation and SemEval file parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.semeval.io import parse_article, read_articles, read_line_labels
from propscope.semeval.labels import FRAMES, TECHNIQUES, normalize_frame, normalize_technique


def test_vocabularies_have_official_sizes() -> None:
    assert len(TECHNIQUES) == 23 and len(set(TECHNIQUES)) == 23
    assert len(FRAMES) == 14


@pytest.mark.parametrize("raw", ["Appeal_to_Fear-Prejudi-čce", "appeal to fear prejudice", " Loaded_Language "])
def test_misspelled_labels_are_folded_onto_official_names(raw: str) -> None:
    assert normalize_technique(raw) in TECHNIQUES


def test_misspelling_maps_to_the_right_label() -> None:
    assert normalize_technique("Appeal_to_Fear-Prejudi-čce") == "Appeal_to_Fear-Prejudice"
    assert normalize_frame("Security_and_defence") == "Security_and_defense"


@pytest.mark.parametrize("raw", ["Propaganda", "Fear", ""])
def test_unknown_labels_raise(raw: str) -> None:
    with pytest.raises(ValueError):
        normalize_technique(raw)


def test_line_numbers_count_empty_lines_and_crlf() -> None:
    art = parse_article("7", "Title here\r\n\r\nFirst para.\r\n\r\n\r\nSecond para.\n")
    assert [(ln.number, ln.text) for ln in art.lines] == [(1, "Title here"), (3, "First para."), (6, "Second para.")]
    assert art.title == "Title here"
    for ln in art.lines:
        assert art.text[ln.start : ln.end] == ln.text


def test_read_articles_sorts_numerically_and_rejects_bad_dirs(tmp_path: Path) -> None:
    (tmp_path / "article10.txt").write_text("B\n\nx\n", encoding="utf-8")
    (tmp_path / "article9.txt").write_text("A\n\ny\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    assert [a.id for a in read_articles(tmp_path)] == ["9", "10"]
    with pytest.raises(ValueError, match="no article"):
        read_articles(tmp_path / "missing") if False else read_articles(_empty(tmp_path))
    with pytest.raises(ValueError, match="not a directory"):
        read_articles(tmp_path / "missing")


def _empty(base: Path) -> Path:
    d = base / "empty"
    d.mkdir()
    return d


def test_invalid_utf8_article_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "article1.txt").write_bytes(b"\xff\xfe bad")
    with pytest.raises(ValueError, match="UTF-8"):
        read_articles(tmp_path)


def test_line_label_file_parsing(tmp_path: Path) -> None:
    p = tmp_path / "labels.txt"
    p.write_text("1\t1\t\n1\t3\tDoubt,Loaded_Language\n", encoding="utf-8")
    assert read_line_labels(p) == {("1", 1): [], ("1", 3): ["Doubt", "Loaded_Language"]}
    p.write_text("1\tx\tDoubt\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ID<TAB>LINE"):
        read_line_labels(p)
