"""VoicesAnalyzer: composes entities -> quotes -> stance, checks what the parts return."""

from __future__ import annotations

import pytest

from propscope.analyzers.voices.analyzer import MODEL, VoicesAnalyzer
from propscope.schema import Article
from propscope.schema.analysis import Analysis
from propscope.schema.voices import Entity, Mention, Quote, Stance
from tests.voices_data import voices_article


def _fixed(article: Article) -> VoicesAnalyzer:
    """An analyzer whose parts return the hand-built voices of `article`."""
    v = article.analysis.voices  # type: ignore[union-attr]
    assert v is not None
    seen: list[object] = []

    def entities(a: Article) -> list[Entity]:
        seen.append(("entities", a.id))
        return list(v.entities)

    def quotes(a: Article, ents: list[Entity]) -> list[Quote]:
        seen.append(("quotes", [e.id for e in ents]))
        return list(v.quotes)

    def stances(a: Article, ents: list[Entity], qs: list[Quote]) -> list[Stance]:
        seen.append(("stances", len(qs)))
        return list(v.stances)

    analyzer = VoicesAnalyzer(entities, quotes, stances)
    analyzer.seen = seen  # type: ignore[attr-defined]
    return analyzer


def test_parts_run_in_order_and_result_keeps_other_stages() -> None:
    article, _ = voices_article(3)
    analyzer = _fixed(article)
    techniques = article.analysis.techniques  # type: ignore[union-attr]
    article.analysis = Analysis(techniques=techniques, techniques_model="tech@test")
    [out] = analyzer([article])
    assert analyzer.seen == [("entities", article.id),  # type: ignore[attr-defined]
                             ("quotes", ["per:jane-holt", "org:city-council"]), ("stances", 1)]
    v = out.analysis.voices  # type: ignore[union-attr]
    assert v is not None and v.model == MODEL and MODEL.startswith("voices@")
    assert [e.id for e in v.entities] == ["per:jane-holt", "org:city-council"]  # by salience
    assert out.analysis.techniques == techniques  # type: ignore[union-attr]
    assert analyzer.name == "voices" and analyzer.assigns == ("analysis.voices",)


def test_offsets_outside_the_text_and_unknown_entities_are_dropped() -> None:
    article, _ = voices_article(4)
    n = len(article.text)
    good = article.analysis.voices.quotes[0]  # type: ignore[union-attr]
    ents = [Entity("per:a", "A", "person", [Mention(0, 3), Mention(n - 1, n + 5)])]

    analyzer = VoicesAnalyzer(
        lambda a: ents,
        lambda a, e: [Quote(n, n + 4, 0, "direct"), Quote(5, 2, 0, "direct"),
                      Quote(0, 4, 0, "direct", cue_start=0, cue_end=n + 1),
                      Quote(good.start, good.end, 1, "direct", entity="per:ghost")],
        lambda a, e, q: [Stance("per:ghost", "critical", -1.0),
                         Stance("per:a", "supportive", 0.5, [Mention(0, 4), Mention(-1, 2)])])
    v = analyzer.voices(article)
    assert [(q.start, q.end, q.entity) for q in v.quotes] == [(good.start, good.end, None)]
    assert [(m.start, m.end) for m in v.entities[0].mentions] == [(0, 3)]
    assert [(s.entity, len(s.evidence)) for s in v.stances] == [("per:a", 1)]
    assert analyzer.dropped == 6  # a mention, three quotes, a stance, one evidence span


def test_bad_input_is_a_clear_error() -> None:
    article, _ = voices_article(5)
    article.text = None  # type: ignore[assignment]
    with pytest.raises(TypeError, match="text must be a string"):
        VoicesAnalyzer(lambda a: [], lambda a, e: [], lambda a, e, q: []).analyze(article)


def _article(blocks: list[str], language: str) -> Article:
    from propscope.schema import paragraphs_from_blocks

    text, paras = paragraphs_from_blocks(blocks)
    return Article(text=text, paragraphs=paras, title="t", language=language)


def test_end_to_end_with_the_real_parts_en_and_ru() -> None:
    """The shipped components composed: speakers resolve to entities across pronouns and
    inflection, and a technique inside a quote is attributed to its speaker."""
    from propscope.analyzers.voices.attribution import attribute_spans
    from propscope.schema.analysis import Span
    from propscope.schema.voices import OUTLET

    en = _article(["Senator Maria Lindqvist criticised the new tariff plan on Monday.",
                   ("\u201cThis plan is a disgrace and will ruin our farmers,\u201d Lindqvist "
                    "told reporters."), "She added that the government had lied to voters."], "en")
    v = VoicesAnalyzer().voices(en)
    assert v.model == MODEL
    assert [(en.text[q.start:q.end], q.entity) for q in v.quotes] == [
        ("This plan is a disgrace and will ruin our farmers", "per:maria-lindqvist"),
        ("the government had lied to voters", "per:maria-lindqvist")]
    assert v.quotes[0].kind == "direct" and v.quotes[0].cue == "told"
    assert any(e.id == "per:maria-lindqvist" and e.kind == "person" for e in v.entities)
    inside = en.text.index("a disgrace")
    outside = en.text.index("criticised")
    spans = [Span("Loaded_Language", inside, inside + 10, 1, 0.9),
             Span("Doubt", outside, outside + 10, 0, 0.9)]
    assert attribute_spans(spans, v.quotes) == ["per:maria-lindqvist", OUTLET]

    ru = _article(["Депутат Игорь Соколов выступил в четверг.",
                   "«Санкции бесполезны и вредны», — заявил Соколов журналистам.",
                   "По словам Соколова, переговоры продолжатся."], "ru")
    v = VoicesAnalyzer().voices(ru)
    assert [(ru.text[q.start:q.end], q.entity, q.cue) for q in v.quotes] == [
        ("Санкции бесполезны и вредны", "per:igor-sokolov", "заявил"),
        ("переговоры продолжатся", "per:igor-sokolov", "По словам")]
