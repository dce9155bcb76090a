"""Plain-text metadata rules (authors, dates) and regressions from a real news corpus."""

from __future__ import annotations

import pytest

from propscope.extract.plaintext import extract_plaintext
from propscope.extract.types import Extracted

TITLE = "Council Closes Two Bridges for a Summer of Repairs"
P1 = (
    "The city council voted on Tuesday to close two bridges for repairs, a decision that "
    "will force thousands of commuters onto longer routes for most of the summer."
)
P2 = (
    "Officials said the work could not be postponed any longer because inspectors had "
    "found serious corrosion in the steel supports of both structures last autumn."
)
R1 = "Городской совет во вторник проголосовал за закрытие двух мостов на ремонт до осени."
R2 = "По словам чиновников, откладывать работы больше нельзя из-за коррозии опор обоих мостов."
R3 = "Владельцы магазинов в старом городе опасаются, что закрытие мостов ударит по торговле."
D1 = "Der Stadtrat hat am Dienstag beschlossen, zwei Brücken für Reparaturen zu sperren."
D2 = "Nach Angaben der Verwaltung ließen sich die Arbeiten nicht länger verschieben."


def run(*lines: str, url: str | None = None) -> tuple[str, Extracted]:
    text = "\n\n".join(lines)
    return text, extract_plaintext(text, url=url)


def reasons(ex: Extracted) -> dict[str, str]:
    return {b.text: b.reason for b in ex.removed}


# --- authors and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and Max Roe, Berlin", ["Jane Doe", "Max Roe"]),
        ("Von Anna Schmidt", ["Anna Schmidt"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
    ],
)
def test_bylines(byline: str, authors: list[str]) -> None:
    _, ex = run(TITLE, byline, P1, P2)
    assert ex.authors == authors
    assert reasons(ex)[byline] == "author-bio"
    assert ex.title == TITLE


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    sentence = "By the end of the year the council had spent twice the budget."
    _, ex = run(TITLE, sentence, P1)
    assert ex.authors == []
    assert ex.blocks == [sentence, P1]


def test_bio_block_at_end() -> None:
    bio = "I am a retired engineer interested in public infrastructure."
    _, ex = run(TITLE, P1, P2, f"Jane Doe\n{bio}")
    assert ex.authors == ["Jane Doe"]
    assert ex.blocks == [P1, P2]


def test_bare_signature_name_at_end() -> None:
    _, ex = run(TITLE, P1, P2, "Lena Vogt", "Support SouthFront")
    assert ex.authors == ["Lena Vogt"]
    assert ex.blocks == [P1, P2]


def test_signature_with_role_in_russian() -> None:
    _, ex = run("Мосты закроют на ремонт", R1, R2, R3, "Олег Кравцов, политолог")
    assert ex.authors == ["Олег Кравцов"]
    assert ex.blocks == [R1, R2, R3]


def test_person_quoted_in_text_is_not_author() -> None:
    para = "Transport expert Mara Lind wrote for a local paper that the plan was rushed."
    _, ex = run(TITLE, para, P1)
    assert ex.authors == []


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("JUNE 2021", "2021-06"),
        ("March 14, 2024", "2024-03-14"),
        ("14. März 2024", "2024-03-14"),
        ("12 марта 2024 г.", "2024-03-12"),
        ("12 марта 2024, 10:45", "2024-03-12"),
        ("2024-03-05", "2024-03-05"),
        ("05.03.2024", "2024-03-05"),
        ("Published: 5 May 2023", "2023-05-05"),
        ("Thursday 10 March 2022", "2022-03-10"),
        ("Jun 5, 2021, 10:45 AM", "2021-06-05"),
        ("Опубликовано: 12.03.2024 10:45", "2024-03-12"),
        ("Updated 5 June 2021 at 10:45 GMT", "2021-06-05"),
        ("Aktualisiert am 3. Januar 2023, 08:15 Uhr", "2023-01-03"),
    ],
)
def test_date_lines(line: str, iso: str) -> None:
    _, ex = run(TITLE, line, P1, P2)
    assert ex.published == iso
    assert reasons(ex)[line] == "date-line"


def test_dates_in_running_text_are_ignored_but_url_date_is_used() -> None:
    para = "The bridge was opened on June 5, 2001 and has not been repaired since."
    _, ex = run(TITLE, para, P1)
    assert ex.published is None
    _, ex = run(TITLE, para, P1, url="https://example.org/2023/07/14/bridges")
    assert ex.published == "2023-07-14"



# --- regressions found on a real multilingual news corpus ----------------------------------


def test_byline_with_paper_and_date() -> None:
    _, ex = run(TITLE, "By Jane Doe, Star Tribune, September 26, 2018:", P1, P2)
    assert ex.authors == ["Jane Doe"]
    assert ex.published == "2018-09-26"


def test_headline_like_von_phrase_is_not_a_byline() -> None:
    _, ex = run(TITLE, "Von Blase zu Blase", D1, D2)
    assert ex.authors == []


def test_copyright_notice_versus_photo_credit() -> None:
    notice = "©2018 Some Paper, Distributed by Some Agency, LLC."
    credit = "© AFP Protesters gather outside the town hall"
    _, ex = run(TITLE, P1, credit, P2, notice)
    r = reasons(ex)
    assert r[credit] == "photo-credit"
    assert r[notice] == "boilerplate"
    assert ex.blocks == [P1, P2]


def test_bare_url_line_is_a_source_link() -> None:
    _, ex = run(TITLE, P1, P2, "https://example.org/2020/01/01/story.html")
    assert reasons(ex)["https://example.org/2020/01/01/story.html"] == "source-link"


def test_capitalised_subtitle_is_kept_but_lowercase_tag_goes() -> None:
    subtitle = "Why the new law was passed right now"
    _, ex = run(TITLE, subtitle, "bridge repairs", P1, P2)
    assert ex.blocks == [subtitle, P1, P2]


def test_wrapped_short_line_is_not_a_tag() -> None:
    wrapped = (
        "The council said the closure would begin in June, and that the\n"
        "work could last\n"
        "until the end of September at the earliest, officials said."
    )
    _, ex = run(TITLE, wrapped, P2)
    assert ex.blocks[0] == " ".join(wrapped.split("\n"))


def test_article_sentence_about_cookies_is_kept() -> None:
    para = "The new law limits how advertisers may track users with cookies, the ministry said."
    _, ex = run(TITLE, para, P1)
    assert ex.blocks == [para, P1]


@pytest.mark.parametrize(
    "banner",
    [
        "This website uses cookies to ensure you get the best experience.",
        "Ce site Web utilise des cookies. En utilisant nos services, vous acceptez.",
        "Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten.",
        "Сайт использует файлы cookie. Продолжая работу, вы принимаете условия.",
        "Read our cookie policy",
    ],
)
def test_more_cookie_banners(banner: str) -> None:
    _, ex = run(TITLE, P1, P2, banner)
    assert reasons(ex)[banner] == "cookie"


def test_support_subheading_is_not_a_donation() -> None:
    _, ex = run(TITLE, P1, "Support for the reform", P2)
    assert ex.blocks == [P1, "Support for the reform", P2]


def test_comments_section_heading_inside_article_is_not_a_cut() -> None:
    p3 = "Residents also asked whether the ferry could run more often while the bridges are shut."
    p4 = "The council promised an answer by the end of the month, according to the minutes."
    _, ex = run(TITLE, P1, P2, "Comments", p3, P1 + " Again.", P2 + " Again.", p4)
    assert ex.blocks == [P1, P2, p3, P1 + " Again.", P2 + " Again.", p4]


@pytest.mark.parametrize(
    ("byline", "authors", "date"),
    [
        ("Posted by Jane Doe on June 5, 2021", ["Jane Doe"], "2021-06-05"),
        ("By JANE DOE, MOSCOW", ["Jane Doe"], None),
        ("By Dr. Jane Doe", ["Jane Doe"], None),
        ("Von Anna Schmidt am 14. März 2024", ["Anna Schmidt"], "2024-03-14"),
        ("Ein Kommentar von Hans Müller", ["Hans Müller"], None),
        ("Opinion by Jane Doe", ["Jane Doe"], None),
        ("Материал подготовила Анна Смирнова", ["Анна Смирнова"], None),
    ],
)
def test_byline_variants(byline: str, authors: list[str], date: str | None) -> None:
    _, ex = run(TITLE, byline, P1, P2)
    assert ex.authors == authors
    assert ex.published == date


def test_bylines_and_dates_inside_comments_are_ignored() -> None:
    text = "\n\n".join(
        [TITLE, P1, P2, P1 + " More.", "Leave a Reply", "By Max Roe", "June 5, 2021", "Fine text."]
    )
    ex = extract_plaintext(text)
    assert ex.authors == []
    assert ex.published is None
    assert ex.blocks == [P1, P2, P1 + " More."]


@pytest.mark.parametrize(
    "line",
    [
        "Tags: bridges, city council, traffic",
        "Теги: мосты, ремонт",
        "Schlagwörter: Brücken, Verkehr",
        "Reading time: 3 min",
        "4 min read",
        "Lesezeit: 3 Minuten",
        "1,204 views",
        "Просмотров: 3451",
        "All rights reserved.",
    ],
)
def test_page_furniture(line: str) -> None:
    _, ex = run(TITLE, P1, P2, line)
    assert reasons(ex)[line] == "boilerplate"
    assert ex.blocks == [P1, P2]


def test_related_list_headlines_are_teasers() -> None:
    _, ex = run(TITLE, P1, P2, "Related posts", "Ferry Fares Rise Again", "Mayor Faces Recall Vote")
    r = reasons(ex)
    assert r["Related posts"] == "navigation"
    assert ex.blocks == [P1, P2]
    assert {b.reason for b in ex.removed} >= {"teaser-headline"}


def test_contact_and_social_lines() -> None:
    _, ex = run(TITLE, P1, P2, "jdoe@example.org", "Twitter.com/JaneDoe")
    r = reasons(ex)
    assert r["jdoe@example.org"] == "author-bio"
    assert r["Twitter.com/JaneDoe"] == "subscribe-share"
    assert ex.blocks == [P1, P2]
