"""Narratives: incremental assignment with stable ids, cross-language stories, labels."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.narrative_vec import (
    anchors,
    skeleton,
    stand_in_vector,
    text_vectors,
)
from propscope.corpus.narratives import NarrativeModel, doc_day, narrative_id
from propscope.corpus.scoring import score_narratives
from propscope.corpus.synthetic import generate

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def corpus():
    c = generate(600, seed=21, mean_narrative=30, span_days=40)  # stories straddle the cut
    for d in c.docs:
        d.vector = stand_in_vector(d)  # fast and deterministic; the encoder is tested below
    return c


def _split_at_day(docs: list[CorpusDoc]) -> tuple[list[CorpusDoc], list[CorpusDoc]]:
    order = sorted(docs, key=lambda d: (doc_day(d) or 0, d.ingested_at))
    cut = doc_day(order[len(order) // 2])
    return [d for d in docs if (doc_day(d) or 0) < cut], [d for d in docs if (doc_day(d) or 0) >= cut]


def test_two_batches_give_the_same_assignments_and_ids(corpus) -> None:
    model = NarrativeModel()
    whole, _ = model.partial_fit(corpus.docs)
    first, second = _split_at_day(corpus.docs)
    a1, state = model.partial_fit(first, None)
    state = json.loads(json.dumps(state))  # the state is JSON: it goes to the store
    a2, state2 = model.partial_fit(second, state)
    assert {**a1, **a2} == whole
    # ids of narratives founded in batch 1 did not change; founders carry their own id
    assert set(state["ids"]) <= set(state2["ids"])
    assert state2["ids"][: len(state["ids"])] == state["ids"]
    founders = {nid for nid in whole.values()}
    by_id = {narrative_id(d.id): d.id for d in corpus.docs}
    assert all(nid in by_id and whole[by_id[nid]] == nid for nid in founders)


def test_a_new_batch_joins_existing_narratives(corpus) -> None:
    model = NarrativeModel()
    first, second = _split_at_day(corpus.docs)
    a1, state = model.partial_fit(first, None)
    a2, _ = model.partial_fit(second, state)
    joined = [d for d in second if a2[d.id] in set(a1.values())]
    assert len(joined) > len(second) // 3
    truth = corpus.truth.narrative
    same_story = sum(1 for d in joined if any(truth[x] == truth[d.id] and a1[x] == a2[d.id] for x in a1))
    assert same_story >= 0.8 * len(joined)  # stand-in vectors: 0.88 measured (0.5 threshold)


def test_running_again_on_the_same_input_is_stable(corpus) -> None:
    model = NarrativeModel()
    assert model.fit(corpus.docs) == model.fit(list(reversed(corpus.docs)))


def test_quality_with_stand_in_vectors_is_reasonable(corpus) -> None:
    s = score_narratives(NarrativeModel().fit(corpus.docs), corpus.truth.narrative)
    assert s["bcubed_f1"] > 0.7, s


def test_time_window_and_revival() -> None:
    v = np.ones(8, np.float32)
    text = "Minister Varlen Dortek promised 4,512 houses in Brastova after the flood."
    docs = [CorpusDoc(id=f"d{i}", text=text, title="Flood", published=day, vector=v)
            for i, day in enumerate(("2024-01-01", "2024-01-10", "2024-06-01"))]
    strict = NarrativeModel(revive_margin=1.0)  # revival impossible
    a = strict.fit(docs)
    assert a["d0"] == a["d1"] != a["d2"]
    a = NarrativeModel().fit(docs)  # identical text comes back after months: revived
    assert len(set(a.values())) == 1
    other = CorpusDoc(id="x", text="Unrelated: the Orvesta choir sang 88 songs.", title="Choir",
                      vector=-v, published="2024-01-02")
    assert NarrativeModel().fit([*docs, other])["x"] == narrative_id("x")


def test_undated_articles_use_ingest_date_or_none() -> None:
    assert doc_day(CorpusDoc(id="a", text="", published="2024-02-03T10:00:00")) == doc_day(
        CorpusDoc(id="b", text="", ingested_at="2024-02-03T23:59:59"))
    assert doc_day(CorpusDoc(id="c", text="", published="garbage")) is None


def test_state_mismatches_are_refused(corpus) -> None:
    _, state = NarrativeModel().partial_fit(corpus.docs[:50])
    with pytest.raises(ValueError, match="version"):
        NarrativeModel().partial_fit(corpus.docs[50:60], {**state, "version": 99})
    odd = [CorpusDoc(id="z", text="Zed", vector=np.ones(3, np.float32))]
    with pytest.raises(ValueError, match="dim"):
        NarrativeModel().partial_fit(odd, state)
    assert NarrativeModel().partial_fit([], state)[0] == {}


def test_anchors_survive_translation_and_number_formats() -> None:
    en = anchors("On Monday minister Pavel Dortek said that 1,450 homes in Brastova were hit.")
    ru = anchors("В понедельник министр Павел Дортек заявил, что 1\u00a0450 домов в Брастова пострадали.")
    de = anchors("Am Montag sagte Minister Pavel Dortek, dass 1.450 Häuser in Brastova betroffen waren.")
    assert "#1450" in en and "#1450" in ru and "#1450" in de
    assert skeleton("Dortek") in ru and skeleton("Brastova") in ru
    assert skeleton("Dortek") == skeleton("Дортек")
    assert not any(a in ("#20", "#2024") for a in anchors("On 20 March 2024 Dortek spoke."))


def _doc(i: str, lang: str, title: str, text: str, source: str, day: str, **kw) -> CorpusDoc:
    return CorpusDoc(id=i, title=title, text=text, language=lang, source=source, published=day,
                     paragraphs=[(0, len(text))], **kw)


STORY = [
    ("en", "Dam breach floods Velmora", ("The Karsten dam near Velmora broke on Tuesday and "
     "4,380 residents were evacuated, regional governor Ilona Vestrik said. Engineers of "
     "Hydrovolt had warned about cracks in the Karsten dam for two years."), "Daily Wire"),
    ("ru", "Прорыв плотины у Вельморы", ("Плотина Карстен у Вельморы прорвалась во вторник, "
     "эвакуированы 4\u00a0380 жителей, сообщила губернатор Илона Вестрик. Инженеры компании "
     "Hydrovolt два года предупреждали о трещинах в плотине Карстен."), "Вестник"),
    ("de", "Dammbruch überflutet Velmora", ("Der Karsten-Damm bei Velmora ist am Dienstag "
     "gebrochen, 4.380 Einwohner wurden evakuiert, sagte Gouverneurin Ilona Vestrik. "
     "Ingenieure von Hydrovolt hatten seit zwei Jahren vor Rissen im Karsten-Damm gewarnt."), "Rundschau"),
]
OTHER = ("en", "Chess champion wins in Oslandia", ("Grandmaster Tivo Marrak won the Oslandia "
         "open with 9 points out of 11, beating Selma Quist in the final round of the "
         "tournament held in the capital's old library."), "Daily Wire")


def test_cross_language_story_and_label_with_the_encoder() -> None:
    docs = [_doc(f"s{i}", lang, t, x, src, f"2024-05-0{i + 1}", techniques={"Loaded_Language": 2},
                 frames=["Capacity_and_resources"]) for i, (lang, t, x, src) in enumerate(STORY)]
    docs.append(_doc("o", *OTHER, "2024-05-02", techniques={"Doubt": 1}))
    model = NarrativeModel()
    a = model.fit(docs)
    assert a["s0"] == a["s1"] == a["s2"] == narrative_id("s0")
    assert a["o"] == narrative_id("o")
    [n] = model.narratives(docs, a)  # min_size 2: the chess story alone is not listed
    assert n.id == narrative_id("s0") and sorted(n.members) == ["s0", "s1", "s2"]
    assert n.languages == {"en": 1, "ru": 1, "de": 1}
    assert n.sources == {"Daily Wire": 1, "Вестник": 1, "Rundschau": 1}
    assert n.timeline == {"2024-05": 3} and (n.first, n.last) == ("2024-05-01", "2024-05-03")
    assert n.techniques == {"Loaded_Language": 3} and n.frames == {"Capacity_and_resources": 3}
    assert {"karsten", "velmora"} & set(n.key_terms)
    assert model.narratives(docs, a, language="ru")[0].representative == "s1"
    assert n.label.endswith(next(d.title for d in docs if d.id == n.representative))
    assert len(model.narratives(docs, a)) == 1 and len(NarrativeModel(min_size=1).narratives(docs, a)) == 2


def _seed_docs() -> list[CorpusDoc]:
    docs = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        text = "\n\n".join(lines[1:])
        docs.append(CorpusDoc(id=path.stem, title=lines[0], text=text, language="en",
                              ingested_at="2026-01-05T10:00:00"))
    return docs


def _semeval(lang: str, limit: int) -> list[CorpusDoc]:
    folder = SHARED / "data" / "semeval2023" / lang / "train-articles-subtask-1"
    docs = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        docs.append(CorpusDoc(id=f"{lang}-{path.stem}", title=title.strip(), text=body.strip(),
                              ingested_at="2026-01-05T10:00:00"))
    return docs


def test_the_five_seeds_are_one_narrative_among_real_news() -> None:
    seeds = _seed_docs()
    assert len(seeds) == 5
    others = _semeval("en", 120) + _semeval("fr", 40)
    a = NarrativeModel().fit(seeds + others)
    assert len({a[d.id] for d in seeds}) == 1
    members = [x for x, nid in a.items() if nid == a[seeds[0].id]]
    assert len(members) <= 15  # the seeds' narrative does not swallow unrelated news
    assert len(set(a.values())) > 60  # real news is not lumped into a few clusters


def test_the_seeds_stay_one_narrative_in_any_order_and_when_dated() -> None:
    seeds = _seed_docs()
    vectors = text_vectors(seeds)
    for d, v in zip(seeds, vectors, strict=True):
        d.vector = v
    for perm in itertools.permutations(range(5)):
        for d, p in zip(seeds, perm, strict=True):
            d.ingested_at = f"2026-01-05T10:00:0{p}"
        assert len(set(NarrativeModel().fit(seeds).values())) == 1, perm
    # "over two years": a month-long window alone would split them, revival joins them
    for d, day in zip(seeds, ("2017-03-22", "2016-06-28", "2015-11-26", "2017-12-06", "2015-12-11"),
                      strict=True):
        d.published = day
    assert len(set(NarrativeModel().fit(seeds).values())) == 1
    assert len(set(NarrativeModel(revive_margin=1.0).fit(seeds).values())) > 1


@pytest.mark.quality
def test_bcubed_floor_on_the_synthetic_benchmark_with_the_encoder() -> None:
    """Pinned floor: measured 0.986 (P 0.97, R 1.0; 16 true narratives, 15 found) on
    2026-12-03 with the shipped encoder and default parameters; the issue's target is 0.85."""
    c = generate(400, seed=31, mean_narrative=25)
    s = score_narratives(NarrativeModel().fit(c.docs), c.truth.narrative)
    assert s["bcubed_f1"] >= 0.92, s
