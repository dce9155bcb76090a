"""`propscope analyze` end to end on the bundled demo corpus (our own texts), real SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.schema.analysis import TITLE
from propscope.semeval.labels import FRAMES, GENRES, TECHNIQUES
from propscope.store import open_store

runner = CliRunner()
DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus" / "text"


@pytest.fixture
def db(store_url: str) -> str:
    url = store_url
    res = runner.invoke(app, ["ingest", str(DEMO), "--db", url, "--quiet"])
    assert res.exit_code == 0, res.output
    return url


def test_analyze_stores_techniques_spans_genre_frames(db: str) -> None:
    res = runner.invoke(app, ["analyze", "--db", db, "--quiet"])
    assert res.exit_code == 0, res.output
    with open_store(db) as store:
        ids = [s.id for s in store.list_articles(limit=100)]
        assert ids
        marked = 0
        for aid in ids:
            art = store.get_article(aid)
            assert art is not None and art.analysis is not None
            an = art.analysis
            assert an.genre is not None and len(an.genre.labels) == 1 and an.genre.labels[0] in GENRES
            assert an.frames is not None and an.frames.labels and set(an.frames.labels) <= set(FRAMES)
            units = {u.paragraph for u in an.techniques}
            assert units == set(range(len(art.paragraphs))) | ({TITLE} if art.title else set())
            for u in an.techniques:
                assert set(u.labels) <= set(TECHNIQUES)
                assert all(0.0 <= p <= 1.0 for p in u.probabilities.values())
            for span in an.spans:
                para = art.paragraphs[span.paragraph]
                assert para.start <= span.start < span.end <= para.end
                assert span.technique in {lab for u in an.techniques if u.paragraph == span.paragraph for lab in u.labels}
                assert art.text[span.start:span.end].strip()
            marked += bool(an.spans)
        assert marked >= len(ids) // 2  # the demo articles are written to persuade


def test_rerun_skips_and_redo_recomputes(db: str) -> None:
    assert runner.invoke(app, ["analyze", "--db", db, "--quiet"]).exit_code == 0
    again = runner.invoke(app, ["analyze", "--db", db, "--quiet"])
    assert again.exit_code == 0 and "analysed 0," in again.output
    redo = runner.invoke(app, ["analyze", "--db", db, "--quiet", "--redo", "--only", "genre"])
    assert redo.exit_code == 0 and "analysed 0," not in redo.output


def test_show_marks_techniques(db: str) -> None:
    assert runner.invoke(app, ["analyze", "--db", db, "--quiet"]).exit_code == 0
    with open_store(db) as store:
        aid = next(s.id for s in store.list_articles(limit=100)
                   if (a := store.get_article(s.id)) and a.analysis and a.analysis.spans)
    res = runner.invoke(app, ["show", aid, "--db", db])
    assert res.exit_code == 0, res.output
    assert "techniques marked" in res.output
    assert "genre" in res.output and "frames" in res.output
    assert any(t in res.output for t in TECHNIQUES)


def test_unknown_analyzer_is_refused(db: str) -> None:
    res = runner.invoke(app, ["analyze", "--db", db, "--only", "sentiment"])
    assert res.exit_code == 2 and "unknown analyzer" in res.output


def test_untrained_language_is_flagged_low_confidence() -> None:
    from propscope.analyzers.persuasion import PersuasionAnalyzer
    from propscope.schema import Article, paragraphs_from_blocks

    text, paras = paragraphs_from_blocks(["Ο υπουργός είπε ότι η κυβέρνηση λέει ψέματα.", "Δεύτερη παράγραφος εδώ."])
    art = Article(text=text, title="Τίτλος", paragraphs=paras, language="el")
    PersuasionAnalyzer()([art])
    assert art.analysis is not None
    assert art.analysis.techniques_low_confidence and art.analysis.genre and art.analysis.genre.low_confidence


def _stored(url: str) -> dict[str, tuple]:
    with open_store(url) as store:
        out = {}
        for art in store.iter_articles():
            an = store.get_analysis(art.id)
            assert an is not None
            out[art.id] = ([(u.paragraph, tuple(u.labels)) for u in an.techniques],
                           [(s.technique, s.start, s.end) for s in an.spans],
                           tuple(an.genre.labels), tuple(an.frames.labels))
        return out


def test_worker_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    urls = []
    for workers in ("1", "2"):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        assert runner.invoke(app, ["ingest", str(DEMO), "--db", url, "--quiet"]).exit_code == 0
        res = runner.invoke(app, ["analyze", "--db", url, "--workers", workers, "--quiet"])
        assert res.exit_code == 0, res.output
        urls.append(url)
    one, two = _stored(urls[0]), _stored(urls[1])
    assert len(one) >= 5 and one == two
