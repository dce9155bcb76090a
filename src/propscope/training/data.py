"""Load the SemEval-2023 Task 3 training data from ../shared into plain records.

Training only: nothing here is imported at run time. Labels are normalized on the way in
(see `semeval.labels.normalize_label`), so no model ever learns a misspelled class.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from propscope.semeval.io import SemevalArticle, read_article, read_doc_labels, read_line_labels, read_spans
from propscope.semeval.labels import (
    FRAMES,
    SEMEVAL_TO_ISO,
    TECHNIQUES,
    normalize_frame,
    normalize_label,
    normalize_technique,
)

TRAIN_LANGS: tuple[str, ...] = ("en", "fr", "ge", "it", "po", "ru")


def shared_root() -> Path:
    """`$PROPSCOPE_SHARED` or ../shared next to the repository."""
    env = os.environ.get("PROPSCOPE_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


def semeval_root() -> Path:
    root = shared_root() / "data" / "semeval2023"
    if not root.is_dir():
        raise FileNotFoundError(f"SemEval data not found at {root} (set PROPSCOPE_SHARED)")
    return root


@dataclass(slots=True)
class TrainArticle:
    lang: str  # ISO 639-1
    article: SemevalArticle
    line_labels: dict[int, list[str]] = field(default_factory=dict)  # line number -> techniques
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # technique, start, end
    genre: str | None = None
    frames: list[str] | None = None

    @property
    def key(self) -> str:
        return f"{self.lang}:{self.article.id}"


def load_language(code: str) -> list[TrainArticle]:
    """One SemEval language directory (`code` is SemEval's: en fr ge it po ru)."""
    base = semeval_root() / code
    lang = SEMEVAL_TO_ISO[code]
    st1 = read_doc_labels(base / "train-labels-subtask-1.txt")
    st2 = read_doc_labels(base / "train-labels-subtask-2.txt")
    st3 = read_line_labels(base / "train-labels-subtask-3.txt")
    out: list[TrainArticle] = []
    for path in sorted((base / "train-articles-subtask-3").glob("article*.txt")):
        art = read_article(path)
        ta = TrainArticle(lang, art)
        for line in art.lines:
            labels = st3.get((art.id, line.number), [])
            ta.line_labels[line.number] = sorted({normalize_technique(x) for x in labels})
        span_path = base / "train-labels-subtask-3-spans" / f"article{art.id}-labels-subtask-3.txt"
        if span_path.exists():
            ta.spans = [(normalize_technique(t), s, e) for _, t, s, e in read_spans(span_path)]
        if art.id in st1 and st1[art.id]:
            ta.genre = normalize_label(st1[art.id][0], ("opinion", "reporting", "satire"))
        if art.id in st2:
            ta.frames = sorted({normalize_frame(x) for x in st2[art.id]})
        out.append(ta)
    return out


def load_doc_only(code: str, subtask: int) -> list[TrainArticle]:
    """Articles of subtask 1/2 that are not in subtask 3's folder (their sets differ)."""
    base = semeval_root() / code
    labels = read_doc_labels(base / f"train-labels-subtask-{subtask}.txt")
    out = []
    for path in sorted((base / f"train-articles-subtask-{subtask}").glob("article*.txt")):
        art = read_article(path)
        ta = TrainArticle(SEMEVAL_TO_ISO[code], art)
        got = labels.get(art.id)
        if got is None:
            continue
        if subtask == 1:
            ta.genre = normalize_label(got[0], ("opinion", "reporting", "satire")) if got else None
        else:
            ta.frames = sorted({normalize_frame(x) for x in got})
        out.append(ta)
    return out


def load_all() -> list[TrainArticle]:
    return [a for code in TRAIN_LANGS for a in load_language(code)]


__all__ = ["TECHNIQUES", "FRAMES", "TrainArticle", "load_all", "load_language", "load_doc_only"]
