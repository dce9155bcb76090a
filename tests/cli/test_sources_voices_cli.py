"""`propscope sources --voices`: the outlet/quote split of technique spans, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from propscope.cli.main import app
from propscope.store import open_store
from tests.voices_data import voices_article

runner = CliRunner()


def _db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/v.db"
    store = open_store(url)
    items = [voices_article(1, source="Example News"), voices_article(2, source="Other Outlet")]
    store.save_batch(items)
    store.save_analyses([a for a, _ in items])
    store.close()
    return url


def test_sources_voices_json_splits_outlet_and_quoted_spans(tmp_path: Path) -> None:
    url = _db(tmp_path)
    out = runner.invoke(app, ["sources", "--voices", "--db", url, "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = {r["source"]: r for r in json.loads(out.output)}
    assert set(rows) == {"Example News", "Other Outlet"}
    row = rows["Example News"]
    assert (row["outlet_spans"], row["quoted_spans"], row["quoted_share"]) == (1, 1, 0.5)
    assert row["quoted_techniques"] == {"Loaded_Language": 1}
    assert row["speakers"] == {"per:jane-holt": 1}


def test_sources_voices_table_and_errors(tmp_path: Path) -> None:
    url = _db(tmp_path)
    out = runner.invoke(app, ["sources", "--voices", "--db", url], env={"COLUMNS": "250"})
    assert out.exit_code == 0 and "Example News" in out.output and "50%" in out.output
    missing = runner.invoke(app, ["sources", "--voices", "--db", url, "--source", "Nobody"])
    assert missing.exit_code == 1 and "no articles with a voices analysis" in missing.output
    bad = runner.invoke(app, ["sources", "--voices", "--db", url, "--format", "xml"])
    assert bad.exit_code != 0 and "--format must be one of" in bad.output
