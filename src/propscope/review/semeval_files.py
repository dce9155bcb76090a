"""SemEval-2023 Task 3 files for corrected articles, and back.

The SemEval view of an article is `title + "\\n\\n" + Article.text` (newlines in the title
become spaces), so span offsets in the file are text offsets shifted by len(title) + 2, and
line numbers count lines exactly like semeval/io.parse_article. Line 1 is the title unit
(TITLE); another line belongs to the paragraph its first character lies in. Output folder:
`articles/article<ID>.txt`, `labels-subtask-3.txt` (`ID<TAB>LINE<TAB>labels`, every
non-empty line), `labels-subtask-3-spans.txt` (`ID<TAB>technique<TAB>start<TAB>end`) and the
genre / frames files of subtasks 1 and 2 (review/semeval_doc.py).
A labels file states the complete labels of each article it lists: import turns the
difference to the stored effective labels into accept / add / reject corrections.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from propscope.review.effective import EffectiveLabels
from propscope.review.limits import MAX_RECORDS, ImportFileError, decode, read_capped
from propscope.review.parsed import Articles, Parsed
from propscope.review.semeval_doc import present, read_doc_labels, write_doc_labels
from propscope.schema import Article
from propscope.schema.analysis import TITLE
from propscope.schema.review import Correction, CorrectionError, text_version
from propscope.semeval.io import parse_article
from propscope.semeval.labels import normalize_technique

LABELS = "labels-subtask-3.txt"
SPANS = "labels-subtask-3-spans.txt"


def view(art: Article) -> tuple[str, int, list[tuple[int, int | None]]]:
    """(file text, offset shift, [(line number, unit or None)]) of the non-empty lines."""
    title = " ".join(art.title.splitlines())
    shift = len(title) + 2
    units: list[tuple[int, int | None]] = []
    for line in parse_article(art.id, title + "\n\n" + art.text).lines:
        if line.number == 1:
            units.append((1, TITLE))
            continue
        pos = line.start - shift
        hit = next((i for i, p in enumerate(art.paragraphs) if p.start <= pos < max(p.end, p.start + 1)), None)
        units.append((line.number, hit))
    return title + "\n\n" + art.text, shift, units


def write_semeval(items: Iterable[tuple[Article, EffectiveLabels]], out: Path,
                  technique: str | None = None) -> int:
    (out / "articles").mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    spans: list[str] = []
    items = list(items)
    for art, eff in items:
        text, shift, units = view(art)
        (out / "articles" / f"article{art.id}.txt").write_text(text, encoding="utf-8", newline="")
        for number, unit in units:
            labels = [] if unit is None else eff.paragraphs.get(unit, [])
            rows.append(f"{art.id}\t{number}\t{','.join(x for x in labels if technique in (None, x))}")
        spans += [f"{art.id}\t{t}\t{s + shift}\t{e + shift}" for t, s, e in eff.spans
                  if technique in (None, t)]
    (out / LABELS).write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    (out / SPANS).write_text("".join(r + "\n" for r in spans), encoding="utf-8")
    return len(rows) + len(spans) + write_doc_labels(items, out, technique)


def _rows(path: Path, width: tuple[int, ...]) -> Iterable[tuple[str, list[str] | None, str]]:
    if not path.exists():
        return
    for n, row in enumerate(decode(read_capped(path), path).split("\n"), 1):
        if n > MAX_RECORDS:
            raise ImportFileError(f"{path}: more than {MAX_RECORDS} rows")
        if not row.strip():
            continue
        parts = row.rstrip("\r").split("\t")
        ok = len(parts) in width
        yield f"{path.name}:{n}", parts if ok else None, "expected " + " or ".join(f"{w} tab-separated fields" for w in width)


def _desired(folder: Path, articles: Articles, technique: str | None,
             errors: list[Parsed]) -> dict[str, tuple[dict[int, set[str]], set[tuple[str, int, int]]]]:
    """article -> (paragraph unit -> labels, spans) as the files state them."""
    want: dict[str, tuple[dict[int, set[str]], set[tuple[str, int, int]]]] = {}
    def slot(aid: str) -> tuple[dict[int, set[str]], set[tuple[str, int, int]]]:
        return want.setdefault(aid, (defaultdict(set), set()))
    views: dict[str, tuple[Article, int, dict[int, int | None]]] = {}
    def article(aid: str) -> tuple[Article, int, dict[int, int | None]]:
        if aid not in views:
            art = articles.article(aid)
            if art is None:
                raise CorrectionError(f"unknown article {aid}")
            _text, shift, units = view(art)
            views[aid] = (art, shift, dict(units))
        return views[aid]
    for origin, parts, why in _rows(folder / LABELS, (2, 3)):
        try:
            if parts is None or not parts[1].strip().isdigit():
                raise CorrectionError(why if parts is None else "LINE must be a number")
            art, _shift, units = article(parts[0].strip())
            line = int(parts[1])
            if units.get(line) is None:
                raise CorrectionError(f"line {line} is not a paragraph or the title of {art.id}")
            labels = {normalize_technique(x) for x in (parts[2] if len(parts) > 2 else "").split(",") if x.strip()}
            slot(art.id)[0][units[line]] |= {x for x in labels if technique in (None, x)}  # type: ignore[index]
        except (CorrectionError, ValueError) as exc:
            errors.append(Parsed(origin, None, str(exc)[:300]))
    for origin, parts, why in _rows(folder / SPANS, (4,)):
        try:
            if parts is None or not (parts[2].isdigit() and parts[3].isdigit()):
                raise CorrectionError(why if parts is None else "start and end must be numbers")
            art, shift, _units = article(parts[0].strip())
            start, end = int(parts[2]) - shift, int(parts[3]) - shift
            if not 0 <= start < end <= len(art.text):
                raise CorrectionError(f"span {parts[2]}..{parts[3]} is not inside the text of {art.id}")
            tech = normalize_technique(parts[1])
            if technique in (None, tech):
                slot(art.id)[1].add((tech, start, end))
        except (CorrectionError, ValueError) as exc:
            errors.append(Parsed(origin, None, str(exc)[:300]))
    return want


def read_semeval(folder: Path, articles: Articles, author: str, technique: str | None = None) -> list[Parsed]:
    if not folder.is_dir() or not ((folder / LABELS).exists() or (folder / SPANS).exists() or present(folder)):
        raise ImportFileError(f"{folder}: expected a folder with {LABELS}, {SPANS} or subtask 1/2 labels")
    out: list[Parsed] = []
    now = datetime.now(UTC)

    def fields(aid: str) -> dict[str, Any]:
        art = articles.article(aid)
        assert art is not None
        model = art.analysis.techniques_model if art.analysis else ""
        return {"article_id": aid, "article_version": text_version(art.text), "author": author,
                "model": model, "created_at": now}

    for aid, (units, spans) in _desired(folder, articles, technique, out).items():
        eff = articles.effective(aid)
        assert eff is not None
        base = fields(aid)
        for unit, labels in units.items():
            have = {x for x in eff.paragraphs.get(unit, []) if technique in (None, x)}
            for lab, action in _verdicts(have, labels):
                out.append(Parsed(f"{aid} line unit {unit}", Correction(
                    target="paragraph", action=action, technique=lab, paragraph=unit, **base)))
        if (folder / SPANS).exists():
            have_spans = {s for s in eff.spans if technique in (None, s[0])}
            for (tech, s, e), action in _verdicts(have_spans, spans):
                out.append(Parsed(f"{aid} span {s}..{e}", Correction(
                    target="span", action=action, technique=tech, start=s, end=e, **base)))
    return out + read_doc_labels(folder, articles, fields, technique)


def _verdicts(have: set, want: set) -> list[tuple]:
    return sorted([(x, "accept") for x in have & want] + [(x, "add") for x in want - have]
                  + [(x, "reject") for x in have - want])
