"""Readable narratives from assignments: key terms, representative, sources, timeline.

Key terms are class-based TF-IDF (c-TF-IDF, as in BERTopic): a term's frequency inside the
narrative times log(1 + average narrative length / its frequency over all narratives), so
words every narrative uses (boilerplate, "said") sink and the story's own names rise.
The representative is the member whose title and lede carry the most key-term weight
(in the reader's language when a member has it): no vectors needed, so labels can be
rebuilt from stored articles alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from propscope.corpus.docs import CorpusDoc
from propscope.schema.corpus import Narrative

KEY_TERMS = 6
TOP_LABELS = 5
LEDE_CHARS = 1500
_TERM = re.compile(r"[^\W\d_][\w'’-]{2,}")
#: Function words of the six analysed languages (and boilerplate words) never key terms.
_STOP = frozenset(["the", "and", "that", "this", "with", "from", "have", "has", "had", "was", "were", "will", "would", "been", "their", "they", "them", "there", "said", "says", "also", "after", "before", "about", "into", "over", "more", "than", "other", "which", "while", "when", "where", "what", "who", "for", "are", "not", "but", "its", "his", "her", "our", "your", "all", "new", "one", "two", "can", "could", "should", "may", "might", "share", "article", "subscribe", "newsletter", "follow", "telegram", "rights", "reserved", "read", "news", "link", "source", "und", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "mit", "von", "für", "auf", "ist", "sind", "wird", "wurde", "sagte", "nach", "bei", "auch", "nicht", "sich", "dass", "aus", "zum", "zur", "wie", "als", "noch", "über", "hat", "haben", "sein", "seit", "les", "des", "une", "dans", "pour", "que", "qui", "sur", "par", "avec", "est", "sont", "été", "pas", "plus", "ses", "aux", "cette", "ont", "della", "delle", "degli", "dei", "che", "per", "con", "una", "sono", "non", "nel", "nella", "alla", "anche", "come", "dal", "più", "suoi", "что", "это", "как", "его", "для", "она", "они", "был", "была", "были", "было", "при", "все", "уже", "или", "также", "после", "того", "się", "jest", "nie", "jak", "dla", "jego", "przez", "oraz", "już", "był", "była", "było", "które", "który", "tego", "ich"])


def terms(text: str) -> list[str]:
    return [t for t in (m.group().casefold() for m in _TERM.finditer(text)) if t not in _STOP]


def _weights(groups: Mapping[str, list[CorpusDoc]]) -> dict[str, dict[str, float]]:
    """c-TF-IDF of every term per narrative. A term counts once per article, so one long
    article repeating a name cannot speak for the whole narrative."""
    tf = {nid: Counter(t for d in docs for t in set(terms(d.title + " " + d.text[:LEDE_CHARS])))
          for nid, docs in groups.items()}
    total: Counter[str] = Counter()
    for c in tf.values():
        total.update(c)
    avg = sum(total.values()) / max(1, len(tf))
    return {nid: {t: n / len(groups[nid]) * math.log(1 + avg / total[t]) for t, n in c.items()}
            for nid, c in tf.items()}


def _top(weights: dict[str, float]) -> list[str]:
    return [t for t, _ in sorted(weights.items(), key=lambda x: (-x[1], x[0]))[:KEY_TERMS]]


def _representative(docs: list[CorpusDoc], weights: dict[str, float], language: str | None) -> CorpusDoc:
    """The member closest to the narrative's term profile (cosine over binary terms)."""
    pool = [d for d in docs if language and d.language == language] or docs

    def score(d: CorpusDoc) -> tuple[float, str, str]:
        seen = set(terms(d.title + " " + d.text[:LEDE_CHARS]))
        return (-sum(weights.get(t, 0.0) for t in seen) / math.sqrt(len(seen) or 1),
                d.published or "~", d.id)

    return min(pool, key=score)


def _month(d: CorpusDoc) -> str | None:
    value = d.published or d.ingested_at
    return value[:7] if value and len(value) >= 7 else None


def build_narratives(docs: Iterable[CorpusDoc], assignments: Mapping[str, str], *,
                     min_size: int = 2, language: str | None = None,
                     top: int = TOP_LABELS) -> list[Narrative]:
    """Narratives with at least `min_size` members among `docs`, largest first."""
    groups: dict[str, list[CorpusDoc]] = defaultdict(list)
    for d in docs:
        nid = assignments.get(d.id)
        if nid is not None:
            groups[nid].append(d)
    groups = {k: sorted(v, key=lambda d: d.id) for k, v in groups.items() if len(v) >= min_size}
    weights = _weights(groups)
    out = []
    for nid, members in groups.items():
        rep = _representative(members, weights[nid], language)
        key_terms = _top(weights[nid])
        title = rep.title or rep.text[:80].split("\n")[0]
        dates = sorted(d.published[:10] for d in members if d.published)
        techniques: Counter[str] = Counter(t for d in members for t, n in d.techniques.items() if n)
        frames: Counter[str] = Counter(f for d in members for f in set(d.frames))
        out.append(Narrative(
            id=nid, label=f"{', '.join(key_terms[:4])} — {title}".strip(" —"),
            key_terms=key_terms, representative=rep.id, members=[d.id for d in members],
            sources=dict(Counter(d.source for d in members if d.source).most_common()),
            languages=dict(Counter(d.language for d in members if d.language).most_common()),
            timeline=dict(sorted(Counter(m for d in members if (m := _month(d))).items())),
            techniques=dict(techniques.most_common(top)), frames=dict(frames.most_common(top)),
            first=dates[0] if dates else None, last=dates[-1] if dates else None,
        ))
    out.sort(key=lambda n: (-len(n.members), n.id))
    return out
