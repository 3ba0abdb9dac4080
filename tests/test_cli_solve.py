"""``asn-scheduler solve``: the roster workbook it writes and its exit codes."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import NIP_BUDI, NIP_HEAD, NIP_SITI, valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.cli.solve import ProgressDisplay

FAST = ["--time-limit", "5", "--workers", "1"]
CODES = {"WFO", "WFH", "LIBUR", "CUTI", "DL", "DIKLAT"}


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[Path, Path, object]:
    """The small valid agency solved once under PermenPANRB 4/2025 (2026-03-02..13)."""
    folder = tmp_path_factory.mktemp("solve")
    src = write_workbook(folder / "pemkot.xlsx", valid_sheets())
    out = folder / "jadwal.xlsx"
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, *FAST)
    return src, out, result


def test_solve_writes_the_contract_roster(solved):
    _src, out, result = solved
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Jadwal"
    ws = wb["Jadwal"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    days = [date(2026, 3, d).isoformat() for d in range(2, 14)]
    assert rows[0] == ["NIP", "Nama", "Kode Unit", *days]
    # input order, NIP stored as text
    assert [r[0] for r in rows[1:]] == [NIP_HEAD, NIP_SITI, NIP_BUDI]
    assert all(ws.cell(i, 1).data_type == "s" for i in (2, 3, 4))
    assert [r[2] for r in rows[1:]] == ["SETDA", "SETDA", "DUKCAPIL"]
    assert {v for r in rows[1:] for v in r[3:]} <= CODES
    head, siti, budi = (dict(zip(days, r[3:], strict=True)) for r in rows[1:])
    # Siti's leave 2..4 March; 7 March is a Saturday: SETDA is off, DUKCAPIL works
    # (Senin-Sabtu); 9 March is the city's extra holiday (sheet Libur)
    assert [siti[d] for d in days[:3]] == ["CUTI"] * 3
    assert head["2026-03-07"] == "LIBUR" and budi["2026-03-07"] == "WFO"
    assert head["2026-03-09"] == budi["2026-03-09"] == "LIBUR"
    # the head (JPT Pratama, L1) and the direct-service unit (S1) never WFH
    assert "WFH" not in head.values() and "WFH" not in budi.values()
    assert "WFH" in siti.values()


def test_solve_prints_a_summary(solved):
    _src, out, result = solved
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Status: OPTIMAL")
    assert lines[1] == "Skenario: permenpanrb-4-2025 · 2–13 Mar 2026 (12 hari)"
    assert "Porsi WFH per kategori layanan:" in lines
    assert any(line.strip().startswith("Layanan Langsung") and line.endswith("0,0%")
               for line in lines)
    assert "Pelanggaran aturan wajib: 0" in lines
    assert lines[-1] == f"Jadwal ditulis ke {out}"
    # not a terminal: no progress animation, one final line on stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("OPTIMAL (terbukti terbaik): ")
    assert "\r" not in result.stderr


def test_same_seed_same_roster(solved, tmp_path):
    src, out, _ = solved
    again = tmp_path / "lagi.xlsx"
    assert run("solve", src, "-s", "permenpanrb-4-2025", "-o", again, *FAST).exit_code == 0

    def cells(path):
        return [[c.value for c in r] for r in openpyxl.load_workbook(path)["Jadwal"].iter_rows()]

    assert cells(again) == cells(out)


def test_infeasible_exits_1_with_the_conflict_and_writes_nothing(tmp_path):
    sheets = valid_sheets()
    sheets["Gedung"][1][1] = 0  # no seats, yet the head (L1) and the counter (S1) must come
    src = write_workbook(tmp_path / "sempit.xlsx", sheets)
    out = tmp_path / "jadwal.xlsx"
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, *FAST)
    assert result.exit_code == 1
    assert "TIDAK MUNGKIN" in result.output and "B1" in result.output
    assert "Tidak ada berkas yang ditulis." in result.output
    assert not out.exists()


def test_input_problem_exits_1_with_the_table(tmp_path):
    sheets = valid_sheets()
    sheets["Pegawai"][2][2] = "TIDAK-ADA"  # Siti's unit does not exist
    src = write_workbook(tmp_path / "salah.xlsx", sheets)
    out = tmp_path / "jadwal.xlsx"
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, *FAST)
    assert result.exit_code == 1
    assert "TIDAK-ADA" in result.output and "Pegawai" in result.output
    assert not out.exists()


def test_usage_errors_exit_2(solved, tmp_path):
    src, _, _ = solved
    unknown = run("solve", src, "-s", "se-99-2099", "-o", tmp_path / "x.xlsx")
    assert unknown.exit_code == 2 and "se-99-2099" in unknown.output
    missing_o = run("solve", src, "-s", "se-17-2023")
    assert missing_o.exit_code == 2


def test_no_dates_anywhere_is_a_usage_error(tmp_path):
    sheets = valid_sheets()
    del sheets["Periode"]  # and PermenPANRB 4/2025 is open-ended: no dates of its own
    src = write_workbook(tmp_path / "tanpa-periode.xlsx", sheets)
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", tmp_path / "x.xlsx", *FAST)
    assert result.exit_code == 2
    assert "--start" in result.output
    assert "Traceback" not in result.output


def test_english_summary(solved, tmp_path):
    src, _, _ = solved
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", tmp_path / "en.xlsx",
                 "--lang", "en", "--start", "2026-03-02", "--end", "06/03/2026", *FAST)
    assert result.exit_code == 0, result.output
    assert "Scenario: permenpanrb-4-2025 · 2–6 Mar 2026 (5 days)" in result.stdout
    assert result.stdout.splitlines()[-1] == f"Roster written to {tmp_path / 'en.xlsx'}"


def test_progress_on_a_terminal_rewrites_one_line():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    show = ProgressDisplay("en", stream)
    show(SimpleNamespace(stage="solve", parts_done=1, parts_total=4, elapsed=0.5))
    show(SimpleNamespace(stage="solve", parts_done=3, parts_total=4, elapsed=1.25, bound=12.0))
    show.finish("OPTIMAL")
    text = stream.getvalue()
    assert "\rsolving: 1/4 parts, 0.5 s" in text
    assert "\rsolving: 3/4 parts, 1.2 s, best bound 12" in text
    assert re.search(r"\r +\rOPTIMAL: 3 of 4 parts through the solver done in \d+\.\d s\n$", text)  # line cleared first
    assert text.count("\n") == 1


# --------------------------------------------------------------------------- replan


def test_replan_keeps_the_past_and_marks_what_changed(solved, tmp_path):
    _src, published, _ = solved
    sheets = valid_sheets()
    sheets["Cuti"].append([NIP_SITI, "12/03/2026", "13/03/2026", "Cuti Sakit"])  # news
    src = write_workbook(tmp_path / "pemkot-baru.xlsx", sheets)
    out = tmp_path / "revisi.xlsx"
    result = run("replan", src, published, "-s", "permenpanrb-4-2025", "--from", "2026-03-10",
                 "-o", out, *FAST)
    assert result.exit_code == 0, result.output
    old = {r[0].value: [c.value for c in r] for r in openpyxl.load_workbook(published)["Jadwal"]
           .iter_rows(min_row=2)}
    wb = openpyxl.load_workbook(out)
    new = {r[0].value: [c.value for c in r] for r in wb["Jadwal"].iter_rows(min_row=2)}
    # columns D.. are 2 March onwards: 2..9 March (index 3..10) are the past, untouched
    assert all(new[n][3:11] == old[n][3:11] for n in old)
    assert new[NIP_SITI][13:15] == ["CUTI", "CUTI"]  # 12 and 13 March
    changed = [(n, j) for n in old for j in range(3, 15) if new[n][j] != old[n][j]]
    assert changed and all(j >= 11 for _, j in changed)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{len(changed)} sel berubah dibanding jadwal yang diterbitkan:"
    assert any("2026-03-12" in line and "→ CUTI" in line for line in lines)
    listed = [r for r in wb["Perubahan"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(listed) == len(changed)
    ws = wb["Jadwal"]
    row_of = {ws.cell(i, 1).value: i for i in range(2, 5)}
    for n, j in changed:
        assert ws.cell(row_of[n], j + 1).comment is not None


def test_replan_from_outside_the_roster_is_a_usage_error(solved, tmp_path):
    src, published, _ = solved
    result = run("replan", src, published, "-s", "permenpanrb-4-2025", "--from", "2026-04-01",
                 "-o", tmp_path / "x.xlsx", *FAST)
    assert result.exit_code == 2 and "2026-04-01" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_output_must_not_overwrite_the_input_nor_go_nowhere(solved, tmp_path):
    src, _, _ = solved
    before = src.read_bytes()
    same = run("solve", src, "-s", "permenpanrb-4-2025", "-o", src, *FAST)
    assert same.exit_code == 2 and src.read_bytes() == before
    nowhere = run("solve", src, "-s", "permenpanrb-4-2025", "-o",
                  tmp_path / "tidak-ada" / "jadwal.xlsx", *FAST)
    assert nowhere.exit_code == 2 and "tidak-ada" in nowhere.output


@pytest.mark.parametrize("name", ["jadwal.csv", "jadwal", "jadwal.XLS"])
def test_an_output_not_named_xlsx_is_refused_before_any_work(solved, tmp_path, name):
    src, _, _ = solved
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", tmp_path / name, *FAST)
    assert result.exit_code == 2
    assert "harus berakhiran .xlsx" in result.output and "-o jadwal.xlsx" in result.output
    assert not (tmp_path / name).exists()
