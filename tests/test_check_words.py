"""``check`` and ``replan`` in words a planner can act on: no bare placeholder, weeks as
dates, hand-typed codes warned about (not guessed), rules not in force said so, and a
re-plan that warns when the kept days and the input's leave disagree."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import NIP_BUDI, NIP_SITI, column_text, valid_sheets, write_workbook

from asn_scheduler.cli import main

FAST = ["--time-limit", "5", "--workers", "1"]


def run(*args: object):
    # tables and paragraphs wrap to the terminal: fix its width
    return CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": "120"})


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("words")
    src = write_workbook(folder / "in.xlsx", valid_sheets())
    out = folder / "jadwal.xlsx"
    assert run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, *FAST).exit_code == 0
    return src, out


def edited(roster, tmp_path, cells: dict[tuple[str, str], str]):
    """A copy of ``roster`` with (NIP, date) cells of Jadwal retyped."""
    wb = openpyxl.load_workbook(roster)
    ws = wb["Jadwal"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for (nip, day), code in cells.items():
            if row[0].value == nip:
                row[head.index(day)].value = code
    path = tmp_path / "tangan.xlsx"
    wb.save(path)
    return path


def test_f1_is_named_with_its_number_and_its_week_as_dates(solved, tmp_path):
    src, out = solved
    # Siti WFH on three days of the week of 9 March: F1 (at most 2) is broken
    hand = edited(out, tmp_path, {(NIP_SITI, f"2026-03-{d:02d}"): "WFH" for d in (10, 11, 12)})
    result = run("check", src, hand, "-s", "permenpanrb-4-2025")
    assert result.exit_code == 1
    assert "[F1] Paling banyak 2 hari" in result.output
    assert " N " not in result.output and "{n}" not in result.output
    assert "9–15 Mar 2026" in result.output and "-W11" not in result.output


def test_a_hand_typed_code_is_warned_about_and_a_typo_is_not_guessed(solved, tmp_path):
    src, out = solved
    hand = edited(out, tmp_path, {(NIP_BUDI, "2026-03-10"): "SAKIT"})
    result = run("check", src, hand, "-s", "permenpanrb-4-2025")
    lines = result.stderr.splitlines()
    assert lines[0] == "Peringatan di jadwal (1):" and "SAKIT" in lines[3]
    assert column_text(result.stderr, "Masalah").startswith("Kode 'SAKIT' (1 sel) bukan kode baku")
    typo = edited(out, tmp_path, {(NIP_BUDI, "2026-03-10"): "WF0"})
    result = run("check", src, typo, "-s", "permenpanrb-4-2025")
    assert result.exit_code == 1  # an error, not taken as an absence
    assert "Mungkin maksudnya 'WFO'?" in column_text(result.output, "Perbaikan")


def test_a_rule_not_in_force_is_not_passed(solved, tmp_path):
    src, out = solved
    report = tmp_path / "laporan.xlsx"
    assert run("check", src, out, "-s", "permenpanrb-4-2025", "-o", report).exit_code == 0
    verdict = {r[0]: r[3] for r in openpyxl.load_workbook(report)["Kepatuhan"]
               .iter_rows(values_only=True) if r and r[0]}
    assert verdict["P1"] == "TIDAK BERLAKU"  # no pandemic table under PermenPANRB 4/2025
    assert verdict["F1"] == "LULUS"


def test_replan_warns_when_kept_days_and_the_inputs_leave_disagree(solved, tmp_path):
    _src, published = solved
    sheets = valid_sheets()
    # a sick day on 3 March entered after the roster was published: the past is kept
    sheets["Cuti"].append([NIP_BUDI, "03/03/2026", "03/03/2026", "Cuti Sakit"])
    news = write_workbook(tmp_path / "baru.xlsx", sheets)
    result = run("replan", news, published, "-s", "permenpanrb-4-2025", "--from", "2026-03-10",
                 "-o", tmp_path / "revisi.xlsx", *FAST)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("PERINGATAN: 1 hari sebelum --from berbeda")
    assert lines[1].split()[0] == "2026-03-03" and "jadwal WFO, buku kerja CUTI" in lines[1]
