"""Export / import of corrections: JSONL and Label Studio round-trip every field, SemEval
files round-trip the effective labels; hostile files are reported per record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from propscope.review.exchange import export_corrections, import_corrections
from propscope.review.limits import ImportFileError
from propscope.review.semeval_files import LABELS, SPANS
from propscope.schema.review import text_version
from propscope.semeval.io import read_article, read_line_labels, read_spans
from propscope.store import Store, open_store
from tests.review_data import corr, reviewed_article, span_at


def _fill(store: Store, *ns: int) -> list:
    items = [reviewed_article(n) for n in ns]
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    return [a for a, _ in items]


def _corrections(a1, a2) -> list:
    return [
        corr(a1, "span", "reject", "Loaded_Language", **span_at(a1, "reckless")),
        corr(a1, "span", "relabel", "False_Dilemma-No_Choice", new_label="Slogans", minutes=1,
             note="a slogan, \"really\"\n<b>", **span_at(a1, "Either we build the pier now or the town")),
        corr(a1, "span", "add", "Appeal_to_Values", author="bo", minutes=2,
             **span_at(a1, "our beautiful town")),
        corr(a1, "paragraph", "add", "Doubt", paragraph=-1, minutes=3),
        corr(a1, "paragraph", "reject", "Name_Calling-Labeling", paragraph=1, minutes=4),
        corr(a2, "genre", "relabel", "reporting", new_label="satire", minutes=5),
        corr(a2, "frames", "add", "Morality", author="bo", minutes=6),
        corr(a2, "paragraph", "accept", "False_Dilemma-No_Choice", paragraph=2, minutes=7),
    ]


@pytest.fixture
def pair(store_url: str, tmp_path: Path):
    src = open_store(store_url)
    dst = open_store(f"sqlite:///{tmp_path / 'fresh.db'}")
    arts = _fill(src, 1, 2)
    _fill(dst, 1, 2)
    src.add_corrections(_corrections(*arts))
    yield src, dst, arts
    src.close()
    dst.close()


@pytest.mark.parametrize("fmt", ["jsonl", "labelstudio"])
def test_round_trip_keeps_every_field(pair, tmp_path: Path, fmt: str) -> None:
    src, dst, _arts = pair
    out = tmp_path / f"export.{fmt}"
    assert export_corrections(src, fmt, out) == 8
    report = import_corrections(dst, fmt, out)
    assert (report.stored, report.duplicates, report.errors) == (8, 0, [])
    key = lambda c: c.id
    assert sorted(dst.corrections(), key=key) == sorted(src.corrections(), key=key)
    again = import_corrections(dst, fmt, out)  # idempotent
    assert (again.stored, again.duplicates) == (0, 8)


def test_labelstudio_shape(pair, tmp_path: Path) -> None:
    src, _dst, arts = pair
    out = tmp_path / "ls.json"
    export_corrections(src, "labelstudio", out, author="ana")
    tasks = json.loads(out.read_text())
    first = next(t for t in tasks if t["data"]["article_id"] == arts[0].id)
    assert first["data"]["text"] == arts[0].text
    assert [a["completed_by"] for a in first["annotations"]] == ["ana"]
    regions = [r for r in first["annotations"][0]["result"] if r["type"] == "labels"]
    relabel = next(r for r in regions if r["meta"]["propscope"]["action"] == "relabel")
    v = relabel["value"]
    assert v["labels"] == ["Slogans"] and arts[0].text[v["start"]:v["end"]] == v["text"]


def test_plain_labelstudio_regions_become_additions(pair, tmp_path: Path) -> None:
    _src, dst, arts = pair
    s = span_at(arts[0], "ruining our beautiful town")
    task = {"data": {"text": arts[0].text}, "annotations": [{"completed_by": 7, "result": [
        {"type": "labels", "value": {**s, "text": arts[0].text[s["start"]:s["end"]],
                                     "labels": ["Exaggeration-Minimisation"]}},
        {"type": "labels", "value": {**s, "text": "something else", "labels": ["Doubt"]}},
        {"type": "labels", "value": {"start": 0, "end": 10**6, "labels": ["Doubt"]}}]}]}
    path = tmp_path / "plain.json"
    path.write_text(json.dumps([task]))
    report = import_corrections(dst, "labelstudio", path, author="cy")
    assert report.stored == 1 and len(report.errors) == 2
    assert "value.text" in report.errors[0][1] and "outside the text" in report.errors[1][1]
    (c,) = dst.corrections()
    assert (c.author, c.action, c.technique, c.start) == ("cy", "add", "Exaggeration-Minimisation", s["start"])


def test_semeval_round_trip_gives_identical_effective_labels(pair, tmp_path: Path) -> None:
    src, dst, arts = pair
    out = tmp_path / "semeval"
    export_corrections(src, "semeval", out)
    art_file = read_article(out / "articles" / f"article{arts[0].id}.txt")
    mine = [r for r in read_spans(out / SPANS) if r[0] == arts[0].id]
    assert len(mine) == 3  # model: 3, Loaded_Language rejected, one added by bo
    shift = len(arts[0].title) + 2  # offsets index the article file, like SemEval's
    for _aid, tech, start, end in mine:
        assert (tech, start - shift, end - shift) in src.effective_labels(arts[0].id).spans
        assert art_file.text[start:end] == arts[0].text[start - shift:end - shift]
    lines = read_line_labels(out / LABELS)
    assert lines[(arts[0].id, 1)] == ["Doubt"]  # the title line
    report = import_corrections(dst, "semeval", out, author="merged")
    assert report.errors == [] and report.stored > 0
    for a in arts:
        want, got = src.effective_labels(a.id), dst.effective_labels(a.id)
        assert (got.spans, got.paragraphs) == (want.spans, want.paragraphs)
    assert {c.author for c in dst.corrections()} == {"merged"}


def test_semeval_bad_rows_reported(pair, tmp_path: Path) -> None:
    _src, dst, arts = pair
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / LABELS).write_text(f"{arts[0].id}\t3\tDoubt\nffffffffffffffff\t1\tDoubt\n"
                                 f"{arts[0].id}\tx\t\n{arts[0].id}\t3\tSarcasm\n")
    (folder / SPANS).write_text(f"{arts[0].id}\tDoubt\t0\t99999\n{arts[0].id}\tDoubt\t1\n")
    report = import_corrections(dst, "semeval", folder, author="ana")
    msgs = " | ".join(m for _o, m in report.errors)
    assert len(report.errors) == 5, msgs
    assert "unknown article" in msgs and "LINE must be a number" in msgs
    assert "unknown label 'Sarcasm'" in msgs and "not inside the text" in msgs
    assert dst.effective_labels(arts[0].id).paragraphs[0] == ["Doubt"]  # the good row applied
    with pytest.raises(ImportFileError, match="needs --author"):
        import_corrections(dst, "semeval", folder)


def test_jsonl_hostile_lines(pair, tmp_path: Path) -> None:
    _src, dst, arts = pair
    good = corr(arts[0], "frames", "add", "Political")
    from propscope.review.records import to_json
    bad_version = {**to_json(corr(arts[0], "frames", "add", "Morality")), "article_version": "0" * 16}
    lines = [json.dumps(to_json(good)), "{not json", "[" * 100_000, json.dumps({"x": 1}),
             json.dumps({**to_json(good), "id": "other", "start": "3"}),
             json.dumps({**to_json(good), "id": "ghost", "article_id": "f" * 16}),
             json.dumps(bad_version), json.dumps({**to_json(good), "id": "n2", "technique": "Lies"})]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = import_corrections(dst, "jsonl", path)
    assert report.stored == 1 and [o for o, _m in report.errors] == [f"line {n}" for n in range(2, 9)]
    msgs = [m for _o, m in report.errors]
    assert msgs[0].startswith("bad JSON") and "unknown field(s): x" in msgs[2]
    assert "start must be an integer" in msgs[3] and "unknown article" in msgs[4]
    assert "not the stored text" in msgs[5] and "unknown frame 'Lies'" in msgs[6]
    assert dst.corrections() == [good]


def test_file_level_errors(pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _src, dst, _arts = pair
    with pytest.raises(ImportFileError, match="no such file"):
        import_corrections(dst, "jsonl", tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(ImportFileError, match="not JSON"):
        import_corrections(dst, "labelstudio", bad)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr("propscope.review.limits.MAX_FILE_BYTES", 1024)
    with pytest.raises(ImportFileError, match="more than the 1024 allowed"):
        import_corrections(dst, "jsonl", big)
    with pytest.raises(ImportFileError, match="unknown format"):
        import_corrections(dst, "csv", big)


def test_export_filters_by_author_and_technique(pair, tmp_path: Path) -> None:
    src, _dst, arts = pair
    out = tmp_path / "f.jsonl"
    assert export_corrections(src, "jsonl", out, author="bo") == 2
    assert export_corrections(src, "jsonl", out, technique="Doubt") == 1
    assert json.loads(out.read_text())["article_version"] == text_version(arts[0].text)
