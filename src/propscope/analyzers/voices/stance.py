"""find_stances: is the article for or against each of its main actors, and which sentences say so.

Lexicon-based on purpose (fast, six languages, explainable): data/stance.json holds
evaluative words per language (weights -1..+1; propaganda vocabulary such as "terrorists",
"aggression", "illegitimate", "double standards", "heroic", "liberated", "decisive role"
weighs most), negators and intensifiers.

Per main entity (the 5 most salient, any kind) and per sentence that mentions it:

* every lexicon hit contributes weight * proximity, proximity = 1 / (1 + d / 6) with d the
  distance in words to the entity's nearest mention in that sentence; words inside any
  entity mention do not count ("Liberation Army" praises nobody);
* a negator up to 3 words before a hit flips it at half strength ("not heroic" -> -0.5);
  an intensifier up to 2 words before multiplies it ("truly heroic" -> 1.4);
* the entity speaking is not the entity described: hits after a mention that is the subject
  of a reporting verb ("Pushkov said ... terrorists"), or inside a quote attributed to the
  entity itself, count 0.25 and 0.3 of their weight;
* score = tanh(S / (2 * sqrt(max(1, n / 4)))), S the sum over its n sentences: up to four
  sentences add up, beyond that a few loaded words in a long article are diluted.

Label thresholds: score >= 0.2 supportive, <= -0.2 critical, else neutral. Evidence: up to
3 sentences whose contribution has the label's sign and |contribution| >= 0.15 (for
neutral, the strongest sentences either way), in text order.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from propscope.analyzers.voices.canonical import name_lists
from propscope.schema import Article
from propscope.schema.voices import Entity, Mention, Quote, Stance

MAIN_ENTITIES = 5
SUPPORTIVE, CRITICAL = 0.2, -0.2
EVIDENCE_MIN, EVIDENCE_MAX = 0.15, 3
SPEAKER_DAMP, OWN_QUOTE_DAMP = 0.25, 0.3
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENT_END = re.compile(r"[.!?…]+[\"'»”)]*\s+(?=[\"«“„(]?[^\W\d_a-zа-яё]|\d)")
_ABBREV = re.compile(
    r"(?:\b\w|Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Sen|Rep|Gov|Prof|St|Adm|Capt)\.$"
)
_SOURCE_BEFORE = ("according to", "по словам", "selon", "laut", "secondo", "według")


@dataclass(frozen=True, slots=True)
class Lexicon:
    exact: dict[str, float]
    stems: dict[str, float]
    stem_lengths: tuple[int, ...]  # longest first, so the longest stem wins
    phrases: tuple[tuple[str, float], ...]
    negators: frozenset[str]
    intensifiers: dict[str, float]
    cache: dict[str, float]


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> Lexicon:
    files = resources.files("propscope.analyzers.voices").joinpath(
        "data", "stance.json"
    )
    data = json.loads(files.read_text("utf-8"))
    lang = data.get(language or "en") or data["en"]
    terms = lang["terms"]
    stems = {k[:-1]: v for k, v in terms.items() if k.endswith("*")}
    return Lexicon(
        {k: v for k, v in terms.items() if not k.endswith("*")},
        stems,
        tuple(sorted({len(k) for k in stems}, reverse=True)),
        tuple(lang["phrases"].items()),
        frozenset(lang["negators"]),
        {k.rstrip("*"): v for k, v in lang["intensifiers"].items()},
        {},
    )


def _polarity(word: str, lex: Lexicon) -> float:
    cached = lex.cache.get(word)
    if cached is not None:
        return cached
    weight = lex.exact.get(word, 0.0)
    if not weight:
        for n in lex.stem_lengths:
            if len(word) >= n and (w := lex.stems.get(word[:n])) is not None:
                weight = w
                break
    if len(lex.cache) < 200_000:
        lex.cache[word] = weight
    return weight


def sentences(article: Article) -> list[tuple[int, int]]:
    """Sentence spans inside paragraphs (abbreviations and initials do not end sentences)."""
    text = article.text
    blocks = [(p.start, p.end) for p in article.paragraphs] or [(0, len(text))]
    out = []
    for lo, hi in blocks:
        start = lo
        for m in _SENT_END.finditer(text, lo, hi):
            if _ABBREV.search(text, max(lo, m.start() - 5), m.start() + 1):
                continue
            out.append((start, m.end()))
            start = m.end()
        if start < hi:
            out.append((start, hi))
    return out


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    words: list[tuple[int, str]]  # (char offset, lower-case word)
    hits: list[
        tuple[int, float]
    ]  # (word index, signed weight after negation/intensity)


def _hits(words: list[tuple[int, str]], lowered: str, base: int, lex: Lexicon) -> list:
    starts = [w[0] for w in words]
    covered: set[int] = set()
    hits = []
    for phrase, weight in lex.phrases:
        if phrase not in lowered:
            continue
        for m in re.finditer(re.escape(phrase), lowered):
            i = bisect.bisect_right(starts, base + m.start()) - 1
            n = len(phrase.split())
            covered.update(range(i, i + n))
            hits.append((max(i, 0), weight))
    for i, (_pos, word) in enumerate(words):
        if i in covered or not (weight := _polarity(word, lex)):
            continue
        before = [w for _, w in words[max(0, i - 3) : i]]
        if any(b in lex.negators or b.endswith("n't") for b in before):
            weight *= -0.5
        for b in before[-2:]:
            weight *= lex.intensifiers.get(b, 1.0)
        hits.append((i, max(-1.5, min(1.5, weight))))
    return hits


def _analyse(article: Article, span: tuple[int, int], lex: Lexicon) -> _Sentence:
    s, e = span
    chunk = article.text[s:e]
    words = [(s + m.start(), m.group().lower()) for m in _WORD.finditer(chunk)]
    return _Sentence(s, e, words, _hits(words, chunk.lower(), s, lex))


def _word_index(sent: _Sentence, offset: int) -> int:
    return max(0, bisect.bisect_right([w[0] for w in sent.words], offset) - 1)


def _is_source(sent: _Sentence, idx: int, end_idx: int, text: str) -> bool:
    verbs = name_lists()["speech_verbs"]
    after = [w for _, w in sent.words[end_idx + 1 : end_idx + 3]]
    before = text[max(sent.start, sent.words[idx][0] - 14) : sent.words[idx][0]].lower()
    return any(w in verbs for w in after) or before.rstrip(" ,").endswith(
        _SOURCE_BEFORE
    )


def _contribution(
    article: Article,
    sent: _Sentence,
    entity: Entity,
    spans: list[Mention],
    own: list[Quote],
) -> float:
    mine = [m for m in entity.mentions if sent.start <= m.start < sent.end]
    idx = [(_word_index(sent, m.start), _word_index(sent, m.end - 1)) for m in mine]
    sources = {a for a, b in idx if _is_source(sent, a, b, article.text)}
    total = 0.0
    for i, weight in sent.hits:
        pos = sent.words[i][0]
        if any(m.start <= pos < m.end for m in spans):
            continue
        near = min(idx, key=lambda ab: min(abs(i - ab[0]), abs(i - ab[1])))
        d = min(abs(i - near[0]), abs(i - near[1]))
        w = weight / (1 + d / 6)
        if near[0] in sources and i > near[1]:
            w *= SPEAKER_DAMP
        if any(q.start <= pos < q.end for q in own):
            w *= OWN_QUOTE_DAMP
        total += w
    return total


def _label(score: float) -> str:
    if score >= SUPPORTIVE:
        return "supportive"
    return "critical" if score <= CRITICAL else "neutral"


def _evidence(label: str, scored: list[tuple[float, _Sentence]]) -> list[Mention]:
    sign = {"supportive": 1, "critical": -1}.get(label, 0)
    keep = [
        (c, s)
        for c, s in scored
        if abs(c) >= EVIDENCE_MIN and (sign == 0 or c * sign > 0)
    ]
    keep = sorted(keep, key=lambda cs: -abs(cs[0]))[:EVIDENCE_MAX]
    return [
        Mention(s.start, s.end) for _c, s in sorted(keep, key=lambda cs: cs[1].start)
    ]


def find_stances(
    article: Article, entities: list[Entity], quotes: list[Quote]
) -> list[Stance]:
    """Stance toward the article's main entities (most salient first)."""
    lex = lexicon(article.language)
    main = sorted(entities, key=lambda e: -e.salience)[:MAIN_ENTITIES]
    spans = [m for e in entities for m in e.mentions]
    starts = sorted(m.start for e in main for m in e.mentions)
    sents = [
        _analyse(article, (a, b), lex)
        for a, b in sentences(article)
        if bisect.bisect_left(starts, a) < bisect.bisect_left(starts, b)
    ]
    out = []
    for entity in main:
        own = [q for q in quotes if q.entity == entity.id]
        scored = [
            (_contribution(article, s, entity, spans, own), s)
            for s in sents
            if s.hits and any(s.start <= m.start < s.end for m in entity.mentions)
        ]
        n = sum(
            1 for s in sents if any(s.start <= m.start < s.end for m in entity.mentions)
        )
        total = sum(c for c, _ in scored)
        score = math.tanh(total / (2 * math.sqrt(max(1.0, n / 4))))
        label = _label(score)
        out.append(Stance(entity.id, label, round(score, 4), _evidence(label, scored)))
    return out
