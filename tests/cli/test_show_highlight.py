"""`propscope show` marks techniques through highlight(): labels, scores, hostile text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.cli.show_cmd import _body
from propscope.report.highlight import highlight
from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.analysis import TITLE, Analysis, Span, UnitTechniques
from propscope.store import open_store

runner = CliRunner()


def evil_article() -> Article:
    first = "Zero\u200bwidth \u202eflipped\u202c traitors wrecked the harbour."
    text, paras = paragraphs_from_blocks([first, "Calm second paragraph."])
    at = first.index("traitors")
    return Article(text=text, paragraphs=paras, title="Harbour news", analysis=Analysis(
        techniques=[UnitTechniques(TITLE, ["Slogans"], {"Slogans": 0.71}),
                    UnitTechniques(0, ["Name_Calling-Labeling", "Bad\x1b[31mLabel"],
                                   {"Name_Calling-Labeling": 0.83, "Bad\x1b[31mLabel": 0.4})],
        spans=[Span("Name_Calling-Labeling", at, at + 8, 0, 0.83)], techniques_model="t@test"))


def test_segments_keep_styles_on_the_right_words_after_unsafe_characters_are_dropped() -> None:
    body = _body(highlight(evil_article()).paragraphs[0])
    assert body.plain == "Zerowidth flipped traitors wrecked the harbour."
    styled = [body.plain[s.start:s.end] for s in body.spans if s.style]
    assert styled == ["traitors"]  # offsets shifted correctly around the removed characters


def test_show_prints_title_and_paragraph_labels_without_escapes(tmp_path: Path) -> None:
    art = evil_article()
    db = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(db) as store:
        store.save_batch([(art, hashlib.sha256(b"x").hexdigest())])
        store.save_analyses([art])
    res = runner.invoke(app, ["show", art.id, "--db", db])
    assert res.exit_code == 0, res.output
    assert "techniques marked" in res.output
    assert "Slogans 0.71" in res.output and "Name_Calling-Labeling 0.83" in res.output
    assert "\x1b[31m" not in res.output and "\u202e" not in res.output
    assert "Zerowidth flipped traitors wrecked the harbour." in res.output
