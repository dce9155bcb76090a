"""find_quotes on English: every attribution pattern, scare quotes, pronouns, titles.

All texts are written for these tests. Entities are built by hand where a test is about
resolution, so a change in entity detection cannot hide (or fake) a quote regression.
"""

from __future__ import annotations

from propscope.analyzers.voices.quotes import find_quotes
from propscope.schema import Article, Paragraph
from propscope.schema.voices import Entity, Mention, Quote


def _article(text: str, lang: str = "en") -> Article:
    paras, pos = [], 0
    for block in text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    return Article(text=text, language=lang, paragraphs=paras)


def _person(text: str, eid: str, name: str, *surfaces: str) -> Entity:
    mentions = []
    for surface in surfaces:
        start = 0
        while (k := text.find(surface, start)) >= 0:
            mentions.append(Mention(k, k + len(surface)))
            start = k + len(surface)
    return Entity(id=eid, name=name, kind="person", mentions=sorted(mentions, key=lambda m: m.start))


def _quotes(text: str, entities: list[Entity] | None = None, lang: str = "en") -> list[Quote]:
    return find_quotes(_article(text, lang), entities or [])


def _said(text: str, q: Quote) -> str:
    return text[q.start : q.end]


def test_quote_then_name_said_is_direct_with_speaker_and_cue_spans() -> None:
    text = "“We will rebuild the bridge by May,” Mayor Helen Brask said on Monday."
    [q] = _quotes(text)
    assert _said(text, q) == "We will rebuild the bridge by May"
    assert q.kind == "direct" and q.cue == "said"
    assert text[q.cue_start : q.cue_end] == "said"
    assert q.speaker == "Helen Brask" and text[q.speaker_start : q.speaker_end] == "Helen Brask"


def test_inverted_said_and_straight_quotes() -> None:
    text = '"The strike is over," said union leader Frank Doyle.'
    [q] = _quotes(text)
    assert _said(text, q) == "The strike is over"
    assert q.speaker == "Frank Doyle"


def test_name_said_colon_quote_and_multi_sentence_quote() -> None:
    text = "The chief executive, Robert Lang, said: “We respect the court. We will appeal.”"
    [q] = _quotes(text)
    assert _said(text, q) == "We respect the court. We will appeal."
    assert q.speaker == "Robert Lang" and q.kind == "direct"


def test_that_clause_is_indirect_and_mixed_when_it_quotes() -> None:
    text = ("Senator Pavel Drozdov tweeted on Saturday that the talks would fail without Moscow. "
            "Spokesperson Nadia Karimova said that a date would be “premature” for now.")
    q1, q2 = _quotes(text)
    assert _said(text, q1) == "the talks would fail without Moscow" and q1.kind == "indirect"
    assert q1.speaker == "Pavel Drozdov" and q1.cue == "tweeted"
    assert _said(text, q2) == "a date would be “premature” for now" and q2.kind == "mixed"


def test_according_to_before_and_after_the_clause() -> None:
    text = ("According to analyst Dmitri Orel, prices will keep rising. "
            "Wages will not follow, according to Orel.")
    q1, q2 = _quotes(text)
    assert _said(text, q1) == "prices will keep rising" and q1.cue == "According to"
    assert q1.speaker == "Dmitri Orel"
    assert _said(text, q2) == "Wages will not follow" and q2.speaker == "Orel"


def test_trailing_attribution_with_a_long_title() -> None:
    text = ("More trainers are needed at the border, US Chairman of the Joint Staff General "
            "Joseph Kane said on Monday.")
    [q] = _quotes(text)
    assert _said(text, q) == "More trainers are needed at the border"
    assert q.speaker == "Joseph Kane" and q.kind == "indirect"


def test_adding_that_is_a_second_quote_of_the_same_speaker() -> None:
    text = ("Maj. Gen. Ilya Vostrikov declared that the bank was cleared, adding that engineers "
            "would remove mines within days.")
    q1, q2 = _quotes(text)
    assert _said(text, q1) == "the bank was cleared"
    assert _said(text, q2) == "engineers would remove mines within days"
    assert q1.speaker == q2.speaker == "Ilya Vostrikov" and q2.cue == "adding"


def test_split_quote_around_the_cue_gives_two_quotes() -> None:
    text = "“We are signing a blank cheque,” he said, “and the islanders will pay for it.”"
    q1, q2 = _quotes(text)
    assert _said(text, q1) == "We are signing a blank cheque"
    assert _said(text, q2) == "and the islanders will pay for it."


def test_scare_quotes_without_a_speaker_are_not_quotes() -> None:
    text = ("The plan was dismissed as “training and advising” in name only, and the "
            "“premature” vote was delayed. Banners reading “no more war” hung outside.")
    assert _quotes(text) == []


def test_governed_short_quote_is_mixed() -> None:
    text = "Analyst Claire Montfort called the talk of victory “an illusion.”"
    [q] = _quotes(text)
    assert _said(text, q) == "an illusion." and q.kind == "mixed" and q.cue == "called"


def test_pronoun_resolves_to_the_last_speaker_across_sentences() -> None:
    text = ("“We have fuel for a week,” Colonel Walter Brenner said.\n\n"
            "“After that, nothing moves,” he added.")
    ents = [_person(text, "per:walter-brenner", "Walter Brenner", "Walter Brenner")]
    q1, q2 = _quotes(text, ents)
    assert q1.entity == q2.entity == "per:walter-brenner"
    assert q2.speaker == "he" and q2.paragraph == 1


def test_she_skips_a_known_male_speaker_for_a_newer_mention() -> None:
    text = ("“The fares are too high,” Robert Wirth said. Helen Brask disagreed. "
            "She said that the operator had frozen fares for five years.")
    ents = [_person(text, "per:robert-wirth", "Robert Wirth", "Robert Wirth"),
            _person(text, "per:helen-brask", "Helen Brask", "Helen Brask")]
    q1, q2 = _quotes(text, ents)
    assert q1.entity == "per:robert-wirth"
    assert q2.entity == "per:helen-brask" and q2.speaker == "She"


def test_definite_description_resolves_to_the_titled_person() -> None:
    text = ("“Our goal is to stop the militias,” spokesman John Perrin said. "
            "Reporter Amira Haddad pressed the point.\n\n"
            "“There is no open-ended commitment,” the spokesman said.")
    ents = [_person(text, "per:john-perrin", "John Perrin", "John Perrin"),
            _person(text, "per:amira-haddad", "Amira Haddad", "Amira Haddad")]
    quotes = _quotes(text, ents)
    assert [q.entity for q in quotes] == ["per:john-perrin", "per:john-perrin"]


def test_indefinite_description_is_somebody_new() -> None:
    text = ("“Beds are ready,” Dr. Naomi Fischer said. "
            "We do not have enough nurses, one nurse said.")
    ents = [_person(text, "per:naomi-fischer", "Naomi Fischer", "Naomi Fischer")]
    q1, q2 = _quotes(text, ents)
    assert q1.entity == "per:naomi-fischer"
    assert q2.entity is None and q2.speaker == "one nurse"


def test_quote_only_paragraph_inherits_the_previous_paragraphs_speaker() -> None:
    text = ("Senator Pavel Drozdov tweeted that the meeting was pointless.\n\n"
            "“Twenty countries will talk about a city they have never seen.”\n\n"
            "“A lone quotation far from any speaker.”")
    ents = [_person(text, "per:pavel-drozdov", "Pavel Drozdov", "Pavel Drozdov")]
    quotes = _quotes(text, ents)
    assert [q.paragraph for q in quotes] == [0, 1]
    assert quotes[1].entity == "per:pavel-drozdov" and quotes[1].kind == "direct"


def test_multi_paragraph_quote_keeps_its_speaker() -> None:
    text = ("“We had water for three days,” Brenner said. “Nobody believed help would come.\n\n"
            "“When the trucks arrived, the soldiers cried.”")
    quotes = _quotes(text)
    assert len(quotes) == 3
    assert _said(text, quotes[1]) == "Nobody believed help would come."
    assert _said(text, quotes[2]) == "When the trucks arrived, the soldiers cried."
    assert all(q.speaker == "Brenner" for q in quotes)


def test_question_quote_followed_by_asked_is_one_sentence() -> None:
    text = "“So how long is long enough? One year?” Haddad asked Perrin."
    [q] = _quotes(text)
    assert q.speaker == "Haddad" and q.cue == "asked"


def test_no_cue_no_quote_and_offsets_are_in_paragraphs() -> None:
    text = "The council met on Tuesday.\n\nIt approved the budget after a long debate."
    assert _quotes(text) == []
    text2 = "Intro paragraph.\n\n“Prices will fall,” Erik Salvesen said."
    [q] = _quotes(text2)
    assert q.paragraph == 1 and text2[q.start : q.end] == "Prices will fall"


def test_a_surname_that_is_also_a_month_is_still_a_name() -> None:
    text = "“We will leave on time,” Prime Minister Theresa May said on Tuesday."
    [q] = _quotes(text)
    assert q.speaker == "Theresa May"
