"""Voices in reports: the HTML "Who is quoted" section and per-article quotes (hostile
names inert), JSON `voices` and span voices, the CSV voice column, bad offsets skipped."""

from __future__ import annotations

import csv
import io
import json

from propscope.report.html import render_report
from propscope.report.tables import write_json, write_spans_csv
from propscope.report.voices import who_is_quoted
from propscope.schema.voices import Quote
from tests.voices_data import voices_article

HOSTILE = "<img src=x onerror=alert(71)>"


def _articles() -> list:
    arts = [voices_article(1)[0], voices_article(2)[0],
            voices_article(3, speaker=f"Eve {HOSTILE}", key="per:eve",
                           said=f"{HOSTILE} will win, friends")[0]]
    arts[1].analysis.voices.quotes.append(Quote(10**6, 10**6 + 3, 0, "direct", entity="per:x"))
    return arts


def test_who_is_quoted_counts_quotes_articles_and_techniques() -> None:
    rows = who_is_quoted(_articles())
    assert [(r.name, r.quotes, r.articles, r.techniques) for r in rows] == [
        ("Jane Holt", 2, 2, 2), (f"Eve {HOSTILE}", 1, 1, 1)]  # the out-of-range quote skipped


def test_html_report_has_who_is_quoted_and_article_quotes_escaped() -> None:
    html = render_report(_articles())
    assert '<section class="who" id="who-is-quoted">' in html
    assert "<h2>Who is quoted</h2>" in html and "<bdi>Jane Holt</bdi>" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(71)&gt;" in html
    assert html.count("<h3>Quotes</h3>") == 3
    assert "1 in the outlet's own words, 1 inside quotes" in html
    assert "<q dir=\"auto\">The treaty is a shameful betrayal of our farmers</q>" in html


def test_report_without_voices_has_no_section() -> None:
    art = voices_article(1)[0]
    art.analysis.voices = None
    html = render_report([art])
    assert "who-is-quoted" not in html and "<h3>Quotes</h3>" not in html


def test_json_and_csv_carry_voices() -> None:
    out = io.StringIO()
    write_json(_articles(), out)
    first = json.loads(out.getvalue())["articles"][0]
    assert [(s["technique"], s["voice"]) for s in first["spans"]] == [
        ("Loaded_Language", "per:jane-holt"), ("Name_Calling,Labeling", "outlet")]
    v = first["voices"]
    assert v["model"] == "voices@test" and v["quotes"][0]["speaker_name"] == "Jane Holt"
    assert v["quotes"][0]["text"] == "The treaty is a shameful betrayal of our farmers"
    assert {s["entity"]: s["label"] for s in v["stances"]}["per:jane-holt"] == "critical"
    out = io.StringIO()
    write_spans_csv(_articles()[:1], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["voice"] for r in rows] == ["per:jane-holt", "outlet"]
