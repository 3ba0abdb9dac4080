"""A table of broken workbooks: each names exactly where the reader must point
(sheet, Excel row, column as typed) and nothing else, and `validate` exits 1 without a
traceback. The base is the small valid agency of tests/workbooks.py; Budi (Pegawai row 4)
is nobody's supervisor and has no leave, so breaking his row cascades nowhere."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner

from asn_scheduler.cli import main
from asn_scheduler.domain.problems import InputError
from asn_scheduler.excel.reader import read_workbook
from tests.workbooks import NIP_SITI, Sheets, set_cell, valid_sheets, write_workbook

Mutation = Callable[[Sheets], None]


def edit(sheet: str, row: int, header: str, value: object) -> Mutation:
    return lambda s: set_cell(s, sheet, row, header, value) and None


def drop_sheet(sheet: str) -> Mutation:
    return lambda s: s.pop(sheet) and None


def drop_column(sheet: str, header: str) -> Mutation:
    def apply(s: Sheets) -> None:
        i = s[sheet][0].index(header)
        for row in s[sheet]:
            if len(row) > i:
                del row[i]
    return apply


def add_row(sheet: str, row: list) -> Mutation:
    return lambda s: s[sheet].append(row)


def both(*mutations: Mutation) -> Mutation:
    def apply(s: Sheets) -> None:
        for m in mutations:
            m(s)
    return apply


def insert_title_rows(s: Sheets) -> None:
    s["Pegawai"][0:0] = [["Daftar Pegawai Pemkot"], []]


def start_at_c3(s: Sheets) -> None:
    # Two empty rows above and two empty columns left of the table (None = no cell).
    s["Pegawai"] = [[], [], *([None, None, *row] for row in s["Pegawai"])]


UNKNOWN_NIP = "198001012005011009"  # structurally valid, but nobody on the staff sheet

CASES = [
    # --- sheets and columns
    pytest.param(drop_sheet("Pegawai"), [("Pegawai", None, None)], id="staff-sheet-missing"),
    pytest.param(drop_sheet("Unit"), [("Unit", None, None)], id="unit-sheet-missing"),
    pytest.param(drop_column("Pegawai", "NIP"), [("Pegawai", 1, "NIP")],
                 id="nip-column-missing"),  # reported on the header row, contract header
    pytest.param(drop_column("Unit", "Kategori Layanan"), [("Unit", 1, "Kategori Layanan")],
                 id="category-column-missing"),
    pytest.param(lambda s: s["Pegawai"][0].append("Nama"), [("Pegawai", 1, "Nama")],
                 id="column-twice"),  # the second "Nama" header is the one reported
    pytest.param(lambda s: s.update(Units=[["Kode Unit"], ["X"]]), [("Units", None, None)],
                 id="unit-sheet-twice"),  # Unit and its alias Units both present
    pytest.param(both(lambda s: s.update(Pegawai=s["Pegawai"][:1]), drop_sheet("Cuti")),
                 [("Pegawai", None, None)], id="staff-sheet-without-rows"),
    pytest.param(lambda s: s.update(Unit=[]), [("Unit", None, None)], id="unit-sheet-blank"),
    # --- NIPs
    pytest.param(edit("Pegawai", 4, "NIP", "19920315201903100"), [("Pegawai", 4, "NIP")],
                 id="nip-17-digits"),
    pytest.param(edit("Pegawai", 4, "NIP", 1.99203152019031e17), [("Pegawai", 4, "NIP")],
                 id="nip-number-cell-rounded"),
    pytest.param(edit("Pegawai", 4, "NIP", "1.99203E+17"), [("Pegawai", 4, "NIP")],
                 id="nip-text-in-scientific-form"),
    pytest.param(edit("Pegawai", 4, "NIP", "199203152019033003"), [("Pegawai", 4, "NIP")],
                 id="nip-gender-digit-3"),
    pytest.param(edit("Pegawai", 4, "NIP", "199202302019031003"), [("Pegawai", 4, "NIP")],
                 id="nip-birth-date-30-february"),
    pytest.param(edit("Pegawai", 4, "NIP", NIP_SITI), [("Pegawai", 4, "NIP")],
                 id="nip-duplicate"),  # the second occurrence is the one reported
    pytest.param(edit("Pegawai", 3, "NIP Atasan", UNKNOWN_NIP), [("Pegawai", 3, "NIP Atasan")],
                 id="supervisor-unknown"),
    pytest.param(edit("Cuti", 2, "NIP", UNKNOWN_NIP), [("Cuti", 2, "NIP")],
                 id="absence-of-unknown-nip"),
    # --- staff cells
    pytest.param(edit("Pegawai", 4, "Kode Unit", "DISDIK"), [("Pegawai", 4, "Kode Unit")],
                 id="unit-code-unknown"),
    pytest.param(edit("Pegawai", 4, "Jenis Jabatan", "Direktur"),
                 [("Pegawai", 4, "Jenis Jabatan")], id="position-type-unknown"),
    pytest.param(edit("Pegawai", 4, "Boleh Kerja Fleksibel", "mungkin"),
                 [("Pegawai", 4, "Boleh Kerja Fleksibel")], id="yes-no-garbled"),
    pytest.param(edit("Pegawai", 4, "Hukuman Disiplin", "Berat"),
                 [("Pegawai", 4, "Hukuman Disiplin")], id="discipline-unknown"),
    pytest.param(edit("Pegawai", 4, "TMT Jabatan", "31/02/2024"),
                 [("Pegawai", 4, "TMT Jabatan")], id="date-impossible"),
    pytest.param(edit("Pegawai", 4, "TMT Jabatan", "kemarin"), [("Pegawai", 4, "TMT Jabatan")],
                 id="date-unparseable"),
    pytest.param(edit("Pegawai", 4, "Hari WFH Pilihan", "Funday"),
                 [("Pegawai", 4, "Hari WFH Pilihan")], id="weekday-garbled"),
    pytest.param(edit("Pegawai", 4, "Jarak Rumah (km)", -3), [("Pegawai", 4, "Jarak Rumah (km)")],
                 id="distance-negative"),
    pytest.param(edit("Pegawai", 4, "Nama", "  "), [("Pegawai", 4, "Nama")],
                 id="required-cell-empty"),  # spaces only count as empty
    pytest.param(both(edit("Pegawai", 4, "Nama", ""), insert_title_rows),
                 [("Pegawai", 6, "Nama")], id="row-number-below-a-title"),  # Excel's own row
    pytest.param(both(edit("Pegawai", 4, "Nama", ""), start_at_c3),
                 [("Pegawai", 6, "Nama")], id="row-number-of-a-table-starting-at-c3"),
    # --- unit cells
    pytest.param(add_row("Unit", ["setda ", "Duplikat", "Dukungan Pimpinan"]),
                 [("Unit", 4, "Kode Unit")], id="unit-code-duplicate-case-insensitive"),
    pytest.param(edit("Unit", 2, "Kategori Layanan", "Pelayanan"),
                 [("Unit", 2, "Kategori Layanan")], id="category-unknown"),
    pytest.param(edit("Unit", 2, "Gedung", "Gedung B"), [("Unit", 2, "Gedung")],
                 id="building-unknown"),
    pytest.param(drop_sheet("Gedung"), [("Unit", 2, "Gedung"), ("Unit", 3, "Gedung")],
                 id="building-without-sheet"),  # both units name a building
    pytest.param(edit("Unit", 2, "Batas WFH (%)", 140), [("Unit", 2, "Batas WFH (%)")],
                 id="percent-over-100"),
    pytest.param(edit("Unit", 2, "Batas WFH (%)", "empat puluh"), [("Unit", 2, "Batas WFH (%)")],
                 id="percent-not-a-number"),
    pytest.param(edit("Unit", 3, "Minimal Peran Hadir", "loket=dua"),
                 [("Unit", 3, "Minimal Peran Hadir")], id="role-minimums-garbled"),
    pytest.param(edit("Unit", 3, "Hari Operasional", "Senin-Funday"),
                 [("Unit", 3, "Hari Operasional")], id="operating-days-garbled"),
    # --- absences, buildings, period, holidays
    pytest.param(edit("Cuti", 2, "Selesai", "01/03/2026"), [("Cuti", 2, "Selesai")],
                 id="absence-reversed"),  # ends 1 March, starts 2 March
    pytest.param(edit("Cuti", 2, "Jenis", "Liburan"), [("Cuti", 2, "Jenis")],
                 id="absence-kind-unknown"),
    pytest.param(edit("Cuti", 2, "Mulai", ""), [("Cuti", 2, "Mulai")],
                 id="absence-start-empty"),
    pytest.param(add_row("Gedung", ["gedung utama", 50]), [("Gedung", 3, "Gedung")],
                 id="building-duplicate"),
    pytest.param(edit("Gedung", 2, "Kapasitas", 12.5), [("Gedung", 2, "Kapasitas")],
                 id="capacity-fraction"),
    pytest.param(edit("Gedung", 2, "Kapasitas", -1), [("Gedung", 2, "Kapasitas")],
                 id="capacity-negative"),
    pytest.param(edit("Periode", 2, "Selesai", "01/02/2026"), [("Periode", 2, "Selesai")],
                 id="period-reversed"),
    pytest.param(add_row("Periode", ["01/04/2026", "30/04/2026"]), [("Periode", 3, None)],
                 id="period-two-rows"),
    pytest.param(edit("Libur", 2, "Tanggal", "30/02/2026"), [("Libur", 2, "Tanggal")],
                 id="holiday-date-impossible"),
    pytest.param(edit("Libur", 2, "Jenis", "Cuti"), [("Libur", 2, "Jenis")],
                 id="holiday-kind-unknown"),
    pytest.param(add_row("Libur", ["09/03/2026", "Masuk", ""]), [("Libur", 3, "Tanggal")],
                 id="holiday-date-twice-with-different-kinds"),
]


def _broken(tmp_path, mutate: Mutation):
    sheets = valid_sheets()
    mutate(sheets)
    return write_workbook(tmp_path / "rusak.xlsx", sheets)


@pytest.mark.parametrize(("mutate", "where"), CASES)
def test_reader_points_at_exactly_the_broken_cells(tmp_path, mutate, where):
    with pytest.raises(InputError) as err:
        read_workbook(_broken(tmp_path, mutate))
    errors = err.value.errors
    assert [(p.sheet, p.row, p.column) for p in errors] == where
    for p in errors:
        assert p.problem.id and p.problem.en and p.fix.id and p.fix.en
        assert p.problem.id != p.problem.en


@pytest.mark.parametrize(("mutate", "where"), CASES)
def test_validate_exits_1_without_traceback(tmp_path, mutate, where):
    path = _broken(tmp_path, mutate)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert where[0][0] in result.output  # the sheet is named in the problem table


def test_the_table_is_large_enough():
    assert len(CASES) >= 30
