"""Vocabulary of the synthetic benchmark corpus (corpus/synthetic.py), written here.

Every list is index-aligned across languages: sentence frame k, theme noun k, adjective k
mean the same thing in every language, so a story rendered from the same facts in another
language is a faithful "translation" with the same names, numbers and dates. Grammar is
approximate on purpose (no case or gender agreement): detectors see word statistics.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("en", "ru", "de", "fr", "it", "pl")

#: Slots: {P} person, {O} organisation, {C} city, {N} key number of the story, {M} number of
#: this article, {T} {U} theme nouns, {E} event, {A} adjective, {V} reporting verb, {D} date.
FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "{P} {V} on {D} that the {T} in {C} would need {N} million before the end of the year.",
        "According to {O}, {N} people were affected by the {E} near {C}.",
        "The {A} debate over the {T} and the {U} continued in {C} on {D}.",
        "{P} {V} that the {E} had been expected for months.",
        "Officials in {C} confirmed that {M} inspections of the {U} were planned.",
        "Critics argue that the {T} has become a symbol of a {A} crisis.",
        "{O} published a report listing {M} cases linked to the {U}.",
        "Residents of {C} told reporters that the {T} had changed their lives.",
        "The {E} is the latest in a series of {A} disputes involving {O}.",
        "{P} is expected to meet representatives of {O} in {C} next week.",
        "Analysts estimate the cost of the {U} at {M} million.",
        "Local media in {C} reported {M} arrests after the {E}.",
    ),
    "ru": (
        "{P} {V} {D}, что на {T} в городе {C} до конца года потребуется {N} миллионов.",
        "По данным {O}, {N} человек пострадали, когда случился {E} у города {C}.",
        "{A} спор о том, как быть с {T} и {U}, продолжился в городе {C} {D}.",
        "{P} {V}, что {E} ожидали уже несколько месяцев.",
        "Чиновники города {C} подтвердили, что запланировано {M} проверок, объект: {U}.",
        "Критики считают, что {T} стал символом кризиса, который называют {A}.",
        "{O} опубликовала доклад, в котором {M} случаев связаны с темой: {U}.",
        "Жители города {C} рассказали журналистам, что {T} изменил их жизнь.",
        "{E} стал последним в череде споров, {A} характер которых затрагивает {O}.",
        "{P} на следующей неделе должен встретиться с представителями {O} в городе {C}.",
        "Аналитики оценивают стоимость, которую несёт {U}, в {M} миллионов.",
        "Местные СМИ города {C} сообщили о {M} задержаниях после того, как произошёл {E}.",
    ),
    "de": (
        "{P} {V} am {D}, dass {T} in {C} bis Jahresende {N} Millionen benötige.",
        "Nach Angaben von {O} waren {N} Menschen von {E} bei {C} betroffen.",
        "Die {A} Debatte über {T} und {U} ging am {D} in {C} weiter.",
        "{P} {V}, dass {E} seit Monaten erwartet worden sei.",
        "Beamte in {C} bestätigten, dass {M} Kontrollen von {U} geplant seien.",
        "Kritiker meinen, {T} sei zum Symbol einer {A} Krise geworden.",
        "{O} veröffentlichte einen Bericht mit {M} Fällen im Zusammenhang mit {U}.",
        "Einwohner von {C} sagten Reportern, {T} habe ihr Leben verändert.",
        "{E} ist der jüngste in einer Reihe {A} Streitigkeiten um {O}.",
        "{P} soll nächste Woche Vertreter von {O} in {C} treffen.",
        "Analysten schätzen die Kosten für {U} auf {M} Millionen.",
        "Lokale Medien in {C} berichteten von {M} Festnahmen nach {E}.",
    ),
    "fr": (
        "{P} a {V} le {D} que {T} à {C} nécessiterait {N} millions d'ici la fin de l'année.",
        "Selon {O}, {N} personnes ont été touchées par {E} près de {C}.",
        "Le débat {A} sur {T} et {U} s'est poursuivi à {C} le {D}.",
        "{P} a {V} que {E} était attendu depuis des mois.",
        "Les responsables de {C} ont confirmé que {M} inspections de {U} étaient prévues.",
        "Les critiques estiment que {T} est devenu le symbole d'une crise {A}.",
        "{O} a publié un rapport recensant {M} cas liés à {U}.",
        "Des habitants de {C} ont déclaré aux journalistes que {T} avait changé leur vie.",
        "{E} est le dernier d'une série de différends {A} impliquant {O}.",
        "{P} doit rencontrer des représentants de {O} à {C} la semaine prochaine.",
        "Les analystes estiment le coût de {U} à {M} millions.",
        "Les médias locaux de {C} ont fait état de {M} arrestations après {E}.",
    ),
    "it": (
        "{P} ha {V} il {D} che {T} a {C} richiederebbe {N} milioni entro la fine dell'anno.",
        "Secondo {O}, {N} persone sono state colpite da {E} vicino a {C}.",
        "Il dibattito {A} su {T} e {U} è proseguito a {C} il {D}.",
        "{P} ha {V} che {E} era atteso da mesi.",
        "I funzionari di {C} hanno confermato che sono previste {M} ispezioni di {U}.",
        "I critici sostengono che {T} sia diventato il simbolo di una crisi {A}.",
        "{O} ha pubblicato un rapporto con {M} casi legati a {U}.",
        "Gli abitanti di {C} hanno detto ai giornalisti che {T} ha cambiato le loro vite.",
        "{E} è l'ultimo di una serie di contrasti {A} che coinvolgono {O}.",
        "{P} dovrebbe incontrare i rappresentanti di {O} a {C} la prossima settimana.",
        "Gli analisti stimano il costo di {U} in {M} milioni.",
        "I media locali di {C} hanno riferito di {M} arresti dopo {E}.",
    ),
    "pl": (
        "{P} {V} {D}, że {T} w mieście {C} będzie potrzebować {N} milionów do końca roku.",
        "Według {O} {N} osób zostało dotkniętych przez {E} w pobliżu miasta {C}.",
        "{A} debata o tym, co dalej z {T} i {U}, trwała w mieście {C} {D}.",
        "{P} {V}, że {E} był oczekiwany od miesięcy.",
        "Urzędnicy w mieście {C} potwierdzili, że zaplanowano {M} kontroli, obiekt: {U}.",
        "Krytycy uważają, że {T} stał się symbolem kryzysu, który nazywają {A}.",
        "{O} opublikowała raport, w którym {M} przypadków wiąże się z tematem: {U}.",
        "Mieszkańcy miasta {C} powiedzieli dziennikarzom, że {T} zmienił ich życie.",
        "{E} to kolejny z serii sporów, których {A} charakter dotyczy {O}.",
        "{P} ma w przyszłym tygodniu spotkać się z przedstawicielami {O} w mieście {C}.",
        "Analitycy szacują koszt, jaki niesie {U}, na {M} milionów.",
        "Lokalne media w mieście {C} podały informację o {M} zatrzymaniach po tym, jak doszło do: {E}.",
    ),
}

TITLES: dict[str, tuple[str, ...]] = {
    "en": ("{E} in {C}: {N} affected", "{P} on the {T}: a {A} crisis",
           "{O} under pressure over the {U}", "What the {E} means for {C}"),
    "ru": ("{E} у города {C}: пострадали {N}", "{P} о теме «{T}»: {A} кризис",
           "{O} под давлением из-за темы «{U}»", "Что {E} значит для города {C}"),
    "de": ("{E} in {C}: {N} Betroffene", "{P} über {T}: eine {A} Krise",
           "{O} unter Druck wegen {U}", "Was {E} für {C} bedeutet"),
    "fr": ("{E} à {C} : {N} personnes touchées", "{P} sur {T} : une crise {A}",
           "{O} sous pression à cause de {U}", "Ce que {E} signifie pour {C}"),
    "it": ("{E} a {C}: {N} persone colpite", "{P} su {T}: una crisi {A}",
           "{O} sotto pressione per {U}", "Cosa significa {E} per {C}"),
    "pl": ("{E} w mieście {C}: {N} poszkodowanych", "{P} o temacie {T}: {A} kryzys",
           "{O} pod presją z powodu tematu {U}", "Co {E} oznacza dla miasta {C}"),
}

#: Eight themes: five nouns and two events each, in every language (same order).
THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("pipeline", "power plant", "gas price", "power grid", "reactor", "pipeline explosion", "blackout"),
        ("ballot", "polling station", "campaign", "recount", "voter roll", "contested vote", "recount dispute"),
        ("border post", "air base", "military drill", "convoy", "missile battery", "border clash", "drone strike"),
        ("refugee camp", "asylum office", "migration quota", "ferry line", "shelter", "camp fire", "ferry accident"),
        ("hospital", "vaccine", "clinic", "epidemic", "ambulance service", "hospital strike", "measles outbreak"),
        ("bank", "tax reform", "pension fund", "steel factory", "bond issue", "bank collapse", "factory closure"),
        ("dam", "river", "harbour", "forest", "reservoir", "dam breach", "forest fire"),
        ("data centre", "phone network", "satellite", "telecom operator", "tax software", "cyber attack", "satellite failure"),
    ),
    "ru": (
        ("трубопровод", "электростанция", "цена на газ", "энергосеть", "реактор", "взрыв на трубопроводе", "блэкаут"),
        ("бюллетень", "избирательный участок", "кампания", "пересчёт", "список избирателей", "спорное голосование", "спор о пересчёте"),
        ("погранпост", "авиабаза", "военные учения", "колонна", "ракетная батарея", "пограничный конфликт", "удар беспилотника"),
        ("лагерь беженцев", "миграционная служба", "миграционная квота", "паромная линия", "приют", "пожар в лагере", "авария парома"),
        ("больница", "вакцина", "клиника", "эпидемия", "скорая помощь", "забастовка в больнице", "вспышка кори"),
        ("банк", "налоговая реформа", "пенсионный фонд", "сталелитейный завод", "выпуск облигаций", "крах банка", "закрытие завода"),
        ("плотина", "река", "гавань", "лес", "водохранилище", "прорыв плотины", "лесной пожар"),
        ("дата-центр", "телефонная сеть", "спутник", "оператор связи", "налоговая программа", "кибератака", "сбой спутника"),
    ),
    "de": (
        ("die Pipeline", "das Kraftwerk", "der Gaspreis", "das Stromnetz", "der Reaktor", "die Pipeline-Explosion", "der Stromausfall"),
        ("der Stimmzettel", "das Wahllokal", "der Wahlkampf", "die Neuauszählung", "das Wählerverzeichnis", "die umstrittene Abstimmung", "der Streit um die Neuauszählung"),
        ("der Grenzposten", "der Luftwaffenstützpunkt", "das Militärmanöver", "der Konvoi", "die Raketenbatterie", "der Grenzzusammenstoß", "der Drohnenangriff"),
        ("das Flüchtlingslager", "die Asylbehörde", "die Migrationsquote", "die Fährlinie", "die Notunterkunft", "der Lagerbrand", "das Fährunglück"),
        ("das Krankenhaus", "der Impfstoff", "die Klinik", "die Epidemie", "der Rettungsdienst", "der Krankenhausstreik", "der Masernausbruch"),
        ("die Bank", "die Steuerreform", "der Pensionsfonds", "das Stahlwerk", "die Anleiheemission", "der Bankzusammenbruch", "die Werksschließung"),
        ("der Staudamm", "der Fluss", "der Hafen", "der Wald", "der Stausee", "der Dammbruch", "der Waldbrand"),
        ("das Rechenzentrum", "das Telefonnetz", "der Satellit", "der Telekomanbieter", "die Steuersoftware", "der Cyberangriff", "der Satellitenausfall"),
    ),
    "fr": (
        ("le gazoduc", "la centrale", "le prix du gaz", "le réseau électrique", "le réacteur", "l'explosion du gazoduc", "la panne générale"),
        ("le bulletin", "le bureau de vote", "la campagne", "le recomptage", "la liste électorale", "le vote contesté", "la querelle du recomptage"),
        ("le poste frontière", "la base aérienne", "l'exercice militaire", "le convoi", "la batterie de missiles", "l'affrontement frontalier", "la frappe de drone"),
        ("le camp de réfugiés", "l'office d'asile", "le quota migratoire", "la ligne de ferry", "le refuge", "l'incendie du camp", "l'accident de ferry"),
        ("l'hôpital", "le vaccin", "la clinique", "l'épidémie", "le service d'ambulances", "la grève à l'hôpital", "l'épidémie de rougeole"),
        ("la banque", "la réforme fiscale", "le fonds de pension", "l'aciérie", "l'émission obligataire", "la faillite de la banque", "la fermeture de l'usine"),
        ("le barrage", "la rivière", "le port", "la forêt", "le réservoir", "la rupture du barrage", "l'incendie de forêt"),
        ("le centre de données", "le réseau téléphonique", "le satellite", "l'opérateur télécom", "le logiciel fiscal", "la cyberattaque", "la panne du satellite"),
    ),
    "it": (
        ("il gasdotto", "la centrale elettrica", "il prezzo del gas", "la rete elettrica", "il reattore", "l'esplosione del gasdotto", "il blackout"),
        ("la scheda elettorale", "il seggio", "la campagna", "il riconteggio", "la lista elettorale", "il voto contestato", "la disputa sul riconteggio"),
        ("il posto di frontiera", "la base aerea", "l'esercitazione militare", "il convoglio", "la batteria missilistica", "lo scontro di confine", "l'attacco con drone"),
        ("il campo profughi", "l'ufficio asilo", "la quota migratoria", "la linea dei traghetti", "il rifugio", "l'incendio nel campo", "l'incidente del traghetto"),
        ("l'ospedale", "il vaccino", "la clinica", "l'epidemia", "il servizio ambulanze", "lo sciopero in ospedale", "il focolaio di morbillo"),
        ("la banca", "la riforma fiscale", "il fondo pensione", "l'acciaieria", "l'emissione di obbligazioni", "il crollo della banca", "la chiusura della fabbrica"),
        ("la diga", "il fiume", "il porto", "la foresta", "il bacino", "il cedimento della diga", "l'incendio boschivo"),
        ("il data center", "la rete telefonica", "il satellite", "l'operatore telefonico", "il software fiscale", "l'attacco informatico", "il guasto del satellite"),
    ),
    "pl": (
        ("gazociąg", "elektrownia", "cena gazu", "sieć energetyczna", "reaktor", "wybuch gazociągu", "blackout"),
        ("karta do głosowania", "lokal wyborczy", "kampania", "ponowne liczenie", "spis wyborców", "sporne głosowanie", "spór o ponowne liczenie"),
        ("posterunek graniczny", "baza lotnicza", "ćwiczenia wojskowe", "konwój", "bateria rakietowa", "starcie na granicy", "atak drona"),
        ("obóz dla uchodźców", "urząd ds. azylu", "kwota migracyjna", "linia promowa", "schronisko", "pożar obozu", "wypadek promu"),
        ("szpital", "szczepionka", "klinika", "epidemia", "pogotowie", "strajk w szpitalu", "ognisko odry"),
        ("bank", "reforma podatkowa", "fundusz emerytalny", "huta", "emisja obligacji", "upadek banku", "zamknięcie fabryki"),
        ("tama", "rzeka", "port", "las", "zbiornik", "przerwanie tamy", "pożar lasu"),
        ("centrum danych", "sieć telefoniczna", "satelita", "operator telekomunikacyjny", "program podatkowy", "cyberatak", "awaria satelity"),
    ),
}

#: Neutral adjectives and the loaded ones a spun copy uses instead (same index).
ADJ: dict[str, tuple[str, ...]] = {
    "en": ("controversial", "long", "difficult", "public", "serious", "unexpected", "bitter", "costly"),
    "ru": ("спорный", "долгий", "трудный", "публичный", "серьёзный", "неожиданный", "острый", "дорогой"),
    "de": ("umstrittenen", "langen", "schwierigen", "öffentlichen", "ernsten", "unerwarteten", "bitteren", "teuren"),
    "fr": ("controversé", "long", "difficile", "public", "sérieux", "inattendu", "amer", "coûteux"),
    "it": ("controverso", "lungo", "difficile", "pubblico", "serio", "inatteso", "aspro", "costoso"),
    "pl": ("kontrowersyjny", "długi", "trudny", "publiczny", "poważny", "nieoczekiwany", "zacięty", "kosztowny"),
}
SPIN_ADJ: dict[str, tuple[str, ...]] = {
    "en": ("shameful", "criminal", "disastrous", "treacherous", "corrupt", "hysterical", "outrageous", "cynical"),
    "ru": ("позорный", "преступный", "катастрофический", "предательский", "коррупционный", "истеричный", "возмутительный", "циничный"),
    "de": ("schändlichen", "kriminellen", "katastrophalen", "verräterischen", "korrupten", "hysterischen", "empörenden", "zynischen"),
    "fr": ("honteux", "criminel", "désastreux", "perfide", "corrompu", "hystérique", "scandaleux", "cynique"),
    "it": ("vergognoso", "criminale", "disastroso", "infido", "corrotto", "isterico", "scandaloso", "cinico"),
    "pl": ("haniebny", "przestępczy", "katastrofalny", "zdradziecki", "skorumpowany", "histeryczny", "oburzający", "cyniczny"),
}
VERB: dict[str, tuple[str, ...]] = {
    "en": ("said", "stated", "noted", "explained"),
    "ru": ("заявил", "сообщил", "отметил", "пояснил"),
    "de": ("sagte", "erklärte", "betonte", "teilte mit"),
    "fr": ("déclaré", "affirmé", "souligné", "expliqué"),
    "it": ("dichiarato", "affermato", "sottolineato", "spiegato"),
    "pl": ("powiedział", "oświadczył", "zauważył", "wyjaśnił"),
}
SPIN_VERB: dict[str, tuple[str, ...]] = {
    "en": ("claimed", "falsely asserted", "was forced to admit", "alleged"),
    "ru": ("голословно заявил", "лживо утверждал", "был вынужден признать", "якобы сообщил"),
    "de": ("behauptete", "behauptete fälschlich", "musste zugeben", "unterstellte"),
    "fr": ("prétendu", "faussement affirmé", "dû admettre", "allégué"),
    "it": ("preteso", "falsamente affermato", "dovuto ammettere", "insinuato"),
    "pl": ("twierdził", "fałszywie twierdził", "musiał przyznać", "insynuował"),
}
MILLION_SEP: dict[str, str] = {"en": ",", "ru": "\u00a0", "de": ".", "fr": "\u00a0", "it": ".", "pl": "\u00a0"}
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "września", "października", "listopada", "grudnia"),
}
DATE_FORMAT: dict[str, str] = {"en": "{m} {d}", "ru": "{d} {m}", "de": "{d}. {m}",
                               "fr": "{d} {m}", "it": "{d} {m}", "pl": "{d} {m}"}

#: Outlet boilerplate ({S} = outlet name): a random subset ends every article of the outlet.
BOILERPLATE: dict[str, tuple[str, ...]] = {
    "en": ("Share this article", "Subscribe to our newsletter", "Follow {S} on Telegram",
           "© {S}. All rights reserved.", "Read more news from {S}",
           ("The views expressed by contributors do not necessarily reflect the editorial "
           "position of {S}. Republication is permitted with an active link to the original "
           "source and the name of the author.")),
    "ru": ("Поделиться", "Подпишитесь на нашу рассылку", "Читайте {S} в Telegram",
           "© {S}. Все права защищены.", "Другие новости {S}",
           ("Мнение авторов может не совпадать с позицией редакции {S}. Перепечатка "
           "разрешена только с активной ссылкой на первоисточник и указанием автора.")),
    "de": ("Artikel teilen", "Abonnieren Sie unseren Newsletter", "Folgen Sie {S} auf Telegram",
           "© {S}. Alle Rechte vorbehalten.", "Weitere Nachrichten von {S}",
           ("Die Meinung der Autoren gibt nicht unbedingt die Position der Redaktion von {S} "
           "wieder. Nachdruck nur mit aktivem Link zur Originalquelle und Nennung des Autors.")),
    "fr": ("Partager cet article", "Abonnez-vous à notre newsletter", "Suivez {S} sur Telegram",
           "© {S}. Tous droits réservés.", "Plus d'actualités de {S}",
           ("Les opinions des contributeurs ne reflètent pas nécessairement la position de la "
           "rédaction de {S}. Reproduction autorisée avec un lien actif vers la source.")),
    "it": ("Condividi questo articolo", "Iscriviti alla nostra newsletter", "Segui {S} su Telegram",
           "© {S}. Tutti i diritti riservati.", "Altre notizie da {S}",
           ("Le opinioni degli autori non riflettono necessariamente la posizione della "
           "redazione di {S}. La ripubblicazione è consentita con un link attivo alla fonte.")),
    "pl": ("Udostępnij artykuł", "Zapisz się do naszego newslettera", "Obserwuj {S} na Telegramie",
           "© {S}. Wszelkie prawa zastrzeżone.", "Więcej wiadomości z {S}",
           ("Opinie autorów nie muszą odzwierciedlać stanowiska redakcji {S}. Przedruk dozwolony "
           "wyłącznie z aktywnym linkiem do źródła i podaniem autora.")),
}
OUTLET_WORD: dict[str, tuple[str, ...]] = {
    "en": ("Herald", "Daily", "Observer", "Wire"), "ru": ("Вестник", "Известия", "Обозреватель", "Курьер"),
    "de": ("Rundschau", "Zeitung", "Kurier", "Anzeiger"), "fr": ("Le Courrier", "La Gazette", "L'Écho", "Le Journal"),
    "it": ("Corriere", "Gazzetta", "Il Messaggero", "La Voce"), "pl": ("Kurier", "Gazeta", "Dziennik", "Głos"),
}
#: Machine-translation artefacts a spun copy may carry.
MT_ARTEFACTS: tuple[str, ...] = ("[{n}]", "EE. UU.", "Source link")

SYLLABLES: tuple[str, ...] = (
    "var", "mon", "tel", "bra", "kos", "del", "ri", "na", "sto", "len", "gar", "vik", "lo",
    "dor", "mi", "sen", "tar", "ul", "bel", "zan", "ko", "per", "mar", "ist", "vel", "ron",
)
FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Pavel", "Marta", "Viktor", "Elena", "Tomas", "Irina", "Marek", "Julia", "Oleg",
    "Claire", "Luca", "Greta", "Stefan", "Nadia", "Piotr", "Sofia", "Igor", "Laura", "Dmitri",
)
LATIN_TO_CYRILLIC: tuple[tuple[str, str], ...] = (
    ("sch", "ш"), ("ch", "ч"), ("sh", "ш"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ya", "я"),
    ("yu", "ю"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"),
    ("g", "г"), ("h", "х"), ("i", "и"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"), ("y", "и"), ("z", "з"),
)


def to_cyrillic(name: str) -> str:
    """Naive Latin -> Cyrillic transliteration of an invented name ("Varmon" -> "Вармон")."""
    out, low, i = [], name.lower(), 0
    while i < len(low):
        for lat, cyr in LATIN_TO_CYRILLIC:
            if low.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            out.append(low[i])
            i += 1
    text = "".join(out)
    return text[:1].upper() + text[1:]
