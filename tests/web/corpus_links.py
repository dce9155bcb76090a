"""Reuse links, markers and narratives over the dashboard fixture corpus (tests/web/corpus.py),
built by hand with the schema records: every row a page shows is known in advance."""

from __future__ import annotations

from propscope.schema import Article
from propscope.schema.corpus import Marker, Narrative, Passage, ReuseLink
from propscope.store import Store

BRIDGE = "n-b71d9e0c4a21"
SOLO = "n-5010aa77bb33"
HOSTILE_NARRATIVE = "<img src=x onerror=alert(12)> harbour bridge \u202etxet"
HOSTILE_MARKER = "<svg onload=alert(11)> reports:"


def by_title(articles: list[Article], start: str) -> Article:
    return next(a for a in articles if a.title.startswith(start))


def add_results(store: Store, articles: list[Article]) -> dict[str, Article]:
    """Replace every link and narrative: planet -> wire (partial), planet -> hostile (spun,
    with an attribution marker in the hostile text), wire -> spanish (translated)."""
    planet, wire = by_title(articles, "Traitors"), by_title(articles, "Harbour bridge")
    russian, german = by_title(articles, "Родина"), by_title(articles, "Brückenbau")
    spanish, hostile = by_title(articles, "El puente"), by_title(articles, "<script>")
    at = hostile.text.index("Plain start")
    marker = Marker(hostile.id, "reports", at, at + len("Plain start"), HOSTILE_MARKER,
                    ['" onfocus="alert(13)'])
    artefact = Marker(hostile.id, "markup-debris", 0, 5, "[19659008]", where="source")
    links = [
        ReuseLink(planet.id, wire.id, "partial", 0.64, 0.33, 0.5,
                  [Passage(2, 0, 0.61, "edited")], added=[1], dropped=[0, 1]),
        ReuseLink(planet.id, hostile.id, "spun", 0.72, 0.4, 0.5,
                  [Passage(0, 0, 0.7, "edited")], added=[1], dropped=[1, 2],
                  markers=[marker]),
        ReuseLink(wire.id, spanish.id, "translated", 0.58, 0.5, 1.0,
                  [Passage(0, 0, 0.83, "translated")], dropped=[1], order_by="ingested"),
    ]
    store.save_reuse(links, [marker, artefact])
    members = [planet, wire, russian, german, spanish]
    bridge = Narrative(
        BRIDGE, HOSTILE_NARRATIVE, ["bridge", "harbour", "<i>tender</i>"], planet.id,
        [a.id for a in members], sources={a.source: 1 for a in members},
        languages={"en": 2, "ru": 1, "de": 1, "es": 1},
        timeline={"2024-01": 1, "2024-02": 2, "2024-03": 2},
        techniques={"Loaded_Language": 1, "Doubt": 1, "Flag_Waving": 1},
        frames={"Economic": 3, "Political": 1}, first="2024-01-15", last="2024-03-21")
    solo = Narrative(SOLO, "solo story", ["solo"], hostile.id, [hostile.id],
                     sources={hostile.source: 1}, languages={"en": 1},
                     timeline={"2024-01": 1}, first="2024-01-20", last="2024-01-20")
    scores = {a.id: 0.9 - 0.1 * i for i, a in enumerate(members)} | {hostile.id: 1.0}
    store.save_narratives([bridge, solo], scores=scores, rebuild=True)
    return {"planet": planet, "wire": wire, "spanish": spanish, "hostile": hostile,
            "german": german}
