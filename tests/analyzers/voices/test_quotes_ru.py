"""find_quotes on Russian (and the best-effort languages): dash attributions, «», gender.

All texts are written for these tests.
"""

from __future__ import annotations

from propscope.analyzers.voices.cues import verb_gender
from propscope.analyzers.voices.quotes import find_quotes, surname_key
from propscope.schema import Article, Paragraph
from propscope.schema.voices import Entity, Mention, Quote


def _quotes(text: str, lang: str = "ru", entities: list[Entity] | None = None) -> list[Quote]:
    paras, pos = [], 0
    for block in text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    return find_quotes(Article(text=text, language=lang, paragraphs=paras), entities or [])


def _said(text: str, q: Quote) -> str:
    return text[q.start : q.end]


def test_guillemets_dash_cue_speaker() -> None:
    text = "«Мост откроют до первого снега», — заявил губернатор Сергей Никитин."
    [q] = _quotes(text)
    assert _said(text, q) == "Мост откроют до первого снега"
    assert q.kind == "direct" and q.cue == "заявил" and q.speaker == "Сергей Никитин"


def test_interrupted_quotation_is_two_quotes_of_one_speaker() -> None:
    text = "«Все позиции переданы наблюдателям, — отметил Журавлёв. — Нарушений не зафиксировано»."
    q1, q2 = _quotes(text)
    assert _said(text, q1) == "Все позиции переданы наблюдателям"
    assert _said(text, q2) == "Нарушений не зафиксировано"
    assert q1.speaker == q2.speaker == "Журавлёв"


def test_chto_clause_is_indirect_and_title_is_not_the_name() -> None:
    text = "Официальный представитель МИД Ирина Белова заявила на брифинге, что переговоры отложены."
    [q] = _quotes(text)
    assert _said(text, q) == "переговоры отложены"
    assert q.kind == "indirect" and q.speaker == "Ирина Белова" and q.cue == "заявила"


def test_po_slovam_and_kak_soobshil() -> None:
    text = ("По словам Осипова, список участников составлен в спешке. "
            "Как сообщил министр Павел Кравцов, запасов зерна хватит на два года.")
    q1, q2 = _quotes(text)
    assert _said(text, q1) == "список участников составлен в спешке" and q1.speaker == "Осипова"
    assert _said(text, q2) == "запасов зерна хватит на два года" and q2.speaker == "Павел Кравцов"


def test_unquoted_direct_speech_with_dash_and_colon_quote() -> None:
    text = ("Инженерные части работают круглосуточно, — подчеркнул генерал Олег Журавлёв. "
            "Министр Павел Кравцов заявил: «Оснований для паники нет».")
    q1, q2 = _quotes(text)
    assert _said(text, q1) == "Инженерные части работают круглосуточно"
    assert _said(text, q2) == "Оснований для паники нет" and q2.speaker == "Павел Кравцов"


def test_feminine_verb_resolves_to_the_woman_not_the_last_man() -> None:
    text = ("«Ремонт идет по графику», — сказал Сергей Никитин. Депутат Анна Ковалева не согласна.\n\n"
            "«Подрядчик дважды срывал сроки», — заявила она.")
    ents = []
    for eid, name, surface in (("per:sergei-nikitin", "Сергей Никитин", "Сергей Никитин"),
                               ("per:anna-kovaleva", "Анна Ковалева", "Анна Ковалева")):
        k = text.index(surface)
        ents.append(Entity(eid, name, "person", [Mention(k, k + len(surface))]))
    q1, q2 = _quotes(text, entities=ents)
    assert q1.entity == "per:sergei-nikitin"
    assert q2.entity == "per:anna-kovaleva"


def test_scare_guillemets_are_not_quotes() -> None:
    text = "Жители называют завод «градообразующим», а брифинг получился «коротким»."
    assert _quotes(text) == []


def test_gender_of_russian_and_polish_verbs() -> None:
    assert verb_gender("заявила", "ru") == "f"
    assert verb_gender("заявил", "ru") == "m"
    assert verb_gender("заявили", "ru") == "p"
    assert verb_gender("powiedziała", "pl") == "f"
    assert verb_gender("said", "en") is None


def test_surname_key_folds_case_endings_and_scripts() -> None:
    assert surname_key("Пушкова") == surname_key("Алексей Пушков") == surname_key("Alexei Pushkov")
    assert surname_key("Анны Ковалевой") == surname_key("Анна Ковалева")
    assert surname_key("Ewy Malinowskiej") == surname_key("Ewa Malinowska")


def test_best_effort_languages_share_the_interface() -> None:
    cases = [
        ("fr", "« Ce budget protège les familles », a déclaré le maire Jean Castel.", "Jean Castel"),
        ("de", "„Wir haben fast alles erreicht“, sagte Gewerkschaftschef Klaus Berger.", "Berger"),
        ("it", "«Abbiamo rispettato i tempi», ha detto il sindaco Marco Rinaldi.", "Marco Rinaldi"),
        ("pl", "„Prace idą zgodnie z planem” – powiedział burmistrz Tomasz Nowicki.", "Tomasz Nowicki"),
    ]
    for lang, text, who in cases:
        [q] = _quotes(text, lang)
        assert q.kind == "direct" and q.speaker.endswith(who), (lang, q)
        assert text[q.start : q.end] and "„" not in text[q.start : q.end]
