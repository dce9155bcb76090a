"""SemEval-2023 Task 3 subtask 1 (genre) and 2 (frames) files for corrected articles, and back.

`labels-subtask-1.txt` holds `ID<TAB>genre` and `labels-subtask-2.txt` holds
`ID<TAB>frame,frame,...`, one row per exported article, with its *effective* labels (model
output + corrections). Like the subtask 3 files, a row states the complete labels of its
article for that target: import turns the difference to the stored effective labels into
accept / add / reject corrections, so a round trip gives identical effective genre and frames.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from propscope.review.effective import EffectiveLabels
from propscope.review.limits import MAX_RECORDS, ImportFileError, decode, read_capped
from propscope.review.parsed import Articles, Parsed
from propscope.schema import Article
from propscope.schema.review import VOCABULARY, Correction, CorrectionError
from propscope.semeval.labels import normalize_label

GENRE = "labels-subtask-1.txt"
FRAMES = "labels-subtask-2.txt"
#: file name -> correction target (the EffectiveLabels field of the same name)
DOC_FILES: dict[str, str] = {GENRE: "genre", FRAMES: "frames"}


def write_doc_labels(items: Iterable[tuple[Article, EffectiveLabels]], out: Path,
                     technique: str | None = None) -> int:
    """Both files for the given articles; returns rows written."""
    rows: dict[str, list[str]] = {name: [] for name in DOC_FILES}
    for art, eff in items:
        for name, target in DOC_FILES.items():
            labels = [x for x in getattr(eff, target) if technique in (None, x)]
            rows[name].append(f"{art.id}\t{','.join(labels)}")
    for name, lines in rows.items():
        (out / name).write_text("".join(r + "\n" for r in lines), encoding="utf-8")
    return sum(len(v) for v in rows.values())


def present(folder: Path) -> bool:
    return any((folder / name).exists() for name in DOC_FILES)


def _rows(path: Path) -> Iterable[tuple[str, str, str]]:
    """(origin, article id, labels field) of every non-empty row."""
    for n, row in enumerate(decode(read_capped(path), path).split("\n"), 1):
        if n > MAX_RECORDS:
            raise ImportFileError(f"{path}: more than {MAX_RECORDS} rows")
        if row.strip():
            aid, _tab, labels = row.rstrip("\r").partition("\t")
            yield f"{path.name}:{n}", aid.strip(), labels


def _wanted(folder: Path, name: str, articles: Articles, technique: str | None,
            out: list[Parsed]) -> dict[str, set[str]]:
    """article id -> labels the file states (bad rows reported into `out`)."""
    target = DOC_FILES[name]
    want: dict[str, set[str]] = {}
    for origin, aid, field in _rows(folder / name):
        try:
            if articles.article(aid) is None:
                raise CorrectionError(f"unknown article {aid}")
            labels = {normalize_label(x.strip(), VOCABULARY[target]) for x in field.split(",") if x.strip()}
            if target == "genre" and len(labels) > 1:
                raise CorrectionError(f"more than one genre for {aid}")
            if aid in want:
                raise CorrectionError(f"article {aid} listed twice")
            want[aid] = {x for x in labels if technique in (None, x)}
        except (CorrectionError, ValueError) as exc:
            out.append(Parsed(origin, None, str(exc)[:300]))
    return want


def _model(articles: Articles, aid: str, target: str) -> str:
    """The genre / frames model tag the verdict reviews (not the techniques one)."""
    art = articles.article(aid)
    cls = getattr(art.analysis, target, None) if art is not None and art.analysis else None
    return cls.model if cls is not None else ""


def read_doc_labels(folder: Path, articles: Articles, base: Callable[[str], dict[str, Any]],
                    technique: str | None = None) -> list[Parsed]:
    """Corrections that make each listed article's effective genre/frames equal the files'.

    `base(aid)` gives the fields every correction of that article shares (author, version,
    model, time), as the subtask 3 reader builds them."""
    out: list[Parsed] = []
    for name, target in DOC_FILES.items():
        if not (folder / name).exists():
            continue
        for aid, labels in _wanted(folder, name, articles, technique, out).items():
            eff = articles.effective(aid)
            assert eff is not None
            have = {x for x in getattr(eff, target) if technique in (None, x)}
            verdicts = sorted([(x, "accept") for x in have & labels] + [(x, "add") for x in labels - have]
                              + [(x, "reject") for x in have - labels])
            shared = {**base(aid), "model": _model(articles, aid, target) or base(aid)["model"]}
            for label, action in verdicts:
                out.append(Parsed(f"{aid} {target}", Correction(
                    target=target, action=action, technique=label, **shared)))
    return out
