"""find_entities: detection, typing, within-article merging, possessives, salience.

All texts are written for these tests.
"""

from __future__ import annotations

import pytest

from propscope.analyzers.voices.entities import find_entities
from propscope.schema import Article
from propscope.schema.voices import Entity

EN = (
    "However, the Pentagon disagreed. On Thursday US Defense Secretary Ashton Carter met "
    "Russian Senator Alexei Pushkov in Washington. Pushkov's remarks angered Washington, deputy "
    "State Department spokesman Mark Toner said. Maj. Gen. Igor Konashenkov of the Russian "
    "Defense Ministry said the ISIS fighters had fled. Obama’s aides agreed with Carter."
)
RU = (
    "Сенатор Алексей Пушков заявил, что США помогают ИГИЛ. По словам Пушкова, Вашингтон ведёт "
    "двойную игру. Официальный представитель МИД России Мария Захарова согласилась с Пушковым. "
    "Захаровой ответил Госдеп. В Москве считают, что Россия и Сирия победят."
)


def _by_id(text: str, lang: str, title: str = "") -> dict[str, Entity]:
    return {
        e.id: e for e in find_entities(Article(text=text, title=title, language=lang))
    }


def _surfaces(text: str, e: Entity) -> list[str]:
    return [text[m.start : m.end] for m in e.mentions]


def test_titles_and_roles_are_not_part_of_person_names() -> None:
    ents = _by_id(EN, "en")
    assert ents["per:ashton-carter"].kind == "person"
    assert _surfaces(EN, ents["per:ashton-carter"]) == ["Ashton Carter", "Carter"]
    assert _surfaces(EN, ents["per:aleksei-pushkov"])[0] == "Alexei Pushkov"
    assert _surfaces(EN, ents["per:mark-toner"]) == ["Mark Toner"]
    assert _surfaces(EN, ents["per:igor-konashenkov"]) == ["Igor Konashenkov"]
    assert ents["org:us-state-department"].kind == "organization"
    assert ents["org:russian-defence-ministry"].kind == "organization"
    assert ents["loc:united-states"].kind == "place"


def test_surname_and_possessive_merge_into_the_full_name() -> None:
    ents = _by_id(EN, "en")
    pushkov = ents["per:aleksei-pushkov"]
    assert _surfaces(EN, pushkov) == ["Alexei Pushkov", "Pushkov's"]
    assert "Pushkov" in pushkov.aliases and "Pushkov's" not in pushkov.aliases
    assert "per:pushkov" not in ents
    assert _surfaces(EN, ents["per:barack-obama"]) == ["Obama’s"]


def test_sentence_initial_words_are_not_entities() -> None:
    ents = _by_id(EN, "en")
    names = {a.lower() for e in ents.values() for a in e.aliases}
    for word in (
        "however",
        "the",
        "on",
        "thursday",
        "on thursday",
        "russian",
        "maj",
        "gen",
    ):
        assert word not in names
    text = "The talks failed. However, nobody left. On Thursday they met again. Yesterday too."
    assert _by_id(text, "en") == {}


def test_washington_is_the_us_when_it_acts_and_a_city_after_in() -> None:
    """US = United States = Washington as a metonym for the government (issue 6)."""
    ents = _by_id(EN, "en")
    assert _surfaces(EN, ents["loc:washington-dc"]) == ["Washington"]
    assert _surfaces(EN, ents["loc:united-states"]) == ["US", "Washington"]
    assert "org:us-government" not in ents
    acting = [m for m in ents["loc:united-states"].mentions if EN[m.start:m.end] == "Washington"]
    assert acting[0].start > ents["loc:washington-dc"].mentions[0].start


def test_a_government_and_its_country_are_one_actor() -> None:
    text = ("The White House rejected the plan. The US administration said the United States "
            "would wait, and Washington called the offer a trick. The Kremlin and Moscow said no.")
    ents = _by_id(text, "en")
    assert _surfaces(text, ents["loc:united-states"]) == [
        "White House", "US administration", "United States", "Washington"]
    assert _surfaces(text, ents["loc:russia"]) == ["Kremlin", "Moscow"]


def test_russian_inflected_mentions_land_on_nominative_keys() -> None:
    ents = _by_id(RU, "ru")
    assert _surfaces(RU, ents["per:aleksei-pushkov"]) == [
        "Алексей Пушков",
        "Пушкова",
        "Пушковым",
    ]
    assert ents["per:aleksei-pushkov"].name == "Алексей Пушков"
    assert _surfaces(RU, ents["per:maria-zakharova"]) == ["Мария Захарова", "Захаровой"]
    assert _surfaces(RU, ents["loc:united-states"]) == ["США", "Вашингтон"]
    assert _surfaces(RU, ents["loc:moscow"]) == ["Москве"]  # "в Москве": the city
    assert ents["org:russian-foreign-ministry"].kind == "organization"
    assert {
        "loc:russia",
        "loc:syria",
        "org:islamic-state",
        "org:us-state-department",
    } <= set(ents)


def test_same_person_same_key_in_english_and_russian() -> None:
    en = _by_id("Senator Alexey Pushkov spoke.", "en")
    ru = _by_id("Сенатор Алексей Пушков выступил.", "ru")
    assert set(en) == set(ru) == {"per:aleksei-pushkov"}


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        (
            "Officials of the Syrian Foreign Ministry met on Monday.",
            "en",
            "organization",
        ),
        ("Fighters of the Al-Rahman Brigade left the town.", "en", "group"),
        ("The meeting took place in Kafr Nabl last week.", "en", "place"),
        ("Analyst Jonathan Smithers disagreed.", "en", "person"),
    ],
)
def test_typing_from_cues(text: str, lang: str, kind: str) -> None:
    ents = find_entities(Article(text=text, language=lang))
    assert [e.kind for e in ents] == [kind]


def test_salience_prefers_title_lead_and_frequency() -> None:
    text = (
        "Senator Alexei Pushkov spoke in Geneva.\n\nLater Pushkov met reporters. Pushkov "
        "said the talks went well.\n\nA diplomat from Norway, Lars Hegge, was also there."
    )
    ents = find_entities(Article(text=text, title="Pushkov in Geneva", language="en"))
    assert ents[0].id == "per:aleksei-pushkov" and ents[0].salience == 1.0
    by_id = {e.id: e for e in ents}
    assert 0 < by_id["per:lars-hegge"].salience < by_id["loc:geneva"].salience < 1.0
    assert all(0.0 <= e.salience <= 1.0 for e in ents)


def test_offsets_slice_the_text_and_hostile_input_does_not_crash() -> None:
    text = "<script>alert('ISIS')</script> ‘’“” U.S.A. ... Mr. . — «НАТО» \x00 Ä"
    for e in find_entities(Article(text=text, language="en")):
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text)
    assert find_entities(Article(text="", language=None)) == []
