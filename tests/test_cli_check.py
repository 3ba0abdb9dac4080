"""``asn-scheduler check``: audit a roster — the solver's (compliant) and a hand-edited one
with planted violations."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.rules import RULE_BY_ID
from asn_scheduler.rules.registry import rule_basis
from asn_scheduler.scenario import load_scenario

SCENARIO = "permenpanrb-4-2025"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("check")
    src = write_workbook(folder / "pemkot.xlsx", valid_sheets())
    out = folder / "jadwal.xlsx"
    result = run("solve", src, "-s", SCENARIO, "-o", out, "--time-limit", "5", "--workers", "1")
    assert result.exit_code == 0, result.output
    return src, out


def edit(roster: Path, target: Path, cells: dict[str, str]) -> Path:
    """The planner opens the roster in a spreadsheet, types over ``cells``, saves."""
    wb = openpyxl.load_workbook(roster)
    for ref, value in cells.items():
        wb["Jadwal"][ref] = value
    wb.save(target)
    return target


def test_the_solvers_roster_is_compliant(solved, tmp_path):
    src, roster = solved
    report = tmp_path / "laporan.xlsx"
    result = run("check", src, roster, "-s", SCENARIO, "-o", report)
    assert result.exit_code == 0, result.output
    # 14 hard rules; P1 (no pandemic table) and K1 (no compulsory office day) not in force
    assert result.stdout.splitlines()[-2:] == [
        "Patuh: tidak ada pelanggaran aturan wajib (12 aturan berlaku, 3 pegawai × 12 tanggal).",
        "Tidak berlaku dalam skenario ini (tidak dinilai): P1, K1."]
    assert openpyxl.load_workbook(report).sheetnames[0] == "Jadwal"


def test_planted_violations_are_each_reported(solved, tmp_path):
    src, roster = solved
    # Rows: 2 Hendra (SETDA head, JPT Pratama), 3 Siti (SETDA), 4 Budi (DUKCAPIL, direct
    # service, not flexible-work eligible, the only `loket` holder). Columns: D = 2026-03-02
    # … G = Thursday 5 March, I = Saturday 7 March.
    edited = edit(roster, tmp_path / "manual.xlsx", {
        "G4": "wfh",     # S1: a direct-service unit works in the office
        "G2": " WFH ",   # L1: the head is a senior official; with Siti, SETDA has 2 of 2
        "G3": "WFH",     # S2: ... WFH where floor(50% × 2) = 1 is allowed
        "I3": "WFO",     # C1: Saturday is not a working day of SETDA
    })
    report = tmp_path / "laporan.xlsx"
    result = run("check", src, edited, "-s", SCENARIO, "-o", report)
    assert result.exit_code == 1
    out = result.stdout
    for rule in ("S1", "S2", "L1", "C1"):
        header = next((line for line in out.splitlines() if line.startswith(f"[{rule}] ")), "")
        assert rule_basis(rule, load_scenario(SCENARIO)) in header, rule
    assert "2026-03-05" in out and "2026-03-07" in out
    assert "Tidak patuh" in result.stderr
    ws = openpyxl.load_workbook(report)["Kepatuhan"]
    verdict = {r[0].value: r[3].value for r in ws.iter_rows() if r[0].value in RULE_BY_ID}
    # Budi at home also leaves the counter empty (S3) and he may not work flexibly (F4)
    assert {r for r, v in verdict.items() if v == "GAGAL"} == {"S1", "S2", "L1", "C1", "S3",
                                                                "F4"}


def test_english_output(solved, tmp_path):
    src, roster = solved
    edited = edit(roster, tmp_path / "manual.xlsx", {"G4": "WFH"})
    result = run("check", src, edited, "-s", SCENARIO, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.startswith("[S1] Direct public service units: everyone WFO")
    # S1, plus S3 (Budi is the only counter clerk) and F4 (he may not work flexibly)
    assert "Not compliant: 3 hard-rule violation(s)." in result.stderr


def test_a_broken_roster_file_lists_its_problems(solved, tmp_path):
    src, roster = solved
    edited = edit(roster, tmp_path / "manual.xlsx", {"A3": "198501012010011999", "E2": ""})
    result = run("check", src, edited, "-s", SCENARIO)
    assert result.exit_code == 1
    assert "198501012010011999" in result.output   # unknown NIP, row 3
    assert "Jadwal" in result.output and "2026-03-03" in result.output  # empty cell E2


def test_report_must_not_overwrite_an_input(solved):
    src, roster = solved
    result = run("check", src, roster, "-s", SCENARIO, "-o", roster)
    assert result.exit_code == 2
    assert roster.exists()
