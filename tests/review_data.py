"""Hand-written articles with a techniques/genre/frames analysis, and correction builders,
for the review tests (store, formats, CLI). Texts written for these tests."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.analysis import (
    TITLE,
    Analysis,
    Classification,
    Span,
    UnitTechniques,
)
from propscope.schema.review import Correction, text_version

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def reviewed_article(n: int, model: str = "tech@1") -> tuple[Article, str]:
    blocks = [f"The harbour board of Westmere met on day {n} to discuss the new pier.",
              "Those reckless bureaucrats are ruining our beautiful town, a resident shouted.",
              "Either we build the pier now or the town dies, the chairman warned."]
    text, paras = paragraphs_from_blocks(blocks)
    reckless = text.index("reckless bureaucrats")
    either = text.index("Either we build")
    spans = [Span("Name_Calling-Labeling", reckless, reckless + 20, 1, 0.8),
             Span("Loaded_Language", reckless, reckless + 8, 1, 0.6),
             Span("False_Dilemma-No_Choice", either, either + 40, 2, 0.7)]
    units = [UnitTechniques(TITLE, [], {}),
             UnitTechniques(0, [], {}),
             UnitTechniques(1, ["Loaded_Language", "Name_Calling-Labeling"], {}),
             UnitTechniques(2, ["False_Dilemma-No_Choice"], {})]
    analysis = Analysis(techniques=units, spans=spans, techniques_model=model,
                        genre=Classification(["reporting"], {"reporting": 0.7}, model="genre@1"),
                        frames=Classification(["Economic"], {"Economic": 0.6}, model="frames@1"))
    raw = text.encode()
    art = Article(text=text, title=f"Pier row number {n}", source="Harbour Gazette",
                  language="en", paragraphs=paras, raw=raw, source_text=text,
                  origin=f"review#{n}", extractor="plaintext")
    art.analysis = analysis
    return art, hashlib.sha256(raw).hexdigest()


def corr(art: Article, target: str, action: str, technique: str, *, author: str = "ana",
         minutes: int = 0, **kw: object) -> Correction:
    return Correction(article_id=art.id, article_version=text_version(art.text), target=target,
                      action=action, technique=technique, author=author,
                      created_at=T0 + timedelta(minutes=minutes), model="tech@1", **kw)  # type: ignore[arg-type]


def span_at(art: Article, needle: str) -> dict[str, int]:
    start = art.text.index(needle)
    return {"start": start, "end": start + len(needle)}
