"""Hand-made analysed articles for the report tests (texts written here, deterministic)."""

from __future__ import annotations

from propscope.schema import Article, RemovedBlock, paragraphs_from_blocks
from propscope.schema.analysis import (
    TITLE,
    Analysis,
    Classification,
    Span,
    UnitTechniques,
)
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES

PARAGRAPHS = [
    "The shameless cabal in the capital has betrayed every honest worker in the valley.",
    "Officials said on Tuesday that the bridge repairs would take another six months.",
    "Either we stand together now or we lose everything our grandparents built.",
    "Критики назвали этот план катастрофой, которая разрушит всю экономику региона.",
    "Die Regierung habe wieder einmal völlig versagt, sagte der Sprecher am Abend.",
]


def analysed_article(i: int, *, source: str = "Valley Herald", language: str = "en",
                     published: str | None = "2024-03-05") -> Article:
    """An article with title and paragraph labels, overlapping spans, genre and frames."""
    blocks = [f"{p} (item {i})" for p in PARAGRAPHS]
    text, paras = paragraphs_from_blocks(blocks)
    nav = "Home / Politics / Valley"
    source_text = nav + "\n" + blocks[0] + "\nPhoto: Valley Herald\n" + "\n".join(blocks[1:])
    photo_at = source_text.index("Photo:")
    art = Article(text=text, paragraphs=paras, title=f"Cabal betrays the valley, number {i}",
                  url=f"https://herald.example/story/{i}", source=source, language=language,
                  published=published, source_text=source_text,
                  removed=[RemovedBlock(0, len(nav), "navigation", nav),
                           RemovedBlock(photo_at, photo_at + 20, "caption", "Photo: Valley Herald")])
    p0, p2 = paras[0].start, paras[2].start
    t1, t2 = TECHNIQUES[i % 23], TECHNIQUES[(i + 5) % 23]
    art.analysis = Analysis(
        techniques=[
            UnitTechniques(TITLE, ["Loaded_Language"], {"Loaded_Language": 0.81}),
            UnitTechniques(0, ["Loaded_Language", "Name_Calling-Labeling", t1],
                           {"Loaded_Language": 0.9, "Name_Calling-Labeling": 0.7, t1: 0.55}),
            UnitTechniques(2, ["False_Dilemma-No_Choice", t2], {"False_Dilemma-No_Choice": 0.66, t2: 0.5}),
        ],
        spans=[Span("Loaded_Language", p0 + 4, p0 + 13, 0, 0.9),
               Span("Name_Calling-Labeling", p0 + 4, p0 + 19, 0, 0.7),
               Span(t1, p0 + 24, p0 + 40, 0, 0.55),
               Span("False_Dilemma-No_Choice", p2, p2 + 40, 2, 0.66),
               Span(t2, p2 + 20, p2 + 60, 2, 0.5)],
        techniques_model="techniques@test",
        genre=Classification([GENRES[i % 3]], {g: (0.8 if g == GENRES[i % 3] else 0.1) for g in GENRES},
                             model="genre@test"),
        frames=Classification([FRAMES[i % 14], "Political"], {f: 0.2 for f in FRAMES} | {
            FRAMES[i % 14]: 0.7, "Political": 0.6}, model="frames@test"),
    )
    return art
