"""Write a synthetic corpus into a Store (Articles with analyses) for end-to-end runs."""

from __future__ import annotations

import hashlib

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.synthetic import iter_batches
from propscope.schema.analysis import Analysis, Classification, Span, UnitTechniques
from propscope.schema.document import Article, Paragraph
from propscope.store import Store


def _analysis(doc: CorpusDoc) -> Analysis:
    """The doc's techniques spread over its paragraphs (one unit and one span per count),
    its genre and frames: what the store would hold had the analyzers run."""
    units: dict[int, list[str]] = {}
    spans: list[Span] = []
    for n, (t, count) in enumerate(sorted(doc.techniques.items())):
        for k in range(count):
            idx = (n + 3 * k) % len(doc.paragraphs)
            s, e = doc.paragraphs[idx]
            units.setdefault(idx, []).append(t)
            spans.append(Span(t, s, min(e, s + 40), idx, 0.8))
    model = "synthetic@1"
    return Analysis(
        techniques=[UnitTechniques(i, sorted(set(ls)), dict.fromkeys(sorted(set(ls)), 0.8))
                    for i, ls in sorted(units.items())],
        spans=spans, techniques_model=model,
        genre=Classification([doc.genre], {doc.genre: 0.9}, model=model) if doc.genre else None,
        frames=Classification(list(doc.frames), dict.fromkeys(doc.frames, 0.7), model=model),
    )


def write_to_store(store: Store, docs: list[CorpusDoc], batch: int = 500) -> int:
    """Save `docs` as Articles (with their analyses) through Store.save_batch, keeping
    their ids, for end-to-end runs; returns how many were new."""
    stored = 0
    for chunk in iter_batches(docs, batch):
        items = []
        for i, d in enumerate(chunk):
            raw = d.text.encode("utf-8")
            art = Article(
                text=d.text, title=d.title, url=f"https://synthetic.example/{d.id}",
                origin=f"synthetic#{stored + i}", source=d.source, published=d.published,
                language=d.language, language_confidence=0.99,
                paragraphs=[Paragraph(s, e) for s, e in d.paragraphs], source_text=d.text,
                raw=raw, extractor="synthetic", id=d.id,
            )
            art.analysis = _analysis(d)
            items.append((art, hashlib.sha256(raw).hexdigest()))
        result = store.save_batch(items)
        new = set(result.stored_ids)
        store.save_analyses([a for a, _ in items if a.id in new])
        stored += result.stored
    return stored
