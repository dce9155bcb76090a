"""Corpus entity merger: bare surnames join the one full name the corpus knows."""

from __future__ import annotations

from propscope.analyzers.voices.entities import find_entities
from propscope.corpus.entities import EntityMerger
from propscope.schema import Article
from propscope.schema.voices import Entity, Mention


def _person(key: str, name: str, start: int = 0) -> Entity:
    return Entity(key, name, "person", [Mention(start, start + len(name))], [name], 0.5)


def test_unique_full_name_absorbs_the_bare_surname() -> None:
    corpus = [
        ("a1", [_person("per:aleksei-pushkov", "Alexei Pushkov")]),
        ("a2", [_person("per:pushkov", "Pushkov")]),
        (
            "a3",
            [
                _person("per:pushkov", "Pushkov"),
                _person("per:mark-toner", "Mark Toner"),
            ],
        ),
    ]
    merger = EntityMerger().fit(corpus)
    assert merger.mapping() == {"per:pushkov": "per:aleksei-pushkov"}
    [out] = merger.transform(corpus[1][1])
    assert (out.id, out.name) == ("per:aleksei-pushkov", "Alexei Pushkov")


def test_two_different_smiths_block_the_merge() -> None:
    corpus = [
        ("a1", [_person("per:john-smith", "John Smith")]),
        ("a2", [_person("per:adam-smith", "Adam Smith")]),
        ("a3", [_person("per:smith", "Smith")]),
    ]
    assert EntityMerger().fit(corpus).mapping() == {}
    # a tolerant ratio merges when one full name dominates
    corpus += [("a4", [_person("per:john-smith", "John Smith")])] * 9
    assert EntityMerger(min_ratio=0.9).fit(corpus).mapping() == {
        "per:smith": "per:john-smith"
    }
    assert EntityMerger(min_ratio=1.0).fit(corpus).mapping() == {}


def test_min_articles_and_non_person_keys() -> None:
    corpus = [
        ("a1", [_person("per:igor-konashenkov", "Igor Konashenkov")]),
        ("a2", [_person("per:konashenkov", "Konashenkov")]),
        ("a3", [Entity("org:defense", "Defense", "organization", [Mention(0, 7)])]),
        ("a4", [Entity("org:defense-ministry", "Defense Ministry", "organization")]),
    ]
    assert EntityMerger(min_articles=2).fit(corpus).mapping() == {}
    assert EntityMerger().fit(corpus).mapping() == {
        "per:konashenkov": "per:igor-konashenkov"
    }


def test_longer_spelling_of_a_full_name_and_then_the_surname() -> None:
    corpus = [
        ("a1", [_person("per:bashar-al-hakim", "Bashar al-Hakim")]),
        ("a2", [_person("per:bashar-hakim", "Bashar Hakim")]),
        ("a3", [_person("per:hakim", "Hakim")]),
    ]
    mapping = EntityMerger().fit(corpus).mapping()
    assert mapping == {
        "per:bashar-hakim": "per:bashar-al-hakim",
        "per:hakim": "per:bashar-al-hakim",
    }


def test_transform_merges_entities_that_now_share_an_id() -> None:
    corpus = [("a1", [_person("per:aleksei-pushkov", "Alexei Pushkov")])]
    merger = EntityMerger().fit(corpus)
    both = [
        _person("per:aleksei-pushkov", "Alexei Pushkov", 50),
        _person("per:pushkov", "Pushkov", 5),
    ]
    merger.mapping_["per:pushkov"] = "per:aleksei-pushkov"
    [one] = merger.transform(both)
    assert [m.start for m in one.mentions] == [5, 50]
    assert one.aliases == ["Alexei Pushkov", "Pushkov"]


def test_end_to_end_on_articles_in_two_languages() -> None:
    texts = [
        ("ru1", "Сенатор Алексей Пушков заявил, что переговоры сорваны.", "ru"),
        ("en1", "Pushkov said on Tuesday the talks had failed.", "en"),
        ("en2", "Later Pushkov told reporters he was not surprised.", "en"),
    ]
    corpus = [
        (aid, find_entities(Article(text=t, language=lang))) for aid, t, lang in texts
    ]
    assert {e.id for _, ents in corpus for e in ents} == {
        "per:aleksei-pushkov",
        "per:pushkov",
    }
    out = EntityMerger().fit_transform(corpus)
    assert {e.id for ents in out for e in ents} == {"per:aleksei-pushkov"}
