"""Regenerate src/propscope/analyzers/voices/data/countries.json from CLDR (babel).

Why generated and shipped instead of read at run time: babel is only a transitive
dependency (via trafilatura/courlan) and loading six locales costs ~0.3 s per process; the
voices analyzer needs a frozen list of country names in en, ru, de, fr, it, pl. Run by hand
after a babel upgrade: `.venv/bin/python scripts/build_voices_places.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale

LANGS = ("en", "ru", "de", "fr", "it", "pl")
SKIP = {
    "EU",
    "EZ",
    "UN",
    "QO",
    "XA",
    "XB",
    "ZZ",
    "EA",
    "IC",
    "DG",
    "CP",
    "AC",
    "TA",
    "AQ",
}
OUT = (
    Path(__file__).resolve().parents[1]
    / "src/propscope/analyzers/voices/data/countries.json"
)


def main() -> None:
    locales = {lang: Locale(lang).territories for lang in LANGS}
    rows = []
    for code, english in sorted(locales["en"].items()):
        if len(code) != 2 or not code.isalpha() or code in SKIP:
            continue
        names = sorted({locales[lang][code] for lang in LANGS if code in locales[lang]})
        rows.append({"code": code, "name": english, "aliases": names})
    OUT.write_text(
        json.dumps(
            {"source": "CLDR via babel", "countries": rows},
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main()
