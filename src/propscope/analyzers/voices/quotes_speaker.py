"""Speaker spans next to a reporting cue: a name, a pronoun or a description.

Why not NER: the cue already tells us *where* the speaker is (right before "said", right
after "said"/"заявил", inside "according to ..."), so a capitalised-run scan with a few
word lists (titles, organisation heads, nationality adjectives) finds the span; entity
mentions from `entities.find_entities`, when they overlap, give the exact boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from propscope.analyzers.voices.cues import Lexicon, words
from propscope.analyzers.voices.quotes_orgs import BUSINESS_DESC, ru_org_after

_TOKEN = re.compile(r"[\w][\w'’\-]*\.?|[,;:()\[\]—–]")

_TITLES = words(
    "senator sen. president minister secretary spokesman spokeswoman spokesperson general "
    "gen. maj. major col. colonel lt. lieutenant admiral adm. ambassador chairman "
    "chairwoman chief director head deputy prime foreign defense defence mr. mrs. ms. dr. "
    "prof. professor sir lord pope king queen prince judge governor gov. mayor rep. "
    "representative congressman sergeant sgt. captain capt. commander cmdr. envoy vice "
    "acting former first brig. brigadier marshal premier chancellor sheikh ayatollah imam "
    "rabbi father bishop patriarch secretary-general undersecretary under-secretary "
    "lt.-gen. vice-president mp mep министр сенатор губернатор генерал генерал-майор "
    "генерал-лейтенант депутат президент премьер глава посол директор председатель "
    "представитель официальный аналитик эксперт пресс-секретарь замминистра мэр"
)
_NATIONAL = words(
    "russian american french german british italian polish ukrainian syrian iraqi iranian "
    "turkish chinese israeli saudi kurdish european western eastern us u.s. uk eu un nato "
    "afghan egyptian qatari jordanian lebanese palestinian japanese indian spanish belgian "
    "dutch swedish finnish norwegian danish greek serbian georgian armenian belarusian "
    "canadian australian mexican brazilian korean libyan yemeni emirati pakistani россии "
    "сша украины франции германии китая сирии ирана ирака турции великобритании польши "
    "италии израиля рф оон нато ес"
)
_ORG_HEADS = words(
    "department ministry office council committee staff agency government administration "
    "party army forces force service commission parliament duma senate congress house "
    "kremlin pentagon bureau police court bank union organization organisation institute "
    "university coalition group embassy command navy guard front movement network times "
    "post news tass reuters ria novosti interfax channel agency press statement board "
    "министерство мид минобороны кремль госдума генштаб совет правительство ведомство "
    "комитет штаб партия армия служба администрация посольство агентство authority reserve "
    "ministerium regierung ministère gouvernement ministero governo ministerstwo rząd "
    "club company firm corporation association federation confederation league team airline "
    "utility council hospital school trust foundation charity fund regulator watchdog "
    "authority operator manufacturer producer retailer insurer lender broadcaster newspaper "
    "network campaign alliance chamber assembly inc corp ltd fc"
)
_STOP = words(
    "the a an on in at but and however later meanwhile also this that these those for as "
    "after before when while yet so then still instead earlier last next finally perhaps "
    "moreover furthermore since despite although it he she they we i his her their our its "
    "according back there here what why how where who if though thus today yesterday monday "
    "tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december в на по как но и а однако также "
    "при он она они это ранее затем позже уже так в понедельник вторник среду четверг "
    "пятницу субботу воскресенье montag dienstag mittwoch donnerstag freitag samstag "
    "sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunedì martedì mercoledì "
    "giovedì venerdì sabato domenica poniedziałek wtorek środa czwartek piątek sobota "
    "niedziela сам сама сами"
)
ORG_HEADS = _ORG_HEADS
_PARTICLES = words(
    "al al- el bin ibn de da di du von van der den le la dos del abu"
)
_DETERMINERS = words(
    "the a an this that one another several some two three many its his her their our"
)


@dataclass(slots=True)
class Speaker:
    start: int
    end: int
    text: str
    kind: str  # "name" | "pronoun" | "desc" | "org"
    gender: str | None = None


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]


def _cap(word: str) -> bool:
    return word[:1].isupper() or word.lower() in _PARTICLES


def _name_word(word: str) -> bool:
    lw = word.lower()
    return _cap(word) and lw not in _STOP and word[0].isalpha()


def _trim_run(run: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the person's name of "Russian Senator Alexei Pushkov"; keep organisations whole."""
    while run and run[0][2].lower() in _STOP:
        run = run[1:]
    while run and run[-1][2].lower() in _PARTICLES:
        run = run[:-1]
    if not run:
        return run
    if run[-1][2].lower().rstrip(".") in _ORG_HEADS or (len(run[-1][2]) > 1 and run[-1][2].isupper()):
        return run
    cut = 0
    for i, (_, _, w) in enumerate(run[:-1]):
        lw = w.lower()
        if lw in _TITLES or lw.rstrip(".") in _TITLES or lw in _NATIONAL or lw.rstrip(".") in _ORG_HEADS \
                or (len(w) > 1 and w.isupper()) or lw.endswith(("'s", "’s")):
            cut = i + 1
    run = run[cut:]
    return run[-3:] if len(run) > 3 else run


def _speaker_from_run(text: str, run: list[tuple[int, int, str]]) -> Speaker | None:
    run = _trim_run(run)
    if not run or run[-1][2].lower() in _TITLES or run[-1][2].lower() in _NATIONAL:
        return None
    s, e = run[0][0], run[-1][1]
    if text[e - 1] == "." and run[-1][2].lower() not in _TITLES:
        e -= 1
    kind = "org" if run[-1][2].lower().rstrip(".") in _ORG_HEADS else "name"
    return Speaker(s, e, text[s:e], kind)


def _cap_run_back(toks: list[tuple[int, int, str]], k: int) -> int:
    """First index of the capitalised run ending at toks[k]."""
    j = k
    while j >= 0 and (_name_word(toks[j][2]) or (toks[j][2].lower() in _PARTICLES and j < k)):
        j -= 1
    return j + 1


def speaker_before(text: str, lo: int, pos: int, lex: Lexicon) -> Speaker | None:
    """The speaker phrase ending right before a cue at `pos` ("Kirby", "he", "the minister")."""
    pp = _PP_BEFORE.search(text, lo, pos)
    toks = _tokens(text, lo, pp.start() if pp else pos)
    k = len(toks) - 1
    aux = set(lex.aux)
    while k >= 0 and toks[k][2].lower() in aux:
        k -= 1
    if k < 0:
        return None
    if toks[k][2] == ",":  # "Maria Zakharova, the spokeswoman, said" / "X, 54, said"
        return _appositive(text, toks, k)
    return _phrase_ending_at(text, toks, k, lex)


def _phrase_ending_at(
    text: str, toks: list[tuple[int, int, str]], k: int, lex: Lexicon
) -> Speaker | None:
    word = toks[k][2]
    lw = word.lower()
    if lw in lex.pronouns:
        return Speaker(toks[k][0], toks[k][1], word, "pronoun", lex.pronouns[lw])
    if _name_word(word):
        j = _cap_run_back(toks, k)
        org_start, person, person_end = _affiliation(toks, j)
        if person is not None and not any(t[2].lower() in _TITLES for t in toks[org_start : k + 1]):
            sp = _speaker_from_run(text, toks[person:person_end])
            if sp is not None and sp.kind == "name":
                return sp
        return _speaker_from_run(text, toks[j : k + 1]) or _description_back(text, toks, k, lex)
    return _description_back(text, toks, k, lex)


_PP_BEFORE = re.compile(
    r"(?:\s+(?:в|во|на|для)\s+(?:сво[её]м\s+)?(?:интервью|беседе|эфире|колонке|статье|обращении|"
    r"выступлении|[\w-]*канале|соцсетях|блоге|комментарии)(?:\s+[^\s,.;:!?]+){0,4}"
    r"|,\s+(?:in|during)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}"
    r"(?:interview|statement|post|speech|letter|video)(?:\s+(?:with|to|on|for)\s+[^,.;:]{1,40})?,)\s*$"
)
_OF = frozenset(("of", "for", "and", "de", "du", "des"))
#: ", an analyst at Brightwater Capital,": the employer of the name before the comma
_AFFIL_PREPS = frozenset(("at", "of", "from", "with", "for"))


def _affiliation(toks: list[tuple[int, int, str]], j: int) -> tuple[int, int | None, int]:
    """'Samuel Achterberg of the University of Lindholm': the person, not the university.

    Returns the start of the (possibly extended) organisation run and, when a person's name
    precedes it through "of/at/from (the)", the start and end of that name.
    """
    while j >= 2 and toks[j - 1][2] in _OF and _name_word(toks[j - 2][2]):
        before = toks[j - 2][2].lower().rstrip(".")
        full_name = j >= 3 and _name_word(toks[j - 3][2])
        if toks[j - 1][2] == "of" and full_name and before not in _ORG_HEADS:
            break  # "Elena Marquez of Sierra Baja": a name, then its affiliation
        j = _cap_run_back(toks, j - 2)  # "University of Lindholm", "Bank of England"
    k = j - 1
    if k >= 0 and toks[k][2].lower() == "the":
        k -= 1
    if k >= 1 and toks[k][2] in ("of", "at", "from") and _name_word(toks[k - 1][2]) \
            and toks[k - 1][2].lower().rstrip(".") not in _ORG_HEADS:
        return j, _cap_run_back(toks, k - 1), k
    return j, None, j


def _appositive(text: str, toks: list[tuple[int, int, str]], k: int) -> Speaker | None:
    j = k - 1
    while j >= 0 and toks[j][2] != "," and k - j <= 14:
        j -= 1
    if j < 0 or toks[j][2] != ",":
        # ", said" with nothing before the inner comma: the chunk itself may be the name
        chunk = toks[max(j, -1) + 1 : k]
        return _speaker_from_run(text, chunk) if chunk and all(_name_word(t[2]) for t in chunk) else None
    chunk = toks[j + 1 : k]
    if chunk and all(_name_word(t[2]) or t[2].lower() in _PARTICLES for t in chunk):
        return _speaker_from_run(text, chunk)  # "the spokesperson, Maria Zakharova, said"
    lead = 0
    while lead < len(chunk) - 1 and chunk[lead][2][:1].islower() and chunk[lead][2].isalpha():
        lead += 1
    affiliated = lead > 0 and chunk[lead - 1][2].lower() in _AFFIL_PREPS
    if 0 < lead <= 3 and len(chunk) - lead >= 2 and not affiliated \
            and all(_name_word(t[2]) for t in chunk[lead:]):
        return _speaker_from_run(text, chunk[lead:])  # ", депутат Алексей Нестеров, написал"
    if len(chunk) >= 2 and chunk[0][2].lower() == "the" and chunk[-1][2].lower() in _ORG_HEADS \
            and all(_name_word(t[2]) or t[2] in _OF for t in chunk[1:]):
        s0, e0 = chunk[1][0], chunk[-1][1]  # "their union, the Eastvale Teachers' Association,"
        return Speaker(s0, e0, text[s0:e0], "org")
    if j >= 1 and _name_word(toks[j - 1][2]):
        start = _cap_run_back(toks, j - 1)
        return _speaker_from_run(text, toks[start:j])  # "Alexei Pushkov, an expert, said"
    return None


def _description_back(
    text: str, toks: list[tuple[int, int, str]], k: int, lex: Lexicon
) -> Speaker | None:
    head = toks[k][2].lower()
    roles = set(lex.roles)
    is_role = head in roles or head.rstrip("s") in roles or head in _ORG_HEADS \
        or head in BUSINESS_DESC
    definite = k >= 1 and toks[k - 1][2].lower() == "the" and head.isalpha() and head.islower() \
        and (k == 1 or toks[k - 2][2] in ",;:—–")  # "The defender added": a speaker
    if not is_role and not definite and not head.endswith(("officials", "sources", "experts", "analysts")):
        return None
    j = k
    while j > 0 and k - j < 7 and toks[j - 1][2] not in ",;:()—–" \
            and toks[j - 1][2].lower() not in ("that", "and", "but", "while", "что", "и"):
        j -= 1
        if toks[j][2].lower() in _DETERMINERS:
            break
    s, e = toks[j][0], toks[k][1]
    kind = "org" if head in _ORG_HEADS or head in BUSINESS_DESC else "desc"
    return Speaker(s, e, text[s:e], kind, "p" if head.endswith("s") and head not in roles else None)


def speaker_after(text: str, pos: int, hi: int, lex: Lexicon) -> Speaker | None:
    """The speaker phrase right after a cue ("said Gerasimov", "— заявил Пушков")."""
    if any("\u0400" <= c <= "\u04ff" for c in text[pos : pos + 24]):
        org = ru_org_after(text, pos, hi)
        if org is not None:
            return Speaker(org[0], org[1], text[org[0] : org[1]], "org")
    toks = _tokens(text, pos, hi)
    chunk: list[tuple[int, int, str]] = []
    for t in toks:
        if t[2] in ",;:()" or len(chunk) >= 24:
            break
        chunk.append(t)
    if not chunk:
        return None
    first = chunk[0][2].lower().rstrip(".")
    if first in lex.pronouns:
        s0 = chunk[0][0]
        return Speaker(s0, s0 + len(first), text[s0 : s0 + len(first)], "pronoun", lex.pronouns[first])
    runs: list[list[tuple[int, int, str]]] = []
    for t in chunk:
        if _name_word(t[2]):
            if runs and _adjacent(text, runs[-1][-1], t):
                runs[-1].append(t)
            else:
                runs.append([t])
    found = [sp for sp in (_speaker_from_run(text, r) for r in runs) if sp and sp.text.lower() not in _STOP]
    names = [sp for sp in found if sp.kind == "name"]
    unquoted = [sp for sp in names if text[sp.start - 1 : sp.start] not in "«\"“„"]
    names = unquoted or names  # "тренер «Металлурга» Иван Петров": the coach speaks
    if len(names) > 1 and _role_between(text, names[0], names[1], lex):
        names = names[1:]  # "said Kestrel Logistics chief executive Hannah Voss"
    if names and (first not in _DETERMINERS or len(chunk) > 8):
        return names[0]
    if first in _DETERMINERS or first in set(lex.roles):
        last = min(len(chunk), 8) - 1
        end = chunk[last][1] - (1 if text[chunk[last][1] - 1] == "." else 0)
        return Speaker(chunk[0][0], end, text[chunk[0][0] : end], "desc")
    return found[-1] if found else None


def _role_between(text: str, a: Speaker, b: Speaker, lex: Lexicon) -> bool:
    """"<Org>('s) <role> <Name>": lowercase words with a role between two names."""
    gap = text[a.end : b.start]
    possessive = gap.startswith(("'s ", "’s ")) or a.text.endswith(("'s", "’s"))
    words = gap.replace("'s", " ").replace("’s", " ").split()
    roles = set(lex.roles)
    return 0 < len(words) <= 4 and all(w.isalpha() and w.islower() for w in words) \
        and (possessive or any(w in roles or w in _TITLES for w in words))


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return text[a[1] : b[0]].strip() == ""


def is_name_like(text: str) -> bool:
    """A bare capitalised run (used to accept 'X said' where X starts a sentence)."""
    return bool(text) and all(_name_word(w) for w in text.split())


_FEMALE_FIRST = words(
    "caroline maria mary anna angela elena helen hillary theresa ursula marine nancy kamala "
    "jane sarah susan laura julia olga natalia natalya tatiana irina svetlana ekaterina "
    "valentina lisa emma sophie claire anne marie catherine christine sylvie beata ewa "
    "agnieszka katarzyna giorgia chiara francesca annalena sahra liz elizabeth nikki "
    "samantha victoria мария анна елена ольга наталья татьяна ирина светлана екатерина "
    "валентина юлия "
    # common given names in English-language news (style guides give no gender otherwise)
    "joan joanne jennifer jessica ashley amanda stephanie melissa nicole michelle "
    "kimberly amy heather rebecca rachel hannah leah naomi ruth esther deborah judith "
    "margaret patricia linda barbara karen betty dorothy sandra donna carol sharon cynthia "
    "kathleen pamela martha debra amber brenda emily olivia ava isabella mia charlotte "
    "amelia harper evelyn abigail ella grace chloe zoe lily natalie alice fiona aisha fatima "
    "priya anita sunita ingrid astrid greta helga birgit karin kristin tove sofia sophia "
    "lucia paola giulia alessandra isabel carmen rosa ana lucy kate katherine kathryn ellen "
    "eleanor diana diane julie janet megan lauren danielle nora louise rose jane mary "
    "monica veronica teresa lena nina vera galina tamara larisa lyudmila marina alina "
    "daria darya polina ksenia oksana yulia"
)


def guess_gender(name: str) -> str | None:
    """m/f from a first name or a Slavic surname ending; None when unknown."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    if not words:
        return None
    first, last = words[0].lower(), words[-1].lower()
    if first in _FEMALE_FIRST:
        return "f"
    if last.endswith(("ова", "ева", "ина", "ская", "цкая", "ёва", "ova", "eva", "ina", "skaya",
                      "ska", "cka")) and len(words) <= 3:
        return "f"
    if last.endswith(("ов", "ев", "ин", "ский", "ёв", "ov", "ev", "in", "sky", "ski", "kov")):
        return "m"
    if len(words) > 1 and first.endswith(("а", "я")) and first not in ("никита", "илья", "фома"):
        return "f"
    return "m" if len(words) > 1 and first.isalpha() and first not in _FEMALE_FIRST \
        and first in _MALE_FIRST else None


_MALE_FIRST = words(
    "john mark alexei alexey sergei sergey vladimir igor valery joseph ashton konstantin "
    "john james michael david robert william richard thomas charles donald barack joe rex "
    "dmitry dmitri maxim nikolai boris andrei andrey mikhail pavel yuri viktor emmanuel "
    "francois françois pierre olaf friedrich karl hans matteo giuseppe mario jan piotr "
    "andrzej tomasz steve stephen john kevin said ali mohammed ahmed bashar recep paul "
    "peter george edward henry harry jack oliver samuel daniel matthew andrew anthony brian "
    "gary eric ryan jacob nicholas tyler aaron adam nathan justin brandon gregory frank "
    "raymond patrick dennis jerry walter arthur roger gordon marcus lars bjorn erik sven "
    "olaf ahmed omar hassan kenji hiroshi luis carlos jose juan miguel diego antonio marco "
    "luca giovanni alessandro rafael viktor oleg ivan sergio алексей "
    "сергей владимир игорь валерий дмитрий михаил николай андрей павел юрий виктор"
)
