"""Fixture texts for the reuse tests, written for these tests (en/ru/de/fr), and a helper
that builds CorpusDocs with paragraph offsets."""

from __future__ import annotations

from propscope.corpus.docs import CorpusDoc

EN = [
    ("The harbour authority of Kelmsport confirmed on Tuesday that the northern pier will close "
    "for repairs in March, after inspectors found cracks in three of its concrete supports."),
    ("Fishermen who moor their boats at the pier said they had warned the council about the damage "
    "for two years and that nobody had answered their letters until the inspection report leaked."),
    ("According to the report, the repairs will cost 4.2 million pounds and take at least seven "
    "months, during which the ferry to the islands will leave from the southern quay instead."),
    ("Mayor Jonas Whitfield told reporters that the council had set money aside last autumn and "
    "that no local business would have to pay for the works or lose its mooring rights."),
    ("Opposition councillors demanded an independent review of how the inspections were scheduled, "
    "saying the cracks should have been noticed long before the winter storms made them worse."),
    ("The ferry operator said timetables would change from the first of March and promised to run "
    "an extra evening crossing on Fridays while the northern pier remains closed to traffic."),
]
EN_OTHER = [
    ("A new cycling lane along the river in Dunmore opened on Saturday, two months later than "
    "planned because the contractor ran short of the recycled asphalt the design required."),
    ("Residents living near the old brewery welcomed the lane but complained that the crossing at "
    "Mill Street still has no traffic lights, which they say makes it dangerous for children."),
    ("The transport department said lights would be installed before the summer holidays and that "
    "the lane had already been used by more than nine hundred cyclists on its first weekend."),
    ("Local shop owners were divided: some expect more customers on bicycles, while others fear the "
    "loss of eleven parking spaces will keep drivers from stopping in the high street at all."),
]
RU = [
    ("Власти портового города Кельмспорт во вторник подтвердили, что северный причал закроют на "
    "ремонт в марте, после того как инспекторы обнаружили трещины в трёх бетонных опорах."),
    ("Рыбаки, которые швартуют свои лодки у причала, рассказали, что два года предупреждали совет "
    "о повреждениях, но никто не отвечал на их письма, пока доклад инспекции не попал в прессу."),
    ("Согласно докладу, ремонт обойдётся в 4,2 миллиона фунтов и займёт не меньше семи месяцев, а "
    "паром на острова всё это время будет отправляться от южной набережной."),
    ("Мэр Йонас Уитфилд сообщил журналистам, что совет отложил деньги ещё прошлой осенью и что "
    "местным предприятиям не придётся платить за работы или терять право на стоянку."),
]
DE = [
    ("Die Hafenbehörde von Kelmsport hat am Dienstag bestätigt, dass der Nordpier im März für "
    "Reparaturen geschlossen wird, nachdem Prüfer Risse in drei seiner Betonstützen gefunden hatten."),
    ("Fischer, die ihre Boote am Pier festmachen, sagten, sie hätten den Stadtrat zwei Jahre lang "
    "vor den Schäden gewarnt, doch niemand habe ihre Briefe beantwortet, bis der Bericht durchsickerte."),
    ("Laut dem Bericht kosten die Reparaturen 4,2 Millionen Pfund und dauern mindestens sieben "
    "Monate; die Fähre zu den Inseln legt in dieser Zeit stattdessen am Südkai ab."),
    ("Bürgermeister Jonas Whitfield sagte Reportern, der Rat habe das Geld bereits im vergangenen "
    "Herbst zurückgelegt, und kein örtliches Unternehmen müsse für die Arbeiten bezahlen."),
]
FR = [
    ("L'autorité portuaire de Kelmsport a confirmé mardi que la jetée nord fermera en mars pour "
    "des réparations, après que des inspecteurs ont découvert des fissures dans trois piliers."),
    ("Les pêcheurs qui amarrent leurs bateaux à la jetée affirment avoir prévenu le conseil depuis "
    "deux ans, sans jamais recevoir de réponse avant la fuite du rapport d'inspection."),
    ("Selon le rapport, les travaux coûteront 4,2 millions de livres et dureront au moins sept mois, "
    "pendant lesquels le ferry pour les îles partira du quai sud."),
]
BOILER_A = ["Subscribe to our newsletter", "Share this article", "© 2024 Harbour Gazette. All rights reserved."]
BOILER_B = ["Follow us on Telegram", "Read more", "Copyright 2024 Coastal Courier"]


def make_doc(doc_id: str, blocks: list[str], **kw: object) -> CorpusDoc:
    """A CorpusDoc whose paragraphs are `blocks` joined by blank lines."""
    text, spans, pos = "", [], 0
    for block in blocks:
        if text:
            text += "\n\n"
            pos += 2
        text += block
        spans.append((pos, pos + len(block)))
        pos += len(block)
    return CorpusDoc(id=doc_id, text=text, paragraphs=spans, **kw)  # type: ignore[arg-type]
