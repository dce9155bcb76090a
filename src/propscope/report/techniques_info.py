"""What the labels mean, for people: names, one-line definitions and colours.

The 23 persuasion techniques, 14 frames and 3 genres of SemEval-2023 Task 3 (the label
vocabularies in semeval/labels.py). Every presenter (report, dashboard, terminal) takes its
legend from here, so a technique has the same colour and wording everywhere. Colours are
light enough for dark text (#1d1d1f) to pass WCAG AA on them, and hues follow the technique
groups so related techniques look related while staying distinguishable (tests check both).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Body text colour the palette is checked against.
TEXT_COLOUR = "#1d1d1f"
#: Colour of a label that is not in the vocabulary (hostile or future data).
UNKNOWN_COLOUR = "#d0d0d0"


@dataclass(frozen=True, slots=True)
class TechniqueInfo:
    name: str  # short human name
    definition: str  # one line
    colour: str  # "#rrggbb", background for dark text
    group: str  # key of GROUPS


@dataclass(frozen=True, slots=True)
class LabelInfo:
    name: str
    definition: str


GROUPS: dict[str, str] = {
    "attack on reputation": "Undermine a person or group instead of their argument.",
    "justification": "Support a claim with something other than evidence for it.",
    "simplification": "Reduce a complex matter to a single cause, outcome or choice.",
    "distraction": "Move attention away from the point under discussion.",
    "call": "Push the audience to act or to stop thinking, without argument.",
    "manipulative wording": "Shape the reaction through word choice rather than content.",
}

_T = TechniqueInfo
TECHNIQUE_INFO: dict[str, TechniqueInfo] = {
    "Name_Calling-Labeling": _T(
        "Name calling", "Attaches an insulting or admiring label to a person or group instead of "
        "describing what they did.", "#f47b8f", "attack on reputation"),
    "Guilt_by_Association": _T(
        "Guilt by association", "Discredits someone by linking them to a person, group or idea the "
        "audience already rejects.", "#faaa9e", "attack on reputation"),
    "Doubt": _T(
        "Doubt", "Questions a person's credibility or competence without offering evidence against "
        "their claim.", "#e085b3", "attack on reputation"),
    "Appeal_to_Hypocrisy": _T(
        "Appeal to hypocrisy", "Dismisses a position by pointing out that its holder acted "
        "differently in the past.", "#f4dac2", "attack on reputation"),
    "Questioning_the_Reputation": _T(
        "Questioning the reputation", "Attacks someone's character or standing to make everything "
        "they say look untrustworthy.", "#ca7272", "attack on reputation"),
    "Flag_Waving": _T(
        "Flag waving", "Justifies a view by appealing to national or group pride and belonging.",
        "#f4c871", "justification"),
    "Appeal_to_Authority": _T(
        "Appeal to authority", "Treats a claim as true because someone with status or a title "
        "said it.", "#f5f0b8", "justification"),
    "Appeal_to_Popularity": _T(
        "Appeal to popularity", "Argues that something is right because many or most people "
        "believe or do it.", "#d89e64", "justification"),
    "Appeal_to_Values": _T(
        "Appeal to values", "Presents a position as following from cherished values such as "
        "freedom, tradition or faith.", "#ddc340", "justification"),
    "Appeal_to_Fear-Prejudice": _T(
        "Appeal to fear", "Seeks support by stirring up anxiety, panic or existing prejudice about "
        "an alternative.", "#fb9460", "justification"),
    "Causal_Oversimplification": _T(
        "Causal oversimplification", "Blames a complex outcome on one cause while ignoring the "
        "others.", "#adf47b", "simplification"),
    "False_Dilemma-No_Choice": _T(
        "False dilemma", "Offers only two options (or one) when more exist.", "#b8f5bd",
        "simplification"),
    "Consequential_Oversimplification": _T(
        "Slippery slope", "Claims that a first step will inevitably set off a chain of extreme "
        "consequences.", "#a6c95e", "simplification"),
    "Straw_Man": _T(
        "Straw man", "Refutes a distorted or exaggerated version of the opponent's position "
        "instead of the real one.", "#7bf4cc", "distraction"),
    "Red_Herring": _T(
        "Red herring", "Brings in an unrelated topic to pull attention from the issue at hand.",
        "#b8f5f5", "distraction"),
    "Whataboutism": _T(
        "Whataboutism", "Answers criticism by accusing the critic of something else instead of "
        "responding to it.", "#5ec98b", "distraction"),
    "Slogans": _T(
        "Slogan", "A short, catchy phrase that replaces an argument with a rallying cry.",
        "#7bc2f4", "call"),
    "Conversation_Killer": _T(
        "Thought-terminating cliché", "A stock phrase that shuts down discussion or critical "
        "thinking.", "#bfd0f8", "call"),
    "Appeal_to_Time": _T(
        "Appeal to time", "Urges immediate action by insisting that now is the moment and there "
        "is no time to think.", "#69bed3", "call"),
    "Loaded_Language": _T(
        "Loaded language", "Uses emotionally charged words to provoke a reaction rather than to "
        "inform.", "#c28ef6", "manipulative wording"),
    "Obfuscation-Vagueness-Confusion": _T(
        "Obfuscation", "Stays deliberately vague or confusing so the audience reads in its own "
        "meaning.", "#b9a5e9", "manipulative wording"),
    "Exaggeration-Minimisation": _T(
        "Exaggeration or minimisation", "Makes something look much bigger, better or worse, or "
        "much smaller, than it is.", "#e689e6", "manipulative wording"),
    "Repetition": _T(
        "Repetition", "Repeats the same word, phrase or idea so that it sticks.", "#fabdee",
        "manipulative wording"),
}

_L = LabelInfo
FRAME_INFO: dict[str, LabelInfo] = {
    "Capacity_and_resources": _L("Capacity and resources", "Whether there is enough money, "
                                 "staff, time or material to deal with the issue."),
    "Crime_and_punishment": _L("Crime and punishment", "Breaking laws, enforcement, sentences "
                               "and punishment."),
    "Cultural_identity": _L("Cultural identity", "Traditions, customs and values of a social, "
                            "national or ethnic group."),
    "Economic": _L("Economic", "Costs, benefits, markets and the financial effects of the issue."),
    "External_regulation_and_reputation": _L(
        "External relations and reputation", "Relations with other countries and how a nation or "
        "group is seen abroad."),
    "Fairness_and_equality": _L("Fairness and equality", "Whether rights, burdens and rewards "
                                "are distributed justly."),
    "Health_and_safety": _L("Health and safety", "Health care, disease, injury and public "
                            "safety."),
    "Legality_Constitutionality_and_jurisprudence": _L(
        "Legality and jurisprudence", "Court rulings, constitutional questions and the legal "
        "rights and limits involved."),
    "Morality": _L("Morality", "What is right or wrong, from religious or ethical points of view."),
    "Policy_prescription_and_evaluation": _L(
        "Policy", "Proposed or existing policies and whether they work."),
    "Political": _L("Political", "Parties, elections, political manoeuvring and who gains "
                    "power."),
    "Public_opinion": _L("Public opinion", "What the public thinks: polls, protests and popular "
                         "reactions."),
    "Quality_of_life": _L("Quality of life", "Effects on people's wellbeing, daily life and "
                          "opportunities."),
    "Security_and_defense": _L("Security and defence", "Threats to a nation or community, the "
                               "military and protection against attack."),
}

GENRE_INFO: dict[str, LabelInfo] = {
    "opinion": _L("Opinion", "Argues for a point of view: editorials, columns, commentary."),
    "reporting": _L("Reporting", "Tells what happened, aiming at an objective account of news."),
    "satire": _L("Satire", "Uses irony and exaggeration to mock its subject, often as fake news."),
}


def technique_info(label: str) -> TechniqueInfo:
    """Info for a label, with a neutral fallback for one outside the vocabulary."""
    found = TECHNIQUE_INFO.get(label)
    if found is not None:
        return found
    return TechniqueInfo(label.replace("_", " "), "Not a SemEval technique.", UNKNOWN_COLOUR, "")


def label_name(label: str) -> str:
    """Human name of a technique, frame or genre (the label itself, readable, if unknown)."""
    for table in (TECHNIQUE_INFO, FRAME_INFO, GENRE_INFO):
        if label in table:
            return table[label].name
    return label.replace("_", " ")
