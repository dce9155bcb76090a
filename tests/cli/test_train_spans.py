"""`propscope train --with-feedback --only spans` end to end on a small slice: analysts'
span corrections teach the tagger a phrase it did not locate, its held-out span F1 rises and
the version becomes active (and re-analysis follows it); corrections that contradict that
phrase lower the held-out score, and the version that learned it stays active (exit 3).
Real training code, real store, SemEval read from ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.models.bundle import BUNDLE_DIR, load_bundle
from propscope.models.spantagger import SpanTagger
from propscope.semeval.spans import span_scores
from propscope.store import open_store
from tests.training.feedback_world import (
    URGENT,
    clock_article,
    have_semeval,
    models_fixture,  # noqa: F401 - the `models` fixture
    store_articles,
)
from tests.training.span_world import (
    PHRASES,
    clock_span_corrections,
    urgent_word_corrections,
)

pytestmark = pytest.mark.skipif(not have_semeval(), reason="../shared SemEval data not available")
QUICK = ["train", "--with-feedback", "--only", "spans", "--languages", "en", "--folds", "2", "--max-articles", "8"]
ARTICLE = ("Harbour plan\n\nThe council of Fernley met on Monday to discuss the harbour wall.\n\n"
           + URGENT[0].format(p="Fernley") + "\n")


def _invoke(args: list[str]):
    load_bundle.cache_clear()
    res = CliRunner().invoke(app, args)
    load_bundle.cache_clear()
    return res


def _row(output: str, label: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.startswith(label + " "))


def _clock_world(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'spans.db'}"
    arts = [clock_article(n) for n in range(16)]
    with open_store(db) as store:
        store_articles(store, arts)
        store.add_corrections(clock_span_corrections(arts))
    return db


def _phrase_f1() -> float:
    """The active tagger, told each urgent sentence is Appeal_to_Time: how well it finds the
    phrase analysts mark (a place it never saw)."""
    tagger = SpanTagger(load_bundle("spans"))
    found, gold = [], []
    for n, (sentence, phrase) in enumerate(zip(URGENT, PHRASES, strict=True)):
        text = sentence.format(p="Fernley")
        start = text.index(phrase)
        gold.append((str(n), "Appeal_to_Time", start, start + len(phrase)))
        found += [(str(n), "Appeal_to_Time", s, e) for s, e, _ in tagger.spans(text, ["Appeal_to_Time"])["Appeal_to_Time"]]
    return span_scores(found, gold)["ALL"].f1


def _tags(db: str) -> set[str]:
    with open_store(db) as store:
        return {store.get_analysis(a.id).techniques_model for a in store.list_articles(limit=5)}


def test_span_corrections_teach_the_tagger_and_activate(models: Path, tmp_path: Path) -> None:
    page = tmp_path / "harbour.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    reader = f"sqlite:///{tmp_path / 'reader.db'}"
    analyze = ["analyze", "--db", reader, "--only", "techniques", "--tier", "fast", "--workers", "1", "-q"]
    assert _invoke([*analyze, str(page)]).exit_code == 0
    shipped_tag = f"techniques@{load_bundle('techniques', BUNDLE_DIR).manifest['version']}"
    assert _tags(reader) == {shipped_tag}
    shipped_f1 = _phrase_f1()

    res = _invoke([*QUICK, "--db", _clock_world(tmp_path)])
    assert res.exit_code == 0, res.output
    _label, old, new, _delta, support = _row(res.output, "Appeal_to_Time")
    assert float(new) > float(old) + 0.2 and int(support) == 16  # located better on held-out articles
    assert "activated fb-" in res.output
    version = (models / "spans" / "ACTIVE").read_text().strip()
    m = json.loads((models / "spans" / version / "manifest.json").read_text())
    fb = m["feedback"]
    assert m["name"] == "spans" and m["version"] == f"{load_bundle('spans', BUNDLE_DIR).manifest['version']}+{version}"
    assert fb["parent"]["version"] == "shipped" and fb["decision"] == "activated"
    assert (fb["corrections"]["count"], fb["corrections"]["authors"]) == (16, ["ana", "bo"])
    held = fb["held_out"]
    assert held["folds"] == 2 and held["new_micro_f1"] >= held["old_micro_f1"]
    assert held["per_label"]["Appeal_to_Time"]["support"] == 16
    assert held["subsets"]["corrected"]["new_micro_f1"] > held["subsets"]["corrected"]["old_micro_f1"]
    assert m["languages"] == ["en"] and m["cv"]["folds"] == 2 and "given_gold_labels" in m["cv"]
    assert len((models / "spans" / version / "corrections.txt").read_text().split()) == 16

    # analyses load the active tagger, which finds the phrase in a text it never saw
    assert load_bundle("spans").path == models / "spans" / version
    assert _phrase_f1() > shipped_f1 + 0.2
    # the techniques tag names the retrained tagger, so stored articles are analysed again
    assert _invoke([*analyze]).exit_code == 0
    assert _tags(reader) == {f"{shipped_tag}+spans.{m['version']}"}
    res = _invoke(["models", "list", "spans"])
    assert res.exit_code == 0 and version in res.output and "* " in res.output
    assert _invoke(["models", "use", "spans", "shipped"]).exit_code == 0
    assert load_bundle("spans").path == BUNDLE_DIR / "spans" and _phrase_f1() == shipped_f1
    assert _invoke([*analyze]).exit_code == 0
    assert _tags(reader) == {shipped_tag}


def test_contradicting_span_corrections_keep_the_active_version(models: Path, tmp_path: Path) -> None:
    db = _clock_world(tmp_path)
    assert _invoke([*QUICK, "--db", db]).exit_code == 0
    first = (models / "spans" / "ACTIVE").read_text().strip()
    # another analyst marks one random word of the urgent paragraph in 16 more articles:
    # the rest of the phrase becomes "not Appeal_to_Time" there
    more = [clock_article(n) for n in range(16, 32)]
    with open_store(db) as store:
        store_articles(store, more)
        store.add_corrections(urgent_word_corrections(more, 1))
    res = _invoke([*QUICK, "--db", db])
    assert res.exit_code == 3, res.output
    assert "NOT activated" in res.output and f"{first} stays active" in res.output
    micro = _row(res.output, "MICRO")
    assert float(micro[2]) < float(micro[1])
    _label, old, new, _delta, support = _row(res.output, "Appeal_to_Time")
    assert float(new) < float(old) and int(support) == 32
    assert (models / "spans" / "ACTIVE").read_text().strip() == first  # the old ACTIVE stays
    assert load_bundle("spans").path == models / "spans" / first
    (second,) = [p.name for p in (models / "spans").iterdir() if p.name.startswith("fb-") and p.name != first]
    fb = json.loads((models / "spans" / second / "manifest.json").read_text())["feedback"]
    assert fb["decision"] == "kept-old" and fb["parent"]["version"] == first
    assert (fb["corrections"]["count"], fb["corrections"]["authors"]) == (32, ["ana", "bo", "mallory"])
