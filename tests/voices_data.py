"""Hand-built articles with voices (quotes, entities, stance) and technique spans, shared by
the voices tests of store, API, web and report. Texts written for these tests."""

from __future__ import annotations

import hashlib

from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.analysis import Analysis, Span, UnitTechniques
from propscope.schema.voices import Entity, Mention, Quote, Stance, Voices

MODEL = "voices@test"


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def voices_article(n: int, *, speaker: str = "Jane Holt", key: str = "per:jane-holt",
                   said: str = "The treaty is a shameful betrayal of our farmers",
                   source: str = "Example News", stance: str = "critical", score: float = -0.6,
                   language: str = "en", published: str | None = None,
                   council: str = "City Council") -> tuple[Article, str]:
    """Paragraphs: who speaks; a direct quote with a Loaded_Language span inside it; the
    outlet's own Name_Calling span outside every quote."""
    surname = speaker.split()[-1]
    blocks = [f"Senator {speaker} spoke on Tuesday in story {n} about the {council}.",
              f"\u201c{said},\u201d {surname} said.",
              "Critics call the plan reckless."]
    text, paras = paragraphs_from_blocks(blocks)
    q0, q1 = _at(text, said)
    cue = _at(text, " said", q1)
    who = _at(text, surname, q1)
    words = said.split()
    inside = _at(text, " ".join(words[2:]) if len(words) > 2 else said, q0)
    outside = _at(text, "reckless")
    first = _at(text, speaker)
    org = _at(text, council)
    org_key = "org:" + "-".join(council.lower().split())
    entities = [
        Entity(key, speaker, "person", [Mention(*first), Mention(*who)], [speaker, surname], 0.9),
        Entity(org_key, council, "organization", [Mention(*org)], [council], 0.4),
    ]
    quote = Quote(q0, q1, 1, "direct", "said", cue[0] + 1, cue[1], surname, who[0], who[1], key)
    stances = [Stance(key, stance, score, [Mention(paras[0].start, paras[0].end)]),
               Stance(org_key, "neutral", 0.0, [])]
    spans = [Span("Loaded_Language", inside[0], inside[1], 1, 0.8),
             Span("Name_Calling,Labeling", outside[0], outside[1], 2, 0.7)]
    units = [UnitTechniques(1, ["Loaded_Language"], {"Loaded_Language": 0.8}),
             UnitTechniques(2, ["Name_Calling,Labeling"], {"Name_Calling,Labeling": 0.7})]
    analysis = Analysis(techniques=units, spans=spans, techniques_model="tech@test",
                        voices=Voices([quote], entities, stances, MODEL))
    raw = text.encode()
    article = Article(text=text, title=f"Story {n}", source=source, language=language,
                      published=published or f"2024-05-{n % 28 + 1:02d}", paragraphs=paras,
                      raw=raw, source_text=text, origin=f"test#{n}", extractor="plaintext")
    article.analysis = analysis
    return article, hashlib.sha256(raw).hexdigest()
