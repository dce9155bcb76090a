"""A small world for retraining tests: a store with corrected articles, and SemEval slices.

The "clock" articles are written here: every one has a paragraph that urges acting before
it is too late (Appeal_to_Time), which the model output stored with them misses; analysts'
corrections add the label. SemEval articles are READ from ../shared at test time (never
copied into the repository) and stored so that corrections can flip their gold labels.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from propscope.models.bundle import load_bundle
from propscope.schema import Article, paragraphs_from_blocks
from propscope.schema.analysis import TITLE, Analysis, Classification, UnitTechniques
from propscope.schema.review import Correction, text_version
from propscope.store import Store
from propscope.training.data import TrainArticle, shared_root

SHARED_SEMEVAL = shared_root() / "data" / "semeval2023" / "en"
T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)

PLACES = ["Lowmoor", "Kestrel Bay", "Ashgrove", "Pennick", "Marrow Hill", "Tidewell", "Oakham Cross",
          "Sallow", "Brinefield", "Corran", "Whitlow", "Dunsford"]
URGENT = [
    "Time is running out for {p}: we must act now, before it is too late.",
    "The clock is ticking in {p}, and every day we wait the damage becomes harder to undo.",
    "There is no time left to waste in {p}; the window to act closes this very week.",
    "We cannot afford to wait another day in {p}, because tomorrow will be too late.",
]
PLAIN = [
    "The committee in {p} met on Thursday to review the budget for the coming year.",
    "Officials in {p} said the report would be published after the summer recess.",
    "Residents of {p} attended a public meeting about the new bus timetable.",
    "The mayor of {p} thanked volunteers who repaired the footpaths along the river.",
]


def clock_article(n: int) -> Article:
    """Four plain paragraphs and one urgent one; the stored model output says nothing."""
    p = f"{PLACES[n % len(PLACES)]} {n}"
    blocks = [PLAIN[(n + i) % 4].format(p=p) for i in range(4)]
    blocks.insert(1 + n % 3, URGENT[n % 4].format(p=p))
    text, paras = paragraphs_from_blocks(blocks)
    art = Article(text=text, title=f"Report number {n} from {p}", language="en", paragraphs=paras,
                  raw=text.encode(), source_text=text, origin=f"clock#{n}", extractor="plaintext")
    art.analysis = Analysis(techniques=[UnitTechniques(TITLE, [], {})] + [UnitTechniques(i, [], {})
                                                                          for i in range(len(paras))],
                            techniques_model="techniques@1.0.0",
                            genre=Classification(["reporting"], {}, model="genre@1.0.0"),
                            frames=Classification(["Political"], {}, model="frames@1.0.0"))
    return art


def urgent_paragraph(art: Article) -> int:
    return next(i for i, t in enumerate(art.paragraph_texts()) if any(
        w in t for w in ("Time is running out", "clock is ticking", "no time left", "too late")))


def store_articles(store: Store, arts: list[Article]) -> None:
    store.save_batch([(a, hashlib.sha256(a.raw).hexdigest()) for a in arts])
    store.save_analyses(arts)


def correction(art: Article, target: str, action: str, label: str, minute: int, *,
               author: str = "ana", **kw: object) -> Correction:
    return Correction(article_id=art.id, article_version=text_version(art.text), target=target,
                      action=action, technique=label, author=author, model="techniques@1.0.0",
                      created_at=T0 + timedelta(minutes=minute), **kw)  # type: ignore[arg-type]


def clock_corrections(arts: list[Article]) -> list[Correction]:
    return [correction(a, "paragraph", "add", "Appeal_to_Time", i, paragraph=urgent_paragraph(a),
                       author=("ana", "bo")[i % 2]) for i, a in enumerate(arts)]


def semeval_as_stored(ta: TrainArticle) -> Article:
    """A SemEval article as `propscope ingest` would store it: title, then one paragraph per line."""
    lines = ta.article.lines
    text, paras = paragraphs_from_blocks([ln.text for ln in lines[1:]])
    return Article(text=text, title=lines[0].text, language="en", paragraphs=paras, raw=text.encode(),
                   source_text=text, origin=f"semeval#{ta.article.id}", extractor="plaintext",
                   analysis=Analysis(techniques_model="techniques@1.0.0"))


def shuffled_corrections(pairs: list[tuple[Article, TrainArticle]], seed: int) -> list[Correction]:
    """Move every gold label to a random line of these articles (each line keeps its number
    of labels and the labels keep their frequencies, so only their meaning is destroyed),
    recorded as rejections of the gold labels and additions of the moved ones."""
    rng = random.Random(seed)
    lines = [(art, unit, ta.line_labels.get(ln.number, [])) for art, ta in pairs
             for unit, ln in zip([TITLE, *range(len(art.paragraphs))], ta.article.lines, strict=True)]
    pool = [label for _a, _u, gold in lines for label in gold]
    rng.shuffle(pool)
    out = []
    for minute, (art, unit, gold) in enumerate(lines):
        moved = {pool.pop() for _ in gold}
        out += [correction(art, "paragraph", "reject", x, minute, paragraph=unit, author="mallory")
                for x in sorted(set(gold) - moved)]
        out += [correction(art, "paragraph", "add", x, minute, paragraph=unit, author="mallory")
                for x in sorted(moved - set(gold))]
    return out


def have_semeval() -> bool:
    return Path(SHARED_SEMEVAL / "train-articles-subtask-3").is_dir()


@pytest.fixture(name="models")
def models_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private models folder (retrained versions, ACTIVE pointers) and a cold bundle cache."""
    monkeypatch.setenv("PROPSCOPE_MODELS_DIR", str(tmp_path / "models"))
    load_bundle.cache_clear()
    yield tmp_path / "models"
    load_bundle.cache_clear()
