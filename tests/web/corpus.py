"""Fixture articles for the dashboard tests, written here (never copied from ../shared), with
hand-made analyses so every highlight, score and label on a page is known in advance."""

from __future__ import annotations

import re

from propscope.schema import Article, Paragraph, RemovedBlock
from propscope.schema.analysis import (
    TITLE,
    Analysis,
    Classification,
    Span,
    UnitTechniques,
)

HOSTILE_LABEL = '"><img src=x onerror=alert(4)>'


def build(title: str, paras: list[str], *, removed: dict[int, list[tuple[str, str]]] | None = None,
          **meta: object) -> Article:
    """Article with paragraphs and removed blocks placed before paragraph i in source_text."""
    removed = removed or {}
    text, paragraphs, pos = "", [], 0
    source, blocks = "", []
    for i, para in enumerate(paras + [""]):
        for reason, block in removed.get(i, []):
            blocks.append(RemovedBlock(len(source), len(source) + len(block), reason, block))
            source += block + "\n"
        if i == len(paras):
            break
        if text:
            text += "\n\n"
            pos += 2
        paragraphs.append(Paragraph(pos, pos + len(para)))
        text += para
        pos += len(para)
        source += para + "\n"
    return Article(text=text, title=title, paragraphs=paragraphs, removed=blocks,
                   source_text=source, **meta)  # type: ignore[arg-type]


def span(article: Article, phrase: str, technique: str, score: float) -> Span:
    start = article.text.index(phrase)
    para = next(i for i, p in enumerate(article.paragraphs) if p.start <= start < p.end)
    return Span(technique, start, start + len(phrase), para, score)


def analysis(article: Article, spans: list[Span], genre: str, frames: list[str], *,
             title: list[str] = (), low: bool = False) -> Analysis:
    units = [UnitTechniques(TITLE, list(title), {t: 0.71 for t in title})]
    for i in range(len(article.paragraphs)):
        mine = {s.technique: s.score for s in spans if s.paragraph == i}
        units.append(UnitTechniques(i, sorted(mine), mine))
    probs = {g: (0.8 if g == genre else 0.1) for g in ("opinion", "reporting", "satire")}
    return Analysis(
        techniques=units, spans=spans, techniques_low_confidence=low, techniques_model="fake@1",
        genre=Classification([genre], probs, low, "fakegenre@1"),
        frames=Classification(frames, {f: 0.66 for f in frames} | {"Morality": 0.12}, low,
                              "fakeframes@1"))


def planet() -> Article:
    a = build("Traitors in the capital, again",
              ["The corrupt elites in the capital will ruin everything our grandparents built.",
               "Only a fool would trust their promises about the harbour bridge this winter.",
               "The committee meets again on Thursday to discuss the bridge tender."],
              removed={0: [("subscribe-share", "Subscribe to our newsletter")],
                       2: [("navigation", "Home / Politics / Bridges")]},
              source="Daily Planet", language="en", published="2024-01-15",
              url="https://planet.example/traitors")
    a.analysis = analysis(a, [span(a, "corrupt elites", "Loaded_Language", 0.83),
                              span(a, "elites in the capital", "Name_Calling-Labeling", 0.64),
                              span(a, "Only a fool", "Name_Calling-Labeling", 0.58)],
                          "opinion", ["Political"], title=["Loaded_Language"])
    return a


def wire() -> Article:
    a = build("Harbour bridge tender delayed by two weeks",
              ["The city said the harbour bridge tender would close two weeks later than planned.",
               "Critics doubt the engineers ever checked the figures, a spokesman said."],
              source="Morning Wire", language="en", published="2024-02-10",
              url="https://wire.example/bridge")
    a.analysis = analysis(a, [span(a, "doubt the engineers ever checked", "Doubt", 0.55)],
                          "reporting", ["Economic"])
    return a


def russian() -> Article:
    a = build("Родина зовёт: мост будет построен",
              ["Наш великий народ никогда не отступал перед трудностями и не отступит сейчас.",
               "Городской совет обсудит проект моста на следующей неделе."],
              source="Вечерние вести", language="ru", published="2024-02-20")
    a.analysis = analysis(a, [span(a, "Наш великий народ", "Flag_Waving", 0.77)],
                          "opinion", ["Cultural_identity"])
    return a


def german() -> Article:
    a = build("Brückenbau: Stadtrat vertagt Entscheidung",
              ["Wenn die Brücke nicht bald gebaut wird, droht der ganzen Region der Ruin.",
               "Der Stadtrat will am Donnerstag erneut beraten."],
              source="Tagesblick", language="de", published="2024-03-03")
    a.analysis = analysis(a, [span(a, "droht der ganzen Region der Ruin", "Appeal_to_Fear-Prejudice",
                                   0.69)], "reporting", ["Economic", "Security_and_defense"])
    return a


def spanish() -> Article:
    """A language the models were not trained on: the page must say so."""
    a = build("El puente del puerto, otra vez retrasado",
              ["El ayuntamiento aplazó dos semanas la licitación del puente del puerto."],
              source="Diario Costero", language="es", published="2024-03-21")
    a.analysis = analysis(a, [], "reporting", ["Economic"], low=True)
    return a


def hostile() -> Article:
    """Every field tries something: markup, handlers, a javascript: URL, bidi tricks."""
    a = build("<script>alert(1)</script><img src=x onerror=alert(2)>\u202eevil\u200b title",
              [('Plain start <img src=x onerror=alert(3)> then "><svg onload=alert(5)> and '
               "<a href=\"javascript:alert(6)\">click</a> end."),
               "Attribute ' onmouseover='alert(7)' x=' and \u202edesrever\u202c and zero\u200bwidth."],
              removed={1: [("boilerplate", "<iframe src=javascript:alert(8)></iframe>")]},
              source='" onfocus="alert(9)" autofocus="', language="en", published="2024-01-20",
              url="javascript:alert(10)", authors=["<b>Mallory</b>"])
    a.analysis = analysis(a, [span(a, "<img src=x onerror=alert(3)>", "Loaded_Language", 0.9),
                              span(a, '"><svg onload=alert(5)>', HOSTILE_LABEL, 0.5),
                              span(a, "onmouseover='alert(7)'", "Doubt", 0.4)],
                          "satire", ["Morality"], title=[HOSTILE_LABEL])
    return a


def corpus() -> list[Article]:
    return [planet(), wire(), russian(), german(), spanish(), hostile()]


class FakeAnalyzer:
    """Fast, deterministic stand-in for PersuasionAnalyzer: every word from LOADED is a
    Loaded_Language span with confidence 0.88."""

    LOADED = re.compile(r"\b(disgraceful|catastrophe|traitors|shameful)\b", re.IGNORECASE)

    def analyze(self, article: Article) -> Article:
        spans = [Span("Loaded_Language", m.start(), m.end(), i, 0.88)
                 for i, p in enumerate(article.paragraphs)
                 for m in self.LOADED.finditer(article.text, p.start, p.end)]
        article.analysis = analysis(article, spans, "opinion", ["Political"])
        return article
