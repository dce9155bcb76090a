"""Reporting-cue lexicons: the words that tell a reader someone else is speaking.

Why lexicons and not a parser: news attributes speech with a small, stable vocabulary
("said", "according to", "заявил", "selon"), and matching it with precompiled regexes is
two orders of magnitude cheaper than a dependency parse in six languages. Each language
lists finite verb forms (gender/aspect variants spelled out for Russian and Polish, where
the verb also tells us the speaker's gender), participles that chain a second claim onto
the same speaker (", adding that"), complementisers ("that", "что"), phrases that put the
speaker inside a prepositional phrase ("according to", "по словам"), pronouns with gender
and role nouns that make a description ("the senator") refer to a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from propscope.analyzers.voices.cue_match import combined_regex


def words(spaced: str) -> frozenset[str]:
    """A word list written as one spaced string (long lexicons stay readable)."""
    return frozenset(spaced.split())


def _forms(*stems_endings: str) -> list[str]:
    """'заявил|а|и' -> ['заявил', 'заявила', 'заявили']: gendered forms without typos."""
    out: list[str] = []
    for spec in stems_endings:
        stem, *ends = spec.split("|")
        out.append(stem)
        out.extend(stem + e for e in ends)
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: tuple[str, ...]  # finite reporting verbs, lowercase, may be multi-word
    bare: tuple[str, ...]  # verbs that may take a clause without a complementiser
    weak: tuple[str, ...]  # "called X 'Y'": a cue only when a quotation follows
    participles: tuple[str, ...]  # ", adding that": a second claim by the same speaker
    that: tuple[str, ...]  # complementisers
    according: tuple[str, ...]  # "according to SPEAKER, CLAUSE" / "CLAUSE, according to SPEAKER"
    as_cue: tuple[str, ...]  # "As SPEAKER said, CLAUSE" / "как сообщил SPEAKER"
    pronouns: dict[str, str] = field(default_factory=dict)  # pronoun -> gender m/f/p/n
    roles: tuple[str, ...] = ()  # person nouns for descriptions ("the senator")
    aux: tuple[str, ...] = ()  # words allowed between speaker and verb ("has", "also")
    female_suffixes: tuple[str, ...] = ()  # verb endings marking a female speaker
    plural_suffixes: tuple[str, ...] = ()


_EN_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "stressed",
    "stresses", "claimed", "claims", "declared", "declares", "wrote", "writes", "tweeted",
    "tweets", "clarified", "clarifies", "explained", "explains", "stated", "states",
    "insisted", "insists", "argued", "argues", "warned", "warns", "announced", "announces",
    "asked", "asks", "responded", "replied", "answered", "commented", "emphasized",
    "emphasised", "emphasizes", "observed", "remarked", "suggested", "suggests", "confirmed",
    "confirms", "admitted", "admits", "acknowledged", "acknowledges", "continued",
    "concluded", "recalled", "reiterated", "reiterates", "inferred", "posted", "alleged",
    "maintained", "maintains", "pointed out", "points out", "went on", "mentioned",
    "believes", "complained", "predicted", "urged", "assured", "underlined", "underscored",
    "contended", "conceded", "revealed", "denied", "accused", "charged", "lamented",
    "countered", "retorted", "quipped", "echoed", "affirmed", "asserted", "reported",
    "promised", "vowed", "pledged", "promises", "vows",
)
_EN_AUX = (
    "has", "have", "had", "also", "later", "then", "again", "previously", "earlier",
    "repeatedly", "reportedly", "once", "further", "recently", "already", "has also",
    "had also", "would", "will", "has repeatedly", "himself", "herself", "simply", "bluntly",
    "publicly", "openly", "flatly", "still", "first",
)
_EN_ROLES = (
    "senator", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary",
    "president", "official", "general", "colonel", "ambassador", "diplomat", "chairman",
    "chairwoman", "chair", "head", "chief", "analyst", "expert", "lawmaker", "mayor",
    "governor", "commander", "envoy", "representative", "deputy", "director", "professor",
    "premier", "leader", "lawyer", "officer", "councillor", "economist", "researcher",
    "author", "columnist", "politician", "negotiator", "admiral", "prosecutor", "judge",
    "candidate", "activist", "congressman", "congresswoman", "legislator", "adviser",
    "advisor", "executive", "founder", "manager", "captain", "sergeant", "major",
    "lieutenant", "aide", "journalist", "reporter", "correspondent", "writer", "scientist",
    "doctor", "mp", "mep", "veteran", "woman", "man", "resident", "witness", "priest",
    "nurse", "teacher", "farmer", "worker", "student", "parent", "engineer", "soldier",
    "defender", "striker", "goalkeeper", "midfielder", "forward", "player", "coach", "referee",
    "mother", "father", "wife", "husband", "son", "daughter", "victim", "survivor", "owner",
    "pensioner", "retiree", "recruit", "instructor", "physician", "surgeon", "pilot", "driver",
    "historian", "climatologist", "epidemiologist", "virologist", "psychologist", "attorney",
    "physicist", "biologist", "chemist", "sociologist", "campaigner", "organiser", "organizer",
)

EN = Lexicon(
    verbs=_EN_VERBS,
    bare=("said", "says", "say", "told", "tells", "added", "adds", "believes", "wrote", "writes",
          "claimed", "claims", "insisted", "insists", "argued", "argues", "warned", "warns"),
    weak=("called", "calls", "referred to", "refers to", "described", "describes", "dubbed",
          "labelled", "labeled", "termed", "branded",
          "to ask", "to say", "to note", "to warn"),
    participles=(
        "adding", "noting", "saying", "stressing", "pointing out", "claiming", "arguing",
        "warning", "explaining", "insisting", "recalling", "emphasizing", "emphasising",
        "suggesting", "stating", "declaring", "asserting", "underlining", "admitting",
        "acknowledging", "writing", "observing", "remarking",
    ),
    that=("that",),
    according=("according to", "in the words of", "as stated by", "as said by", "as noted by",
               "as reported by", "as informed by", "as explained by", "as claimed by",
               "as put by", "in the view of", "in the opinion of", "quoting", "in his view",
               "in her view", "in their view", "in his opinion", "in her opinion",
               "in their opinion"),
    as_cue=("as",),
    pronouns={"he": "m", "she": "f", "they": "p", "it": "n"},
    roles=_EN_ROLES,
    aux=_EN_AUX,
)

_RU_PAST = (
    "заявил|а|и", "сказал|а|и", "сообщил|а|и", "отметил|а|и", "подчеркнул|а|и",
    "написал|а|и", "добавил|а|и", "пояснил|а|и", "уточнил|а|и", "признал|а|и",
    "рассказал|а|и", "заметил|а|и", "указал|а|и", "констатировал|а|и", "предупредил|а|и",
    "объявил|а|и", "заверил|а|и", "напомнил|а|и", "ответил|а|и", "спросил|а|и",
    "утверждал|а|и", "считал|а|и", "полагал|а|и", "заключил|а|и", "резюмировал|а|и",
    "акцентировал|а|и", "обратил|а|и внимание", "выразил|а|и уверенность",
    "высказал|а|и мнение", "говорил|а|и", "произнес|ла|ли", "произнёс|ла|ли",
    "опроверг|ла|ли", "призвал|а|и", "твитнул|а|и", "прокомментировал|а|и", "возразил|а|и",
    "пообещал|а|и", "настаивал|а|и", "вспомнил|а|и", "процитировал|а|и", "пошутил|а|и",
    "посетовал|а|и", "признался", "призналась", "признались", "пожаловался", "пожаловалась",
    "пожаловались", "поделился", "поделилась", "поделились",
)
_RU_PRESENT = (
    "заявляет", "заявляют", "говорит", "говорят", "сообщает", "сообщают", "отмечает",
    "отмечают", "подчеркивает", "подчёркивает", "подчеркивают", "пишет", "пишут",
    "утверждает", "утверждают", "считает", "считают", "полагает", "полагают", "уверен",
    "уверена", "уверены", "добавляет", "указывает", "напоминает", "признает", "признаёт",
    "поясняет", "уточняет", "предупреждает", "вспоминает", "рассказывает", "добавляют",
    "говорится",  # "говорится в заявлении клуба": the institution speaks
)
RU = Lexicon(
    verbs=tuple(_forms(*_RU_PAST)) + _RU_PRESENT,
    bare=(),
    weak=tuple(_forms("назвал|а|и")),
    participles=("добавив", "отметив", "подчеркнув", "заявив", "указав", "пояснив",
                 "сообщив", "напомнив", "уточнив", "признав", "заметив", "предупредив"),
    that=("что", "будто"),
    according=("по его словам", "по ее словам", "по её словам", "по их словам", "по словам", "по мнению",
               "по его мнению", "по ее мнению", "по её мнению", "по их мнению", "по данным", "по утверждению", "со слов",
               "по заявлению", "по оценке", "по информации"),
    as_cue=("как",),
    pronouns={"он": "m", "она": "f", "они": "p"},
    roles=("сенатор", "представитель", "министр", "глава", "председатель", "посол",
           "генерал", "полковник", "эксперт", "аналитик", "дипломат", "депутат", "президент",
           "премьер", "спикер", "политик", "руководитель", "директор", "пресс-секретарь",
           "замминистра", "заместитель", "губернатор", "мэр", "командующий", "чиновник",
           "профессор", "журналист", "лидер", "начальник", "официальный", "врач", "учитель",
           "учительница", "пенсионер", "пенсионерка", "житель", "жительница", "активист",
           "активистка", "тренер", "капитан", "защитник", "судья", "прокурор", "адвокат",
           "заведующий", "заведующая", "автор", "вице-премьер", "мать", "отец", "генерал-майор"),
    aux=("также", "ранее", "позже", "затем", "уже", "вновь", "снова", "еще", "ещё", "тогда",
         "же", "прямо", "неоднократно", "публично"),
    female_suffixes=("ла", "а", "на"),
    plural_suffixes=("ли", "и", "ют", "ят", "ны"),
)

FR = Lexicon(
    verbs=tuple(f"a {v}" for v in (
        "déclaré", "dit", "affirmé", "ajouté", "souligné", "estimé", "expliqué", "précisé",
        "indiqué", "écrit", "tweeté", "assuré", "annoncé", "rappelé", "averti", "insisté",
        "noté", "confirmé", "reconnu", "jugé", "martelé", "lancé", "répondu", "demandé",
    )) + tuple(f"{v}-t-{p}" for v in ("a", "ajoute", "déclare", "estime", "dit", "explique",
                                     "précise", "souligne", "affirme", "poursuit")
               for p in ("il", "elle")) + (
        "déclare", "affirme", "dit", "ajoute", "souligne", "estime", "explique", "précise",
        "indique", "écrit", "assure", "rappelle", "avertit", "insiste", "poursuit",
    ),
    bare=(),
    weak=("a qualifié", "a qualifiée", "qualifie"),
    participles=("ajoutant", "soulignant", "précisant", "estimant", "expliquant", "affirmant",
                 "rappelant", "notant", "indiquant"),
    that=("que", "qu'", "qu’"),
    according=("selon", "d'après", "d’après", "aux dires de", "de l'avis de"),
    as_cue=("comme l'a", "comme l’a", "comme le"),
    pronouns={"il": "m", "elle": "f", "ils": "p", "elles": "p"},
    roles=("ministre", "porte-parole", "président", "présidente", "sénateur", "général",
           "ambassadeur", "expert", "analyste", "député", "chef", "directeur", "colonel"),
    aux=("aussi", "également", "encore", "déjà", "ensuite"),
)

DE = Lexicon(
    verbs=("sagte", "sagt", "erklärte", "erklärt", "betonte", "betont", "schrieb", "schreibt",
           "twitterte", "teilte mit", "meinte", "meint", "warnte", "warnt", "fügte hinzu",
           "so", "behauptete", "behauptet", "kritisierte", "forderte", "unterstrich",
           "bekräftigte", "versicherte", "räumte ein", "stellte klar", "kündigte an",
           "sagte er", "sagte sie", "erklärte er", "erklärte sie", "fügte er hinzu",
           "fügte sie hinzu", "betonte er", "betonte sie", "so der", "so die"),
    bare=(),
    weak=("nannte", "bezeichnete"),
    participles=(),
    that=("dass", "daß"),
    according=("laut", "nach angaben von", "nach angaben des", "nach angaben der",
               "nach worten von", "nach ansicht von", "zufolge"),
    as_cue=("wie",),
    pronouns={"er": "m", "sie": "f"},
    roles=("minister", "ministerin", "sprecher", "sprecherin", "präsident", "präsidentin",
           "senator", "general", "botschafter", "experte", "kanzler", "kanzlerin", "chef"),
    aux=("auch", "zudem", "außerdem", "bereits", "erneut", "später"),
)

IT = Lexicon(
    verbs=tuple(f"ha {v}" for v in (
        "detto", "dichiarato", "affermato", "aggiunto", "sottolineato", "scritto", "spiegato",
        "precisato", "twittato", "ribadito", "annunciato", "avvertito", "osservato",
        "commentato", "sostenuto", "concluso", "risposto", "chiesto",
    )) + ("dice", "afferma", "dichiara", "aggiunge", "sottolinea", "scrive", "spiega",
          "precisa", "ribadisce", "sostiene", "ha detto", "hanno detto", "hanno dichiarato"),
    bare=(),
    weak=("ha definito", "definisce"),
    participles=("aggiungendo", "sottolineando", "precisando", "spiegando", "affermando",
                 "osservando", "ricordando"),
    that=("che",),
    according=("secondo", "a detta di", "stando a", "a parere di"),
    as_cue=("come ha", "come"),
    pronouns={"lui": "m", "lei": "f", "egli": "m", "ella": "f", "loro": "p"},
    roles=("ministro", "portavoce", "presidente", "senatore", "generale", "ambasciatore",
           "esperto", "analista", "deputato", "capo", "direttore", "colonnello"),
    aux=("anche", "inoltre", "già", "poi", "ancora"),
)

_PL_PAST = (
    "powiedział|a|y|o", "stwierdził|a|y", "oświadczył|a|y", "dodał|a|y|o", "podkreślił|a|y",
    "napisał|a|y", "zaznaczył|a|y", "ocenił|a|y", "przekonywał|a|y", "zapewnił|a|y",
    "ostrzegł|a|y", "wyjaśnił|a|y", "przypomniał|a|y", "uważał|a|y", "mówił|a|y",
    "zauważył|a|y", "poinformował|a|y|o", "odpowiedział|a|y", "zapytał|a|y", "tweetował|a",
)
PL = Lexicon(
    verbs=tuple(_forms(*_PL_PAST)) + ("mówi", "uważa", "twierdzi", "podkreśla", "dodaje",
                                      "zaznacza", "pisze", "ocenia"),
    bare=(),
    weak=tuple(_forms("nazwał|a|y")),
    participles=("dodając", "podkreślając", "zaznaczając", "stwierdzając", "przypominając",
                 "wyjaśniając"),
    that=("że",),
    according=("według", "zdaniem", "jak podaje", "jak twierdzi", "w opinii", "cytując"),
    as_cue=("jak",),
    pronouns={"on": "m", "ona": "f", "oni": "p", "one": "p"},
    roles=("minister", "rzecznik", "rzeczniczka", "prezydent", "senator", "generał",
           "ambasador", "ekspert", "analityk", "poseł", "posłanka", "szef", "premier"),
    aux=("też", "także", "również", "jeszcze", "już", "wcześniej"),
    female_suffixes=("ła",),
    plural_suffixes=("li", "ły"),
)

LEXICONS: dict[str, Lexicon] = {"en": EN, "ru": RU, "fr": FR, "de": DE, "it": IT, "pl": PL}


def lexicon(language: str | None) -> Lexicon:
    """The lexicon for a language, English when unknown (most of the corpus)."""
    return LEXICONS.get((language or "en").split("-")[0].lower(), EN)


@dataclass(frozen=True, slots=True)
class CuePatterns:
    """Matchers of one lexicon; built once per language and cached."""

    lex: Lexicon
    combined: re.Pattern[str]  # every cue kind in one scan (see cue_match.ArticleCues)


_CACHE: dict[str, CuePatterns] = {}


def patterns(language: str | None) -> CuePatterns:
    """Cue matchers for a language (cached: built once per process)."""
    key = (language or "en").split("-")[0].lower()
    key = key if key in LEXICONS else "en"
    if key not in _CACHE:
        lex = LEXICONS[key]
        # verbs are case-sensitive so "Said Arikat" (a first name) is no cue
        _CACHE[key] = CuePatterns(
            lex=lex,
            combined=combined_regex({
                "according": (lex.according, True), "as_cue": (lex.as_cue, True),
                "that": (lex.that, True), "weak": (lex.weak, False),
                "participle": (lex.participles, False), "verb": (lex.verbs, False),
            }),
        )
    return _CACHE[key]


def verb_gender(cue: str, language: str | None) -> str | None:
    """Gender a past-tense verb marks (ru/pl): 'заявила' -> 'f', 'заявили' -> 'p'."""
    lex = lexicon(language)
    word = cue.split()[0].lower() if cue else ""
    if language == "ru" and word.endswith(("ся", "сь")) and len(word) > 5:
        word = word[:-2]  # "призналась" marks gender like "признала"
    if not lex.female_suffixes or not word:
        return None
    if language == "ru" and not word.endswith(("л", "ла", "ли", "ло", "с", "сла", "сли")):
        return None
    if word.endswith(lex.plural_suffixes[:1]) or (language == "ru" and word.endswith("ли")):
        return "p"
    if word.endswith(lex.female_suffixes[0]):
        return "f"
    if language == "pl" and not word.endswith("ł"):
        return None
    return "m"
