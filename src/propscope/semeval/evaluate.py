"""`propscope eval semeval`: predict SemEval-2023 Task 3 files and score them officially.

Output follows the official formats exactly so it can be submitted to the task's scorer:
subtask 1 `ID<TAB>genre`, subtask 2 `ID<TAB>frame,...`, subtask 3 `ID<TAB>LINE<TAB>label,...`
(one row per non-empty line, 1-based, empty label list allowed), or one row per row of a
template file, in the template's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from propscope.models import encoder
from propscope.semeval.io import SemevalArticle, read_articles, read_doc_labels, read_line_labels
from propscope.semeval.labels import FRAMES, GENRES, SEMEVAL_TO_ISO, TECHNIQUES, normalize_label
from propscope.semeval.metrics import Scores, indicator, score

Key = tuple[str, ...]  # (id,) or (id, line)


@dataclass
class EvalResult:
    rows: list[tuple[Key, list[str]]]
    scores: Scores | None = None
    missing: int = 0  # gold rows without a prediction (scored as empty)


def iso_language(lang: str) -> str:
    code = lang.strip().lower()
    if code in SEMEVAL_TO_ISO:
        return SEMEVAL_TO_ISO[code]
    if code in SEMEVAL_TO_ISO.values() or (len(code) == 2 and code.isalpha()):
        return code
    raise ValueError(f"unknown language {lang!r}: use an ISO 639-1 code or SemEval's (en fr ge it po ru es gr ka)")


def vocabulary(subtask: int) -> tuple[str, ...]:
    return {1: GENRES, 2: FRAMES, 3: TECHNIQUES}[subtask]


def predict(subtask: int, lang: str, articles: list[SemevalArticle]) -> dict[Key, list[str]]:
    from propscope.models.docclass import DocClassifier
    from propscope.models.techniques import TechniqueModel

    out: dict[Key, list[str]] = {}
    tech = TechniqueModel.load() if subtask == 3 else None
    doc = DocClassifier.load("genre" if subtask == 1 else "frames") if subtask in (1, 2) else None
    for art in articles:
        units = [ln.text for ln in art.lines]
        vectors = encoder.encode(units)
        if tech is not None:
            pred = tech.predict(units, lang, vectors)
            for u, ln in enumerate(art.lines):
                out[(art.id, str(ln.number))] = [lab for lab, on in zip(pred.labels, pred.predicted[u]) if on]
        elif doc is not None:
            out[(art.id,)] = doc.predict(vectors, len(units), lang).predicted
    return out


def template_keys(path: Path, subtask: int) -> list[Key]:
    keys: list[Key] = []
    for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row.strip():
            continue
        parts = row.split("\t")
        if subtask == 3:
            if len(parts) < 2 or not parts[1].strip().isdigit():
                raise ValueError(f"{path}:{n}: a subtask 3 template row is ID<TAB>LINE")
            keys.append((parts[0].strip(), str(int(parts[1]))))
        else:
            keys.append((parts[0].strip(),))
    return keys


def gold_rows(path: Path, subtask: int) -> dict[Key, list[str]]:
    vocab = vocabulary(subtask)
    if subtask == 3:
        raw = {(i, str(ln)): labels for (i, ln), labels in read_line_labels(path).items()}
    else:
        raw = {(i,): labels for i, labels in read_doc_labels(path).items()}
    return {k: sorted({normalize_label(x, vocab) for x in v}) for k, v in raw.items()}


def run(subtask: int, lang: str, articles_dir: Path, out: Path, template: Path | None = None,
        gold: Path | None = None) -> EvalResult:
    if subtask not in (1, 2, 3):
        raise ValueError(f"subtask must be 1, 2 or 3, not {subtask}")
    iso = iso_language(lang)
    articles = read_articles(articles_dir)
    predicted = predict(subtask, iso, articles)
    if template is not None:
        known = {a.id for a in articles}
        keys = template_keys(template, subtask)
        absent = sorted({k[0] for k in keys} - known)
        if absent:
            raise ValueError(f"template names {len(absent)} article(s) not in {articles_dir}: {', '.join(absent[:5])}")
    else:
        keys = list(predicted)
    rows = [(k, predicted.get(k, [])) for k in keys]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for key, labels in rows:
            fh.write("\t".join([*key, ",".join(labels)]) + "\n")
    result = EvalResult(rows)
    if gold is not None:
        truth = gold_rows(gold, subtask)
        mine = dict(rows)
        result.missing = sum(1 for k in truth if k not in mine)
        order = list(truth)
        vocab = vocabulary(subtask)
        result.scores = score(indicator([truth[k] for k in order], vocab),
                              indicator([mine.get(k, []) for k in order], vocab), vocab,
                              "macro" if subtask == 1 else "micro")
    return result
