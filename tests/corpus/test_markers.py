"""Attribution markers and copy/MT artefacts in one article (en/ru/de/fr, hostile input)."""

from __future__ import annotations

import time

import pytest
from _reuse_texts import EN, make_doc

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.markers import copy_signals, find_markers, outlet_like
from propscope.schema import RemovedBlock


def _found(text: str) -> set[tuple[str, tuple[str, ...]]]:
    doc = CorpusDoc(id="x", text=text)
    markers = find_markers(doc)
    for m in markers:
        assert text[m.start : m.end] == m.text and m.where == "text"
    return {(m.kind, tuple(m.names)) for m in markers}


@pytest.mark.parametrize(("text", "expected"), [
    ("RT reports:\n\nThe ministry said ...", ("reports", ("RT",))),
    ("LONDON (Reuters) - The harbour will close.", ("wire", ("Reuters",))),
    ("Paris (AFP) — Le port fermera en mars.", ("wire", ("AFP",))),
    ("МОСКВА, 5 марта. /ТАСС/. Причал закроют.", ("wire", ("TASS",))),
    ("This article originally appeared on Global Times.", ("originally", ("Global Times",))),
    ("The story was originally published by harbourgazette.com today", ("originally", ("harbourgazette.com",))),
    ("Dieser Text erschien zuerst bei der Harbour Gazette.", ("originally", ("der Harbour Gazette",))),
    ("Cet article a été publié initialement sur Le Figaro.", ("originally", ("Le Figaro",))),
    ("Впервые опубликовано на РИА Новости", ("originally", ("RIA Novosti",))),
    ("The figures came via TASS on Monday.", ("via", ("TASS",))),
    ("Five were hurt, according to the official agency Tass.", ("according", ("TASS",))),
    ("Fünf Menschen wurden verletzt, laut Deutsche Welle.", ("according", ("Deutsche Welle",))),
    ("Cinq blessés, selon l'agence Anadolu.", ("according", ("Anadolu",))),
    ("Пятеро пострадали, как сообщает ТАСС.", ("according", ("TASS",))),
    ("Пятеро пострадали, по данным BBC.", ("according", ("BBC",))),
    ("Reuters reported that five were hurt.", ("according", ("Reuters",))),
    ("Source link", ("source-link", ())),
    ("Источник: RT", ("source-link", ("RT",))),
])
def test_attributions_name_the_outlet(text: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text", [
    "Five were hurt, according to Mayor Jonas Whitfield.",
    "Fünf wurden verletzt, laut Polizei.",
    "Cinq blessés, selon le maire.",
    "Пятеро пострадали, по данным полиции.",
    "Talks went via video link and through sanctions relief.",
    "Kirby reported to the committee on Monday.",
])
def test_people_and_institutions_are_not_outlets(text: str) -> None:
    assert _found(text) == set()


def test_outlet_like() -> None:
    assert outlet_like("the official agency Tass") == "TASS"
    assert outlet_like("Kelmsport Daily News") == "Kelmsport Daily News"
    assert outlet_like("CNN") == "CNN"
    assert outlet_like("Mark Toner") is None
    assert outlet_like("") is None


@pytest.mark.parametrize(("text", "kind", "evidence"), [
    ("The allies plan to remove the I know. UU From the port area.", "mt-artifact", "UU"),
    ("The US Navy UU will stay near the coast.", "mt-artifact", "UU"),
    ("Relations with EE.UU. remain tense.", "mt-artifact", "EE.UU."),
    ("RTS1L010 [19659008] Bombers attacked targets.", "markup-debris", "[19659008]"),
    ("the militants. </span> <span class= Russian Federation", "markup-debris", "</span>"),
    ("Prices rose&nbsp;sharply.", "markup-debris", "&nbsp;"),
    ("[caption id=\"attachment_5\" align=\"left\"] A pier", "markup-debris", "[caption id=\"attachment_5\" align=\"left\"]"),
    ("The {huge|massive|enormous} crowd gathered.", "spin", "{huge|massive|enormous}"),
])
def test_artefacts_with_evidence(text: str, kind: str, evidence: str) -> None:
    markers = find_markers(CorpusDoc(id="x", text=text))
    assert (kind, evidence) in {(m.kind, m.text) for m in markers}


def test_no_artefacts_in_clean_text() -> None:
    doc = make_doc("x", EN)
    assert find_markers(doc) == [] or all(m.kind == "according" for m in find_markers(doc))
    assert copy_signals(doc).verdict is None


def test_untranslated_fragment_in_the_other_script() -> None:
    text = " ".join(EN[:3]) + " Власти порта заявили журналистам сегодня утром. " + EN[3]
    marks = [m for m in find_markers(CorpusDoc(id="x", text=text)) if m.kind == "mt-artifact"]
    assert [m.text for m in marks] == ["Власти порта заявили журналистам сегодня утром"]


def test_markers_in_removed_blocks_index_the_source_text() -> None:
    source = "Title\n\nBody text here.\n\nSource link\n"
    start = source.index("Source link")
    doc = CorpusDoc(id="x", text="Body text here.", removed=[RemovedBlock(start, start + 11, "source-link", "Source link")])
    [m] = find_markers(doc)
    assert (m.kind, m.where, source[m.start : m.end]) == ("source-link", "source", "Source link")


def test_copy_signals_verdicts() -> None:
    spun = CorpusDoc(id="s", text="The US Army UU said.\n\n[19659008] Bombers hit targets.")
    assert copy_signals(spun).verdict == "spun"
    one_typo = CorpusDoc(id="t", text="The US Army UU said the bombers hit targets.")
    assert copy_signals(one_typo).verdict is None  # one artefact of one kind is not enough
    footer = CorpusDoc(id="f", text="The US Army UU said so.\n\nSource link")
    assert copy_signals(footer).verdict == "spun"
    rep = copy_signals(CorpusDoc(id="r", text="RT reports:\n\nThe ministry said."))
    assert (rep.verdict, rep.sources) == ("republished", ["RT"])


@pytest.mark.parametrize("text", ["", " ", "UU", "(", "[" * 10_000, "<span " * 5000, "{a|" * 5000])
def test_hostile_input_does_not_break(text: str) -> None:
    for m in find_markers(CorpusDoc(id="x", text=text)):
        assert text[m.start : m.end] == m.text


def test_a_megabyte_document_is_scanned_quickly() -> None:
    text = ("\n\n".join(EN) + "\n\n") * 1000
    assert len(text) > 1_000_000
    t = time.perf_counter()
    find_markers(CorpusDoc(id="x", text=text + "RT reports:"))
    assert time.perf_counter() - t < 10
