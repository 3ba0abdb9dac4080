"""The roster workbook: the ``Jadwal`` contract, the report sheets, atomic writing and
formula-injection safety, on hand-built rosters and reports (no solver involved)."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from worlds import office, person, world

from asn_scheduler.checker.report import BuildingDay, CheckReport, PersonFigures, Quality, UnitDay
from asn_scheduler.domain import Building, Code, Period, Roster, ServiceCategory
from asn_scheduler.engine.result import PartStats, Result, StageResult, Status
from asn_scheduler.excel import roster_sheets
from asn_scheduler.excel.roster_writer import write_check_workbook, write_roster_workbook
from asn_scheduler.excel.styles import CODE_COLOURS
from asn_scheduler.i18n import Msg
from asn_scheduler.rules import RULES, Violation
from asn_scheduler.rules.registry import rule_basis
from asn_scheduler.scenario import load_scenario

W, H, L, C = int(Code.WFO), int(Code.WFH), int(Code.LIBUR), int(Code.CUTI)
MON = date(2026, 3, 2)
WEEK = Period(MON, MON + timedelta(days=6))      # Mon 2 .. Sun 8 March 2026, no holiday
DATES = tuple(WEEK.days())

# Names a planner (or a prankster) might type: each must stay text, never a formula/link.
TRICKY_NAMES = ['=HYPERLINK("http://evil.example","klik")', "+62 812 3456 7890", "-", "@x"]


def sample_problem():
    staff = [person(i, "ADM", name=n) for i, n in enumerate(TRICKY_NAMES)]
    staff.append(person(9, "LOK", name="Budi Santoso"))
    units = [office("ADM", building="Gedung A"),
             office("LOK", category=ServiceCategory.LAYANAN_LANGSUNG, building="Gedung A")]
    return world(staff, units, buildings=[Building("Gedung A", 10)], period=WEEK)


def sample_roster(problem) -> Roster:
    week = [W, H, W, H, W, L, L]
    codes = np.array([week, [H, W, H, W, W, L, L], [W, W, W, W, W, L, L],
                      [C, C, W, H, W, L, L], [W, W, W, W, W, L, L]], dtype=np.int8)
    codes[2, 4] = int(Code.ABSEN)
    return Roster(tuple(e.nip for e in problem.employees), DATES, codes,
                  {(2, 4): "SAKIT"})


def sample_report(problem, roster, violations=()) -> CheckReport:
    persons = tuple(
        PersonFigures(e.nip, e.name, e.unit_code, 5, 0, 5, int((roster.codes[i] == H).sum()),
                      int((roster.codes[i] == W).sum()), 1.5, 0.5, 0, 0, 1, 0, "")
        for i, e in enumerate(problem.employees))
    unit_days = tuple(UnitDay("ADM", d, d.weekday() < 5, 4, 3, 1, 0, 2, 50.0, None, False,
                              "kantor") for d in DATES)
    buildings = tuple(BuildingDay("Gedung A", d, 4, 10) for d in DATES)
    quality = Quality(6, 14, 8, 0.5, 0.4, 1.0, 1.0, 0, 0, 1, 0, 0, 0, 0, 6, 120.0)
    return CheckReport(tuple(violations), persons, unit_days, buildings, quality)


def sample_result(violations=()) -> Result:
    problem = sample_problem()
    roster = sample_roster(problem)
    return Result(
        Status.OPTIMAL, problem, load_scenario("se-17-2023"), DATES, 7, roster,
        sample_report(problem, roster, violations),
        stages=(StageResult("Q0", 6, 6, True, 0.01), StageResult("Q1", 0.0, 0.0, True, 0.02)),
        parts=(PartStats(("ADM",), 4, 28, 40, "OPTIMAL", 0.03),),
        warnings=(Msg("Contoh peringatan", "Sample warning"),),
        runtime=0.1, timings={"build": 0.01, "solve": 0.05, "check": 0.01})


def cell_values(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.fixture
def written(tmp_path: Path) -> tuple[Path, Result]:
    result = sample_result()
    return write_roster_workbook(result, tmp_path / "jadwal.xlsx"), result


def test_jadwal_is_first_and_follows_the_contract(written):
    path, result = written
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Jadwal"
    ws = wb["Jadwal"]
    rows = cell_values(ws)
    # header: the three fixed columns, then one text header YYYY-MM-DD per date
    assert rows[0] == ["NIP", "Nama", "Kode Unit", *(d.isoformat() for d in DATES)]
    assert all(ws.cell(1, j).data_type == "s" for j in range(1, 11))
    # one row per employee, input order, NIP as text, codes as Roster.label gives them
    emps = result.problem.employees
    assert [r[0] for r in rows[1:]] == [e.nip for e in emps]
    assert all(ws.cell(i, 1).data_type == "s" for i in range(2, len(emps) + 2))
    assert [r[2] for r in rows[1:]] == [e.unit_code for e in emps]
    roster = result.roster
    assert [r[3:] for r in rows[1:]] == [
        [roster.label(i, j) for j in range(len(DATES))] for i in range(len(emps))]
    assert rows[3][3 + 4] == "SAKIT"  # a hand-typed absence keeps its text


def test_tricky_names_stay_text_never_formulas(written):
    path, _ = written
    ws = openpyxl.load_workbook(path)["Jadwal"]
    names = [ws.cell(i, 2) for i in range(2, 2 + len(TRICKY_NAMES))]
    assert [c.value for c in names] == TRICKY_NAMES
    assert all(c.data_type == "s" for c in names)
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the workbook
    assert "<hyperlinks" not in xml  # and no cell turned into a link


def test_colours_shading_freeze_filter_and_print_setup(written):
    path, _ = written
    ws = openpyxl.load_workbook(path)["Jadwal"]
    assert ws.freeze_panes == "D2"
    assert ws.auto_filter.ref == "A1:J6"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    # fit to one page wide (Excel's default width 1 is left out of the file), any height
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$C"

    def fill(cell):
        return "#" + cell.fill.fgColor.rgb[-6:].upper()

    # row 2 (first employee): Mon WFO, Tue WFH; Sat LIBUR is in a weekend column
    assert fill(ws["D2"]) == CODE_COLOURS[Code.WFO][0]
    assert fill(ws["E2"]) == CODE_COLOURS[Code.WFH][0]
    sat_libur, fri_wfo = ws["I2"], ws["H2"]
    assert sat_libur.value == "LIBUR"
    assert fill(sat_libur) != CODE_COLOURS[Code.LIBUR][0]  # shaded darker
    assert fill(fri_wfo) == CODE_COLOURS[Code.WFO][0]
    assert fill(ws["I1"]) != fill(ws["H1"])  # weekend header stands out


def test_f4_paper(tmp_path):
    path = write_roster_workbook(sample_result(), tmp_path / "f4.xlsx", paper="F4")
    wb = openpyxl.load_workbook(path)
    # Excel's paper 14 is Folio 8.5 × 13 in, the size Indonesian offices call F4
    assert {wb[n].page_setup.paperSize for n in wb.sheetnames} == {14}


def test_report_sheets_in_indonesian_and_english(tmp_path):
    result = sample_result()
    wb = openpyxl.load_workbook(write_roster_workbook(result, tmp_path / "id.xlsx"))
    assert wb.sheetnames == ["Jadwal", "Cetak", "Ringkasan Harian", "Kepatuhan", "Pelanggaran",
                             "Keadilan", "Gedung", "Info Run", "Keterangan", "Terbit"]
    wb_en = openpyxl.load_workbook(write_roster_workbook(result, tmp_path / "en.xlsx",
                                                         lang="en"))
    # Jadwal is the contract and keeps its name; the rest follow the language
    # (Terbit, hidden, is read back by `publish` and keeps its name too)
    assert wb_en.sheetnames == ["Jadwal", "Print", "Daily Summary", "Compliance", "Violations",
                                "Fairness", "Buildings", "Run Info", "Legend", "Terbit"]
    assert cell_values(wb_en["Jadwal"])[0][:3] == ["NIP", "Nama", "Kode Unit"]


def test_compliance_sheet_has_one_row_per_hard_rule_with_counts(tmp_path):
    problem = sample_problem()
    nip0 = problem.employees[0].nip
    breaches = [Violation("S2", Msg("WFH melebihi batas", "WFH over the cap"), unit="ADM",
                          day=MON, amount=1),
                Violation("L1", Msg("Pejabat WFH", "Official WFH"), unit="ADM", nip=nip0,
                          day=MON + timedelta(days=1)),
                Violation("L1", Msg("Pejabat WFH", "Official WFH"), unit="ADM", nip=nip0,
                          day=MON + timedelta(days=3))]
    result = sample_result(breaches)
    ws = openpyxl.load_workbook(write_roster_workbook(result, tmp_path / "j.xlsx"))["Kepatuhan"]
    rows = cell_values(ws)
    head = next(i for i, r in enumerate(rows) if r[0] == "ID")
    hard = [r for r in RULES if r.hard]
    table = rows[head + 1: head + 1 + len(hard)]
    assert [r[0] for r in table] == [r.id for r in hard]
    by_id = {r[0]: r for r in table}
    assert by_id["S2"][3:5] == ["GAGAL", 1]
    assert by_id["L1"][3:5] == ["GAGAL", 2]
    assert by_id["C1"][3:5] == ["LULUS", 0]
    # the basis as the scenario applies the rule (its rule_basis, else the registry's)
    assert by_id["S2"][2] == rule_basis("S2", result.scenario)
    assert by_id["C1"][2] == next(r.basis for r in hard if r.id == "C1")
    assert "Pejabat WFH" in by_id["L1"][5]


def test_fairness_summary_buildings_and_run_info(written):
    path, result = written
    wb = openpyxl.load_workbook(path)
    fair = cell_values(wb["Keadilan"])
    assert fair[0][:3] == ["NIP", "Nama", "Kode Unit"]
    assert [r[0] for r in fair[1:]] == [e.nip for e in result.problem.employees]
    summary = cell_values(wb["Ringkasan Harian"])
    assert len(summary) == 1 + len(DATES)
    assert summary[1][:3] == ["ADM", "Unit ADM", "Administrasi Pemerintahan"]
    gedung = cell_values(wb["Gedung"])
    assert gedung[1][0] == "Gedung A" and gedung[1][3:5] == [4, 10]
    info = {r[0]: r[1] for r in cell_values(wb["Info Run"]) if r[0]}
    assert info["Skenario"] == "se-17-2023"
    assert info["Hash skenario"] == result.scenario.hash
    assert info["Benih acak (seed)"] == 7
    assert info["Status solver"] == "OPTIMAL"
    assert "Q0" in info and "Contoh peringatan" in [r[1] for r in cell_values(wb["Info Run"])]


def test_replan_marks_changed_cells_and_lists_them(tmp_path):
    result = sample_result()
    new = result.roster
    old_codes = new.codes.copy()
    old_codes[0, 1] = W     # published WFO, new WFH
    old_codes[4, 0] = C     # published CUTI, new WFO
    published = new.with_codes(old_codes)
    path = write_roster_workbook(result, tmp_path / "baru.xlsx", published=published)
    wb = openpyxl.load_workbook(path)
    changes = cell_values(wb["Perubahan"])
    head = next(i for i, r in enumerate(changes) if r[0] == "NIP")
    listed = [(r[0], r[4], r[5]) for r in changes[head + 1:]]
    emps = result.problem.employees
    assert listed == [(emps[0].nip, "WFO", "WFH"), (emps[4].nip, "CUTI", "WFO")]
    ws = wb["Jadwal"]
    assert ws["E2"].comment is not None and "WFO" in ws["E2"].comment.text
    assert ws["E2"].border.left.style in ("medium", "thick")
    assert ws["F2"].comment is None


def test_check_workbook_marks_offending_cells(tmp_path):
    problem = sample_problem()
    roster = sample_roster(problem)
    nip = problem.employees[1].nip
    report = sample_report(problem, roster, [Violation("F4", Msg("x", "x"), unit="ADM",
                                                       nip=nip, day=MON)])
    path = write_check_workbook(problem, load_scenario("se-17-2023"), roster, report,
                                tmp_path / "cek.xlsx", source="jadwal-manual.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Jadwal"
    assert "F4" in wb["Jadwal"]["D3"].comment.text
    info = {r[0]: r[1] for r in cell_values(wb["Info Run"]) if r[0]}
    assert info["Jadwal yang diperiksa"] == "jadwal-manual.xlsx"
    assert info["Patuh aturan wajib"] == "Tidak"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    result = sample_result()
    target = tmp_path / "jadwal.xlsx"
    write_roster_workbook(result, target)
    before = target.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full halfway")

    # fail after Jadwal and several sheets have been written
    monkeypatch.setattr(roster_sheets, "write_fairness", boom)
    with pytest.raises(RuntimeError, match="halfway"):
        write_roster_workbook(result, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jadwal.xlsx"]


def test_no_roster_no_workbook(tmp_path):
    result = sample_result()
    infeasible = Result(Status.INFEASIBLE, result.problem, result.scenario, DATES, 0)
    with pytest.raises(ValueError, match="INFEASIBLE"):
        write_roster_workbook(infeasible, tmp_path / "x.xlsx")
    assert not list(tmp_path.iterdir())


def test_same_input_same_cells(tmp_path):
    """Determinism: the same result writes the same sheet contents."""
    result = sample_result()
    a = openpyxl.load_workbook(write_roster_workbook(result, tmp_path / "a.xlsx"))
    b = openpyxl.load_workbook(write_roster_workbook(result, tmp_path / "b.xlsx"))
    for name in a.sheetnames:
        assert cell_values(a[name]) == cell_values(b[name]), name


def test_a_goal_skipped_for_time_writes_empty_cells_not_a_crash(tmp_path):
    # At 65,000 staff some parts skip Q3/Q4 when their budget is spent: the engine then
    # reports that stage's bound (and gap) as NaN, which Excel cannot hold. The workbook
    # must still be written, with those cells empty.
    import dataclasses

    nan = float("nan")
    result = dataclasses.replace(
        sample_result(), status=Status.FEASIBLE,
        stages=(StageResult("Q0", 6, 6, True, 0.01), StageResult("Q3", 12.0, nan, False, 0.5)))
    path = write_roster_workbook(result, tmp_path / "jadwal.xlsx")
    rows = cell_values(openpyxl.load_workbook(path)["Info Run"])
    q3 = next(r for r in rows if r[0] == "Q3")
    assert q3[1] == 12 and q3[2] is None and q3[4] is None


def xlsx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_streamed_jadwal_is_the_workbook_xlsxwriter_writes_cell_by_cell(tmp_path, monkeypatch):
    """The Jadwal rows are streamed as ready-made XML (RowStream); turning the stream off
    writes every cell through xlsxwriter's own calls. Both must give the same bytes, for
    marked cells and their notes, hand-typed absences (one that needs XML escaping, so
    its row goes cell by cell) and a name with a leading space."""
    import dataclasses

    from asn_scheduler.excel import roster_writer, row_stream

    base = sample_result()
    staff = [*base.problem.employees[:4], person(5, "ADM", name=" Andi & Budi")]
    problem = dataclasses.replace(base.problem, employees=tuple(staff))
    codes = base.roster.codes.copy()
    codes[1, 2] = int(Code.ABSEN)
    roster = Roster(tuple(e.nip for e in staff), DATES, codes,
                    {(2, 4): "SAKIT", (1, 2): "IZIN <pribadi>"})
    result = dataclasses.replace(base, problem=problem, roster=roster,
                                 report=sample_report(problem, roster))
    old = codes.copy()
    old[0, 1], old[3, 0], old[4, 6] = W, W, W   # three changed cells, so three marks
    published = roster.with_codes(old)
    monkeypatch.setattr(roster_writer, "MAX_COMMENTS", 2)  # the first two (row order) get notes

    streamed = write_roster_workbook(result, tmp_path / "s.xlsx", published=published)
    monkeypatch.setattr(row_stream, "supported", lambda ws: False)
    plain = write_roster_workbook(result, tmp_path / "p.xlsx", published=published)
    a, b = xlsx_parts(streamed), xlsx_parts(plain)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    # and what both hold: the labels, the escaped name, notes on the first two marks only
    ws = openpyxl.load_workbook(streamed)["Jadwal"]
    assert ws["F3"].value == "IZIN <pribadi>" and ws["H4"].value == "SAKIT"
    assert ws["B6"].value == " Andi & Budi"
    assert ws["E2"].comment is not None and ws["D5"].comment is not None
    assert ws["J6"].comment is None and ws["J6"].border.left.style in ("medium", "thick")
