"""JSON, JSONL and CSV records, field mapping and isolation of bad records."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from propscope.extract.decode import decode_bytes
from propscope.ingest import FieldMap, Limits, iter_inputs
from propscope.schema.document import RawDocument
from propscope.schema.errors import DocumentError

BODY = "The ferry timetable changes on Monday; two evening crossings are cancelled."
RUSSIAN = "Паромное расписание меняется в понедельник, два вечерних рейса отменены."


def collect(path: Path, **kwargs: object) -> list[RawDocument | DocumentError]:
    return list(iter_inputs([str(path)], **kwargs))  # type: ignore[arg-type]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- FieldMap ---------------------------------------------------------------------------


def test_fieldmap_parse_overrides_only_named_fields() -> None:
    fm = FieldMap.parse("text=body, date=pubdate")
    assert fm.keys["text"] == ("body",)
    assert fm.keys["date"] == ("pubdate",)
    assert "headline" in fm.keys["title"]


@pytest.mark.parametrize("spec", ["text", "text=", "colour=red"])
def test_fieldmap_parse_rejects_bad_specs(spec: str) -> None:
    with pytest.raises(ValueError):
        FieldMap.parse(spec)


def test_fieldmap_aliases_and_case() -> None:
    record = {
        "Headline": "Ferry",
        "Content": BODY,
        "published_at": "2021-06-01",
        "authors": ["A. Writer", "B. Editor"],
        "outlet": "Coast News",
        "link": "https://news.example/ferry",
        "ignored": "x",
    }
    assert FieldMap().extract(record) == {
        "title": "Ferry",
        "text": BODY,
        "date": "2021-06-01",
        "author": "A. Writer; B. Editor",
        "source": "Coast News",
        "url": "https://news.example/ferry",
    }


def test_explicit_mapping_stops_default_alias() -> None:
    record = {"text": "teaser only", "body": BODY}
    assert FieldMap.parse("text=body").extract(record)["text"] == BODY


# --- JSONL ------------------------------------------------------------------------------


def test_jsonl_records_and_malformed_lines_isolated(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            json.dumps(
                {"title": "One", "text": BODY, "url": "https://n.example/1", "date": "2020-01-02"}
            ),
            "{not json",
            "",
            json.dumps({"html": f"<p>{BODY}</p>", "text": "ignored when html present"}),
            json.dumps({"title": "no body"}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"content": RUSSIAN, "site": "Паром"}, ensure_ascii=False),
        ],
    )
    items = collect(path)
    summary = [(i.origin.rsplit("#", 1)[1], getattr(i, "kind", "doc")) for i in items]
    assert summary == [
        ("L1", "doc"),
        ("L2", "bad-record"),
        ("L4", "doc"),
        ("L5", "bad-record"),
        ("L6", "bad-record"),
        ("L7", "doc"),
    ]
    first, html, russian = [i for i in items if isinstance(i, RawDocument)]
    assert first.data == BODY.encode() and first.media_type == "text/plain"
    assert first.url == "https://n.example/1"
    assert first.fields == {"title": "One", "url": "https://n.example/1", "date": "2020-01-02"}
    assert html.media_type == "text/html" and html.data == f"<p>{BODY}</p>".encode()
    assert decode_bytes(russian.data, declared=russian.encoding) == RUSSIAN
    assert russian.fields == {"source": "Паром"}


def test_jsonl_custom_field_map_and_ndjson(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.ndjson", [json.dumps({"story": BODY, "when": "2022-02-02"})])
    [doc] = collect(path, fields=FieldMap.parse("text=story,date=when"))
    assert isinstance(doc, RawDocument)
    assert doc.data == BODY.encode() and doc.fields == {"date": "2022-02-02"}


def test_jsonl_gz_and_bom(tmp_path: Path) -> None:
    raw = (
        "\ufeff" + json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY}) + "\n"
    ).encode()
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(raw))
    items = collect(path)
    assert [i.origin for i in items] == [f"{path}#L1", f"{path}#L2"]
    assert all(isinstance(i, RawDocument) for i in items)


def test_jsonl_overlong_line_is_skipped_and_next_line_read(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [json.dumps({"text": "x" * 5000}), json.dumps({"text": BODY})],
    )
    items = collect(path, limits=Limits(max_decompressed_bytes=1000))
    assert [getattr(i, "kind", "doc") for i in items] == ["too-large", "doc"]
    assert items[1].origin.endswith("#L2")


def test_jsonl_record_text_over_document_cap(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps({"text": "y" * 3000})])
    [err] = collect(path, limits=Limits(max_document_bytes=1000))
    assert isinstance(err, DocumentError) and err.kind == "too-large"


def test_jsonl_legacy_bytes_survive_for_decoding(tmp_path: Path) -> None:
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(b'{"text": "' + RUSSIAN.encode("cp1251") + b'"}\n')
    [doc] = collect(path)
    assert isinstance(doc, RawDocument)
    assert doc.data == RUSSIAN.encode("cp1251") and doc.encoding is None
    assert decode_bytes(doc.data) == RUSSIAN


# --- JSON -------------------------------------------------------------------------------


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "T", "body": BODY}))
    [doc] = collect(path)
    assert isinstance(doc, RawDocument) and doc.origin == str(path) and doc.fields == {"title": "T"}


def test_json_list_and_wrapper(tmp_path: Path) -> None:
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"text": BODY}, {"nothing": 1}, 7]))
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"meta": {"n": 1}, "articles": [{"text": BODY}]}))
    items = list(iter_inputs([str(listed), str(wrapped)]))
    assert [(i.origin.rsplit("/", 1)[1], getattr(i, "kind", "doc")) for i in items] == [
        ("list.json#item=1", "doc"),
        ("list.json#item=2", "bad-record"),
        ("list.json#item=3", "bad-record"),
        ("wrapped.json#item=1", "doc"),
    ]


def test_json_malformed(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"text": "unterminated')
    [err] = collect(path)
    assert isinstance(err, DocumentError) and err.kind == "unparsable"


# --- CSV --------------------------------------------------------------------------------


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_csv_rows_with_multiline_fields(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv",
        [
            ["title", "body", "pubdate", "outlet"],
            ["First", BODY + "\n\nSecond paragraph, with a comma.", "2021-03-04", "Coast News"],
            ["Empty", "", "", ""],
            [],
            ["Third", RUSSIAN, "", ""],
        ],
    )
    items = collect(path, fields=FieldMap.parse("date=pubdate"))
    assert [(i.origin.rsplit("#", 1)[1], getattr(i, "kind", "doc")) for i in items] == [
        ("row=1", "doc"),
        ("row=2", "bad-record"),
        ("row=3", "doc"),
    ]
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.data.decode() == BODY + "\n\nSecond paragraph, with a comma."
    assert first.fields == {"title": "First", "date": "2021-03-04", "source": "Coast News"}


def test_csv_huge_field_within_limit(tmp_path: Path) -> None:
    big = "word " * 60_000  # 300 KB: above csv's default 128 KB field limit
    path = write_csv(tmp_path / "big.csv", [["text"], [big]])
    [doc] = collect(path)
    assert isinstance(doc, RawDocument) and len(doc.data) == len(big)


def test_csv_overlong_line_is_isolated(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["text"], ["z" * 5000], [BODY]])
    items = collect(path, limits=Limits(max_decompressed_bytes=1000))
    assert [getattr(i, "kind", "doc") for i in items] == ["too-large", "doc"]
    assert items[1].origin.endswith("#row=2")


def test_csv_cp1251_bytes_reach_decoder_intact(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "ru.csv", [["title", "text"], ["Паром", RUSSIAN]], encoding="cp1251"
    )
    [doc] = collect(path)
    assert isinstance(doc, RawDocument)
    assert decode_bytes(doc.data, declared=doc.encoding) == RUSSIAN
    assert doc.fields == {"title": "Паром"}  # metadata is decoded text, never escaped bytes


def test_csv_without_header_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    [err] = collect(path)
    assert isinstance(err, DocumentError) and err.kind == "empty"


def test_csv_gz(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    path.write_bytes(gzip.compress(f"text\n{BODY}\n".encode()))
    [doc] = collect(path)
    assert isinstance(doc, RawDocument) and doc.origin == f"{path}#row=1"
