"""People with their institutions, apostrophes in names, institutions described later (issue 6).

All sentences are written for these tests. Entities come from the real detector
(find_entities), so what is tested is detection and quote resolution together: the
predicted speaker is what the scorer uses (the resolved entity's name, else the text).
"""

from __future__ import annotations

import pytest

from propscope.analyzers.voices.entities import find_entities
from propscope.analyzers.voices.quote_eval import predicted_speaker
from propscope.analyzers.voices.quotes import find_quotes
from propscope.schema import Article
from propscope.schema.voices import Entity


def _entities(text: str, lang: str = "en") -> list[Entity]:
    return find_entities(Article(text=text, language=lang))


def _kinds(text: str, lang: str = "en") -> dict[str, str]:
    return {e.name: e.kind for e in _entities(text, lang)}


def _speakers(text: str, lang: str = "en") -> list[str]:
    article = Article(text=text, language=lang)
    entities = find_entities(article)
    return [predicted_speaker(q, entities) for q in find_quotes(article, entities)]


# 1. affiliations are cut off the person -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person", "affiliation"),
    [
        (  # "<person> of <place>"
            "Mayor Tomas Reyes of Palo Verde said that the bridge would reopen in June.",
            "Tomas Reyes",
            "Palo Verde",
        ),
        (  # "Dr. X of the Y Centre"
            "Dr. Ruth Okafor of the Coastal Research Centre said the reef was recovering.",
            "Ruth Okafor",
            "Coastal Research Centre",
        ),
        (  # apposition with an employer
            "Tom Hale, an analyst at Brightwater Capital, said that prices would rise.",
            "Tom Hale",
            "Brightwater Capital",
        ),
        (  # "X from Y"
            "Anna Berg from Kestrel Logistics said the depot would close.",
            "Anna Berg",
            "Kestrel Logistics",
        ),
        (  # "<role> of <Org> <Name>"
            "The spokeswoman of Kestrel Logistics Hannah Voss said that talks would resume.",
            "Hannah Voss",
            "Kestrel Logistics",
        ),
    ],
)
def test_person_and_affiliation_are_separate_and_the_person_speaks(
    text: str, person: str, affiliation: str
) -> None:
    kinds = _kinds(text)
    assert kinds.get(person) == "person"
    assert kinds.get(affiliation) in ("organization", "place")
    assert _speakers(text) == [person]


def test_occupation_and_university_are_cut_from_the_person() -> None:
    text = (
        "The council met on Monday. Geologist Mirko Halvorsen of the University of "
        "Brennford said the slope was unstable. He added that more rain would make it worse."
    )
    kinds = _kinds(text)
    assert kinds.get("Mirko Halvorsen") == "person"
    assert kinds.get("University of Brennford") == "organization"
    assert not any("Geologist" in name for name in kinds)
    assert _speakers(text) == ["Mirko Halvorsen", "Mirko Halvorsen"]


def test_institution_of_place_is_not_split() -> None:
    kinds = _kinds("Officials at the Harrow Chamber of Commerce met on Friday.")
    assert "Harrow Chamber of Commerce" in kinds
    assert kinds["Harrow Chamber of Commerce"] != "person"


# 2. apostrophes inside institution names -------------------------------------------------


def test_plural_possessive_stays_inside_an_institution_name() -> None:
    text = (
        "Members of the Northgate Nurses' Association voted on Monday. "
        "The Miners' Welfare Fund was not consulted."
    )
    kinds = _kinds(text)
    assert kinds.get("Northgate Nurses Association") == "organization"
    assert kinds.get("Miners Welfare Fund") == "organization"
    assert not any(k == "person" for k in kinds.values())


# 3. a description resolves to the institution named earlier ------------------------------


def test_the_union_said_resolves_to_the_association() -> None:
    text = (
        "Talks broke down with the Northgate Nurses' Association on Tuesday.\n\n"
        '"We will ballot our members next week," the union said.'
    )
    assert _speakers(text) == ["Northgate Nurses Association"]


# 5. "<Org>'s <role> <Name>" / "<role> of <Org> <Name>" -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel's community liaison Hannah Voss said the meeting went well.",
        '"The meeting went well," said Kestrel\'s community liaison Hannah Voss.',
        '"The meeting went well," said Kestrel Logistics chief executive Hannah Voss.',
    ],
)
def test_org_then_role_then_name_is_the_person(text: str) -> None:
    assert _speakers(text) == ["Hannah Voss"]


def test_the_company_said_resolves_to_the_business_named_earlier() -> None:
    text = (
        "Kestrel Logistics announced 300 job cuts on Monday.\n\n"
        "The company said that the depot in Ashford would close."
    )
    assert _kinds(text).get("Kestrel Logistics") == "organization"
    assert _speakers(text) == ["Kestrel Logistics"]


def test_the_chain_skips_a_public_body_named_in_between() -> None:
    text = (
        "Harbor Foods opened a store next to the Ministry of Health on Friday.\n\n"
        '"We are proud to be here," the chain said.'
    )
    assert _speakers(text) == ["Harbor Foods"]


def test_the_owner_is_a_person_description_not_the_business() -> None:
    text = 'Harbor Foods opened a store. "We are proud," the owner said.'
    assert _speakers(text) == ["the owner"]


# 4. Russian organisations in «» ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            ("Хоккейный клуб «Северная звезда» расстался с тренером. "
             "«Мы благодарны ему за работу», — говорится в заявлении клуба."),
            "клуб «Северная звезда»",
        ),
        (
            ("Компания «Тёплый очаг» открыла новый магазин. "
             "«Мы рады новым покупателям», — сообщили в пресс-службе компании."),
            "компания «Тёплый очаг»",
        ),
        (
            ("ООО «Заречьеавтотранс» подняло цены на проезд. "
             "«Это вынужденная мера», — заявили в ООО «Заречьеавтотранс»."),
            "ООО «Заречьеавтотранс»",
        ),
        (
            ("Команда «Литейщик» проиграла третий матч подряд. "
             "«Мы будем работать над ошибками», — заявила пресс-служба команды."),
            "команда «Литейщик»",
        ),
    ],
)
def test_russian_organisation_in_guillemets_is_an_entity_and_speaks(
    text: str, name: str
) -> None:
    assert _kinds(text, "ru").get(name) == "organization"
    assert _speakers(text, "ru") == [name]


def test_declined_name_in_guillemets_joins_the_organisation_but_the_coach_speaks() -> None:
    text = (
        "Команда «Литейщик» проиграла дома. "
        "«Мы проиграли заслуженно», — сказал тренер «Литейщика» Павел Гончаров."
    )
    entities = _entities(text, "ru")
    team = next(e for e in entities if e.name == "команда «Литейщик»")
    assert [text[m.start : m.end] for m in team.mentions] == ["Команда «Литейщик»", "«Литейщика»"]
    assert _speakers(text, "ru") == ["Павел Гончаров"]


def test_coach_of_a_team_named_only_in_an_oblique_case_is_the_speaker() -> None:
    text = "«Мы проиграли заслуженно», — сказал тренер «Литейщика» Павел Гончаров."
    assert _speakers(text, "ru") == ["Павел Гончаров"]


def test_a_commander_is_not_a_team() -> None:
    text = "«Рота готова», — сказал командир батальона Олег Сидоров."
    assert _speakers(text, "ru") == ["Олег Сидоров"]
