"""Self-contained HTML report of stored articles (no external requests, all escaped).

Jinja2 with autoescape on: every value from a document is hostile, and a report is a file
analysts forward to editors, so it must render inert anywhere it is opened. The only markup
we add around text comes from `highlight()` segments; the one inline script is ours and
the CSP meta tag allows exactly it (by hash), so even a parser confusion could not run
anything else. Bidi overrides and invisible characters are dropped from displayed text,
so a title cannot visually reverse or hide what follows it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from propscope import __version__
from propscope.report import charts
from propscope.report.highlight import Highlighted, Removed, Segment, highlight
from propscope.report.summary import frames_of, genre_of, summarize
from propscope.report.techniques_info import (
    FRAME_INFO,
    GENRE_INFO,
    GROUPS,
    TECHNIQUE_INFO,
    label_name,
    technique_info,
)
from propscope.report.voices import article_quotes, voice_split, who_is_quoted
from propscope.schema import Article
from propscope.semeval.labels import TECHNIQUES
from propscope.store.query import CorpusStats

_env = Environment(
    loader=PackageLoader("propscope.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028-\u202e\u2060-\u2069\ufeff]")
_RESOURCES = files("propscope.report") / "templates"
SCRIPT = (_RESOURCES / "report.js").read_text(encoding="utf-8")
STYLE = (_RESOURCES / "report.css").read_text(encoding="utf-8")
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode()
CSP = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; "
       "img-src data:; base-uri 'none'; form-action 'none'")
MAX_DEPTH = 4  # stacked underlines drawn per segment; deeper overlaps share the last one


def clean(value: object) -> str:
    """Text for display: no bidi overrides, zero-width or control characters."""
    return _INVISIBLE.sub("", "" if value is None else str(value))


def safe_link(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL a reader may follow, else None (shown as text)."""
    if not url or any(ord(c) <= 0x20 or 0x7F <= ord(c) <= 0x9F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def tech_class(label: str) -> str:
    return f"t{TECHNIQUES.index(label)}" if label in TECHNIQUES else "tx"


@dataclass(frozen=True, slots=True)
class SegView:
    text: str
    data: str  # data-techniques value
    tip: str
    layers: tuple[str, ...]  # class of each nested underline span, outermost first


def _tracks(segments: tuple[Segment, ...]) -> dict[str, int]:
    """Underline level per technique in a paragraph, stable across its segments.

    Greedy colouring of the "covers the same segment" graph: two techniques that overlap
    anywhere get different levels, so each keeps one level along its whole span.
    """
    clash: dict[str, set[str]] = {}
    for seg in segments:
        for t in seg.techniques:
            clash.setdefault(t, set()).update(u for u in seg.techniques if u != t)
    track: dict[str, int] = {}
    for t, others in clash.items():  # first appearance order
        used = {track[u] for u in others if u in track}
        track[t] = next(i for i in range(len(clash) + 1) if i not in used)
    return track


def _seg_view(seg: Segment, track: dict[str, int]) -> SegView:
    if not seg.techniques:
        return SegView(clean(seg.text), "", "", ())
    tip = "; ".join(f"{label_name(t)} {s:.2f}" for t, s in zip(seg.techniques, seg.scores))
    outer_first = sorted(seg.techniques, key=lambda t: -track.get(t, 0))
    layers = tuple(f"hl {tech_class(t)} d{min(track.get(t, 0), MAX_DEPTH - 1)}" for t in outer_first)
    return SegView(clean(seg.text), clean(" ".join(seg.techniques)), clean(tip), layers)


def _para_segs(segments: tuple[Segment, ...]) -> list[SegView]:
    track = _tracks(segments)
    return [_seg_view(s, track) for s in segments]


def _chips(labels: tuple[str, ...], scores: tuple[float, ...]) -> list[tuple[str, str, str]]:
    """(class, shown name, tooltip) for label chips."""
    return [(tech_class(t), clean(label_name(t)), f"{clean(t)} {s:.2f}")
            for t, s in zip(labels, scores or (0.0,) * len(labels))]


def _removed_view(r: Removed) -> Removed:
    return Removed(r.before, clean(r.reason), clean(r.text))


def article_view(article: Article) -> dict[str, object]:
    """Everything the template shows for one article, already cleaned of invisible text."""
    h: Highlighted = highlight(article)
    a = article.analysis
    genre = genre_of(article)
    paragraphs = [{"segs": _para_segs(p.segments), "chips": _chips(p.labels, p.label_scores),
                   "removed": [_removed_view(r) for r in h.removed if r.before == p.index]}
                  for p in h.paragraphs]
    return {
        "id": clean(article.id), "title": clean(article.title), "source": clean(article.source),
        "authors": clean(", ".join(map(str, article.authors))), "published": clean(article.published),
        "language": clean(article.language), "url": clean(article.url), "link": safe_link(article.url),
        "genre": (clean(label_name(genre[0])), genre[1]) if genre else None,
        "genre_low": bool(a and a.genre and a.genre.low_confidence),
        "frames": [(clean(label_name(f)), p) for f, p in frames_of(article)],
        "frames_low": bool(a and a.frames and a.frames.low_confidence),
        "techniques_low": bool(a and a.techniques_low_confidence),
        "title_chips": _chips(h.title_labels, h.title_scores),
        "paragraphs": paragraphs,
        "removed_after": [_removed_view(r) for r in h.removed if r.before >= len(h.paragraphs)],
        "n_removed": len(h.removed),
        "techniques": h.techniques,
        "quotes": [{k: clean(v) for k, v in q.items()} for q in article_quotes(article)],
        "voice_split": voice_split(article),
    }


def _darker(colour: str, factor: float = 0.72) -> str:
    """The underline colour: the pale palette entries would vanish as a 3px line on white."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in (r, g, b))


def _technique_css() -> str:
    """One rule per technique (our palette only) plus the rule that hides it when toggled off."""
    rules = []
    for i, label in enumerate(TECHNIQUES):
        colour = TECHNIQUE_INFO[label].colour
        rules.append(f".t{i}{{border-bottom-color:{_darker(colour)};background-color:{colour}73}}"
                     f".chip.t{i},.sw.t{i}{{background-color:{colour}}}"
                     f"body.off-t{i} .hl.t{i}{{background-color:transparent;border-bottom-color:transparent}}")
    return "\n".join(rules)


def _legend(present: set[str]) -> list[dict[str, object]]:
    """Present techniques grouped, in vocabulary order, unknown labels last."""
    groups: dict[str, list[dict[str, str]]] = {g: [] for g in GROUPS}
    groups[""] = []
    for label in sorted(present, key=lambda t: (t not in TECHNIQUES, t)):
        info = technique_info(label)
        groups.setdefault(info.group, []).append({
            "label": clean(label), "name": clean(info.name), "definition": info.definition,
            "cls": tech_class(label)})
    return [{"group": g or "other labels", "about": GROUPS.get(g, "Labels outside the SemEval vocabulary."),
             "items": items} for g, items in groups.items() if items]


def _charts(stats: CorpusStats) -> list[charts.Chart]:
    colours = {t: i.colour for t, i in TECHNIQUE_INFO.items()}
    names = {t: i.name for t, i in TECHNIQUE_INFO.items()}
    out = [charts.hbars("Articles per technique", _clean_keys(stats.by_technique), colours, names),
           charts.hbars("Articles per frame", _clean_keys(stats.by_frame),
                        names={k: v.name for k, v in FRAME_INFO.items()}),
           charts.hbars("Articles per genre", _clean_keys(stats.by_genre),
                        names={k: v.name for k, v in GENRE_INFO.items()})]
    if stats.timeline:
        out.append(charts.timeline("Articles per month of publication", _clean_keys(stats.timeline)))
    return [c for c in out if c.bars]


def _clean_keys(counts: dict[str, int]) -> dict[str, int]:
    """Labels come from stored analyses: display them without invisible characters."""
    out: dict[str, int] = {}
    for key, n in counts.items():
        out[clean(key)] = out.get(clean(key), 0) + n
    return out


def render_report(articles: Iterable[Article], *, title: str = "propscope report",
                  stats: CorpusStats | None = None, filters: dict[str, str] | None = None) -> str:
    """The whole report as one HTML string; `stats` describes the corpus the articles came from."""
    items = list(articles)
    stats = stats or summarize(items)
    views = [article_view(a) for a in items]
    present = {t for v in views for t in v["techniques"]}  # type: ignore[attr-defined]
    return _env.get_template("report.html.j2").render(
        title=clean(title), csp=Markup(CSP), style=Markup(STYLE + "\n" + _technique_css()), script=Markup(SCRIPT),
        articles=views, stats=stats, who=[(clean(r.name), r.quotes, r.articles, r.techniques)
                                          for r in who_is_quoted(items)], by_source=list(_clean_keys(stats.by_source).items()),
        by_language=list(_clean_keys(stats.by_language).items()), charts=_charts(stats), legend=_legend(present),
        frames_info=FRAME_INFO, genres_info=GENRE_INFO,
        filters=[(k, clean(v)) for k, v in (filters or {}).items() if v],
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), version=__version__,
    )


def write_report(articles: Iterable[Article], out: Path, **kwargs) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(articles, **kwargs), encoding="utf-8")
    return out
