"""Reading roster workbooks in the contract's form: our own, and ones typed by hand."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from test_roster_workbook import DATES, sample_result
from worlds import office, person, world

from asn_scheduler.domain import Code
from asn_scheduler.domain.problems import InputError
from asn_scheduler.excel.roster_reader import read_roster, read_roster_workbook
from asn_scheduler.excel.roster_writer import write_roster_workbook

MON = date(2026, 3, 2)


def small_problem():
    staff = [person(1, "ADM", name="Siti"), person(2, "ADM", name="Budi"),
             person(3, "ADM", name="Ani")]
    return world(staff, [office("ADM")])


def hand_book(path: Path, rows: list[list[object]], sheet: str = "Jadwal") -> Path:
    """A workbook as a planner might type it, cell by cell with openpyxl."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def problems_by_cell(exc: InputError) -> dict[tuple[int | None, str | None], str]:
    return {(p.row, p.column): p.problem.en for p in exc.problems if p.severity == "error"}


def test_round_trip_of_our_own_workbook(tmp_path):
    result = sample_result()
    path = write_roster_workbook(result, tmp_path / "jadwal.xlsx")
    back = read_roster_workbook(path, result.problem)
    assert back == result.roster
    assert back.dates == DATES
    assert back.label(2, 4) == "SAKIT"  # hand-typed absence text survives


def test_hand_typed_roster_with_loose_headers_codes_and_order(tmp_path):
    p = small_problem()
    siti, budi, ani = (e.nip for e in p.employees)
    path = hand_book(tmp_path / "manual.xlsx", [
        # sheet alias, header spelling, DD/MM/YYYY, a real date, DD-MM-YYYY; dates out of
        # order; an extra note column
        [" nip ", "NAMA", "kode_unit", "04/03/2026", datetime(2026, 3, 2), "03-03-2026",
         "Catatan"],
        [budi, "Budi", "ADM", "cuti", "wfh", " Wfo ", "pindah meja"],
        [siti, "Siti", "ADM", "WFO", "WFO", "Sakit", None],
        [None, None, None, None, None, None, None],  # a blank row is skipped
        [f"'{ani}", "Ani", "ADM", "DL", "LIBUR", "diklat", None],
    ], sheet="roster")
    read = read_roster(path, p)
    r = read.roster
    # rows follow the staff list, columns ascending by date
    assert r.nips == (siti, budi, ani)
    assert r.dates == (MON, date(2026, 3, 3), date(2026, 3, 4))
    assert [[r.label(i, j) for j in range(3)] for i in range(3)] == [
        ["WFO", "SAKIT", "WFO"],
        ["WFH", "WFO", "CUTI"],
        ["LIBUR", "DIKLAT", "DL"],
    ]
    assert r.code(siti, date(2026, 3, 3)) is Code.ABSEN
    assert read.sheet == "roster"
    # the extra column, and the hand-typed SAKIT: warned about (read as an absence by the
    # contract), not silently taken
    assert [w.column for w in read.warnings] == ["Catatan", "03-03-2026"]
    assert read.warnings[1].value == "SAKIT" and "bukan kode baku" in read.warnings[1].problem.id
    assert "not guessed" in read.warnings[1].problem.en


def test_every_problem_is_reported_at_once(tmp_path):
    p = small_problem()
    siti, budi, ani = (e.nip for e in p.employees)
    path = hand_book(tmp_path / "bad.xlsx", [
        ["NIP", "Nama", "Kode Unit", "2026-03-02", "2026-02-30", "02/03/2026", "2026-03-03"],
        [float(siti), "Siti", "ADM", "WFO", "WFO", "WFO", "WFO"],       # row 2: rounded NIP
        [budi, "Budi", "ADM", "WFO", "WFO", "WFO", None],              # row 3: empty cell
        ["198501012010011999", "X", "ADM", "WFO", "WFO", "WFO", "WFO"],  # row 4: unknown NIP
        [budi, "Budi", "ADM", "WFO", "WFO", "WFO", "WFO"],              # row 5: duplicate
    ])
    with pytest.raises(InputError) as info:
        read_roster_workbook(path, p)
    found = problems_by_cell(info.value)
    # 2026-02-30 does not exist; 02/03/2026 is 2 March again (day first), a duplicate
    assert "does not exist" in found[(1, "2026-02-30")]
    assert "already has a column" in found[(1, "02/03/2026")]
    assert "rounded" in found[(2, "NIP")]
    rounded = next(x for x in info.value.problems if x.row == 2)
    assert "Text" in rounded.fix.en
    assert "Empty code cell" in found[(3, "2026-03-03")]
    assert "not in sheet Pegawai" in found[(4, "NIP")]
    assert "already on row 3" in found[(5, "NIP")]
    # Siti's row was refused, Ani never had one: both are missing from the roster
    missing = [x.value for x in info.value.problems if x.row is None and x.column == "NIP"]
    assert missing == [siti, ani]


def test_numbers_and_dates_in_code_cells_are_refused(tmp_path):
    p = small_problem()
    rows = [["NIP", "Nama", "Kode Unit", "2026-03-02"]]
    rows += [[e.nip, e.name, "ADM", v] for e, v in zip(p.employees, [1, "WFH", date(2026, 3, 2)],
                                                         strict=True)]
    with pytest.raises(InputError) as info:
        read_roster_workbook(hand_book(tmp_path / "x.xlsx", rows), p)
    assert sorted(problems_by_cell(info.value)) == [(2, "2026-03-02"), (4, "2026-03-02")]


def test_no_roster_sheet(tmp_path):
    path = hand_book(tmp_path / "x.xlsx", [["NIP"]], sheet="Pegawai")
    with pytest.raises(InputError) as info:
        read_roster_workbook(path, small_problem())
    (only,) = info.value.problems
    assert "no sheet Jadwal" in only.problem.en and only.value == "Pegawai"


def test_missing_nip_column_and_no_dates(tmp_path):
    path = hand_book(tmp_path / "x.xlsx", [["Nama", "Kode Unit"], ["Siti", "ADM"]])
    with pytest.raises(InputError) as info:
        read_roster_workbook(path, small_problem())
    assert any("Column NIP is missing" in x.problem.en for x in info.value.problems)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "jadwal.xlsx"
    path.write_text("NIP;Nama\n1;2\n")
    with pytest.raises(InputError):
        read_roster_workbook(path, small_problem())


def test_unit_code_that_differs_is_a_warning_not_an_error(tmp_path):
    p = small_problem()
    rows = [["NIP", "Nama", "Kode Unit", "2026-03-02"]]
    rows += [[e.nip, e.name, "KEU" if k == 0 else "ADM", "WFO"] for k, e in
             enumerate(p.employees)]
    read = read_roster(hand_book(tmp_path / "x.xlsx", rows), p)
    assert np.all(read.roster.codes == int(Code.WFO))
    (warning,) = read.warnings
    assert warning.row == 2 and warning.value == "KEU" and warning.severity == "warning"
