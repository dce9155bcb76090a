"""find_entities in German, French, Italian and Polish: capitals are no evidence of a name.

All texts are written for these tests.
"""

from __future__ import annotations

from propscope.analyzers.voices.canonical import canonical_key
from propscope.analyzers.voices.entities import find_entities
from propscope.schema import Article


def _kinds(text: str, lang: str) -> dict[str, str]:
    return {e.name: e.kind for e in find_entities(Article(text=text, language=lang))}


def test_german_common_nouns_are_not_people() -> None:
    text = (
        "In der Kleinstadt wurden Turnhallen umgebaut, nachdem das Land der Gemeinde Geld "
        "zugewiesen hatte. Kinder und Eltern sind verunsichert. Die Leitung der Backstube "
        "übernimmt niemand. Hersteller von Keramik klagen über Grenzen der Belastbarkeit. "
        "Jeder Anteil kostet hundert Euro, sagte ein Sprecher."
    )
    assert _kinds(text, "de") == {}


def test_german_titles_are_cut_off_and_particles_kept() -> None:
    text = (
        "Bürgermeister Jürgen Albrecht sprach mit Wirtschaftsministerin Petra Lindner. "
        "Die Fraktionsvorsitzende der Grünen lobte Ursula von der Leyen. Der Abgeordnete "
        "Johannes Vogel von der FDP widersprach. Albrecht blieb gelassen."
    )
    kinds = _kinds(text, "de")
    assert kinds["Jürgen Albrecht"] == "person"
    assert kinds["Petra Lindner"] == "person"
    assert kinds["Ursula von der Leyen"] == "person"
    assert kinds["Johannes Vogel"] == "person"
    assert kinds["FDP"] == "organization"
    assert not any(k.startswith(("Bürgermeister", "Fraktions", "Wirtschafts")) for k in kinds)
    assert "Albrecht" not in kinds  # the bare surname joined the full name


def test_roles_glued_to_names_in_french_italian_polish() -> None:
    it = _kinds("Il ministro dell'Economia Giancarlo Giorgetti ha parlato a lungo.", "it")
    assert it == {"Giancarlo Giorgetti": "person"}
    pl = _kinds("Szef MON Władysław Kosiniak-Kamysz odwiedził jednostkę.", "pl")
    assert pl["Władysław Kosiniak-Kamysz"] == "person"
    assert "MON" not in pl or pl["MON"] == "organization"
    fr = _kinds("La secrétaire générale de la CGT, a estimé Sophie Binet. Chaque Habitant lit.", "fr")
    assert fr.get("CGT") == "organization" and "Chaque Habitant" not in fr
    assert "Le Maire" in " ".join(_kinds("Le ministre Bruno Le Maire a parlé.", "fr"))


def test_polish_institutions_are_keyed_in_the_nominative() -> None:
    assert canonical_key("Naczelnej Izby Lekarskiej", "organization", "pl") == canonical_key(
        "Naczelna Izba Lekarska", "organization", "pl"
    )
    assert canonical_key("Polskiego Instytutu Spraw Międzynarodowych", "organization", "pl")[
        1
    ] == "Polski Instytut Spraw Międzynarodowych"


def test_russian_regions_and_acronyms_are_not_people() -> None:
    text = (
        "Губернатор Белгородской области Вячеслав Гладков сообщил о пожаре. "
        "В управлении МЧС заявили, что пожар потушен."
    )
    ents = {e.id: e.kind for e in find_entities(Article(text=text, language="ru"))}
    assert ents["loc:belgorodskaya-oblast"] == "place"
    assert ents["org:mchs"] == "organization"
    assert ents["per:vyacheslav-gladkov"] == "person"


def test_a_point_is_a_place_not_a_person_in_english() -> None:
    kinds = _kinds("The ferry to Gull Point stopped. Fishermen in Port Ellis worried.", "en")
    assert kinds == {"Gull Point": "place", "Port Ellis": "place"}
