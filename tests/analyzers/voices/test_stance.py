"""find_stances on texts written for these tests: supportive, critical, neutral, en and ru."""

from __future__ import annotations

import pytest

from propscope.analyzers.voices.entities import find_entities
from propscope.analyzers.voices.stance import find_stances, sentences
from propscope.schema import Article, Paragraph
from propscope.schema.voices import Quote, Stance

SUPPORTIVE_EN = (
    "The heroic Syrian Arab Army liberated the town. Its brave soldiers, with their decisive "
    "role against the gangs, were welcomed, and the Syrian Arab Army restored order."
)
CRITICAL_EN = (
    "NATO continues its aggression in the region. NATO is an illegitimate and reckless "
    "alliance that practices double standards. Its propaganda is full of lies."
)
NEUTRAL_EN = (
    "NATO held a meeting in Brussels on Tuesday. NATO ministers discussed the budget."
)
SUPPORTIVE_RU = (
    "Героическая сирийская армия освободила город. Сирийская армия сыграла решающую роль в "
    "борьбе с терроризмом."
)
CRITICAL_RU = (
    "НАТО продолжает агрессию. Альянс НАТО применяет двойные стандарты, это циничная и лживая "
    "политика."
)
NEUTRAL_RU = "Представители НАТО провели встречу в Брюсселе во вторник."


def _article(text: str, lang: str) -> Article:
    return Article(text=text, language=lang, paragraphs=[Paragraph(0, len(text))])


def _stances(
    text: str, lang: str, quotes: list[Quote] | None = None
) -> dict[str, Stance]:
    article = _article(text, lang)
    return {
        s.entity: s for s in find_stances(article, find_entities(article), quotes or [])
    }


@pytest.mark.parametrize(
    ("text", "lang", "entity", "label"),
    [
        (SUPPORTIVE_EN, "en", "org:syrian-arab-army", "supportive"),
        (CRITICAL_EN, "en", "org:nato", "critical"),
        (NEUTRAL_EN, "en", "org:nato", "neutral"),
        (SUPPORTIVE_RU, "ru", "org:syrian-arab-army", "supportive"),
        (CRITICAL_RU, "ru", "org:nato", "critical"),
        (NEUTRAL_RU, "ru", "org:nato", "neutral"),
    ],
)
def test_labels_and_score_signs(text: str, lang: str, entity: str, label: str) -> None:
    stance = _stances(text, lang)[entity]
    assert stance.label == label
    assert -1.0 <= stance.score <= 1.0
    if label == "supportive":
        assert stance.score >= 0.2 and stance.evidence
    elif label == "critical":
        assert stance.score <= -0.2 and stance.evidence
    else:
        assert abs(stance.score) < 0.2 and stance.evidence == []


def test_evidence_is_the_sentences_that_drive_the_score() -> None:
    stance = _stances(CRITICAL_EN, "en")["org:nato"]
    got = [CRITICAL_EN[m.start : m.end].strip() for m in stance.evidence]
    assert got == [
        "NATO continues its aggression in the region.",
        "NATO is an illegitimate and reckless alliance that practices double standards.",
    ]


def test_negation_flips_and_intensifiers_strengthen() -> None:
    plain = _stances("Locals called the Blue Brigade heroic.", "en")["org:blue-brigade"]
    negated = _stances("Locals called the Blue Brigade not heroic.", "en")[
        "org:blue-brigade"
    ]
    strong = _stances("Locals called the Blue Brigade truly heroic.", "en")[
        "org:blue-brigade"
    ]
    assert negated.score < 0 < plain.score < strong.score


def test_the_speaker_is_not_the_target_of_its_own_words() -> None:
    text = "Senator Alexei Pushkov said that Washington supports terrorists and spreads lies."
    got = _stances(text, "en")
    assert got["loc:united-states"].label == "critical"
    assert got["per:aleksei-pushkov"].label == "neutral"


def test_own_quotes_count_less_than_what_others_say() -> None:
    text = "“The Blue Brigade are heroes,” said Blue Brigade commander."
    article = _article(text, "en")
    ents = find_entities(article)
    brigade = next(e for e in ents if e.id == "org:blue-brigade")
    own = Quote(start=1, end=28, paragraph=0, kind="direct", entity=brigade.id)
    other = Quote(
        start=1, end=28, paragraph=0, kind="direct", entity="per:someone-else"
    )
    mine = find_stances(article, ents, [own])[0]
    theirs = find_stances(article, ents, [other])[0]
    assert 0 < mine.score < theirs.score


def test_sentences_do_not_break_after_titles_or_initials() -> None:
    text = "Maj. Gen. Igor Konashenkov spoke. J. Smith agreed! Then they left."
    spans = sentences(_article(text, "en"))
    assert [text[s:e].strip() for s, e in spans] == [
        "Maj. Gen. Igor Konashenkov spoke.",
        "J. Smith agreed!",
        "Then they left.",
    ]


def test_at_most_five_main_entities_and_unknown_language_falls_back() -> None:
    text = (
        "Russia, Syria, Iran, Iraq, Turkey, Israel and Egypt met. Russia was praised."
    )
    article = _article(text, "xx")
    stances = find_stances(article, find_entities(article), [])
    assert len(stances) == 5 and stances[0].entity == "loc:russia"
    assert stances[0].label == "supportive"
