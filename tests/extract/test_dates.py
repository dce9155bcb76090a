"""Record date fields (JSONL/CSV columns) in the formats feeds actually use."""

from __future__ import annotations

import pytest

from propscope.extract.dates import normalize_date


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-14", "2024-03-14"),
        ("2024-03-14T09:30:00Z", "2024-03-14"),
        ("2024-03", "2024-03"),
        ("14.03.2024", "2024-03-14"),
        ("Thu, 14 Mar 2024 09:30:00 +0000", "2024-03-14"),
        ("1710408600", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"),
        ("14 марта 2024", "2024-03-14"),
        ("14. März 2024", "2024-03-14"),
    ],
)
def test_formats(value: str, iso: str) -> None:
    assert normalize_date(value) == iso


@pytest.mark.parametrize("value", ["", "   ", "yesterday", "2024-13-45", "0000-00-00", "31.02.2024", "n/a"])
def test_rejects_what_is_not_a_date(value: str) -> None:
    assert normalize_date(value) is None
