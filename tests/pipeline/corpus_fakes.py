"""Small stand-ins for the corpus stages and a tiny multilingual store for pipeline tests.

The texts are written here (two stories, three languages, one hostile title)."""

from __future__ import annotations

import hashlib
from typing import Any

from propscope.corpus.docs import CorpusDoc
from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.corpus import Marker, ReuseLink
from propscope.store import Store

BRIDGE = [("The old rail bridge over the Dvina river closed on Monday after inspectors found "
           "cracks in two of its 1,450 steel supports."),
          "Trains between the two river towns will run on a detour for at least six weeks."]
VOTE = [("Parliament postponed the vote on the fishing quota to 14 March after a night of "
         "talks in the committee."),
        "Coastal mayors warned that the delay leaves 3,200 boats without a plan for spring."]
ARTICLES: list[dict[str, Any]] = [
    {"n": 0, "source": "river-times", "published": "2024-03-01", "language": "en",
     "title": "Rail bridge over the Dvina closed", "blocks": BRIDGE},
    {"n": 1, "source": "copy-desk", "published": "2024-03-02", "language": "en",
     "title": "Dvina bridge shut <script>alert(1)</script>\x1b[2J[bold]",
     "blocks": ["River Times reports:"] + BRIDGE},
    {"n": 2, "source": "vestnik", "published": "2024-03-02", "language": "ru",
     "title": "Мост через Двину закрыт",
     "blocks": [("Старый железнодорожный мост через Двину закрыли в понедельник: инспекторы "
                 "нашли трещины в двух из 1 450 стальных опор.")]},
    {"n": 3, "source": "coast-daily", "published": "2024-03-05", "language": "en",
     "title": "Fishing quota vote postponed", "blocks": VOTE},
    {"n": 4, "source": "kueste", "published": "2024-03-06", "language": "de",
     "title": "Abstimmung über Fangquote vertagt",
     "blocks": [("Das Parlament hat die Abstimmung über die Fangquote nach nächtlichen "
                 "Beratungen auf den 14. März verschoben.")]},
]


def article(spec: dict[str, Any]) -> tuple[Article, str]:
    text, paras = paragraphs_from_blocks(list(spec["blocks"]))
    raw = (spec["title"] + "\n\n" + text).encode()
    a = Article(id=f"a{spec['n']:02d}-" + hashlib.sha1(raw).hexdigest()[:8], text=text,
                title=spec["title"], origin=f"test#{spec['n']}", source=spec["source"],
                published=spec["published"], language=spec["language"], paragraphs=paras,
                source_text=raw.decode(), raw=raw, media_type="text/plain",
                extractor="plaintext")
    return a, hashlib.sha256(raw).hexdigest()


def fill(store: Store, specs: list[dict[str, Any]] | None = None) -> list[str]:
    items = [article(s) for s in (specs if specs is not None else ARTICLES)]
    store.save_batch(items)
    return [a.id for a, _ in items]


def paragraph_keys(part: list[CorpusDoc]) -> list[list[str]]:
    """Per-partition work a detector hands to the engine."""
    return [d.paragraph_texts() for d in part]


class SharedParagraphDetector:
    """Links articles sharing a paragraph verbatim; a 'reports' marker for 'X reports:'.
    With an engine, the paragraphs are read in partitions through it."""

    def __init__(self) -> None:
        self.engines: list[str] = []

    def find(self, docs: list[CorpusDoc], engine: Any = None) -> list[ReuseLink]:
        self.engines.append(getattr(engine, "name", "none"))
        parts = [docs[i : i + 2] for i in range(0, len(docs), 2)]
        keys = ([k for part in engine.map(paragraph_keys, parts) for k in part]
                if engine is not None else paragraph_keys(docs))
        by_para: dict[str, list[CorpusDoc]] = {}
        for d, paras in zip(docs, keys, strict=True):
            for p in paras:
                by_para.setdefault(p, []).append(d)
        pairs = {}
        for group in by_para.values():
            for a in group:
                for b in group:
                    if (a.published or "", a.id) < (b.published or "", b.id):
                        kind = "duplicate" if a.text == b.text else "partial"
                        pairs[(a.id, b.id)] = ReuseLink(a.id, b.id, kind, 0.9, 1.0, 0.8,
                                                        markers=self.markers([b]))
        return list(pairs.values())

    def markers(self, docs: list[CorpusDoc]) -> list[Marker]:
        out = []
        for d in docs:
            at = d.text.find(" reports:")
            if at > 0:
                out.append(Marker(d.id, "reports", 0, at + 9, d.text[: at + 9],
                                  [d.text[:at]]))
        return out


class BySourceModel:
    """Assigns by first title word; state counts the calls (checks it is passed back)."""

    def partial_fit(self, docs: list[CorpusDoc], state: dict | None = None
                    ) -> tuple[dict[str, str], dict]:
        calls = (state or {}).get("calls", 0) + 1
        topic = {d.id: "n-bridge" if ("Dvina" in d.text or "Двин" in d.text) else "n-vote"
                 for d in docs}
        return topic, {"calls": calls, "seen": sorted(topic)}
