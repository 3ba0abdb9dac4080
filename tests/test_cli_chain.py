"""``solve --previous`` and ``check --previous`` end to end, through workbooks: the next
month chains from the published workbook alone (its Jadwal, as edited, and the days it
carried)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from asn_scheduler.cli import main
from asn_scheduler.excel.roster_carried import CARRIED_SHEET
from tests.workbooks import write_big_workbook

PERMEN = "permenpanrb-4-2025"


def run(*args: object):
    # a wide terminal: the checks read messages, which the CLI wraps to the terminal width
    return CliRunner(env={"COLUMNS": "400"}).invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("chain")
    book = write_big_workbook(tmp / "agency.xlsx", 24, per_unit=12)
    m1, m2, alone = tmp / "juni.xlsx", tmp / "juli.xlsx", tmp / "juli-sendiri.xlsx"
    spans = {m1: ("2026-05-11", "2026-06-09"), m2: ("2026-06-10", "2026-07-07"),
             alone: ("2026-06-10", "2026-07-07")}
    for out, (a, b) in spans.items():
        extra = ["--previous", m1] if out == m2 else []
        res = run("solve", book, "-s", PERMEN, "--start", a, "--end", b, "--time-limit", 20,
                  "--workers", 1, "-o", out, *extra)
        assert res.exit_code == 0, res.output
        if out == m1:
            assert "inside the week" in run(
                "solve", book, "-s", PERMEN, "--start", a, "--end", b, "--workers", 1,
                "--lang", "en", "-o", tmp / "again.xlsx").output
    return {"book": book, "m1": m1, "m2": m2, "alone": alone, "tmp": tmp}


def test_the_chained_month_passes_the_seam_audit_and_the_unchained_one_fails(months):
    ok = run("check", months["book"], months["m2"], "-s", PERMEN, "--previous", months["m1"],
             "--lang", "en")
    assert ok.exit_code == 0, ok.output
    assert "The seam with the previous roster (2026-05-11..2026-06-09, 30 days)" in ok.output
    bad = run("check", months["book"], months["alone"], "-s", PERMEN, "--previous",
              months["m1"], "--lang", "en")
    assert bad.exit_code == 1 and "[F1]" in bad.output and "2026-06" in bad.output
    # without --previous each month passes on its own: the seam is what breaks
    assert run("check", months["book"], months["alone"], "-s", PERMEN).exit_code == 0


def test_the_roster_records_what_it_carried_and_the_next_month_reads_it_back(months):
    wb = openpyxl.load_workbook(months["m2"], read_only=True)
    assert CARRIED_SHEET in wb.sheetnames and "Saldo Keadilan" in wb.sheetnames
    header = next(wb[CARRIED_SHEET].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("NIP", "Nama", "Kode Unit") and header[3] == "2026-05-11"
    assert header[-1] == "2026-06-09"
    m3 = months["tmp"] / "agustus.xlsx"
    res = run("solve", months["book"], "-s", PERMEN, "--start", "2026-07-08", "--end",
              "2026-08-04", "--workers", 1, "--previous", months["m2"], "-o", m3, "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Chained from the previous roster: 58 days (2026-05-11..2026-07-07)" in res.output


def test_a_folder_of_previous_rosters_and_a_gap_are_explained(months, tmp_path):
    res = run("solve", months["book"], "-s", PERMEN, "--start", "2026-07-13", "--end",
              "2026-07-31", "--workers", 1, "--previous", months["m1"], "-o",
              tmp_path / "x.xlsx", "--lang", "en")
    assert res.exit_code == 0 and "not the day before the period" in res.output
    empty = tmp_path / "none"
    empty.mkdir()
    res = run("solve", months["book"], "-s", PERMEN, "--previous", empty, "-o",
              tmp_path / "y.xlsx", "--lang", "en")
    assert res.exit_code == 1 and "holds no .xlsx" in res.output


def test_replan_inside_a_chained_month_keeps_the_carried_days_and_the_seam(months, tmp_path):
    out = tmp_path / "juli-revisi.xlsx"
    res = run("replan", months["book"], months["m2"], "-s", PERMEN, "--from", "2026-06-11",
              "--workers", 1, "-o", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    seam = run("check", months["book"], out, "-s", PERMEN, "--previous", months["m1"],
               "--lang", "en")
    assert seam.exit_code == 0, seam.output
    wb = openpyxl.load_workbook(out, read_only=True)
    assert CARRIED_SHEET in wb.sheetnames  # the re-plan carries the chain on
