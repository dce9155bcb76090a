"""The extraction dispatcher: decoding, path choice, record fields, refusals."""

from __future__ import annotations

import pytest

from propscope.extract import MAX_DOCUMENT_BYTES, extract
from propscope.schema import DocumentError, RawDocument
from tests.helpers import news_text

PAGE = ("<!-- saved page --><html lang='de'><head><title>Rat beschließt Haushalt</title></head><body>"
        "<article><h1>Rat beschließt Haushalt</h1>"
        + "<p>Der Gemeinderat hat am Montag nach langer Debatte den Haushalt für Straßen und Schulen beschlossen.</p>" * 3
        + "</article></body></html>")


def test_plain_text_path_with_offsets_language_and_stable_id() -> None:
    a = extract(RawDocument(data=news_text(1).encode(), origin="a.txt"))
    assert a.title == news_text(1).splitlines()[0] and a.language == "en"
    assert a.extractor == "plaintext" and a.media_type == "text/plain"
    assert all(a.text[p.start:p.end].strip() for p in a.paragraphs)
    again = extract(RawDocument(data=news_text(1).replace("\n", "\r\n").encode(), origin="b.txt"))
    assert again.id == a.id


def test_html_served_as_text_plain_is_sniffed() -> None:
    a = extract(RawDocument(data=PAGE.encode(), origin="page", media_type="text/plain"))
    assert a.media_type == "text/html" and a.title == "Rat beschließt Haushalt"
    assert a.language == "de"


def test_record_fields_beat_what_extraction_guessed() -> None:
    fields = {"title": "Field title", "source": "Feed Outlet", "author": "Ann Lee and Bo Kim",
              "date": "March 14, 2024", "url": "https://feed.example/x"}
    a = extract(RawDocument(data=news_text(2).encode(), origin="f.jsonl#L1", fields=fields))
    assert (a.title, a.source, a.authors, a.published, a.url) == (
        "Field title", "Feed Outlet", ["Ann Lee", "Bo Kim"], "2024-03-14", "https://feed.example/x")


def test_nul_past_the_binary_sniff_window_is_dropped_before_offsets_exist() -> None:
    # A NUL early in a file means binary; one deep inside real text is dropped (PostgreSQL
    # cannot store it, and it is never text).
    body = "\n\n".join(news_text(i).split("\n\n", 1)[1] for i in range(3, 200))
    data = (news_text(3).split("\n\n")[0] + "\n\n" + body + "\n\nA closing line\x00 here.").encode()
    assert len(data) > 70_000
    a = extract(RawDocument(data=data, origin="n.txt"))
    assert "\x00" not in a.text and "\x00" not in a.source_text
    assert "A closing line here." in a.text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"x" * (MAX_DOCUMENT_BYTES + 1), "too-large"),
        (b"Breaking\n\nnews", "no-text"),
        (b"<html><body><div>only</div></body></html>", "no-text"),
    ],
)
def test_refusals_name_their_kind_and_origin(data: bytes, kind: str) -> None:
    with pytest.raises(DocumentError) as err:
        extract(RawDocument(data=data, origin="bad.txt"))
    assert err.value.kind == kind and err.value.origin == "bad.txt"
