"""Scoring of HTML extraction against the WCXB benchmark (dev split in ``../shared``).

Kept importable (not only inside ``scripts/eval_wcxb.py``) so the quality test and the
script compute exactly the same numbers. Normalisation rules, stated once:

* **body**: bag-of-words F1 between extracted text and ``main_content``; words are
  ``\\w+`` runs after NFKC + casefold. Averaged over pages that have ``main_content``
  (a page where nothing was extracted scores 0).
* **title**: exact match after NFKC, casefold, typographic quotes/dashes unified,
  whitespace collapsed and trailing punctuation stripped.
* **date**: ISO ``YYYY-MM-DD``; a partial truth such as ``2003-11`` is compared against the
  same-length prefix of the prediction.
* **author**: both sides split into names on ``,``/``;``/``&``/`` and ``/``|``; a leading
  "By", honorifics ("Dr.", "Prof.") and credentials ("MD", "Ph.D.", "RD", "CFP®") are
  dropped, then compared as sets of normalised names.
* Pages whose truth lacks a field are skipped for that field (counted in ``n``).
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_NAME_SPLIT = re.compile(r"\s*(?:[,;&|]|\band\b|\bund\b|\bet\b|\bи\b)\s*", re.IGNORECASE)
_CRED_WORDS = frozenset(
    ["md", "ms", "rd", "phd", "ph.d", "ph.d.", "mba", "cpa", "cfp", "cfa", "dvm", "vmd", "jd", "rn", "np", "pa", "lpc", "dr", "mph", "fand", "facs", "do", "dds", "msc", "bsc", "ma", "ba", "mfa", "esq", "jr", "sr", "ii", "iii", "cpp", "psp", "lvt"]
)


@dataclass(slots=True)
class Page:
    """One benchmark page: raw HTML plus the four truth fields we score."""

    id: str
    url: str | None
    html: str
    title: str | None
    author: str | None
    date: str | None
    body: str | None


@dataclass(slots=True)
class Prediction:
    """What an extractor returned for one page, in scoring terms."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    body: str = ""
    seconds: float = 0.0


def load_pages(root: Path, *, limit: int | None = None, parity: str | None = None) -> list[Page]:
    """Read ``html/<id>.html.gz`` + ``ground-truth/<id>.json``; ``parity`` is even/odd/None."""
    pages: list[Page] = []
    for gt_path in sorted((root / "ground-truth").glob("*.json")):
        pid = gt_path.stem
        if parity and (int(pid) % 2 == 0) != (parity == "even"):
            continue
        gt = json.loads(gt_path.read_text(encoding="utf-8"))
        truth = gt.get("ground_truth") or {}
        raw = gzip.decompress((root / "html" / f"{pid}.html.gz").read_bytes())
        pages.append(Page(pid, gt.get("url"), raw.decode("utf-8", errors="replace"),
                          _str_or_none(truth.get("title")), _str_or_none(truth.get("author")),
                          _str_or_none(truth.get("publish_date")),
                          _str_or_none(truth.get("main_content"))))
        if limit and len(pages) >= limit:
            break
    return pages


def _str_or_none(value: object) -> str | None:
    """Truth fields are sometimes null, empty, or a stringified list; reduce to text."""
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            parsed = json.loads(text)
            if isinstance(parsed, list):
                text = ", ".join(str(v) for v in parsed)
        except ValueError:
            pass
    return text or None


def words(text: str) -> Counter[str]:
    """Bag of words used by body F1."""
    return Counter(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def word_f1(predicted: str, truth: str) -> float:
    """Bag-of-words F1; 0 when either side is empty (and 1 when both are)."""
    p, t = words(predicted), words(truth)
    if not p or not t:
        return float(not p and not t)
    common = sum((p & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def norm_text(text: str) -> str:
    """Title normalisation: NFKC, casefold, unified quotes/dashes, collapsed whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip().rstrip(".:;,!").strip()


def norm_date(text: str | None) -> str | None:
    """First ISO-looking ``YYYY-MM(-DD)`` in the string, or None."""
    if not text:
        return None
    m = re.search(r"\d{4}-\d{2}(?:-\d{2})?", text)
    return m.group(0) if m else None


def date_match(predicted: str | None, truth: str) -> bool:
    """Dates compared as YYYY-MM-DD, or as the truth's shorter prefix when it is partial."""
    t, p = norm_date(truth), norm_date(predicted)
    return bool(t and p and p[: len(t)] == t)


def author_names(value: str | Iterable[str] | None) -> frozenset[str]:
    """Split author strings into a set of normalised names without credentials."""
    if not value:
        return frozenset()
    items = [value] if isinstance(value, str) else list(value)
    names: set[str] = set()
    for item in items:
        for part in _NAME_SPLIT.split(item):
            part = re.sub(r"^\s*by\s+", "", part.strip(), flags=re.IGNORECASE).strip(" .")
            part = re.sub(r"^(?:dr|prof|mr|mrs|ms)\.?\s+(?=\S)", "", part, flags=re.IGNORECASE)
            if not part or _is_credential(part):
                continue
            names.add(norm_text(part))
    return frozenset(names)


def _is_credential(part: str) -> bool:
    """"MS", "Ph.D.", "E-RYT 200", "CFP®" and friends: not names."""
    tokens = part.split()
    if all(t.casefold().strip(".,®") in _CRED_WORDS for t in tokens):
        return True
    if not all(re.fullmatch(r"[A-Z0-9][A-Z0-9.\-®]{0,5}", t) for t in tokens):
        return False
    return len(tokens) == 1 or any(c.isdigit() for c in part)


def author_match(predicted: list[str], truth: str) -> bool:
    """Author lists match when their normalised name sets are equal."""
    t = author_names(truth)
    return bool(t) and author_names(predicted) == t


@dataclass(slots=True)
class Score:
    """Totals for one extractor over a page set."""

    n_pages: int = 0
    title_hit: int = 0
    title_n: int = 0
    author_hit: int = 0
    author_n: int = 0
    date_hit: int = 0
    date_n: int = 0
    body_f1_sum: float = 0.0
    body_n: int = 0
    seconds: float = 0.0

    def add(self, page: Page, pred: Prediction) -> None:
        """Fold one page into the totals, skipping fields the truth lacks."""
        self.n_pages += 1
        self.seconds += pred.seconds
        if page.title:
            self.title_n += 1
            self.title_hit += bool(pred.title) and norm_text(pred.title or "") == norm_text(page.title)
        if page.author:
            self.author_n += 1
            self.author_hit += author_match(pred.authors, page.author)
        if page.date:
            self.date_n += 1
            self.date_hit += date_match(pred.date, page.date)
        if page.body:
            self.body_n += 1
            self.body_f1_sum += word_f1(pred.body, page.body)

    def summary(self) -> dict[str, float]:
        """Percentages and per-page time, for printing and for the quality floors."""
        pct = lambda hit, n: 100.0 * hit / n if n else 0.0
        return {
            "title": pct(self.title_hit, self.title_n),
            "author": pct(self.author_hit, self.author_n),
            "date": pct(self.date_hit, self.date_n),
            "body_f1": pct(self.body_f1_sum, self.body_n),
            "ms_per_page": 1000.0 * self.seconds / self.n_pages if self.n_pages else 0.0,
        }


def timed(fn: Callable[[Page], Prediction], page: Page) -> Prediction:
    """Run one extractor on one page, recording wall time; errors become empty output."""
    start = time.perf_counter()
    try:
        pred = fn(page)
    except Exception:  # noqa: BLE001 - a crash scores as "nothing extracted"
        pred = Prediction()
    pred.seconds = time.perf_counter() - start
    return pred


def predict_ours(page: Page) -> Prediction:
    """propscope's extract_html in scoring terms."""
    from propscope.extract.html import extract_html

    ex = extract_html(page.html, url=page.url)
    return Prediction(ex.title, list(ex.authors), ex.published, "\n".join(ex.blocks))


def predict_trafilatura(page: Page) -> Prediction:
    """trafilatura.bare_extraction with its defaults (metadata switched on)."""
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return Prediction()
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Prediction(doc.title, authors, doc.date, doc.text or "")


EXTRACTORS: dict[str, Callable[[Page], Prediction]] = {
    "ours": predict_ours,
    "trafilatura": predict_trafilatura,
}


def evaluate(pages: list[Page], names: Iterable[str] = ("ours", "trafilatura")) -> dict[str, Score]:
    """Score each named extractor on the pages (serially, so timings are comparable)."""
    scores = {name: Score() for name in names}
    for page in pages:
        for name, score in scores.items():
            score.add(page, timed(EXTRACTORS[name], page))
    return scores


def default_root() -> Path:
    """``../shared/data/wcxb/dev`` next to the repository root."""
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "wcxb" / "dev"
