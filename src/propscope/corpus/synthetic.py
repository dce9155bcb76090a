"""Synthetic benchmark corpus with planted truth: narratives, copies, translations, spin.

Why generated text: reuse and narrative quality need ground truth at any size (up to 100k
articles), and no real corpus has it. `generate(n, seed)` is deterministic. Each narrative
is a set of facts (people, organisations, cities, key numbers, events, a theme, a time
window); each article renders some of those facts through index-aligned sentence frames
(synthetic_vocab.py) in one of six languages, so a translation shares every name, number
and date with its source. Planted relations (Truth.pairs, unordered id pairs):

- duplicate: the same paragraphs republished by another outlet; only the outlet boilerplate
  (share/subscribe/copyright lines, disclaimer) differs;
- partial: ~60-80% of the source's paragraphs plus one or two new ones;
- spun: the same paragraphs with slanted verbs/adjectives, sometimes MT artefacts;
- translated: the same paragraphs rendered in another language.
Copies of one source form a family; every pair inside a family whose shared paragraphs
cover at least half of the smaller article is a truth pair (kind from the two members),
others sharing less go to Truth.ignore. Truth.boilerplate_pairs are distinct stories of
one outlet (same boilerplate) that a detector must NOT link.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.synthetic_vocab import (
    ADJ,
    BOILERPLATE,
    DATE_FORMAT,
    FIRST_NAMES,
    FRAMES,
    LANGS,
    MILLION_SEP,
    MONTHS,
    OUTLET_WORD,
    SPIN_ADJ,
    SPIN_VERB,
    SYLLABLES,
    THEMES,
    TITLES,
    VERB,
    to_cyrillic,
)
from propscope.schema.document import paragraphs_from_blocks
from propscope.semeval.labels import FRAMES as FRAME_LABELS
from propscope.semeval.labels import GENRES, TECHNIQUES

LANG_WEIGHTS = (35, 20, 15, 10, 10, 10)
#: How a narrative's next article is made (original, duplicate, partial, spun, translated).
KIND_WEIGHTS = (50, 14, 12, 10, 14)
MAKE_KINDS = ("original", "duplicate", "partial", "spun", "translated")
START = date(2024, 1, 1)
ARTICLES_PER_OUTLET = 250
N_FRAMES = len(FRAMES["en"])
ALL_SLOTS = ("P", "O", "C", "N", "M", "T", "U", "E", "A", "V", "D")
#: The slots each frame uses, so a sentence formats only what it shows.
FRAME_SLOTS = {lang: [tuple(x for x in ALL_SLOTS if "{" + x + "}" in f) for f in frames]
               for lang, frames in FRAMES.items()}


@dataclass(slots=True)
class Truth:
    narrative: dict[str, str] = field(default_factory=dict)  # doc id -> true narrative id
    pairs: dict[tuple[str, str], str] = field(default_factory=dict)  # sorted ids -> kind
    ignore: set[tuple[str, str]] = field(default_factory=set)  # related, too little shared
    boilerplate_pairs: list[tuple[str, str]] = field(default_factory=list)  # never link
    made: dict[str, str] = field(default_factory=dict)  # doc id -> how it was made


@dataclass(slots=True)
class SyntheticCorpus:
    docs: list[CorpusDoc]
    truth: Truth


@dataclass(slots=True)
class _Story:
    key: str
    theme: int
    lang: str
    persons: list[str]
    orgs: list[str]
    cities: list[str]
    numbers: list[int]
    events: list[int]
    start: int  # day offset
    days: int
    outlets: list[tuple[str, str]]  # (name, language)
    techniques: list[str]
    frames: list[str]


@dataclass(slots=True)
class _Made:
    story: _Story
    units: list[int]  # paragraph keys (language-free content ids)
    lang: str
    outlet: str
    day: int
    spun: bool
    family: int
    how: str
    seq: int


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class _Generator:
    """Holds the rng and the paragraph contents; one instance per generate() call."""

    def __init__(self, seed: int, span_days: int, n: int) -> None:
        self.rng = random.Random(seed)
        self.span = span_days
        self.units: list[list[tuple[int, dict[str, object]]]] = []  # key -> sentences
        self.outlets: dict[str, list[str]] = {}
        names: set[str] = set()
        for lang, weight in zip(LANGS, LANG_WEIGHTS):
            pool = self.outlets[lang] = []
            while len(pool) < max(4, n * weight // 100 // ARTICLES_PER_OUTLET):
                word = _name(self.rng, 2)
                name = f"{self.rng.choice(OUTLET_WORD[lang])} {to_cyrillic(word) if lang == 'ru' else word}"
                if name not in names:
                    names.add(name)
                    pool.append(name)
        self._cyr: dict[str, str] = {}
        self.family_outlets: dict[int, set[str]] = {}  # copies of one story: distinct outlets

    # -- facts --------------------------------------------------------------------------
    def outlet(self, lang: str) -> str:
        return self.rng.choice(self.outlets[lang])

    def story(self, k: int, n_outlets: int) -> _Story:
        rng = self.rng
        lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
        others = [x for x in LANGS if x != lang]
        outlets = [(self.outlet(lang), lang) for _ in range(n_outlets)]
        outlets += [(self.outlet(x), x) for x in rng.sample(others, rng.randint(1, 2))]
        days = min(60, 1 + int(rng.expovariate(1 / 15)))
        return _Story(
            key=f"t{k:05d}", theme=rng.randrange(len(THEMES["en"])), lang=lang,
            persons=[f"{rng.choice(FIRST_NAMES)} {_name(rng, 3)}" for _ in range(rng.randint(2, 3))],
            orgs=[_name(rng, 3) for _ in range(rng.randint(1, 2))],
            cities=[_name(rng, 2) + rng.choice(("a", "o", "in", "ov")) for _ in range(2)],
            numbers=[rng.choice((rng.randint(12, 99), rng.randint(100, 9999))) for _ in range(3)],
            events=rng.sample((5, 6), rng.randint(1, 2)), start=rng.randrange(max(1, self.span - days)),
            days=days, outlets=list(dict.fromkeys(outlets)),
            techniques=sorted(set(rng.choices(TECHNIQUES, k=3))),
            frames=sorted(set(rng.choices(FRAME_LABELS, k=2))),
        )

    def paragraph(self, s: _Story, day: int) -> int:
        """New paragraph content (2-3 sentences over the story's facts); returns its key.
        Indexing with random() instead of choice()/randrange(): 4x faster, same determinism."""
        r = self.rng.random
        sentences = []
        for _ in range(2 + (r() < 0.5)):
            slots: dict[str, object] = {
                "P": s.persons[int(r() * len(s.persons))], "O": s.orgs[int(r() * len(s.orgs))],
                "C": s.cities[int(r() * 2)], "N": s.numbers[int(r() * 3)],
                "M": 3 + int(r() * 947), "T": int(r() * 5), "U": int(r() * 5),
                "E": s.events[int(r() * len(s.events))], "A": int(r() * 8), "V": int(r() * 4),
                "D": day - int(r() * 4),
            }
            sentences.append((int(r() * N_FRAMES), slots))
        self.units.append(sentences)
        return len(self.units) - 1

    # -- rendering ----------------------------------------------------------------------
    def proper(self, name: str, lang: str) -> str:
        """Names as the language writes them: Cyrillic in Russian."""
        if lang != "ru":
            return name
        if name not in self._cyr:
            self._cyr[name] = " ".join(to_cyrillic(p) for p in name.split())
        return self._cyr[name]

    def fill(self, slots: dict[str, object], s: _Story, lang: str, spin: bool,
             used: tuple[str, ...] = ALL_SLOTS) -> dict[str, str]:
        """Slot values of one sentence in `lang` (only the slots its frame uses)."""
        nouns = THEMES[lang][s.theme]
        out: dict[str, str] = {}
        for slot in used:
            v = slots[slot]
            if slot in "POC":
                out[slot] = self.proper(v, lang)  # type: ignore[arg-type]
            elif slot in "NM":
                out[slot] = _number(v, lang)  # type: ignore[arg-type]
            elif slot in "TUE":
                out[slot] = nouns[v]  # type: ignore[index]
            elif slot == "A":
                out[slot] = (SPIN_ADJ if spin else ADJ)[lang][v]  # type: ignore[index]
            elif slot == "V":
                out[slot] = (SPIN_VERB if spin else VERB)[lang][v]  # type: ignore[index]
            else:
                day = _day(v)  # type: ignore[arg-type]
                out[slot] = DATE_FORMAT[lang].format(m=MONTHS[lang][day.month - 1], d=day.day)
        return out

    def render(self, key: int, s: _Story, lang: str, spin: bool) -> str:
        out = []
        frames, used = FRAMES[lang], FRAME_SLOTS[lang]
        for frame, slots in self.units[key]:
            text = frames[frame].format_map(self.fill(slots, s, lang, spin, used[frame]))
            out.append(text[:1].upper() + text[1:])
        return " ".join(out)

    def title(self, m: _Made) -> str:
        first = self.units[m.units[0]][0][1]
        text = TITLES[m.lang][m.units[0] % 4].format_map(self.fill(first, m.story, m.lang, m.spun))
        return text[:1].upper() + text[1:]

    def boilerplate(self, outlet: str, lang: str) -> tuple[list[str], list[str]]:
        lines = [b.replace("{S}", outlet) for b in BOILERPLATE[lang]]
        rng = self.rng
        head = [lines[0]] if rng.random() < 0.4 else []
        tail = rng.sample(lines[1:], rng.randint(1, 3))
        if hash_int(outlet) % 3 == 0:  # a third of the outlets end every article with a disclaimer
            tail.append(lines[-1])
        return head, list(dict.fromkeys(tail))


def fast_article_id(text: str) -> str:
    """schema.document.article_id without its regex (a third of generation time):
    str.split() and re's \\s both split on Py_UNICODE_ISSPACE (equality tested)."""
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def hash_int(text: str) -> int:
    """Process-independent hash (Python's str hash is salted per run)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


@lru_cache(maxsize=4096)
def _day(offset: int) -> date:
    return START + timedelta(days=offset)


def _number(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", MILLION_SEP[lang]) if n >= 1000 else str(n)


def _sizes(rng: random.Random, n: int, k: int) -> list[int]:
    weights = [rng.lognormvariate(0, 1.0) for _ in range(k)]
    counts = [0] * k
    for i in rng.choices(range(k), weights, k=n):
        counts[i] += 1
    return counts


def _story_docs(g: _Generator, s: _Story, count: int, fam0: int) -> list[_Made]:
    """The articles of one narrative: originals first-come, copies of earlier originals."""
    rng = g.rng
    made: list[_Made] = []
    originals: list[_Made] = []
    same = [o for o, lang in s.outlets if lang == s.lang]
    for _ in range(count):
        how = MAKE_KINDS[0] if not originals else rng.choices(MAKE_KINDS, KIND_WEIGHTS)[0]
        if how == "original":
            lang = s.lang if rng.random() < 0.8 else rng.choice(s.outlets)[1]
            outlet = rng.choice([o for o, x in s.outlets if x == lang])
            day = s.start + rng.randint(0, s.days)
            units = [g.paragraph(s, day) for _ in range(rng.randint(3, 6))]
            m = _Made(s, units, lang, outlet, day, False, fam0 + len(originals), how, 0)
            originals.append(m)
        else:
            src = rng.choice(originals)
            m = _copy(g, s, src, how, same)
        made.append(m)
    return made


def _copy(g: _Generator, s: _Story, src: _Made, how: str, same: list[str]) -> _Made:
    rng = g.rng
    day = src.day + rng.choice((0, 0, 1, 1, 2, 3, 5))
    units, lang, spun = list(src.units), src.lang, False
    if how == "partial":
        keep = max(2, min(len(units) - 1, math.ceil(len(units) * rng.uniform(0.6, 0.8))))
        kept = sorted(rng.sample(range(len(units)), keep))
        units = [units[i] for i in kept]
        for _ in range(rng.randint(1, 2)):
            units.insert(rng.randint(0, len(units)), g.paragraph(s, day))
    elif how == "spun":
        spun = True
    elif how == "translated":
        langs = sorted({x for _, x in s.outlets if x != src.lang})
        lang = rng.choice(langs) if langs else src.lang
        how = "translated" if langs else "duplicate"
    used = g.family_outlets.setdefault(src.family, {src.outlet})
    pool = [o for o, x in s.outlets if x == lang and o not in used]
    pool = pool or [o for o in g.outlets[lang] if o not in used] or [f"{src.outlet} Online {len(used)}"]
    outlet = rng.choice(pool)
    used.add(outlet)
    return _Made(s, units, lang, outlet, day, spun, src.family, how, 0)


def _to_doc(g: _Generator, m: _Made, ingested: str, undated: bool) -> CorpusDoc:
    rng = g.rng
    head, tail = g.boilerplate(m.outlet, m.lang)
    body = [g.render(u, m.story, m.lang, m.spun) for u in m.units]
    if m.spun and rng.random() < 0.6:  # machine-translation debris, as in spun web copies
        i = rng.randrange(len(body))
        body[i] = f"[{rng.randint(10**7, 10**8 - 1)}] " + body[i]
        if m.lang == "en":  # "the US Army UU": Spanish "EE. UU." left behind by MT
            body[i] = body[i].replace(" the ", " the EE. UU. ", 1)
        tail.append("Source link")
    text, spans = paragraphs_from_blocks(head + body + tail)
    paras = [(p.start, p.end) for p in spans]
    techniques = {t: rng.randint(1, 3) for t in m.story.techniques if rng.random() < 0.7}
    if m.spun:
        techniques["Loaded_Language"] = techniques.get("Loaded_Language", 0) + 2
    published = None if undated else (START + timedelta(days=m.day)).isoformat()
    return CorpusDoc(
        id=fast_article_id(text), text=text, title=g.title(m), source=m.outlet, language=m.lang,
        published=published, ingested_at=ingested, paragraphs=paras, techniques=techniques,
        frames=list(m.story.frames), genre=rng.choices(GENRES, (30, 65, 5))[0],
    )


def generate(n: int, seed: int = 13, *, mean_narrative: int = 40, span_days: int = 365,
             undated: float = 0.03) -> SyntheticCorpus:
    """`n` articles in about n / mean_narrative narratives over `span_days` days."""
    g = _Generator(seed, span_days, n)
    k = max(1, round(n / mean_narrative))
    made: list[_Made] = []
    families = 0
    for i, count in enumerate(_sizes(g.rng, n, k)):
        if count:
            story = g.story(i, g.rng.randint(2, 4))
            docs = _story_docs(g, story, count, families)
            families += len({m.family for m in docs})
            made.extend(docs)
    for seq, m in enumerate(made):
        m.seq = seq
    made.sort(key=lambda m: (m.day, m.seq))  # ingest order follows publication
    docs: list[CorpusDoc] = []
    seen: set[str] = set()
    first_of_day: dict[int, int] = {}
    for i, m in enumerate(made):
        nth = i - first_of_day.setdefault(m.day, i)  # ingest order within the day
        stamp = f"{_day(m.day).isoformat()}T{nth // 3600 % 24:02d}:{nth // 60 % 60:02d}:{nth % 60:02d}"
        doc = _to_doc(g, m, stamp, g.rng.random() < undated)
        while doc.id in seen:  # two outlets with identical boilerplate draws: make it distinct
            doc.text += f"\n\n© {m.outlet}"
            doc.paragraphs.append((len(doc.text) - len(m.outlet) - 2, len(doc.text)))
            doc.id = fast_article_id(doc.text)
        seen.add(doc.id)
        docs.append(doc)
    return SyntheticCorpus(docs, _truth(made, docs))


def _pair_kind(a: _Made, b: _Made) -> str | None:
    shared = len(set(a.units) & set(b.units))
    if not shared:
        return None
    if shared / min(len(a.units), len(b.units)) < 0.5:
        return "ignore"
    if a.lang != b.lang:
        return "translated"
    if a.spun or b.spun:
        return "spun"
    return "duplicate" if a.units == b.units else "partial"


def _truth(made: list[_Made], docs: list[CorpusDoc]) -> Truth:
    truth = Truth()
    fams: dict[int, list[int]] = {}
    outlets: dict[str, list[int]] = {}
    for i, (m, d) in enumerate(zip(made, docs)):
        truth.narrative[d.id] = m.story.key
        truth.made[d.id] = m.how
        fams.setdefault(m.family, []).append(i)
        outlets.setdefault(m.outlet, []).append(i)
    for members in fams.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                kind = _pair_kind(made[i], made[j])
                key = _key(docs[i].id, docs[j].id)
                if kind == "ignore":
                    truth.ignore.add(key)
                elif kind:
                    truth.pairs[key] = kind
    for members in outlets.values():
        for i, j in itertools.pairwise(members):
            if made[i].family != made[j].family:
                truth.boilerplate_pairs.append(_key(docs[i].id, docs[j].id))
    return truth


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def iter_batches(docs: list[CorpusDoc], size: int) -> Iterator[list[CorpusDoc]]:
    for i in range(0, len(docs), size):
        yield docs[i:i + size]

