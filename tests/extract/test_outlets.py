"""Outlet detection: domains, declared site names, self-signatures, and no false positives."""

from __future__ import annotations

import re

import pytest

from propscope.extract.outlets import (
    KNOWN_OUTLETS,
    canonical_name,
    detect_outlet,
    outlet_from_url,
    outlet_names,
)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://sputniknews.com/20170310/coalition-123.html", "Sputnik International"),
        ("https://www.rt.com/news/1234-something/", "RT"),
        ("https://de.rt.com/international/1/", "RT"),
        ("https://tass.ru/politika/1", "TASS"),
        ("https://southfront.press/relations/", "SouthFront"),
        ("https://yournewswire.com/russia-coalition/", "NewsPunch"),
        ("https://www.reuters.com/world/", "Reuters"),
        ("https://www.bbc.co.uk/news/world-1", "BBC"),
        ("https://www.spiegel.de/politik/a-1", "Der Spiegel"),
        ("https://meduza.io/feature/1", "Meduza"),
        ("https://ria.ru/20240101/x.html", "RIA Novosti"),
        ("https://www.aljazeera.com/news/1", "Al Jazeera"),
        ("sputniknews.com/path", "Sputnik International"),
    ],
)
def test_url_domains(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet
    assert detect_outlet("", url) == outlet


def test_lookalike_domains_do_not_match() -> None:
    assert outlet_from_url("https://notrt.com/x") is None
    assert outlet_from_url("https://rt.com.evil.example/x") is None
    assert outlet_from_url("not a url at all") is None
    assert outlet_from_url(None) is None


def test_site_name_aliases_are_canonicalised() -> None:
    assert detect_outlet("", None, "Your News Wire") == "NewsPunch"
    assert detect_outlet("", None, "ТАСС") == "TASS"
    assert detect_outlet("", None, "Some Local Paper") == "Some Local Paper"
    assert canonical_name("unknown outlet") is None


def test_url_beats_site_name_and_text() -> None:
    text = "Caption - Sputnik International\nSupport SouthFront"
    assert detect_outlet(text, "https://www.rt.com/a", "BBC News") == "RT"
    assert detect_outlet(text, None, "BBC News") == "BBC"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("A convoy near the border - Sputnik International\nBody text.", "Sputnik International"),
        ("- Sputnik International\nGet the latest news.", "Sputnik International"),
        ("Body text.\n\nSupport SouthFront\n", "SouthFront"),
        ("MOSCOW (Reuters) - The central bank raised rates on Friday.", "Reuters"),
        ("МОСКВА, 5 июня. /ТАСС/. Президент провёл совещание.", "TASS"),
        ("МОСКВА, 5 июня — РИА Новости. Президент провёл совещание.", "RIA Novosti"),
    ],
)
def test_self_signatures(text: str, outlet: str) -> None:
    assert detect_outlet(text) == outlet


@pytest.mark.parametrize(
    "text",
    [
        "RT reports:\n\nThe coalition met on Friday.",
        "On Thursday, Reuters reported that the meeting would take place.",
        "Workers on a bridge. Jane Roe / Reuters",
        "According to TASS, the talks were constructive.",
        "РИА Новости сообщает, что переговоры прошли успешно.",
        "Der SPIEGEL berichtete zuerst darüber.",
        "",
    ],
)
def test_mentions_are_not_signatures(text: str) -> None:
    assert detect_outlet(text) is None


def test_generic_rules_for_unknown_outlets() -> None:
    assert detect_outlet("- Baltic Herald\nThe news you need.") == "Baltic Herald"
    captions = "\n".join(f"Picture number {i} of the event - Baltic Herald" for i in range(3))
    assert detect_outlet("Body.\n" + captions) == "Baltic Herald"
    assert detect_outlet("Body.\nOne caption here - Baltic Herald") is None


def test_table_is_well_formed() -> None:
    names = [o.name for o in KNOWN_OUTLETS]
    assert len(names) == len(set(names))
    for outlet in KNOWN_OUTLETS:
        assert all(d == d.lower() and "/" not in d for d in outlet.domains)
        for sig in outlet.signatures:
            re.compile(sig, re.M)
    assert outlet_names()[0] == max(outlet_names(), key=len)


def test_register_outlet_feeds_detection_and_caption_rule() -> None:
    from propscope.extract import outlets
    from propscope.extract.plaintext import extract_plaintext

    outlet = outlets.Outlet(
        "Example Times", ("example-times.test",), ("ExTimes",), (r"^Support Example Times$",)
    )
    before = list(outlets._EXTRA)
    try:
        outlets.register_outlet(outlet)
        assert detect_outlet("", "https://www.example-times.test/a") == "Example Times"
        assert detect_outlet("Body.\nSupport Example Times\n") == "Example Times"
        para = "The council voted on Tuesday to close two bridges, officials said on Wednesday."
        text = f"Bridges Close for Summer\n\n{para}\n\nA bridge at dawn - ExTimes\n\n{para} Again."
        ex = extract_plaintext(text)
        assert {b.reason for b in ex.removed} == {"title", "caption"}
    finally:
        outlets._EXTRA[:] = before
        for cached in (
            outlets._compiled,
            outlets._by_alias,
            outlets.outlet_names,
            outlets.suffix_regex,
            outlets.only_regex,
        ):
            cached.cache_clear()
