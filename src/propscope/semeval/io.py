"""Reading and writing SemEval-2023 Task 3 files.

Articles are `article<ID>.txt`: the title on line 1, then paragraphs one per line. Subtask 3
labels every non-empty line by its 1-based line number, so line numbering here must count
empty lines exactly like the official scorer does (we split on "\\n" only, never on other
Unicode line breaks that `str.splitlines` would honour).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ARTICLE_RE = re.compile(r"^article(\w+)\.txt$")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, as in the label files
    start: int  # character offsets into SemevalArticle.text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SemevalArticle:
    id: str
    text: str
    lines: tuple[Line, ...]  # non-empty lines only

    @property
    def title(self) -> str:
        return self.lines[0].text if self.lines and self.lines[0].number == 1 else ""


def parse_article(article_id: str, text: str) -> SemevalArticle:
    lines: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), 1):
        body = raw.rstrip("\r")
        if body.strip():
            lines.append(Line(number, pos, pos + len(body), body))
        pos += len(raw) + 1
    return SemevalArticle(article_id, text, tuple(lines))


def read_article(path: Path) -> SemevalArticle:
    match = _ARTICLE_RE.match(path.name)
    if not match:
        raise ValueError(f"{path}: not a SemEval article file (expected article<ID>.txt)")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    return parse_article(match.group(1), text.removeprefix("\ufeff"))


def read_articles(directory: Path) -> list[SemevalArticle]:
    """Every article<ID>.txt in `directory`, sorted by numeric id where ids are numeric."""
    if not directory.is_dir():
        raise ValueError(f"{directory}: not a directory")
    paths = [p for p in directory.iterdir() if _ARTICLE_RE.match(p.name)]
    if not paths:
        raise ValueError(f"{directory}: no article<ID>.txt files")
    arts = [read_article(p) for p in paths]
    return sorted(arts, key=lambda a: (not a.id.isdigit(), int(a.id) if a.id.isdigit() else 0, a.id))


def read_doc_labels(path: Path) -> dict[str, list[str]]:
    """Subtask 1/2 files: `ID<TAB>label[,label...]` (an empty label list is allowed)."""
    out: dict[str, list[str]] = {}
    for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row.strip():
            continue
        parts = row.split("\t")
        if len(parts) < 1 or not parts[0].strip():
            raise ValueError(f"{path}:{n}: expected ID<TAB>labels")
        labels = parts[1] if len(parts) > 1 else ""
        out[parts[0].strip()] = [x.strip() for x in labels.split(",") if x.strip()]
    return out


def read_line_labels(path: Path) -> dict[tuple[str, int], list[str]]:
    """Subtask 3 files: `ID<TAB>LINE<TAB>label[,label...]`, in file order."""
    out: dict[tuple[str, int], list[str]] = {}
    for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row.strip():
            continue
        parts = row.split("\t")
        if len(parts) < 2 or not parts[1].strip().isdigit():
            raise ValueError(f"{path}:{n}: expected ID<TAB>LINE<TAB>labels")
        labels = parts[2] if len(parts) > 2 else ""
        out[(parts[0].strip(), int(parts[1]))] = [x.strip() for x in labels.split(",") if x.strip()]
    return out


def read_spans(path: Path) -> list[tuple[str, str, int, int]]:
    """Span files: `ID<TAB>technique<TAB>start<TAB>end` (end exclusive)."""
    out: list[tuple[str, str, int, int]] = []
    for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row.strip():
            continue
        parts = row.split("\t")
        if len(parts) != 4:
            raise ValueError(f"{path}:{n}: expected ID<TAB>technique<TAB>start<TAB>end")
        out.append((parts[0], parts[1], int(parts[2]), int(parts[3])))
    return out
