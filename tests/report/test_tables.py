"""JSON and CSV reports: shape, validated spans, formula injection defused."""

from __future__ import annotations

import csv
import io
import json

from propscope.report.tables import (
    ARTICLE_COLUMNS,
    SPAN_COLUMNS,
    csv_safe,
    write_articles_csv,
    write_json,
    write_spans_csv,
)
from propscope.schema.analysis import Span
from tests.report.factory import analysed_article


def test_json_has_summary_and_articles_with_spans() -> None:
    arts = [analysed_article(0), analysed_article(1, published="2023-11-30")]
    arts[1].analysis.spans.append(Span("Doubt", 10**6, 10**6 + 5, 0, 0.9))  # out of range: dropped
    buf = io.StringIO()
    assert write_json(arts, buf, filters={"language": "en", "q": ""}) == 2
    data = json.loads(buf.getvalue())
    summary = data["summary"]
    assert summary["articles"] == 2 and summary["shown"] == 2 and summary["filters"] == {"language": "en"}
    assert summary["timeline"] == {"2023-11": 1, "2024-03": 1}
    assert summary["by_technique"]["Loaded_Language"] == 2
    first = data["articles"][0]
    assert set(first) == {"id", "title", "source", "language", "published", "url", "genre", "frames",
                          "techniques", "spans", "voices"}
    assert first["genre"]["labels"] == ["opinion"] and first["genre"]["probabilities"]["opinion"] == 0.8
    assert [u["paragraph"] for u in first["techniques"]] == [-1, 0, 2]
    assert first["techniques"][0] == {"paragraph": -1, "labels": ["Loaded_Language"],
                                      "probabilities": {"Loaded_Language": 0.81}}
    assert len(data["articles"][1]["spans"]) == 5
    for art, rec in zip(arts, data["articles"]):
        for span in rec["spans"]:
            assert art.text[span["start"]:span["end"]] == span["text"]
            assert set(span) == {"technique", "paragraph", "start", "end", "text", "score", "voice"}


def test_spans_csv_one_row_per_span() -> None:
    buf = io.StringIO()
    write_spans_csv([analysed_article(0), analysed_article(1)], buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0] == SPAN_COLUMNS and len(rows) == 1 + 10
    first = dict(zip(SPAN_COLUMNS, rows[1]))
    assert first["technique"] == "Loaded_Language" and first["text"] == "shameless" and first["score"] == "0.9000"
    assert first["paragraph"] == "0" and int(first["end"]) - int(first["start"]) == 9


def test_articles_csv_one_row_per_article() -> None:
    buf = io.StringIO()
    write_articles_csv([analysed_article(4)], buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == ARTICLE_COLUMNS and len(rows) == 1
    row = rows[0]
    assert row["genre"] == "reporting" and row["genre_probability"] == "0.8000"
    assert row["frames"] == "External_regulation_and_reputation; Political"
    assert row["techniques"].split("; ")[0] == "Loaded_Language"  # in title and paragraph: most frequent
    assert row["n_spans"] == "5" and row["n_paragraphs"] == "5"


def test_csv_formula_injection_is_defused() -> None:
    art = analysed_article(0, source="@SUM(1+1)")
    art.title = '=HYPERLINK("http://evil.example","click")'
    art.url = "+cmd|' /C calc'!A0"
    art.analysis.spans[0].technique = "-2+3"
    for writer in (write_spans_csv, write_articles_csv):
        buf = io.StringIO()
        writer([art], buf)
        for row in list(csv.reader(io.StringIO(buf.getvalue())))[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
            assert row[1] == "'" + art.title
    assert csv_safe("\tx") == "'\tx" and csv_safe("\rx") == "'\rx" and csv_safe("plain") == "plain"
    assert csv_safe(None) == "" and csv_safe(-1) == "'-1"
