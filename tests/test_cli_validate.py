"""`asn-scheduler validate`: exit codes, the summary, warnings, the problem table in both
languages, and the issues workbook."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from asn_scheduler.cli import main
from asn_scheduler.domain import Period
from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.excel.issues import write_issues_workbook
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.i18n import Msg
from asn_scheduler.summary import day_label, summarise
from tests.workbooks import NIP_HEAD, column_text, set_cell, valid_sheets, write_workbook
from tests.worlds import admin_unit, leave, world


def run(*args: str):
    # tables and paragraphs wrap to the terminal: fix its width
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "120"})


@pytest.fixture
def good(tmp_path):
    return write_workbook(tmp_path / "baik.xlsx", valid_sheets())


@pytest.fixture
def broken(tmp_path):
    sheets = valid_sheets()
    set_cell(sheets, "Pegawai", 4, "Jenis Jabatan", "Kepala")
    set_cell(sheets, "Cuti", 2, "Jenis", "+Cuti Tahunan")  # a value Excel would evaluate
    sheets["Catatan"] = [["bebas"]]                                    # a warning
    return write_workbook(tmp_path / "rusak.xlsx", sheets)


def test_valid_workbook_exits_0_with_a_summary(good):
    result = run("validate", str(good))
    assert result.exit_code == 0, result.output
    assert "3 pegawai, 2 unit" in result.output
    assert "Buku kerja dapat dipakai." in result.output


def test_english_summary(good):
    result = run("validate", str(good), "--lang", "en")
    assert result.exit_code == 0
    assert "staff 3, units 2" in result.output and "The workbook can be used." in result.output


def test_warnings_are_shown_but_do_not_fail(tmp_path):
    sheets = valid_sheets()
    sheets["Catatan"] = [["bebas"]]
    result = run("validate", str(write_workbook(tmp_path / "w.xlsx", sheets)), "--lang", "en")
    assert result.exit_code == 0
    assert "Warnings (1):" in result.output and "Unknown extra sheet" in result.output


def test_broken_workbook_exits_1_with_the_problem_table(broken):
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "2 galat dan 1 peringatan" in result.output         # two errors (plus a warning)
    assert "Lembar" in result.output and "Perbaikan" in result.output
    assert "Kepala" in result.output


def test_broken_workbook_in_english(broken):
    result = run("validate", str(broken), "--lang", "en")
    assert result.exit_code == 1
    assert "2 error(s) and 1 warning(s)" in result.output
    assert "Sheet" in result.output and "Unknown value." in result.output


@pytest.mark.parametrize("lang", ["id", "en"])
def test_issues_workbook_lists_the_same_problems(tmp_path, broken, lang):
    out = tmp_path / "masalah.xlsx"
    result = run("validate", str(broken), "--issues-out", str(out), "--lang", lang)
    assert result.exit_code == 1 and out.exists()
    with pytest.raises(InputError) as err:
        read_workbook(broken)
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    expected_header = ("Lembar", "Baris") if lang == "id" else ("Sheet", "Row")
    assert rows[0][:2] == expected_header
    got = [tuple("" if v is None else str(v) for v in r[:6]) for r in rows[1:]]
    assert got == [p.as_row(lang) for p in err.value.problems]
    severities = [r[6] for r in rows[1:]]
    assert severities == (["Galat", "Galat", "Peringatan"] if lang == "id"
                          else ["Error", "Error", "Warning"])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:G4"


def test_issues_workbook_never_holds_formulas(tmp_path, broken):
    out = tmp_path / "masalah.xlsx"
    run("validate", str(broken), "--issues-out", str(out))
    ws = openpyxl.load_workbook(out).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "+Cuti Tahunan" in values  # kept as the text the planner typed


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"])
def test_issue_values_that_look_like_formulas_stay_text(tmp_path, value):
    problem = InputProblem("Pegawai", 2, "Nama", value, Msg("a", "a"), Msg("b", "b"))
    out = tmp_path / "x.xlsx"
    write_issues_workbook([problem], out)
    cell = openpyxl.load_workbook(out).active["D2"]
    assert cell.value == value and cell.data_type == "s"


def test_issues_workbook_on_success_holds_the_warnings(tmp_path):
    sheets = valid_sheets()
    sheets["Catatan"] = [["bebas"]]
    out = tmp_path / "peringatan.xlsx"
    result = run("validate", str(write_workbook(tmp_path / "w.xlsx", sheets)),
                 "--issues-out", str(out))
    assert result.exit_code == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "Catatan"


def test_issues_out_may_not_overwrite_the_input(good):
    before = good.read_bytes()
    result = run("validate", str(good), "--issues-out", str(good))
    assert result.exit_code == 2
    assert good.read_bytes() == before


def test_not_a_workbook_and_missing_file_exit_1_cleanly(tmp_path):
    text = tmp_path / "data.xlsx"
    text.write_text("NIP,Nama\n", encoding="utf-8")
    for path in (text, tmp_path / "tidak-ada.xlsx"):
        result = run("validate", str(path))
        assert result.exit_code == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["validate", "template"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:\n" in result.output and f"asn-scheduler {command} " in result.output


def test_write_issues_rejects_unknown_language(tmp_path):
    with pytest.raises(ValueError):
        write_issues_workbook([], tmp_path / "x.xlsx", lang="fr")  # type: ignore[arg-type]


# ----------------------------------------------------------------- summary


def test_summary_counts_units_seniors_absences_and_buildings(good):
    text = summarise(read_workbook(good).problem)
    assert "Layanan Langsung             1 unit, 1 pegawai" in text
    assert "Dukungan Pimpinan            1 unit, 2 pegawai" in text
    # Only one structural level is present (JPT Pratama): it alone is senior.
    assert "dua tingkat struktural tertinggi): JPT Pratama 1" in text
    assert "Cuti Tahunan                 1 baris, 3 hari" in text   # 2–4 March inclusive
    assert "kapasitas 120, pegawai 3" in text


def test_summary_working_days_with_an_override(good):
    text = summarise(read_workbook(good).problem)
    # 2–13 March 2026 has no national holiday; the Libur sheet adds 9 March (a Monday):
    # 10 weekdays − 1 = 9 for Senin–Jumat; with Saturday 7 March, 11 − 1 = 10 for
    # Senin–Sabtu.
    assert "Hari kerja Senin–Jumat: 9 (1 unit)" in text
    assert "Hari kerja Senin–Sabtu: 10 (1 unit)" in text
    assert "09/03/2026 Libur — HUT Kota" in text
    assert "Tidak ada libur nasional" in text


def test_summary_flags_estimated_holidays():
    # Idul Fitri 2027 is a lunar date the holidays package only estimates.
    unit, staff = admin_unit("SETDA", 2)
    problem = world(staff, [unit], period=Period(date(2027, 3, 1), date(2027, 3, 31)))
    text = summarise(problem, "en")
    assert "Hari Raya Idul Fitri" in text
    assert "only estimated" in text and "10/03/2027" in text


def test_summary_without_period_and_with_many_units():
    units, staff = [], []
    for k in range(35):
        u, s = admin_unit(f"U{k:02d}", 1, start=k)
        units.append(u)
        staff += s
    problem = world(staff, units, absences=[leave(staff[0], date(2026, 3, 2))]).replace(
        period=None)
    text = summarise(problem)
    assert "… dan 5 unit lain" in text         # 35 units, 30 listed
    assert "Periode: tidak diisi" in text
    assert "tidak ada pejabat struktural" in text


def test_day_labels():
    assert day_label({0, 1, 2, 3, 4}) == "Senin–Jumat"
    assert day_label({0, 2}, "en") == "Monday, Wednesday"


# --------------------------------------------------------------------------- the table a planner reads


def test_the_fix_is_never_cut_and_the_full_table_is_pointed_to(tmp_path):
    sheets = valid_sheets()
    sheets["Pegawai"][1][0] = int(NIP_HEAD)  # a NIP typed as a number: Excel rounded it
    result = run("validate", str(write_workbook(tmp_path / "w.xlsx", sheets)))
    assert result.exit_code == 1
    flat = " ".join(result.output.split())
    lines = result.output.splitlines()
    at = lines[1].index("Perbaikan")
    fix = " ".join(ln[at:].strip() for ln in lines[3:] if len(ln) > at)
    # the whole fix, wrapped within its column, not cut at 60 characters
    assert fix.startswith("Format kolom NIP sebagai Teks (Format Cells → Text), lalu ketik "
                          "ulang NIP lengkap 18 digit")
    assert "…" not in result.output
    assert f"validate {tmp_path / 'w.xlsx'} --issues-out masalah.xlsx" in flat
    assert max(len(line) for line in result.output.splitlines()[:-1]) <= 120


def test_one_nip_typed_as_a_number_adds_no_row_of_follow_on_errors(tmp_path):
    sheets = valid_sheets()
    sheets["Pegawai"][1][0] = int(NIP_HEAD)  # both colleagues name this NIP as supervisor
    src = write_workbook(tmp_path / "w.xlsx", sheets)
    with pytest.raises(InputError) as err:
        read_workbook(src)
    follow = [p for p in err.value.problems if p.cause]
    assert [(p.row, p.column) for p in follow] == [(3, "NIP Atasan"), (4, "NIP Atasan")]
    assert {p.cause for p in follow} == {"Pegawai!2:NIP"}
    result = run("validate", str(src))
    rows = [ln for ln in result.output.splitlines() if ln.startswith("Galat")]
    assert len(rows) == 1 and rows[0].split()[1:3] == ["Pegawai", "2"]
    # the counts agree: 3 errors, 2 of them shown on their cause's row
    assert result.output.startswith("3 galat dan 0 peringatan di buku kerja (2 galat ikutan")
    assert "Pegawai baris 3, 4 kolom NIP Atasan" in " ".join(result.output.split())


def test_a_misspelt_value_gets_a_did_you_mean(tmp_path):
    sheets = valid_sheets()
    sheets["Unit"][1][2] = "Dukungan Pimpinn"
    sheets["Pegawai"][3][2] = "DUKCAPL"
    result = run("validate", str(write_workbook(tmp_path / "w.xlsx", sheets)), "--lang", "en")
    fixes = column_text(result.output, "Fix")
    assert "Did you mean 'Dukungan Pimpinan'?" in fixes
    assert "Did you mean 'DUKCAPIL'?" in fixes


def test_warnings_are_labelled_as_such(tmp_path):
    sheets = valid_sheets()
    sheets["Catatan"] = [["bebas"]]
    result = run("validate", str(write_workbook(tmp_path / "w.xlsx", sheets)))
    assert result.exit_code == 0
    assert any(ln.startswith("Peringatan ") for ln in result.output.splitlines()
               if "Catatan" in ln)
