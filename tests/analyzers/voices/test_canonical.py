"""canonical_key: alias families across six languages, transliteration, Russian inflection."""

from __future__ import annotations

import pytest

from propscope.analyzers.voices.canonical import canonical_key, fold
from propscope.analyzers.voices.morph_ru import candidates, surname_nominative
from propscope.analyzers.voices.translit import name_skeleton, slug

ISIS = {
    "en": [
        "ISIS",
        "ISIL",
        "IS",
        "Daesh",
        "Islamic State",
        "Islamic State of Iraq and the Levant",
    ],
    "ru": ["ИГИЛ", "ИГ", "ДАИШ", "Исламское государство", "Исламского государства"],
    "fr": ["État islamique", "Etat islamique", "EI", "Daech"],
    "de": ["Islamischer Staat", "IS", "Daesch"],
    "it": ["Stato Islamico", "Isis"],
    "pl": ["Państwo Islamskie", "Państwa Islamskiego"],
}
US = {
    "en": ["US", "U.S.", "USA", "United States", "United States of America", "America"],
    "ru": ["США", "Соединённые Штаты", "Соединенные Штаты", "Соединённых Штатов"],
    "fr": ["Etats-Unis", "États-Unis"],
    "de": ["Vereinigte Staaten", "USA", "Vereinigten Staaten"],
    "it": ["Stati Uniti", "Stati Uniti d'America"],
    "pl": ["Stany Zjednoczone", "Stanów Zjednoczonych"],
}


@pytest.mark.parametrize(
    ("lang", "surface"), [(k, s) for k, v in ISIS.items() for s in v]
)
def test_islamic_state_family(lang: str, surface: str) -> None:
    assert canonical_key(surface, "group", lang) == (
        "org:islamic-state",
        "Islamic State",
    )


@pytest.mark.parametrize(
    ("lang", "surface"), [(k, s) for k, v in US.items() for s in v]
)
def test_united_states_family(lang: str, surface: str) -> None:
    assert canonical_key(surface, "place", lang) == (
        "loc:united-states",
        "United States",
    )


@pytest.mark.parametrize(
    ("surface", "lang", "key"),
    [
        ("Kremlin", "en", "loc:russia"),
        ("Кремля", "ru", "loc:russia"),
        ("Pentagon", "en", "org:pentagon"),
        ("Пентагона", "ru", "org:pentagon"),
        ("Госдепартамента", "ru", "org:us-state-department"),
        ("State Department", "en", "org:us-state-department"),
        ("НАТО", "ru", "org:nato"),
        ("OTAN", "fr", "org:nato"),
        ("России", "ru", "loc:russia"),
        ("Сирии", "ru", "loc:syria"),
        ("Russland", "de", "loc:russia"),
        ("Russia's", "en", "loc:russia"),
        ("Russia’s", "en", "loc:russia"),
        ("Turkey", "en", "loc:turkey"),
        ("Турцию", "ru", "loc:turkey"),
    ],
)
def test_gazetteer_aliases_inflections_and_possessives(
    surface: str, lang: str, key: str
) -> None:
    assert canonical_key(surface, "organization", lang)[0] == key


@pytest.mark.parametrize(
    ("surface", "lang"),
    [
        ("Alexei Pushkov", "en"),
        ("Alexey Pushkov", "en"),
        ("Aleksei Pushkov", "en"),
        ("Алексей Пушков", "ru"),
        ("Алексея Пушкова", "ru"),
        ("Алексеем Пушковым", "ru"),
        ("Senator Alexei Pushkov", "en"),
        ("Alexej Puschkow", "de"),
        ("Aleksiej Puszkow", "pl"),
        ("Алексей Константинович Пушков", "ru"),
    ],
)
def test_one_person_key_across_spellings_and_languages(surface: str, lang: str) -> None:
    assert canonical_key(surface, "person", lang)[0] == "per:aleksei-pushkov"


def test_feminine_surnames_stay_feminine() -> None:
    assert canonical_key("Марии Захаровой", "person", "ru")[0] == "per:maria-zakharova"
    assert canonical_key("Мария Захарова", "person", "ru")[0] == "per:maria-zakharova"
    assert canonical_key("Maria Zakharova", "person", "en")[0] == "per:maria-zakharova"
    assert canonical_key("Anna Petrova", "person", "en")[0] == "per:anna-petrova"
    assert canonical_key("Анны Петровой", "person", "ru")[0] == "per:anna-petrova"
    assert canonical_key("Ивана Петрова", "person", "ru")[0] == "per:ivan-petrov"


def test_gazetteer_person_reached_by_any_spelling() -> None:
    for surface, lang in (
        ("Sergey Lavrov", "en"),
        ("Сергея Лаврова", "ru"),
        ("Lawrow", "de"),
    ):
        assert canonical_key(surface, "person", lang) == (
            "per:sergei-lavrov",
            "Sergei Lavrov",
        )


def test_unknown_organisation_and_place_slugs() -> None:
    assert canonical_key("Blue Lake Committee", "organization", "en") == (
        "org:blue-lake-committee",
        "Blue Lake Committee",
    )
    assert canonical_key("Kafr Nabl", "place", "en")[0] == "loc:kafr-nabl"
    assert canonical_key("Фонд Луч", "organization", "ru")[0] == "org:fond-luch"
    assert canonical_key("Brigade Étoile", "group", "fr")[0] == "org:brigade-etoile"


def test_skeletons_fold_transliteration_variants() -> None:
    groups = [
        ["Alexei", "Alexey", "Aleksei", "Aleksey", "Алексей"],
        ["Dmitry", "Dmitri", "Dmitriy", "Дмитрий"],
        ["Sergei", "Sergey", "Сергей"],
        ["Yuri", "Yury", "Юрий"],
        ["Shoigu", "Shoygu", "Шойгу"],
        ["Zakharova", "Захарова"],
        ["Kosachev", "Косачёв", "Косачев"],
    ]
    for group in groups:
        assert len({name_skeleton(w, "en") for w in group}) == 1, group
    assert (
        name_skeleton("Sacharowa", "de")
        == name_skeleton("Zacharowa", "pl")
        == "zakharova"
    )
    assert name_skeleton("Smith", "en") == "smith"


def test_russian_candidates_and_surname_gender() -> None:
    assert "пушков" in candidates("пушковым")
    assert "россия" in candidates("россии")
    assert "москва" in candidates("москвы")
    assert candidates("сша") == ("сша",)
    assert surname_nominative("Пушковым", None) == "пушков"
    assert surname_nominative("Захаровой", None) == "захарова"
    assert surname_nominative("Пушкова", "m") == "пушков"
    assert surname_nominative("Пушкова", None) == "пушкова"


def test_fold_and_slug() -> None:
    assert (
        fold("U.S.") == "us" and fold("Obama’s") == "obama" and fold("Ёлка") == "елка"
    )
    assert slug("État islamique") == "etat-islamique"
    assert slug("Пушков") == "pushkov"
