"""decode_bytes on hostile and legacy-encoded input (all texts written for these tests)."""

from __future__ import annotations

import codecs
import random

import pytest

from propscope.extract.decode import decode_bytes
from propscope.schema.errors import DocumentError

RUSSIAN = (
    "Городской совет в понедельник обсудил новый план ремонта мостов. "
    "Депутаты спорили почти четыре часа, но решение отложили до следующей недели."
)
GERMAN = (
    "Der Stadtrat hat am Montag über die Erneuerung der Brücken beraten. "
    "Die Abgeordneten äußerten Zweifel an den Kosten; eine Entscheidung fällt später."
)
FRENCH = (
    "Le conseil municipal a examiné lundi le projet de rénovation des ponts. "
    "Les élus ont débattu près de quatre heures, "
    "mais la décision a été reportée à la semaine prochaine."
)
UKRAINIAN = "Міська рада в понеділок обговорила новий план ремонту мостів і відклала рішення."
POLISH = (
    "Rada miasta w poniedziałek omówiła plan remontu mostów; decyzję odłożono na przyszły tydzień."
)


def kind_of(data: bytes, **kwargs: str) -> str:
    with pytest.raises(DocumentError) as info:
        decode_bytes(data, **kwargs)
    return info.value.kind


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (RUSSIAN, "cp1251"),
        (UKRAINIAN, "cp1251"),
        (GERMAN, "cp1252"),
        (GERMAN, "latin-1"),
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        (POLISH, "cp1250"),
    ],
)
def test_legacy_encodings_are_detected(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == text


def test_cp1252_punctuation_is_not_turned_into_c1_controls() -> None:
    text = "Il a dit \u201cnon\u201d \u2014 c\u2019est l\u2019été."
    assert decode_bytes(text.encode("cp1252"), declared="iso-8859-1") == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks(codec: str) -> None:
    data = RUSSIAN.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode_bytes(data) == RUSSIAN


def test_declared_charset_is_used() -> None:
    assert decode_bytes(RUSSIAN.encode("koi8-r"), declared="KOI8-R") == RUSSIAN
    assert decode_bytes(GERMAN.encode("utf-16-le"), declared="utf-16le") == GERMAN


def test_wrong_single_byte_label_loses_to_valid_utf8() -> None:
    assert decode_bytes(GERMAN.encode("utf-8"), declared="iso-8859-1") == GERMAN


def test_wrong_utf8_label_falls_back_to_detection() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), declared="utf-8") == RUSSIAN


def test_unknown_label_is_ignored() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), declared="x-no-such-charset") == FRENCH


def test_meta_charset_is_sniffed_in_html() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert decode_bytes(html.encode("cp1251")) == html
    legacy = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        f"</head><body>{RUSSIAN}</body></html>"
    )
    assert decode_bytes(legacy.encode("koi8-r")) == legacy


def test_mostly_utf8_with_corrupt_bytes_keeps_utf8() -> None:
    data = RUSSIAN.encode("utf-8") + b" \xff\xfe " + RUSSIAN.encode("utf-8")
    text = decode_bytes(data)
    assert text.startswith(RUSSIAN)
    assert "\ufffd" in text


def test_lying_bom_is_bad_encoding() -> None:
    assert kind_of(codecs.BOM_UTF8 + b"abc \xff\xfe\xfd def") == "bad-encoding"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"text with a NUL \x00 in the middle",
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    assert kind_of(data) == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"  \n"])
def test_empty_is_refused(data: bytes) -> None:
    assert kind_of(data, origin="x.txt") == "empty"


def test_error_carries_origin() -> None:
    with pytest.raises(DocumentError) as info:
        decode_bytes(b"", origin="corpus/a.txt")
    assert info.value.origin == "corpus/a.txt"


def test_newlines_normalised_and_nothing_else_changed() -> None:
    raw = "Title\r\n\r\nFirst\u00a0para\twith  spaces.\rSecond line\n  indented\n"
    assert decode_bytes(raw.encode("utf-8")) == (
        "Title\n\nFirst\u00a0para\twith  spaces.\nSecond line\n  indented\n"
    )


def test_plain_ascii() -> None:
    assert decode_bytes(b"Just ASCII text.") == "Just ASCII text."


def test_random_bytes_only_ever_raise_document_error() -> None:
    rng = random.Random(20261122)
    for _ in range(300):
        size = rng.randrange(1, 600)
        if rng.random() < 0.5:
            data = bytes(rng.randrange(256) for _ in range(size))
        else:  # text with random corruption
            raw = bytearray(
                rng.choice([RUSSIAN, GERMAN, FRENCH]).encode(
                    rng.choice(["utf-8", "cp1251", "cp1252"]), errors="replace"
                )
            )
            for _ in range(rng.randrange(5)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            data = bytes(raw)
        try:
            text = decode_bytes(data, declared=rng.choice([None, "utf-8", "latin-1", "bogus"]))
        except DocumentError as exc:
            assert exc.kind in {"binary", "bad-encoding", "empty"}
        else:
            assert isinstance(text, str) and "\r" not in text
