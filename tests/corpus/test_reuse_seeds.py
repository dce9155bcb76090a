"""Seeds acceptance for reuse detection (issue 5): 002 republishes an RT report, 003 is a
spun / machine-translated copy. 003's source is not among the seeds, so its verdict comes
from its own artefacts (markers.copy_signals), with the evidence quoted from the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.corpus.docs import CorpusDoc
from propscope.corpus.markers import copy_signals
from propscope.corpus.reuse import ReuseDetector
from propscope.extract.plaintext import extract_plaintext
from propscope.schema import paragraphs_from_blocks

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")


def _docs() -> tuple[list[CorpusDoc], dict[str, str]]:
    docs, sources = [], {}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        ex = extract_plaintext(raw)
        text, paras = paragraphs_from_blocks(ex.blocks)
        doc_id = path.name[:3]
        docs.append(CorpusDoc(id=doc_id, text=text, title=ex.title, source=ex.source, language="en",
                              paragraphs=[(p.start, p.end) for p in paras], removed=ex.removed,
                              ingested_at=f"2024-01-0{len(docs) + 1}T00:00:00"))
        sources[doc_id] = raw
    return docs, sources


def test_002_republishes_an_rt_report() -> None:
    docs, _ = _docs()
    seed = next(d for d in docs if d.id == "002")
    signals = copy_signals(seed)
    assert signals.verdict == "republished"
    assert "RT" in signals.sources
    reports = [m for m in signals.markers if m.kind == "reports"]
    assert reports and reports[0].names == ["RT"]
    assert seed.text[reports[0].start : reports[0].end] == reports[0].text == "RT reports:"


def test_003_is_a_spun_machine_translated_copy_with_evidence() -> None:
    docs, raw = _docs()
    seed = next(d for d in docs if d.id == "003")
    signals = copy_signals(seed)
    assert signals.verdict == "spun"
    for m in signals.markers:  # every marker quotes exactly what its offsets point at
        where = seed.text if m.where == "text" else raw["003"]
        assert where[m.start : m.end] == m.text
    evidence = {(m.kind, m.text) for m in signals.markers}
    assert ("mt-artifact", "UU") in evidence  # a stray "UU" (EE.UU. = USA) left by machine translation
    assert ("markup-debris", "[19659008]") in evidence  # in a caption extraction removed
    assert ("source-link", "Source link") in evidence
    body_uu = [m for m in signals.markers if m.kind == "mt-artifact" and m.where == "text"]
    assert body_uu, "the body itself carries an MT artefact"
    assert "TASS" in signals.sources  # the seed cites the Russian state agency


def test_other_seeds_are_not_flagged_and_no_seed_pair_is_a_copy() -> None:
    docs, _ = _docs()
    verdicts = {d.id: copy_signals(d).verdict for d in docs}
    assert verdicts["000"] is None  # "Reuters reported that" cites, it does not copy
    assert verdicts["001"] is None and verdicts["004"] is None
    detector = ReuseDetector(translated=False)
    assert detector.find(docs) == []  # five different stories of one narrative
    flagged = {c.article_id: c.verdict for c in detector.flags(docs)}
    assert flagged == {"002": "republished", "003": "spun"}


def test_a_republication_of_a_seed_links_back_with_its_markers() -> None:
    docs, _ = _docs()
    src = next(d for d in docs if d.id == "001")
    paras = src.paragraph_texts()
    text = "Sputnik reports:\n\n" + "\n\n".join(paras[:7])
    spans, pos = [], 0
    for block in ["Sputnik reports:", *paras[:7]]:
        spans.append((pos, pos + len(block)))
        pos += len(block) + 2
    copy = CorpusDoc(id="copy", text=text, paragraphs=spans, language="en", ingested_at="2024-02-01T00:00:00")
    links = ReuseDetector(translated=False).find([*docs, copy])
    assert [(x.earlier, x.later, x.kind) for x in links] == [("001", "copy", "partial")]
    link = links[0]
    assert link.coverage_later > 0.95 and 0.5 < link.coverage_earlier < 0.95
    assert link.dropped == [7, 8, 9] and link.added == [0]  # the attribution line
    assert [m.names for m in link.markers if m.kind == "reports"] == [["Sputnik International"]]
