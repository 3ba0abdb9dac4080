"""Nothing a planner typed is lost or renamed quietly: hand-typed absence codes survive a
re-plan, and hostile code texts in a published roster reach no output as markup."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from test_hostile_outputs import offences
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main

FAST = ["--time-limit", "5", "--workers", "1"]


def run(*args: object):
    # a wide terminal: the checks read messages, which the CLI wraps to the terminal width
    return CliRunner(env={"COLUMNS": "400"}).invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("replan")
    src = write_workbook(d / "in.xlsx", valid_sheets())
    out = d / "jadwal.xlsx"
    assert run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, *FAST).exit_code == 0
    return src, out


def _type_codes(roster: Path, target: Path, cells: dict[str, str]) -> Path:
    wb = openpyxl.load_workbook(roster)
    ws = wb["Jadwal"]
    for ref, text in cells.items():
        ws[ref] = text
        ws[ref].data_type = "s"  # as typed text, even "=1+1"
    wb.save(target)
    return target


def _row(path: Path, r: int) -> list:
    return [c.value for c in openpyxl.load_workbook(path)["Jadwal"][r]]


def test_replan_keeps_a_hand_typed_absence_before_from(published, tmp_path):
    src, roster = published
    # E2: Hendra on 2026-03-03, before --from; the code is typed in lower case
    typed = _type_codes(roster, tmp_path / "typed.xlsx", {"E2": "sakit"})
    out = tmp_path / "revisi.xlsx"
    result = run("replan", src, typed, "-s", "permenpanrb-4-2025", "--from", "2026-03-09",
                 "-o", out, "--lang", "en", *FAST)
    assert result.exit_code == 0, result.output
    assert "SAKIT" in result.output and "not guessed" in result.output  # warned, not guessed
    assert "bug" not in result.output
    assert "No cell changed" in result.output or "0 cell" in result.output, result.output
    assert _row(out, 2)[4] == "SAKIT"


def test_hostile_code_texts_in_a_published_roster_stay_text(published, tmp_path):
    src, roster = published
    typed = _type_codes(roster, tmp_path / "hostile.xlsx",
                        {"D2": "<r><t>SAKIT</t></r>", "E2": "=1+1", "F2": "@SUM(1)",
                         "G3": "IZIN_x0001_"})
    out = tmp_path / "revisi.xlsx"
    result = run("replan", src, typed, "-s", "permenpanrb-4-2025", "--from", "2026-03-09",
                 "-o", out, *FAST)
    assert result.exit_code == 0, result.output
    report = tmp_path / "laporan.xlsx"
    run("check", src, typed, "-s", "permenpanrb-4-2025", "-o", report)
    for path in (out, report):
        assert path.exists() and offences(path) == []
    cell = openpyxl.load_workbook(out)["Jadwal"]["E2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")  # kept, as text
