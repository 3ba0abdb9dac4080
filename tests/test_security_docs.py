"""docs/SECURITY.md and the README state the limits the code enforces, not others."""

from __future__ import annotations

from pathlib import Path

import pytest

from asn_scheduler import generate
from asn_scheduler.domain import model, parsing
from asn_scheduler.excel import safety, sheet_scan
from asn_scheduler.scenario import loader

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "SECURITY.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _mib(n: int) -> str:
    return f"{n // 2**20:,} MiB"


@pytest.mark.parametrize("name,value,text", [
    ("safety.MAX_FILE_BYTES", safety.MAX_FILE_BYTES, _mib(safety.MAX_FILE_BYTES)),
    ("safety.MAX_TOTAL_BYTES", safety.MAX_TOTAL_BYTES, _mib(safety.MAX_TOTAL_BYTES)),
    ("safety.MAX_PARTS", safety.MAX_PARTS, f"{safety.MAX_PARTS:,}"),
    ("safety.MAX_RATIO", safety.MAX_RATIO, f"{safety.MAX_RATIO}×"),
    ("sheet_scan.MAX_ROWS", sheet_scan.MAX_ROWS, f"{sheet_scan.MAX_ROWS:,}"),
    ("sheet_scan.MAX_COLUMNS", sheet_scan.MAX_COLUMNS, f"{sheet_scan.MAX_COLUMNS:,}"),
    ("sheet_scan.MAX_CELLS", sheet_scan.MAX_CELLS, f"{sheet_scan.MAX_CELLS:,}"),
    ("sheet_scan.MAX_SHARED_STRINGS_BYTES", sheet_scan.MAX_SHARED_STRINGS_BYTES,
     _mib(sheet_scan.MAX_SHARED_STRINGS_BYTES)),
    ("sheet_scan.MAX_TEXT_BYTES", sheet_scan.MAX_TEXT_BYTES,
     f"{sheet_scan.MAX_TEXT_BYTES // 1024} KiB"),
    ("parsing.MAX_NUMBER", parsing.MAX_NUMBER, f"{parsing.MAX_NUMBER:,}"),
    ("model.MAX_PERIOD_DAYS", model.MAX_PERIOD_DAYS, f"{model.MAX_PERIOD_DAYS} days"),
    ("generate.MAX_STAFF", generate.MAX_STAFF, f"{generate.MAX_STAFF:,}"),
    ("loader.MAX_FILE_BYTES", loader.MAX_FILE_BYTES, f"{loader.MAX_FILE_BYTES // 1024} KiB"),
    ("loader.MAX_DEPTH", loader.MAX_DEPTH, f"{loader.MAX_DEPTH} levels"),
    ("loader.MAX_NUMBER", loader.MAX_NUMBER, f"±{loader.MAX_NUMBER:,}"),
    ("loader.MAX_ITEMS", loader.MAX_ITEMS, f"{loader.MAX_ITEMS:,}"),
])
def test_each_limit_row_states_the_constant(name, value, text):
    row = next((line for line in DOC.splitlines() if f"`{name}`" in line), None)
    assert row is not None, f"no row names {name}"
    assert text in row, f"{name} = {value}: the row says {row!r}"


def test_the_readme_links_the_security_page_and_its_limits_are_true():
    section = README[README.index("## Keamanan"):]
    section = section[:section.index("\n## ", 1)] if "\n## " in section[1:] else section
    assert "docs/SECURITY.md" in section
    for text in (f"{sheet_scan.MAX_ROWS:,}", f"{sheet_scan.MAX_COLUMNS:,}",
                 f"{model.MAX_PERIOD_DAYS}", f"{generate.MAX_STAFF:,}",
                 _mib(safety.MAX_FILE_BYTES)):
        assert text in section, text
