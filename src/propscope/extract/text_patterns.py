"""Multilingual (en/ru/de) keyword lists and precompiled regexes for plain-text cleanup.

Why one module of data: the rules in ``text_boilerplate`` stay language-agnostic and short,
while adding a language or a site's widget string is a one-line change here. Everything is
compiled at import time because plain-text extraction must run at >1000 articles/s.

Phrase sets are compared against a *key*: the line casefolded, whitespace collapsed and
trailing punctuation/ellipsis stripped (see :func:`line_key`).
"""

from __future__ import annotations

import re


_TRAIL = " \t.:!…·|>»-–—"


def line_key(text: str) -> str:
    """Casefolded line without trailing punctuation: the lookup key for phrase sets."""
    return " ".join(text.casefold().split()).rstrip(_TRAIL)


def _keys(*phrases: str) -> frozenset[str]:
    return frozenset(line_key(p) for p in phrases)


# --- exact short lines --------------------------------------------------------------------

NAVIGATION = _keys(
    "Newsfeed", "News feed", "Menu", "Main menu", "Home", "Navigation", "Skip to content",
    "Skip to main content", "Search", "Back to top", "All news", "Latest news", "Trending",
    "Most read", "Top stories", "More stories", "Next article", "Previous article",
    "Лента новостей", "Главная", "Меню", "Поиск", "Наверх", "Все новости", "Самое читаемое",
    "Главное", "Следующая статья", "Предыдущая статья",
    "Startseite", "Suche", "Nach oben", "Zur Startseite", "Alle Nachrichten", "Meistgelesen",
    "Top-Themen", "Nächster Artikel", "Vorheriger Artikel", "Hauptmenü",
)

SUBSCRIBE_SHARE = _keys(
    "Subscribe", "Subscribe now", "Share", "Share this", "Share this article", "Share this story",
    "Share on Facebook", "Share on Twitter", "Share on X", "Tweet", "Follow us", "Email", "Print",
    "Copy link", "Newsletter", "Sign up", "Share via", "WhatsApp", "Telegram", "Facebook", "Twitter",
    "Подписаться", "Подписывайтесь", "Поделиться", "Поделитесь", "Подпишитесь", "Рассылка",
    "Скопировать ссылку", "Abonnieren", "Newsletter abonnieren", "Jetzt abonnieren", "Teilen", "Artikel teilen",
    "Folgen Sie uns", "Link kopieren", "Drucken", "Per E-Mail teilen",
)

UI_BOILERPLATE = _keys(
    "loader", "Loading", "Chats", "Advertisement", "Sponsored", "Close", "Read more", "Show more",
    "More", "OK", "Back", "Continue reading", "Click here", "Load more", "Ad", "Live",
    "Реклама", "Закрыть", "Читать далее", "Подробнее", "Далее", "Ещё", "Показать еще", "Назад",
    "Загрузка", "Anzeige", "Werbung", "Schließen", "Weiterlesen", "Mehr", "Mehr anzeigen",
    "Zurück", "Mehr laden",
)

FACT_CHECK = _keys(
    "Fact checked", "Fact-checked", "Fact check", "Verified", "Faktencheck", "Faktengeprüft",
    "Проверено", "Факт-чекинг", "Проверено фактчекерами",
)

COMMENT_START = _keys(
    "To participate in the discussion", "log in or register", "Leave a Reply", "Leave a comment",
    "Notify of", "Comments", "Newest Most Voted", "Oldest Newest Most Voted", "Inline Feedbacks",
    "View all comments", "Join the discussion", "Add a comment", "Show comments", "Post a comment",
    "Would love your thoughts", "Would love your thoughts, please comment",
    "Would love your thoughts, please comment.x",
    "Your email address will not be published", "Reader comments",
    "Комментарии", "Оставить комментарий", "Оставьте комментарий", "Добавить комментарий",
    "Чтобы оставить комментарий, войдите или зарегистрируйтесь",
    "Ваш адрес email не будет опубликован", "Показать комментарии",
    "Kommentare", "Kommentar schreiben", "Diskutieren Sie mit", "Kommentieren",
    "Schreiben Sie einen Kommentar", "Leserkommentare", "Kommentare anzeigen",
    "Ihre E-Mail-Adresse wird nicht veröffentlicht",
)

# --- regexes over the cleaned line ------------------------------------------------------

_I = re.I
#: Bare section words: they may also head a part of the article, so they only start the
#: comment tail when little article-like text follows (see text_boilerplate.comment_cut).
WEAK_COMMENT_START = _keys("Comments", "Reader comments", "Комментарии", "Kommentare", "Leserkommentare")
COMMENT_COUNT = re.compile(
    r"^(?:\d+\s+(?:comments?|комментари(?:й|я|ев)|kommentare?|antworten|replies)|"
    r"(?:comments|комментарии|kommentare)\s*\(\d+\))$",
    _I,
)
SUBSCRIBE_PREFIX = re.compile(
    r"^(?:subscribe to|follow us on|join us on|join our|sign up for|get our newsletter|share this on|"
    r"подписывайтесь на|подпишитесь на|подписаться на|следите за нами|читайте нас в|"
    r"abonnieren sie|folgen sie uns auf|melden sie sich für|jetzt den newsletter)\b",
    _I,
)
DONATION_PREFIX = re.compile(
    r"^(?:support us|support our|donate|please support|help us|become a patron|"
    r"unterstützen sie|jetzt spenden|spenden sie|поддержите нас|поддержите проект|"
    r"поддержать проект|пожертвовать|помогите нам)\b",
    _I,
)
#: "Support SouthFront", "Поддержите Вестник": a support call naming the outlet (capitalised),
#: unlike a subheading such as "Support for the reform".
DONATION_NAMED = re.compile(
    r"^(?:Support|SUPPORT|Поддержите|ПОДДЕРЖИТЕ|Unterstützen Sie)(?: [A-ZА-ЯЁÄÖÜ][\w'’.&-]*){1,3}$"
)
DONATION_AMOUNT = re.compile(
    r"^(?:[$€£₽]\s?\d[\d,.\s\u00a0]*|\d[\d,.\s\u00a0]*\s?(?:[$€£₽]|USD|EUR|руб\.?|RUB))$"
)
TEASER_PREFIX = re.compile(
    r"^(?:related|read more|read also|also read|see also|more on this|recommended|watch|"
    r"читайте также|читайте ещ[её]|смотрите также|по теме|также читайте|"
    r"lesen sie auch|mehr zum thema|auch interessant|das könnte sie auch interessieren|"
    r"siehe auch)\s*[:\-–—]\s*\S",
    _I,
)
SOURCE_LINK = re.compile(
    r"^(?:source link|(?:source|sources|источник|источники|quelle|quellen)\s*:|originally published|"
    r"this (?:article|story) (?:was )?(?:originally|first) (?:appeared|published)|"
    r"dieser (?:artikel|beitrag) erschien zuerst|впервые опубликовано|оригинал статьи)(?!\w)",
    _I,
)
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", _I)
SOCIAL_LINK = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram|vk|youtube|telegram|t)\.(?:com|me)/\S+$",
    _I,
)
EMAIL_LINE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
PHOTO_CREDIT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|(?:photo|image|picture|pictures|credit|фото|foto|bild|"
    r"bildquelle|видео|video)\s*(?:credit\s*)?[:/])",
    _I,
)
COPYRIGHT_NOTICE = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?\d{4}|^copyright\b|all rights reserved|alle rechte vorbehalten|"
    r"все права защищены|distributed by",
    _I,
)
CAPTION_PREFIX = re.compile(
    r"^(?:pictured|in the photo|на фото|на снимке|auf dem foto|im bild|archivbild|file photo)\s*:",
    _I,
)
#: "... through REUTERS TV", "Thaier Al-Sudani / Reuters", "(Photo: AP)" at a line end.
CAPTION_CREDIT = re.compile(
    r"(?:(?:/|\bthrough|\bvia|\bphoto:|\bfoto:|фото:|©)\s*(?:[\w.'-]+\s+){0,4}?"
    r"(?:reuters(?: tv)?|ap|afp|getty images|epa(?:-efe)?|dpa|xinhua|tass|ттасс|тасс|"
    r"риа новости|sputnik|anadolu|picture alliance|imago|afp/getty images)|"
    r"\((?:photo|image|foto|фото|bild)\s*:[^)]{2,60}\))\s*$",
    _I,
)
#: Cheap pre-check on a line's last characters before running CAPTION_CREDIT.
CREDIT_HINT = re.compile(
    r"(?:reuters|tv|ap|afp|images|epa|efe|dpa|xinhua|tass|тасс|новости|sputnik|anadolu|"
    r"alliance|imago|\))\s*$",
    _I,
)
#: A consent banner *speaks about itself*: "we / this site use(s) cookies", "accept
#: cookies", "cookie settings". An article about cookie law does not match.
COOKIE_BANNER = re.compile(
    r"(?:\b(?:we|this (?:site|website)|our (?:site|website)|wir|diese (?:seite|website|webseite)|"
    r"unsere (?:seite|website|webseite)|ce site(?: web)?|мы|сайт|этот сайт|наш сайт)\s"
    r"(?:[^.!?]{0,40}\s)?(?:use|uses|verwenden|verwendet|nutzen|nutzt|setzen|setzt|utilise|"
    r"использу\w*|применя\w*)\s(?:[^.!?]{0,20}\s)?(?:cookies?|куки)"
    r"|\b(?:accept|akzeptieren|zustimmen|принять|принимаете)\s[^.!?]{0,20}(?:cookies?|куки)"
    r"|(?:cookies?|куки)[- ](?:policy|settings|preferences|richtlinie|einstellungen|hinweis)"
    r"|политик\w* (?:использования )?(?:файлов )?(?:cookie|куки))",
    _I,
)
COOKIE_BUTTON = _keys(
    "Accept all", "Accept", "Reject all", "Manage preferences", "Alle akzeptieren", "Akzeptieren",
    "Einverstanden", "Ablehnen", "Einstellungen", "Принять", "Принять все", "Согласен", "Отклонить",
)
SITE_DESCRIPTION = re.compile(
    r"\b(?:latest news|breaking news|news from around the world|live coverage|"
    r"последние новости|новости со всего мира|главные новости|"
    r"aktuelle nachrichten|nachrichten aus aller welt|neueste nachrichten)\b",
    _I,
)
BREADCRUMB_SEP = re.compile(r"\s+[/>»›|]\s+")
BREADCRUMB_HOME = _keys(
    "Home", "Main", "News", "Homepage", "Главная", "Новости", "Startseite", "Nachrichten", "Start"
)
LONE_NUMBER = re.compile(r"^[\d\s.,+-]{1,8}$")
#: Page furniture with numbers or labels: tag lists, reading time, view/share counters.
META_FURNITURE = re.compile(
    r"^(?:(?:tags|topics|filed under|теги|метки|темы|schlagwörter|themen|schlagworte)\s*:"
    r"|(?:reading time|время чтения|lesezeit|lesedauer)\s*:?\s*\d"
    r"|\d+\s*(?:min(?:ute)?s? read|мин(?:ут[аы]?)?\.? (?:чтения|на чтение)|min\.? lesezeit)$"
    r"|[\d.,]+\s*[kктm]?\s*(?:views|shares|likes|просмотр(?:ов|а)?|aufrufe)$"
    r"|(?:views|просмотров|aufrufe)\s*:?\s*[\d.,]+[kкm]?$)",
    _I,
)
#: Header of a related-stories list; headline-like lines right after it are teasers.
RELATED_HEADER = _keys(
    "Related", "Related posts", "Related articles", "Related stories", "You may also like",
    "Recommended for you", "More on this topic", "Read next", "Похожие новости",
    "Похожие материалы", "Материалы по теме", "Читайте также", "Ähnliche Artikel",
    "Weitere Artikel", "Das könnte Sie auch interessieren", "Mehr zum Thema",
)
#: Markup debris inside a line: tags (also unclosed), entities, scraper ids, agency slugs.
DEBRIS = re.compile(
    r"</?(?:span|div|p|a|img|br|strong|em|b|i|u|figure|figcaption|iframe|script|style|ul|ol|li|"
    r"h[1-6]|section|article|header|footer|table|tr|td|blockquote|source|picture)\b"
    r"(?:\s+[a-z][\w:-]{0,30}=(?:\"[^\"\n]{0,200}\"|'[^'\n]{0,200}'|[^\s>]{0,200}))*\s*/?>?"
    r"|&(?:nbsp|amp|quot|lt|gt|apos|#\d{2,5}|#x[0-9a-fA-F]{2,4});"
    r"|\[\d{5,}\]"
    r"|\[/?(?:caption|embed|gallery|video|audio)\b[^\]]*\]"
    r"|\bRT[SX](?=[0-9A-Z]*\d)[0-9A-Z]{4,8}\b"
    r"|\{\{[^}]{0,80}\}\}",
)
DEBRIS_ONLY_REST = re.compile(r"^[\s\W_]*$")

# --- authors -----------------------------------------------------------------------------

BYLINE = re.compile(
    r"^(?:(?:opinion|analysis|commentary|column|report|story) by|by|written by|posted by|"
    r"words by|(?:ein )?(?:kommentar|gastbeitrag|essay|analyse|kolumne|bericht) von|von|"
    r"text(?:e)?:|autor(?:in|en)?:?|author:|authors:|автор(?:ы)?:?|текст:|"
    r"(?:материал|колонка|комментарий) подготовил[аи]?:?)\s+(?P<rest>\S.*)$",
    _I,
)
BIO_START = re.compile(
    r"^(?:i am|i'm|i’m|he is|she is|he's|she's|they are|the author|about the author|"
    r"ich bin|er ist|sie ist|der autor|die autorin|über den autor|über die autorin|"
    r"я\s|он\s|она\s|автор\s|об авторе)",
    _I,
)
ABOUT_AUTHOR = _keys("About the author", "Об авторе", "Über den Autor", "Über die Autorin")
NAME_TOKEN = re.compile(
    r"^(?:(?:Mc|Mac|O'|O’|D'|d')?[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё'’]+(?:-[A-ZÀ-ÖØ-ÞА-ЯЁ]?[a-zß-öø-ÿа-яё'’]+)*"
    r"|[A-ZА-ЯЁ]\.|von|van|der|den|de|la|le|al|bin|di|du|ibn|da|dos)$"
)
NAME_STOPWORDS = frozenset(
    w.casefold()
    for w in (
        "The", "Home", "News", "Support", "Source", "Comments", "Read", "More", "Related", "Share",
        "Follow", "Photo", "Update", "Live", "Video", "Breaking", "Exclusive", "Opinion", "Analysis",
        "Editorial", "World", "Politics", "Europe", "Russia", "Ukraine", "Germany", "America",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Subscribe", "Newest", "Oldest", "Inline", "Feedbacks", "Notify",
        "Leave", "Reply", "View", "Chats", "Newsfeed", "Menu", "Search", "Login", "Register",
        "Новости", "Главная", "Россия", "Украина", "Мир", "Политика", "Мнение", "Комментарии",
        "Подписаться", "Реклама", "Nachrichten", "Politik", "Meinung", "Kommentare", "Startseite",
        "Deutschland", "Welt", "Teilen", "Anzeige", "Werbung", "Москва", "Berlin", "Washington",
        # media words: "By Jane Doe, Star Tribune" names a paper after the author
        "Tribune", "Times", "Post", "Herald", "Journal", "Press", "Agency", "Daily", "Gazette",
        "Telegraph", "Reuters", "Staff", "Correspondent", "Reporter", "Editor", "Media", "Network",
        "Zeitung", "Redaktion", "Korrespondent", "Вестник", "Газета", "Редакция", "Корреспондент",
    )
)

# --- unknown outlets ---------------------------------------------------------------------

#: "- Name" as the first line, or " - Name" closing several captions.
_CAP_WORD = r"[A-ZА-ЯЁÄÖÜ][\w.&'’]*"
NAME_ONLY_FIRST = re.compile(r"^[-–—|]\s*(?P<name>" + _CAP_WORD + r"(?: " + _CAP_WORD + r"){0,3})$")
GENERIC_SUFFIX = re.compile(r" [-–—|] (?P<name>" + _CAP_WORD + r"(?: " + _CAP_WORD + r"){0,3})$")
