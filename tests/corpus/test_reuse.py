"""ReuseDetector: kinds, who came first, boilerplate, partitioned runs, translations."""

from __future__ import annotations

import random
import time
from typing import ClassVar

import pytest
from _reuse_texts import BOILER_A, BOILER_B, DE, EN, EN_OTHER, FR, RU, make_doc

from propscope.corpus.reuse import ReuseDetector, ordered

SAME = ReuseDetector(translated=False)


def _kinds(links) -> list[tuple[str, str, str]]:
    return [(x.earlier, x.later, x.kind) for x in links]


def test_duplicate_with_other_boilerplate_links_published_first() -> None:
    a = make_doc("a", BOILER_A + EN, source="Harbour Gazette", published="2024-03-02")
    b = make_doc("b", EN + BOILER_B, source="Coastal Courier", published="2024-03-01")
    [link] = ReuseDetector(translated=False).find([a, b])
    assert (link.earlier, link.later, link.kind, link.order_by) == ("b", "a", "duplicate", "published")
    assert link.coverage_earlier == link.coverage_later == 1.0 and link.score == 1.0
    assert link.added == [] and link.dropped == []


def test_partial_copy() -> None:
    a = make_doc("a", EN, ingested_at="2024-03-01T10:00:00")
    b = make_doc("b", [EN_OTHER[0], *EN[:4]], ingested_at="2024-03-01T09:00:00")
    [link] = SAME.find([a, b])
    assert (link.earlier, link.later, link.kind, link.order_by) == ("b", "a", "partial", "ingested")
    assert link.coverage_later > 0.6 and link.coverage_earlier > 0.8
    assert link.dropped == [0] and link.added == [4, 5]


def test_machine_translated_copy_is_spun_with_markers_attached() -> None:
    a = make_doc("a", EN, published="2024-03-01")
    copied = [EN[0], EN[1].replace("the council", "the council UU"), "[19659008] " + EN[2], *EN[3:], "Source link"]
    b = make_doc("b", copied, published="2024-03-05")
    [link] = SAME.find([a, b])
    assert link.kind == "spun"
    assert {(m.kind, m.text) for m in link.markers} >= {("mt-artifact", "UU"), ("markup-debris", "[19659008]"), ("source-link", "Source link")}
    assert all(m.article_id == "b" for m in link.markers)


def test_slanted_rewrite_is_spun_only_when_the_slant_changes() -> None:
    slant = [p.replace("said", "grudgingly admitted").replace("confirmed", "was forced to admit")
             .replace("warned", "desperately warned").replace("demanded", "rightly demanded")
             .replace("promised", "vaguely promised") for p in EN]
    a = make_doc("a", EN, published="2024-03-01", techniques={"Doubt": 1})
    b = make_doc("b", slant, published="2024-03-02", techniques={"Doubt": 1, "Loaded_Language": 4})
    assert _kinds(SAME.find([a, b])) == [("a", "b", "spun")]
    b.techniques = {"Doubt": 1}
    assert _kinds(SAME.find([a, b]))[0][2] in ("duplicate", "partial")


def test_order_falls_back_to_ingest_then_id() -> None:
    x = make_doc("x", ["t"], published="2024-03-01T10:00:00", ingested_at="2024-03-02")
    y = make_doc("y", ["t"], published="2024-03-01", ingested_at="2024-03-01")
    assert [d.id for d in ordered(x, y)[:2]] + [ordered(x, y)[2]] == ["y", "x", "ingested"]
    z = make_doc("z", ["t"], published="2024-02-28")
    assert ordered(x, z)[0].id == "z" and ordered(x, z)[2] == "published"
    u, v = make_doc("v", ["t"]), make_doc("u", ["t"])
    assert (ordered(u, v)[0].id, ordered(u, v)[2]) == ("u", "id")


def test_boilerplate_only_documents_never_link() -> None:
    docs = [make_doc(f"b{i}", BOILER_A) for i in range(3)] + [make_doc("c", BOILER_A + BOILER_B)]
    assert SAME.find(docs) == []


def test_an_outlets_long_footer_is_boilerplate_by_source() -> None:
    footer = ("The Harbour Gazette is an independent newspaper funded by its readers. We never take money "
              "from the port authority, the council or the ferry company, and we publish corrections within a day.")
    bodies = [[p] for p in EN] + [[p] for p in EN_OTHER]
    docs = [make_doc(f"d{i}", [*body, footer], source="Harbour Gazette") for i, body in enumerate(bodies)]
    assert SAME.find(docs) == []
    assert len(SAME.boilerplate(docs)) > 0


def test_hostile_documents() -> None:
    rng = random.Random(5)
    vocab = " ".join(EN + EN_OTHER).split()
    big = "\n\n".join(" ".join(rng.choice(vocab) for _ in range(60)) for _ in range(3000))
    assert len(big) > 1_000_000
    docs = [make_doc("e", []), make_doc("w", ["word"]), make_doc("w2", ["word"]), make_doc("p", ["!!!"]),
            make_doc("big1", [big]), make_doc("big2", [big + " tail"])]
    docs[4].paragraphs = docs[5].paragraphs = []  # split on blank lines
    t = time.perf_counter()
    links = SAME.find(docs)
    assert time.perf_counter() - t < 60
    assert _kinds(links) == [("big1", "big2", "duplicate")]


def test_partitioned_run_equals_find_and_is_input_order_independent() -> None:
    docs = [make_doc("a", EN, published="2024-01-01"), make_doc("b", EN[:4] + [EN_OTHER[0]], published="2024-01-02"),
            make_doc("c", EN_OTHER, published="2024-01-03"), make_doc("d", EN_OTHER[1:] + EN[4:], published="2024-01-04"),
            make_doc("e", EN + BOILER_B, published="2024-01-05")]
    det = ReuseDetector(translated=False)
    whole = det.find(docs)
    assert len(whole) >= 3
    buckets = det.candidates(docs)
    by_id = {d.id: d for d in docs}
    parts = {(x.earlier, x.later): x for ids in buckets.values() for x in det.verify([by_id[i] for i in ids])}
    assert [parts[k] for k in sorted(parts)] == whole
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert ReuseDetector(translated=False).find(shuffled) == whole

    class Engine:
        name = "fake"
        stages: ClassVar[list[str]] = []

        def map(self, fn, items):
            Engine.stages.append(getattr(fn, "func", fn).__name__)
            return [fn(x) for x in items]

    assert ReuseDetector(translated=False).find(docs, engine=Engine()) == whole
    assert Engine.stages == ["shingle_task", "_verify_task"]  # articles, then pairs, in tasks


@pytest.fixture(scope="module")
def multilingual() -> list:
    docs = [make_doc("en", EN[:4], language="en", published="2024-03-01"),
            make_doc("de", DE, language="de", published="2024-03-02"),
            make_doc("ru", RU, language="ru", published="2024-03-03"),
            make_doc("fr", FR, language="fr", published="2024-03-04"),
            make_doc("other", EN_OTHER, language="en", published="2024-03-01")]
    return docs


def test_translations_link_across_languages(multilingual: list) -> None:
    det = ReuseDetector()
    links = det.find(multilingual)
    pairs = {(x.earlier, x.later): x for x in links}
    assert ("en", "de") in pairs and ("en", "ru") in pairs
    assert all(x.kind == "translated" for x in links)
    assert not any("other" in k for k in pairs)
    link = pairs[("en", "de")]
    assert len(link.passages) >= 3 and all(p.change == "translated" for p in link.passages)
    assert link.coverage_earlier >= 0.7
    assert all(d.vector is not None for d in multilingual)  # computed when missing
