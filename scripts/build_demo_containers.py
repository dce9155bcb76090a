"""Regenerate demo/corpus/feed.jsonl and demo/corpus/archive.warc.gz deterministically.

The texts are fictional and written for propscope (no third-party text). Each record
carries real-world scraping debris so the demo exercises the cleaner through the JSONL
and WARC readers too. Run: ``.venv/bin/python scripts/build_demo_containers.py``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[1] / "demo" / "corpus"

FEED = [
    {
        "title": "Grain corridor talks stall as Brussels 'moves the goalposts again'",
        "source": "Harbour Gazette",
        "author": "Tomas Reyes",
        "published": "2024-03-14",
        "url": "https://harbour-gazette.example/politics/grain-corridor-talks-stall",
        "body": (
            "Home / Politics / Grain corridor talks stall\n\n"
            "Negotiators left the port city on Thursday without an agreement on the grain "
            "corridor, and officials on both sides were quick to blame each other.\n\n"
            "\"Every time we are close to a deal, Brussels moves the goalposts again,\" said "
            "deputy minister Arkady Volkov, who led the delegation. \"Ordinary farmers pay the "
            "price for their games.\"\n\n"
            "READ MORE: Fishing fleet ties up as fuel prices climb for a third month\n\n"
            "European diplomats told reporters that the draft had never been final and that "
            "inspections of cargo remain a condition for any corridor.\n\n"
            "Critics of the talks say the corridor has become a bargaining chip rather than a "
            "humanitarian project. Shipping insurers are waiting for clarity before they quote "
            "new rates.\n\n"
            "Share this article\nFacebook\nTwitter\nTelegram\n\n"
            "12 Comments\nNewest first\nmarina_k: They never wanted a deal anyway.\n"
        ),
    },
    {
        "title": "В Заречье открыли новый мост — чиновники называют его «символом победы»",
        "source": "Вести Заречья",
        "author": "Ольга Смирнова",
        "published": "2023-09-02",
        "url": "https://vesti-zarechye.example/news/most",
        "body": (
            "Главная / Новости / Общество\n\n"
            "В субботу в Заречье торжественно открыли новый автомобильный мост через реку "
            "Сверь. Строительство заняло почти четыре года и обошлось бюджету дороже, чем "
            "планировалось.\n\n"
            "«Этот мост — символ нашей победы над теми, кто говорил, что мы ничего не умеем "
            "строить», — заявил на церемонии глава района Виктор Лапин.\n\n"
            "Читайте также: Жители Заречья жалуются на рост тарифов\n\n"
            "Местные жители, однако, напоминают, что старый мост закрыли ещё в 2019 году, и "
            "всё это время им приходилось ездить в объезд через соседний район.\n\n"
            "Подписывайтесь на наш канал в Telegram\n\n"
            "Комментарии (3)\nИван: Наконец-то!\n"
        ),
    },
    {
        "title": "Stadtrat streitet über Windpark: „Angstmacherei“ oder berechtigte Sorge?",
        "source": "Neue Kreiszeitung",
        "author": "Katrin Hoffmann",
        "published": "2022-11-21",
        "url": "https://kreiszeitung.example/lokales/windpark-streit",
        "html": (
            "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
            "<title>Stadtrat streitet über Windpark | Neue Kreiszeitung</title></head><body>"
            "<nav><a href=\"/\">Startseite</a> / <a href=\"/lokales\">Lokales</a></nav>"
            "<div class=\"cookie-banner\">Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten. "
            "Alle akzeptieren</div><article><h1>Stadtrat streitet über Windpark</h1>"
            "<p class=\"byline\">Von Katrin Hoffmann</p>"
            "<p>Im Stadtrat ist am Montagabend ein heftiger Streit über den geplanten Windpark am "
            "Ostrand der Stadt ausgebrochen. Die Sitzung dauerte bis kurz vor Mitternacht.</p>"
            "<p>„Wer heute gegen diesen Windpark stimmt, stimmt gegen die Zukunft unserer Kinder“, "
            "sagte die Fraktionsvorsitzende der Grünen, Petra Albers.</p>"
            "<p>Die Gegner sprechen dagegen von Angstmacherei. Anwohner befürchten Lärm und einen "
            "Wertverlust ihrer Häuser; ein Gutachten dazu soll im Frühjahr vorliegen.</p>"
            "<p>Die Abstimmung wurde auf Dezember vertagt.</p></article>"
            "<aside class=\"related\"><h3>Lesen Sie auch:</h3><a href=\"/x\">Bürgermeister lädt zur "
            "Bürgerversammlung</a></aside><div class=\"share\">Teilen: Facebook Twitter</div>"
            "<footer>© Neue Kreiszeitung · Impressum · Datenschutz</footer></body></html>"
        ),
    },
]

WARC_PAGES = [
    (
        "https://eastern-dispatch.example/world/2021/05/06/sanctions-backfire",
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Sanctions 'backfire' as factories idle, say critics - Eastern Dispatch</title>"
        "<meta property=\"og:site_name\" content=\"Eastern Dispatch\">"
        "<meta name=\"author\" content=\"Daniel Kerr\">"
        "<meta property=\"article:published_time\" content=\"2021-05-06T09:30:00Z\"></head><body>"
        "<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/subscribe\">"
        "Subscribe</a></nav></header><main><article>"
        "<h1>Sanctions 'backfire' as factories idle, say critics</h1>"
        "<p>Factories across the region stood idle this week, and critics of the sanctions "
        "policy say the measures are hurting the very workers they were meant to protect.</p>"
        "<figure><img src=\"/f.jpg\" alt=\"\"><figcaption>Workers outside a closed plant. "
        "Photo: Eastern Dispatch / M. Ortiz</figcaption></figure>"
        "<p>\"This is economic warfare against ordinary people, nothing less,\" said union leader "
        "Helen Marsh at a rally outside the shuttered plant.</p>"
        "<p>Government officials insist the sanctions are working and point to falling "
        "revenues of the targeted companies. They declined to say when the review would end.</p>"
        "<p>Economists are divided. Some expect supply chains to adapt within a year; others "
        "warn of lasting damage to the region's industry.</p>"
        "</article></main><section class=\"comments\"><h2>Comments</h2><p>Guest: Typical.</p>"
        "</section><footer>About us · Contact · Cookie settings</footer></body></html>",
    ),
    (
        "https://severny-vestnik.example/2020/12/01/gaz",
        "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">"
        "<title>Цены на газ: «нас опять пугают» — Северный вестник</title>"
        "<meta property=\"og:site_name\" content=\"Северный вестник\">"
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
        "\"Цены на газ: «нас опять пугают»\", \"datePublished\": \"2020-12-01\", "
        "\"author\": {\"@type\": \"Person\", \"name\": \"Сергей Орлов\"}}</script></head><body>"
        "<div class=\"breadcrumbs\"><a href=\"/\">Главная</a> / <a href=\"/econ\">Экономика</a></div>"
        "<article><h1>Цены на газ: «нас опять пугают»</h1>"
        "<p>Эксперты спорят о том, вырастут ли зимой цены на газ для населения. Одни говорят о "
        "неизбежном подорожании, другие называют эти прогнозы запугиванием.</p>"
        "<p>«Каждую осень нас пугают холодной зимой и пустыми хранилищами, а потом ничего не "
        "происходит», — сказал экономист Павел Гринев.</p>"
        "<p>В министерстве энергетики заверили, что запасов хватит до весны, но отказались "
        "назвать точные цифры.</p></article>"
        "<div class=\"share\">Поделиться: ВКонтакте Telegram</div>"
        "<div class=\"related\">Читайте также: <a href=\"/y\">Тарифы на свет вырастут с января</a></div>"
        "</body></html>",
    ),
]


def build_feed() -> None:
    with (OUT / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for record in FEED:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def _record(writer: WARCWriter, url: str, body: bytes, ctype: str):
    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                     http_headers=headers,
                                     warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"})


def build_warc() -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, html in WARC_PAGES:
        writer.write_record(_record(writer, url, html.encode("utf-8"), "text/html; charset=utf-8"))
    # A non-article record the reader must skip, as real crawls are full of them.
    writer.write_record(_record(writer, "https://eastern-dispatch.example/logo.png",
                                b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"))
    data = buf.getvalue()
    # warcio stamps a random WARC-Record-ID; the file changes per run but its content does not.
    (OUT / "archive.warc.gz").write_bytes(data)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    build_feed()
    build_warc()
    print(f"wrote {OUT / 'feed.jsonl'} and {OUT / 'archive.warc.gz'}")
