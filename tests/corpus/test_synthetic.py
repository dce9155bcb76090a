"""The benchmark generator: deterministic, planted relations visible in the text, fast."""

from __future__ import annotations

import re
from collections import Counter

from propscope.corpus.synthetic import fast_article_id, generate
from propscope.corpus.synthetic_store import write_to_store
from propscope.schema.document import article_id
from propscope.store import open_store


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d{2,}", re.sub(r"(?<=\d)[\u00a0,.](?=\d{3})", "", text)))


def _paras(doc) -> list[str]:
    return doc.paragraph_texts()


def test_deterministic_and_well_formed() -> None:
    a, b = generate(400, seed=3), generate(400, seed=3)
    assert [d.id for d in a.docs] == [d.id for d in b.docs]
    assert a.truth.pairs == b.truth.pairs
    assert generate(400, seed=4).docs[0].text != a.docs[0].text
    assert len({d.id for d in a.docs}) == 400
    for d in a.docs:
        assert d.id == article_id(d.text) == fast_article_id(d.text)
        assert all(d.text[s:e].strip() == d.text[s:e] and e > s for s, e in d.paragraphs)
        assert d.ingested_at[:4] == "2024" and d.language and d.source and d.title
    langs = Counter(d.language for d in a.docs)
    assert set(langs) == {"en", "ru", "de", "fr", "it", "pl"}
    assert sum(d.published is None for d in a.docs) < 40
    order = [(d.published or d.ingested_at[:10], d.ingested_at) for d in a.docs]
    assert [d.ingested_at for d in a.docs] == sorted(d.ingested_at for d in a.docs)
    assert order == sorted(order)


def test_planted_relations_are_visible_in_the_text() -> None:
    c = generate(1500, seed=5)
    by_id = {d.id: d for d in c.docs}
    kinds = Counter(c.truth.pairs.values())
    assert all(kinds[k] > 20 for k in ("duplicate", "partial", "spun", "translated")), kinds
    for (x, y), kind in c.truth.pairs.items():
        a, b = by_id[x], by_id[y]
        assert c.truth.narrative[x] == c.truth.narrative[y]
        pa, pb = set(_paras(a)), set(_paras(b))
        if kind == "duplicate":  # same body, different outlet boilerplate
            assert a.source != b.source and a.text != b.text
            body_a = [p for p in _paras(a) if p not in pb]
            assert all(len(p.split()) < 45 for p in body_a), body_a  # only boilerplate differs
        elif kind == "partial":
            assert a.language == b.language and len(pa & pb) >= 2
        elif kind == "translated":
            assert a.language != b.language
            assert _numbers(a.text) & _numbers(b.text)  # the same figures, written locally
        elif kind == "spun":
            assert a.language == b.language
    for x, y in c.truth.boilerplate_pairs[:200]:
        a, b = by_id[x], by_id[y]
        assert a.source == b.source and (x, y) not in c.truth.pairs
        shared = set(_paras(a)) & set(_paras(b))
        assert all(a.source in p or len(p.split()) <= 5 for p in shared), shared


def test_spun_copies_carry_slant_and_mt_artefacts() -> None:
    c = generate(1500, seed=5)
    spun = [d for d in c.docs if c.truth.made[d.id] == "spun"]
    assert spun
    assert sum("Source link" in d.text for d in spun) > len(spun) // 3
    assert any(re.search(r"\[\d{8}\]", d.text) for d in spun)
    en = [d for d in spun if d.language == "en"]
    assert any(re.search(r"claimed|falsely asserted|alleged|was forced to admit", d.text) for d in en)


def test_narratives_span_outlets_languages_and_time() -> None:
    c = generate(2000, seed=2)
    members: dict[str, list] = {}
    for d in c.docs:
        members.setdefault(c.truth.narrative[d.id], []).append(d)
    big = [m for m in members.values() if len(m) >= 20]
    assert big
    for m in big:
        assert len({d.source for d in m}) >= 3
        assert len({d.language for d in m}) >= 2
        days = sorted(d.published for d in m if d.published)
        assert days[0] != days[-1]


def test_write_to_store_round_trip(store_url: str) -> None:
    c = generate(60, seed=9)
    with open_store(store_url) as store:
        n = write_to_store(store, c.docs, batch=25)
        assert n == 60
        assert store.count_articles() == 60
        doc = c.docs[7]
        art = store.get_article(doc.id)
        assert art is not None and art.text == doc.text and art.source == doc.source
        assert [(p.start, p.end) for p in art.paragraphs] == doc.paragraphs
        assert art.published == doc.published and art.language == doc.language
        analysis = store.get_analysis(doc.id)
        assert analysis is not None and analysis.genre and analysis.genre.labels == [doc.genre]
        assert write_to_store(store, c.docs[:10]) == 0  # already there: duplicates, not rewritten
