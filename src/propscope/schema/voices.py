"""Who says what (issue 6): quotes, entities and stance, the shared vocabulary.

Every offset indexes `Article.text` of one article version, like spans, so a quote or an
entity mention can be highlighted in any view. Entity ids are *canonical keys* ("org:isis",
"per:alexei-pushkov", "loc:united-states"): the same real-world actor gets the same key in
every article and language, so a corpus merges mentions by key equality instead of a
global clustering pass over everything stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_KINDS = ("person", "organization", "place", "group")
QUOTE_KINDS = ("direct", "indirect", "mixed")
STANCE_LABELS = ("supportive", "neutral", "critical")
OUTLET = "outlet"  # the voice of techniques found outside every quote


@dataclass(slots=True)
class Mention:
    start: int
    end: int  # exclusive; Article.text[start:end] is the surface form


@dataclass(slots=True)
class Entity:
    """One canonical actor as it appears in one article."""

    id: str  # canonical key, "<kind prefix>:<slug>", stable across articles and languages
    name: str  # display name (canonical, e.g. "Islamic State" for Daesh/ISIL/ИГИЛ)
    kind: str  # one of ENTITY_KINDS
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # distinct surface forms in this article
    salience: float = 0.0  # 0..1, how central it is to the article (mentions, title, lead)

    def __post_init__(self) -> None:
        if self.kind not in ENTITY_KINDS:
            raise ValueError(f"unknown entity kind {self.kind!r}")


@dataclass(slots=True)
class Quote:
    """Direct or indirect speech: what (`start:end`), who (`speaker*`), how (`cue*`)."""

    start: int  # the quoted content, without the quotation marks
    end: int
    paragraph: int  # index into Article.paragraphs of `start`
    kind: str  # one of QUOTE_KINDS
    cue: str = ""  # the reporting verb or phrase as written ("said", "according to", "заявил")
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str = ""  # speaker as written nearest the quote ("he", "Pushkov", "the ministry")
    speaker_start: int | None = None
    speaker_end: int | None = None
    entity: str | None = None  # canonical Entity.id the speaker resolves to, None if unresolved
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in QUOTE_KINDS:
            raise ValueError(f"unknown quote kind {self.kind!r}")


@dataclass(slots=True)
class Stance:
    """The article's stance toward one of its main entities, with the sentences that show it."""

    entity: str  # Entity.id
    label: str  # one of STANCE_LABELS
    score: float  # -1 (critical) .. +1 (supportive)
    evidence: list[Mention] = field(default_factory=list)  # sentence spans in Article.text

    def __post_init__(self) -> None:
        if self.label not in STANCE_LABELS:
            raise ValueError(f"unknown stance label {self.label!r}")


@dataclass(slots=True)
class Voices:
    """What the `voices` analyzer assigns to `Analysis.voices`."""

    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    model: str = ""  # "<name>@<version>" of the rules/lexicons that produced it
