"""Quotes by institutions, names in quotation marks, affiliations and appositions (issue 6).

All texts are written for these tests. Entities are built by hand, so what is tested is
the quote extractor's resolution, not entity detection.
"""

from __future__ import annotations

from propscope.analyzers.voices.quotes import find_quotes
from propscope.analyzers.voices.quotes_orgs import apposition_name, ru_org_after
from propscope.schema.voices import Entity, Quote
from tests.analyzers.voices.test_quotes import _article, _person


def _entity(text: str, eid: str, name: str, kind: str, *surfaces: str) -> Entity:
    entity = _person(text, eid, name, *surfaces)
    entity.kind = kind
    return entity


def _quotes(text: str, entities: list[Entity] | None = None, lang: str = "en") -> list[Quote]:
    return find_quotes(_article(text, lang), entities or [])


def _said(text: str, q: Quote) -> str:
    return text[q.start : q.end]


def test_the_ministry_resolves_to_the_ministry_named_earlier() -> None:
    text = ("The Ministry of Transport opened a new rail line on Friday.\n\n"
            "The ministry said in a statement that trains would run every ten minutes.")
    ents = [_entity(text, "org:mot", "Ministry of Transport", "organization", "Ministry of Transport")]
    [q] = _quotes(text, ents)
    assert _said(text, q) == "trains would run every ten minutes"
    assert q.speaker == "The ministry" and q.entity == "org:mot"


def test_trailing_the_club_said_resolves_through_the_clubs_abbreviation() -> None:
    text = ("Lakeside FC signed a new goalkeeper.\n\n"
            "The transfer fee was not disclosed, the club said.")
    ents = [_entity(text, "org:lakeside-fc", "Lakeside FC", "organization", "Lakeside FC")]
    [q] = _quotes(text, ents)
    assert _said(text, q) == "The transfer fee was not disclosed"
    assert q.entity == "org:lakeside-fc"


def test_the_company_resolves_through_an_apposition() -> None:
    text = ("Brightwave, the solar panel maker, said on Monday it would open two factories.\n\n"
            "Production will start next spring, the company added.")
    ents = [_entity(text, "org:brightwave", "Brightwave", "organization", "Brightwave")]
    quotes = _quotes(text, ents)
    assert [q.entity for q in quotes] == ["org:brightwave", "org:brightwave"]
    assert _said(text, quotes[1]) == "Production will start next spring"


def test_apposition_name_pairs_a_description_with_a_name_either_way() -> None:
    text = "Pupils may strike, their union, the Northfield Pupils' Association, warned."
    a, b = apposition_name(text, "union", len(text))  # type: ignore[misc]
    assert text[a:b] == "Northfield Pupils' Association"
    ru = "Хоккейный клуб «Метеор» сменил тренера."
    a, b = apposition_name(ru, "клуба", len(ru))  # type: ignore[misc]
    assert ru[a:b] == "Метеор"


def test_appositive_organisation_is_the_speaker_not_a_person_inside_its_name() -> None:
    text = ("Nurses could walk out in May, their union, the Riverside Nurses' Federation, "
            "warned on Tuesday.")
    wrong = _entity(text, "per:riverside-nurses", "Riverside Nurses", "person", "Riverside Nurses")
    [q] = _quotes(text, [wrong])
    assert _said(text, q) == "Nurses could walk out in May"
    assert q.speaker == "Riverside Nurses' Federation" and q.entity is None


def test_a_person_of_an_institution_is_the_speaker() -> None:
    text = ("Geologist Mira Castell of the University of Westmoor wrote in a column that the "
            "quarry was unsafe. She argued that the permit should be withdrawn.")
    ents = [_entity(text, "per:mira-castell", "Mira Castell", "person", "Mira Castell"),
            _entity(text, "org:uw", "University of Westmoor", "organization", "University of Westmoor")]
    q1, q2 = _quotes(text, ents)
    assert q1.entity == q2.entity == "per:mira-castell"
    assert _said(text, q1) == "the quarry was unsafe"


def test_told_the_jury_that_is_a_cue_and_she_stays_with_the_prosecutor() -> None:
    text = ("Prosecutor Dana Whitcombe told the jury that Mr Ferris had hidden the invoices. "
            "\"He knew exactly what he was doing,\" she said.")
    ents = [_entity(text, "per:dana", "Dana Whitcombe", "person", "Dana Whitcombe"),
            _entity(text, "per:ferris", "Ferris", "person", "Ferris")]
    q1, q2 = _quotes(text, ents)
    assert _said(text, q1) == "Mr Ferris had hidden the invoices"
    assert q1.entity == q2.entity == "per:dana"


def test_names_in_quotation_marks_are_not_quotes() -> None:
    text = ("Пловец Игорь Ласточкин в интервью радиостанции «Волна-Юг» признал, что сезон "
            "«получился тяжёлым». Он добавил, что продолжит тренировки.")
    ents = [_entity(text, "per:igor", "Игорь Ласточкин", "person", "Игорь Ласточкин"),
            _entity(text, "per:volna", "Волна-Юг", "person", "Волна-Юг")]
    q1, q2 = _quotes(text, ents, "ru")
    assert _said(text, q1).startswith("сезон «получился тяжёлым") and q1.kind == "mixed"
    assert q1.entity == q2.entity == "per:igor"
    en = "The “Harvest Nights” festival will return in August, the council said."
    [q] = _quotes(en)
    assert _said(en, q) == "The “Harvest Nights” festival will return in August"


def test_russian_institution_after_the_cue_is_the_speaker() -> None:
    text = "Как сообщили в Главном управлении МВД по Южной области, задержаны трое."
    [q] = _quotes(text, lang="ru")
    assert q.speaker == "Главном управлении МВД по Южной области"
    assert _said(text, q) == "задержаны трое"
    text = "«Сделка закрыта», — говорится в заявлении компании «Норд-Пласт»."
    [q] = _quotes(text, lang="ru")
    assert q.speaker == "компании"
    span = ru_org_after("пресс-служба Центрального банка, что", 0, 40)
    assert span is not None and "пресс-служба Центрального банка"[span[0] : span[1]] == "Центрального банка"


def test_said_with_a_clause_but_no_that() -> None:
    text = ("The chief engineer at Portline, Omar Feld, said repairs would take a month. "
            "Ferry captain Lucia Brandt said crews were \"running on goodwill\" and wanted pay.")
    ents = [_entity(text, "per:omar", "Omar Feld", "person", "Omar Feld"),
            _entity(text, "per:lucia", "Lucia Brandt", "person", "Lucia Brandt")]
    q1, q2 = _quotes(text, ents)
    assert _said(text, q1) == "repairs would take a month" and q1.entity == "per:omar"
    assert q2.kind == "mixed" and q2.entity == "per:lucia"
    assert _quotes("He said goodbye to the crowd in the square and left.") == []


def test_lowercase_role_before_the_name_and_appositive_description() -> None:
    text = ("“We chose stability,” league president Tomas Rehn said in a statement.\n\n"
            "Major Ilse Varga, a former pilot, said the runway had to be repaired first.")
    ents = [_entity(text, "per:tomas", "Tomas Rehn", "person", "Tomas Rehn"),
            _entity(text, "per:ilse", "Ilse Varga", "person", "Ilse Varga")]
    q1, q2 = _quotes(text, ents)
    assert q1.entity == "per:tomas" and _said(text, q1) == "We chose stability"
    assert q2.entity == "per:ilse" and _said(text, q2) == "the runway had to be repaired first"


def test_as_put_it_with_an_appositive_and_in_her_view() -> None:
    text = ("As the museum's chief curator, Dr. Nadia Okafor, put it, “A museum is a promise.”\n\n"
            "Councillor Bruno Haas disagreed. Mayor Wendy Lisle backed the plan. "
            "In her view, the city had \"waited long enough\".")
    ents = [_entity(text, "per:nadia", "Nadia Okafor", "person", "Nadia Okafor"),
            _entity(text, "per:bruno", "Bruno Haas", "person", "Bruno Haas"),
            _entity(text, "per:wendy", "Wendy Lisle", "person", "Wendy Lisle")]
    q1, q2 = _quotes(text, ents)
    assert q1.entity == "per:nadia" and _said(text, q1) == "A museum is a promise."
    assert q2.entity == "per:wendy" and q2.speaker == "her"


def test_the_defender_added_goes_to_the_player_just_quoted() -> None:
    text = ("Captain Leon Brandt said the team was tired. The defender added that the "
            "schedule \"left no time to recover\".")
    ents = [_entity(text, "per:leon", "Leon Brandt", "person", "Leon Brandt")]
    q1, q2 = _quotes(text, ents)
    assert q1.entity == q2.entity == "per:leon" and q2.speaker == "The defender"


def test_russian_opinion_confession_and_title_far_before_the_name() -> None:
    text = ("Аналитик Центра транспортных исследований Дарья Минина отметила, что цены вырастут. "
            "«Дешевле уже не будет», — пояснила аналитик.\n\n"
            "Водитель Павел Рудаков признался, что боится нового моста. По его мнению, "
            "строители «слишком спешат».")
    ents = [_entity(text, "per:centr", "Центра", "person", "Центра"),
            _entity(text, "per:daria", "Дарья Минина", "person", "Дарья Минина"),
            _entity(text, "per:pavel", "Павел Рудаков", "person", "Павел Рудаков")]
    quotes = _quotes(text, ents, "ru")
    assert [q.entity for q in quotes] == ["per:daria", "per:daria", "per:pavel", "per:pavel"]
    assert quotes[2].cue == "признался" and _said(text, quotes[2]) == "боится нового моста"
