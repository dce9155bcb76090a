"""One test per plain-text rule, on small invented texts (en/ru/de)."""

from __future__ import annotations

import pytest

from propscope.extract.plaintext import extract_plaintext
from propscope.extract.types import Extracted

P1 = (
    "The city council voted on Tuesday to close two bridges for repairs, a decision that "
    "will force thousands of commuters onto longer routes for most of the summer."
)
P2 = (
    "Officials said the work could not be postponed any longer because inspectors had "
    "found serious corrosion in the steel supports of both structures last autumn."
)
P3 = (
    "Local business owners warned that the closures would hurt trade in the old town, "
    "where many shops are still recovering from the difficult winter season."
)
R1 = (
    "Городской совет во вторник проголосовал за закрытие двух мостов на ремонт, и тысячам "
    "жителей придётся ездить в объезд почти всё лето."
)
R2 = (
    "По словам чиновников, откладывать работы больше нельзя, потому что инспекторы нашли "
    "серьёзную коррозию в опорах обоих мостов ещё прошлой осенью."
)
R3 = (
    "Владельцы магазинов в старом городе опасаются, что закрытие мостов ударит по торговле, "
    "которая ещё не оправилась после трудной зимы."
)
D1 = (
    "Der Stadtrat hat am Dienstag beschlossen, zwei Brücken für Reparaturen zu sperren, "
    "sodass Tausende Pendler den ganzen Sommer über Umwege fahren müssen."
)
D2 = (
    "Nach Angaben der Verwaltung ließen sich die Arbeiten nicht länger verschieben, weil "
    "Prüfer im vergangenen Herbst starke Korrosion an den Stahlträgern gefunden hatten."
)
D3 = (
    "Händler in der Altstadt befürchten, dass die Sperrungen dem Geschäft schaden, das sich "
    "vom schwierigen Winter noch nicht erholt hat."
)
TITLE = "Council Closes Two Bridges for a Summer of Repairs"


def run(*lines: str, url: str | None = None) -> tuple[str, Extracted]:
    text = "\n\n".join(lines)
    return text, extract_plaintext(text, url=url)


def reasons(ex: Extracted) -> dict[str, str]:
    return {b.text: b.reason for b in ex.removed}


def reason_of(ex: Extracted, fragment: str) -> str:
    """Reason of the removed block containing ``fragment`` (adjacent same-reason lines merge)."""
    return next(b.reason for b in ex.removed if fragment in b.text)


def clean(ex: Extracted) -> str:
    return "\n\n".join(ex.blocks)


# --- title -------------------------------------------------------------------------------


def test_title_on_first_line() -> None:
    _, ex = run(TITLE, P1, P2)
    assert ex.title == TITLE
    assert ex.blocks == [P1, P2]
    assert reasons(ex)[TITLE] == "title"


def test_title_after_site_name_and_tagline() -> None:
    text = "- Sputnik International\nGet the latest news from around the world.\n\n"
    text += f"{TITLE}\n\n{P1}\n\n{P2}"
    ex = extract_plaintext(text)
    assert ex.title == TITLE
    assert ex.source == "Sputnik International"
    assert reasons(ex)["- Sputnik International\nGet the latest news from around the world."] == (
        "site-description"
    )


def test_title_after_donation_amounts_and_their_campaign_month() -> None:
    # The month under a fundraising widget is the campaign's, not the article's date.
    text = f"0 $\n2,500 $\nJUNE 2021\n\n{TITLE}\n\n{P1}\n\n{P2}"
    ex = extract_plaintext(text)
    assert ex.title == TITLE
    assert ex.published is None
    assert reasons(ex)["0 $\n2,500 $\nJUNE 2021"] == "donation"


def test_standalone_date_line_is_the_published_date() -> None:
    text = f"JUNE 2021\n\n{TITLE}\n\n{P1}\n\n{P2}"
    ex = extract_plaintext(text)
    assert ex.title == TITLE
    assert ex.published == "2021-06"
    assert reasons(ex)["JUNE 2021"] == "date-line"


def test_title_from_breadcrumb_repeated_as_line() -> None:
    _, ex = run(f"Home / Local / {TITLE}", TITLE, P1, P2)
    assert ex.title == TITLE
    assert reasons(ex)[f"Home / Local / {TITLE}"] == "navigation"


def test_title_only_in_breadcrumb() -> None:
    _, ex = run(f"Home / Local / {TITLE}", P1, P2)
    assert ex.title == TITLE
    assert ex.blocks == [P1, P2]


def test_title_outlet_suffix_is_stripped() -> None:
    _, ex = run(f"{TITLE} - Sputnik International", P1, P2)
    assert ex.title == TITLE
    assert ex.source == "Sputnik International"


def test_no_title_when_text_starts_with_paragraph() -> None:
    _, ex = run(P1, P2)
    assert ex.title == ""
    assert ex.blocks == [P1, P2]


def test_title_repeated_later_is_duplicate() -> None:
    _, ex = run(TITLE, P1, TITLE, P2)
    assert ex.blocks == [P1, P2]
    assert "duplicate" in {b.reason for b in ex.removed}


# --- captions, credits, teasers ------------------------------------------------------------


def test_glued_photo_credit_and_outlet_caption() -> None:
    text = f"{TITLE}\n\n© Photo : City Hall press officeA rusty bridge pillar\n"
    text += f"A rusty bridge pillar - Sputnik International\n{P1}\n\n{P2}"
    ex = extract_plaintext(text)
    r = reasons(ex)
    assert r["© Photo : City Hall press officeA rusty bridge pillar"] == "photo-credit"
    assert r["A rusty bridge pillar - Sputnik International"] == "caption"
    assert ex.blocks == [P1, P2]


def test_teaser_headline_after_caption() -> None:
    text = f"{TITLE}\n\n{P1}\n\nTraffic on the ring road, May 2 - Sputnik International\n"
    text += f"Why Commuters Are Losing Patience With the Mayor\n{P2}\n\n{P3}"
    ex = extract_plaintext(text)
    assert reasons(ex)["Why Commuters Are Losing Patience With the Mayor"] == "teaser-headline"
    assert ex.blocks == [P1, P2, P3]


def test_sentence_after_caption_is_kept() -> None:
    text = f"{TITLE}\n\nBridge at dawn - Sputnik International\n{P1}\n\n{P2}"
    ex = extract_plaintext(text)
    assert ex.blocks == [P1, P2]


@pytest.mark.parametrize(
    "teaser",
    [
        "Related: Mayor promises free buses during the works",
        "Read also: Five bridges that need repairs next",
        "Читайте также: Мэр пообещал бесплатные автобусы",
        "Lesen Sie auch: Bürgermeister verspricht kostenlose Busse",
        "Mehr zum Thema: Pendler klagen über Staus",
    ],
)
def test_prefixed_teasers(teaser: str) -> None:
    _, ex = run(TITLE, P1, teaser, P2)
    assert reasons(ex)[teaser] == "teaser-headline"
    assert ex.blocks == [P1, P2]


def test_agency_slug_caption_with_credit() -> None:
    line = " RTS1A2B3 [19659008] Workers inspect a pillar on May 2. </span> <span class= Staff / REUTERS TV"
    text = f"{TITLE}\n\n{P1}\n\n{line}\n\n{P2}"
    ex = extract_plaintext(text)
    assert reasons(ex)[line.strip()] == "caption"
    assert ex.blocks == [P1, P2]


@pytest.mark.parametrize(
    "caption",
    ["Workers on the bridge (Photo: AP)", "Workers on the bridge. Jane Roe / Reuters",
     "На фото: рабочие на мосту", "Im Bild: Arbeiter auf der Brücke"],
)
def test_caption_forms(caption: str) -> None:
    _, ex = run(TITLE, P1, caption, P2)
    assert reasons(ex)[caption] == "caption"


# --- debris --------------------------------------------------------------------------------


def test_inline_debris_is_cut_and_rest_kept() -> None:
    para = "The repairs will cost [19659008] about four million euros,&nbsp;officials said."
    text = f"{TITLE}\n\n{para}\n\n{P1}"
    ex = extract_plaintext(text)
    assert ex.blocks[0] == "The repairs will cost about four million euros, officials said."
    debris = [b for b in ex.removed if b.reason == "markup-debris"]
    assert {b.text for b in debris} == {"[19659008]", "&nbsp;"}
    for b in debris:
        assert text[b.start : b.end] == b.text


def test_debris_only_line() -> None:
    _, ex = run(TITLE, P1, '</div> <div class="x">', P2)
    assert reasons(ex)['</div> <div class="x">'] == "markup-debris"


def test_entity_becomes_character() -> None:
    _, ex = run(TITLE, "He called it &quot;a disgrace&quot; on Monday evening.", P1)
    assert ex.blocks[0] == 'He called it "a disgrace" on Monday evening.'


# --- widgets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Subscribe", "subscribe-share"),
        ("Подписывайтесь на наш канал в Telegram", "subscribe-share"),
        ("Artikel teilen", "subscribe-share"),
        ("Newsfeed", "navigation"),
        ("Лента новостей", "navigation"),
        ("Support SouthFront", "donation"),
        ("Поддержите нас", "donation"),
        ("Spenden Sie jetzt", "donation"),
        ("5,000 $", "donation"),
        ("1 000 ₽", "donation"),
        ("Fact checked", "fact-check-badge"),
        ("Source link", "source-link"),
        ("Источник: РИА Новости", "source-link"),
        ("Quelle: dpa", "source-link"),
        ("loader", "boilerplate"),
        ("Chats", "boilerplate"),
        ("0", "boilerplate"),
        ("Anzeige", "boilerplate"),
    ],
)
def test_widget_lines(line: str, reason: str) -> None:
    _, ex = run(TITLE, P1, line, P2)
    assert reasons(ex)[line] == reason
    assert ex.blocks == [P1, P2]


@pytest.mark.parametrize(
    "banner",
    [
        "We use cookies to improve your experience. By continuing you accept our policy.",
        "Wir verwenden Cookies. Mit Klick auf Akzeptieren stimmen Sie der Nutzung zu.",
        "Мы используем файлы cookie. Продолжая, вы соглашаетесь с их использованием.",
    ],
)
def test_cookie_banners(banner: str) -> None:
    _, ex = run(banner, "Accept all", TITLE, P1, P2)
    assert reason_of(ex, banner) == "cookie"
    assert reason_of(ex, "Accept all") == "cookie"
    assert ex.title == TITLE


def test_fact_check_badge_and_tag_line() -> None:
    _, ex = run(TITLE, "Fact checked", "bridge repairs", P1, P2)
    r = reasons(ex)
    assert r["Fact checked"] == "fact-check-badge"
    assert r["bridge repairs"] == "boilerplate"
    assert ex.blocks == [P1, P2]


# --- comments ------------------------------------------------------------------------------


def test_everything_after_comment_header_goes() -> None:
    text = f"{TITLE}\n\n{P1}\n\n{P2}\n\n{P3}\n\nNotify of\n2 Comments\nNewest Most Voted\n\n"
    text += "What a joke, they never fix anything.\n\nWould love your thoughts, please comment.x"
    ex = extract_plaintext(text)
    assert ex.blocks == [P1, P2, P3]
    assert [b.reason for b in ex.removed][-1] == "comments"
    assert "What a joke" not in clean(ex)


@pytest.mark.parametrize("header", ["Kommentare", "Комментарии (3)", "Leave a Reply", "To participate in the discussion"])
def test_comment_headers_multilingual(header: str) -> None:
    text = f"{TITLE}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{header}\nNice article, thanks.\nAgreed."
    ex = extract_plaintext(text)
    assert ex.blocks == [P1, P2, P3]


def test_russian_ui_after_comments_is_foreign() -> None:
    text = f"{TITLE}\n\n{P1}\n\n{P2}\n\nTo participate in the discussion\nlog in or register\n"
    text += "Заголовок открываемого материала"
    ex = extract_plaintext(text)
    assert reasons(ex)["Заголовок открываемого материала"] == "foreign-language-ui"


def test_latin_ui_at_end_of_russian_text_is_foreign() -> None:
    _, ex = run("Мосты закроют на ремонт", R1, R2, "Report an error")
    assert reasons(ex)["Report an error"] == "foreign-language-ui"
    assert ex.blocks == [R1, R2]


def test_foreign_script_paragraph_inside_body_is_kept() -> None:
    quote = "Make the bridges great again"
    _, ex = run("Мосты закроют на ремонт", R1, quote, R2)
    assert ex.blocks == [R1, quote, R2]


# --- keep every real paragraph -------------------------------------------------------------


def test_short_real_paragraphs_are_kept() -> None:
    quote = '"We will not let the city grind to a halt."'
    tweet = '"The bridges will reopen in September, not a day later."'
    lead = "The mayor said the bridges will reopen in September, not a day later, and thanked residents."
    _, ex = run(TITLE, P1, "RT reports:", P2, quote, lead, tweet, "What happens next", P3)
    assert ex.blocks == [P1, "RT reports:", P2, quote, lead, tweet, "What happens next", P3]
    assert ex.source is None  # quoting RT does not make this an RT article


def test_russian_and_german_articles_keep_paragraphs() -> None:
    _, ru = run("Мосты закроют на ремонт", R1, "Как сообщает агентство:", R2, R3)
    assert ru.blocks == [R1, "Как сообщает агентство:", R2, R3]
    _, de = run("Zwei Brücken werden gesperrt", D1, D2, D3)
    assert de.title == "Zwei Brücken werden gesperrt"
    assert de.blocks == [D1, D2, D3]


def test_hard_wrapped_lines_are_joined() -> None:
    wrapped = (
        "The city council voted on Tuesday to close two bridges for repairs,\n"
        "a decision that will force thousands of commuters onto longer routes\n"
        "for most of the summer."
    )
    _, ex = run(TITLE, wrapped, P2)
    assert ex.blocks[0] == " ".join(wrapped.split("\n"))
    assert ex.blocks[1] == P2


def test_whitespace_is_normalised_in_blocks_not_in_source() -> None:
    text = f"{TITLE}\r\n\r\nThe bridge\u00a0will close\u00a0 on Monday, officials said.\u00a0\r\n"
    ex = extract_plaintext(text)
    assert ex.blocks == ["The bridge will close on Monday, officials said."]
    assert ex.source_text is text
    assert ex.extractor == "plaintext"


@pytest.mark.parametrize("text", ["", "  \n\n\t ", "\u00a0", "Just one line"])
def test_degenerate_inputs(text: str) -> None:
    ex = extract_plaintext(text)
    assert ex.source_text == text
    for b in ex.removed:
        assert text[b.start : b.end] == b.text


def test_hard_wrapped_text_without_title() -> None:
    text = (
        "The city council voted on Tuesday to close two bridges for repairs, a\n"
        "decision that will force thousands of commuters onto longer routes.\n\n"
        "Officials said the work could not be postponed any longer because\n"
        "inspectors had found serious corrosion in the steel supports."
    )
    ex = extract_plaintext(text)
    assert ex.title == ""
    assert len(ex.blocks) == 2
    assert ex.blocks[0].startswith("The city council voted")
    assert ex.blocks[1].endswith("steel supports.")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline: str) -> None:
    text = newline.join([TITLE, "", P1, "", P2])
    ex = extract_plaintext(text)
    assert ex.title == TITLE
    assert ex.blocks == [P1, P2]
    for b in ex.removed:
        assert text[b.start : b.end] == b.text
