"""Source profiles: counts per outlet and period, reuse in and out, narratives carried."""

from __future__ import annotations

import pytest

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.sources import source_profiles
from propscope.corpus.synthetic import generate
from propscope.schema.corpus import ReuseLink


def _doc(i: str, source: str | None, published: str | None, words: int, **kw) -> CorpusDoc:
    return CorpusDoc(id=i, source=source, published=published, text=" ".join(["word"] * words), **kw)


DOCS = [
    _doc("a1", "Alpha", "2024-01-05", 500, language="en", genre="reporting",
         techniques={"Loaded_Language": 3, "Doubt": 1}, frames=["Morality", "Morality"]),
    _doc("a2", "Alpha", "2024-02-01", 500, language="de", genre="opinion",
         techniques={"Loaded_Language": 1, "Doubt": 0}, frames=["Security_and_defense"]),
    _doc("b1", "Beta", "2024-01-06", 1000, language="en", genre="reporting", techniques={}),
    _doc("b2", "Beta", None, 200, language=None),
    _doc("c1", None, "2025-03-01", 100, language="ru"),
]


def _link(a: str, b: str) -> ReuseLink:
    return ReuseLink(earlier=a, later=b, kind="duplicate", score=1, coverage_earlier=1, coverage_later=1)


def test_all_period_counts() -> None:
    links = [_link("a1", "b1"), _link("a1", "b2"), _link("a1", "a2"), _link("a1", "zz")]
    assign = {"a1": "n-1", "a2": "n-1", "b1": "n-1", "b2": "n-2"}
    profiles = {p.source: p for p in source_profiles(DOCS, links, assign, "all")}
    assert list(profiles) == ["(unknown)", "Alpha", "Beta"]
    a, b = profiles["Alpha"], profiles["Beta"]
    assert (a.period, a.articles, a.words) == ("all", 2, 1000)
    assert a.languages == {"en": 1, "de": 1}
    assert a.techniques_per_1000_words == pytest.approx(5.0)  # 3 + 1 + 1 units in 1,000 words
    assert a.top_techniques == {"Loaded_Language": 2, "Doubt": 1}  # articles carrying it
    assert a.frames == {"Morality": 1, "Security_and_defense": 1}
    assert a.genres == {"reporting": 1, "opinion": 1}
    assert a.copied_by == {"Beta": 2} and a.copies_from == {}  # own reuse and unknown ids ignored
    assert b.copies_from == {"Alpha": 2} and b.copied_by == {}
    assert a.narratives == {"n-1": 2} and b.narratives == {"n-1": 1, "n-2": 1}
    assert b.languages == {"en": 1, "und": 1} and b.techniques_per_1000_words == 0.0


def test_year_and_month_periods() -> None:
    by_month = {(p.source, p.period): p for p in source_profiles(DOCS, [_link("a1", "b1")], {}, "month")}
    assert set(by_month) == {("Alpha", "2024-01"), ("Alpha", "2024-02"), ("Beta", "2024-01"),
                             ("Beta", "undated"), ("(unknown)", "2025-03")}
    assert by_month[("Alpha", "2024-01")].copied_by == {"Beta": 1}
    by_year = {(p.source, p.period): p.articles for p in source_profiles(DOCS, [], {}, "year")}
    assert by_year[("Alpha", "2024")] == 2 and by_year[("(unknown)", "2025")] == 1
    with pytest.raises(ValueError):
        source_profiles(DOCS, [], {}, "week")  # type: ignore[arg-type]


def test_profiles_of_the_synthetic_corpus_follow_the_planted_copies() -> None:
    c = generate(500, seed=4)
    by_id = {d.id: d for d in c.docs}
    links = [_link(*sorted(pair, key=lambda i: (by_id[i].ingested_at, i))) for pair in c.truth.pairs]
    profiles = source_profiles(c.docs, links, c.truth.narrative, "all")
    assert sum(p.articles for p in profiles) == 500
    total_in = sum(sum(p.copies_from.values()) for p in profiles)
    total_out = sum(sum(p.copied_by.values()) for p in profiles)
    assert total_in == total_out == sum(1 for x, y in c.truth.pairs if by_id[x].source != by_id[y].source)
    assert all(len(p.narratives) >= 1 for p in profiles)
