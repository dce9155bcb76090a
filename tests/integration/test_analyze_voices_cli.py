"""`propscope analyze` runs the voices stage by default on the demo corpus (our own texts);
`--only voices` after a full run skips everything; `--only techniques` keeps the voices."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.store import open_store

runner = CliRunner()
DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus" / "text"


def test_default_run_includes_voices_and_partial_runs_keep_them(sqlite_url: str) -> None:
    assert runner.invoke(app, ["ingest", str(DEMO), "--db", sqlite_url, "--quiet"]).exit_code == 0
    res = runner.invoke(app, ["analyze", "--db", sqlite_url, "--quiet"])
    assert res.exit_code == 0, res.output
    with open_store(sqlite_url) as store:
        ids = [s.id for s in store.list_articles(limit=100)]
        voices = {i: store.get_article(i).analysis.voices for i in ids}  # type: ignore[union-attr]
        assert all(v is not None and v.model.startswith("voices@") for v in voices.values())
        assert sum(len(v.entities) for v in voices.values() if v) >= len(ids)
        assert store.count_entities() > 0
    only = runner.invoke(app, ["analyze", "--db", sqlite_url, "--quiet", "--only", "voices"])
    assert only.exit_code == 0 and "analysed 0," in only.output
    redo = runner.invoke(app, ["analyze", "--db", sqlite_url, "--quiet", "--redo",
                               "--only", "genre"])
    assert redo.exit_code == 0
    with open_store(sqlite_url) as store:
        assert all(store.get_article(i).analysis.voices == voices[i] for i in ids)  # type: ignore[union-attr]
