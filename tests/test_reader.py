"""Reading the input workbook: a clean file, a messy-but-valid one, warnings, defaults,
row numbers, ordering of problems, and a 65,000-row staff sheet."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from asn_scheduler.domain import (
    AbsenceKind,
    Discipline,
    OverrideKind,
    Period,
    PositionLevel,
    Sector,
    ServiceCategory,
)
from asn_scheduler.domain.problems import InputError
from asn_scheduler.excel.reader import read_workbook
from tests.workbooks import (
    NIP_BUDI,
    NIP_HEAD,
    NIP_SITI,
    set_cell,
    valid_sheets,
    write_big_workbook,
    write_workbook,
)


def test_clean_workbook_becomes_the_expected_problem(tmp_path):
    result = read_workbook(write_workbook(tmp_path / "pemkot.xlsx", valid_sheets()))
    p = result.problem
    assert result.warnings == []
    assert p.name == "pemkot"
    assert [e.nip for e in p.employees] == [NIP_HEAD, NIP_SITI, NIP_BUDI]  # input order kept
    siti = p.employees[1]
    assert siti.position_type is PositionLevel.FUNGSIONAL
    assert siti.position_start == date(2024, 3, 2)          # 02/03/2024 is 2 March
    assert siti.roles == {"loket"} and siti.preferred_wfh_days == {4}
    assert siti.supervisor_nip == NIP_HEAD and siti.commute_km == 12.5
    budi = p.employees[2]
    assert budi.flex_eligible is False and budi.field_duty is True
    setda, dukcapil = p.units
    assert setda.category is ServiceCategory.DUKUNGAN_PIMPINAN and setda.sector is Sector.NON_ESENSIAL
    assert setda.max_wfh_pct == 50 and setda.building == "Gedung Utama"
    assert dukcapil.role_minimums == {"loket": 1}
    assert dukcapil.operating_days == {0, 1, 2, 3, 4, 5}   # Senin-Sabtu
    assert [(a.nip, a.start, a.end, a.kind) for a in p.absences] == [
        (NIP_SITI, date(2026, 3, 2), date(2026, 3, 4), AbsenceKind.CUTI_TAHUNAN)]
    assert p.buildings[0].capacity == 120
    assert p.period == Period(date(2026, 3, 2), date(2026, 3, 13))
    assert p.overrides[0].kind is OverrideKind.LIBUR and p.overrides[0].note == "HUT Kota"


def test_defaults_come_from_the_schema(tmp_path):
    sheets = valid_sheets()
    for header in ("Boleh Kerja Fleksibel", "Hukuman Disiplin", "Tugas Lapangan"):
        set_cell(sheets, "Pegawai", 4, header, "")
    set_cell(sheets, "Unit", 3, "Hari Operasional", "")
    p = read_workbook(write_workbook(tmp_path / "d.xlsx", sheets)).problem
    budi = p.employees[2]
    # Schema defaults: flexible Ya, discipline Tidak, field duty Tidak, Senin-Jumat.
    assert budi.flex_eligible is True and budi.discipline is Discipline.TIDAK
    assert budi.field_duty is False
    assert p.units[1].operating_days == {0, 1, 2, 3, 4}


def _messy_sheets():
    """The valid agency typed the way real planners type: English and odd-case names,
    `_`/`-` in headers, real Excel dates and typed ones, ya/TIDAK/Y, stray spaces, extra
    columns and sheets, blank rows, a title above the header."""
    return {
        "  staff ": [
            ["Daftar Pegawai 2026"],                        # a title row above the header
            [],
            ["nip", "NAMA", "unit_code", "Jenis-Jabatan", "flex_eligible", "hukuman_disiplin",
             "TMT  Jabatan", "roles", "Preferred WFH Days", "nip atasan", "FIELD DUTY",
             "Commute (km)", "Catatan"],
            [f"{NIP_HEAD} ", "Hendra Wijaya", "setda ", "eselon II", "ya", "tidak",
             datetime(2020, 2, 1), "", "", "", "T", "8", "kepala"],
            [],                                              # blank row in the middle
            ["19860926 201505 2 002", " Siti  Rahmawati ", "SETDA", "functional", "Y", "None",
             "2/3/2024", "Loket", "fri", NIP_HEAD, "No", "12,5", ""],
            [NIP_BUDI, "Budi Santoso", " Dukcapil", "Pelaksana", "TIDAK", "Tidak",
             "2022-07-15", "loket;", "Mon, Wed", f" {NIP_HEAD}", "yes", 3, ""],
        ],
        "UNITS": [
            ["Kode_Unit", "unit name", "Service-Category", "sector", "region", "building",
             "Max WFH (%)", "role_minimums", "operating days"],
            ["SETDA", "Sekretariat Daerah", "leadership support", "non essential",
             "Jawa Barat", "gedung  utama", "50%", "", "Mon-Fri"],
            ["DUKCAPIL", "Dinas Kependudukan", "front-line", "", "Jawa Barat", "Gedung Utama",
             "", "loket : 1", "Senin - Sabtu"],
        ],
        "absences": [
            ["NIP", "start", "END", "kind"],
            ["198609262015052002", date(2026, 3, 2), "04-03-2026", "annual leave"],
        ],
        "Buildings": [["Building", "Capacity"], ["Gedung Utama ", 120.0]],
        "period": [["Start", "End"], ["2026-03-02", "13/03/2026"]],
        "Catatan Rapat": [["bebas"]],                       # the planner's own extra sheet
    }


def test_messy_but_valid_workbook_reads_like_the_clean_one(tmp_path):
    clean_sheets = set_cell(valid_sheets(), "Pegawai", 4, "Hari WFH Pilihan", "Senin; Rabu")
    clean = read_workbook(write_workbook(tmp_path / "clean.xlsx", clean_sheets)).problem
    messy = read_workbook(write_workbook(tmp_path / "messy.xlsx", _messy_sheets()))
    p = messy.problem
    # Same people, units, absences, buildings and period as the clean file; the clean file
    # also has a Libur override, so compare part by part.
    assert p.employees == clean.employees
    assert p.units == clean.units
    assert p.absences == clean.absences
    assert p.buildings == clean.buildings
    assert p.period == clean.period
    # Codes are matched across sheets ignoring case and spaces, and take the Unit/Gedung
    # sheet's spelling.
    assert [e.unit_code for e in p.employees] == ["SETDA", "SETDA", "DUKCAPIL"]
    assert p.units[0].building == "Gedung Utama"


def test_messy_workbook_warns_about_extra_columns_and_sheets(tmp_path):
    result = read_workbook(write_workbook(tmp_path / "messy.xlsx", _messy_sheets()))
    where = [(w.sheet, w.row, w.column, w.severity) for w in result.warnings]
    assert where == [
        ("  staff ", 3, "Catatan", "warning"),   # the header is row 3 below the title
        ("Catatan Rapat", None, None, "warning"),
    ]


def test_instructions_sheet_is_ignored_silently(tmp_path):
    sheets = valid_sheets()
    sheets["Petunjuk"] = [["Cara mengisi"]]
    assert read_workbook(write_workbook(tmp_path / "p.xlsx", sheets)).warnings == []


def test_percent_formatted_fraction_is_a_warning(tmp_path):
    sheets = set_cell(valid_sheets(), "Unit", 2, "Batas WFH (%)", 0.4)
    result = read_workbook(write_workbook(tmp_path / "f.xlsx", sheets))
    assert result.problem.units[0].max_wfh_pct == 0.4
    (w,) = result.warnings
    assert (w.sheet, w.row, w.column) == ("Unit", 2, "Batas WFH (%)") and "40" in w.fix.en


def test_role_minimum_above_holders_is_a_warning(tmp_path):
    # DUKCAPIL asks for 3 loket holders but only Budi holds the role.
    sheets = set_cell(valid_sheets(), "Unit", 3, "Minimal Peran Hadir", "loket=3")
    result = read_workbook(write_workbook(tmp_path / "r.xlsx", sheets))
    (w,) = result.warnings
    assert (w.sheet, w.row, w.column) == ("Unit", 3, "Minimal Peran Hadir")
    assert "only 1" in w.problem.en


def test_unit_without_staff_is_a_warning(tmp_path):
    sheets = valid_sheets()
    sheets["Unit"].append(["BAPPEDA", "Bappeda", "Administrasi Pemerintahan"])
    result = read_workbook(write_workbook(tmp_path / "u.xlsx", sheets))
    assert [(w.sheet, w.row, w.column) for w in result.warnings] == [("Unit", 4, "Kode Unit")]


def test_every_problem_is_reported_sorted_by_sheet_then_row(tmp_path):
    sheets = valid_sheets()
    set_cell(sheets, "Libur", 2, "Jenis", "Cuti")              # Libur row 2
    set_cell(sheets, "Cuti", 2, "Jenis", "Liburan")            # Cuti row 2
    set_cell(sheets, "Pegawai", 4, "Jenis Jabatan", "Kepala")  # Pegawai row 4
    set_cell(sheets, "Pegawai", 2, "Nama", "")                 # Pegawai row 2
    set_cell(sheets, "Unit", 3, "Kategori Layanan", "Teknis")  # Unit row 3
    sheets["Zzz"] = [["x"]]                                    # an extra sheet: a warning
    with pytest.raises(InputError) as err:
        read_workbook(write_workbook(tmp_path / "many.xlsx", sheets))
    got = [(p.sheet, p.row, p.column, p.severity) for p in err.value.problems]
    # Contract sheet order (Pegawai, Unit, Cuti, Gedung, Periode, Libur), then other sheets.
    assert got == [
        ("Pegawai", 2, "Nama", "error"),
        ("Pegawai", 4, "Jenis Jabatan", "error"),
        ("Unit", 3, "Kategori Layanan", "error"),
        ("Cuti", 2, "Jenis", "error"),
        ("Libur", 2, "Jenis", "error"),
        ("Zzz", None, None, "warning"),
    ]
    assert len(err.value.errors) == 5


def test_problem_text_is_bilingual_with_a_fix(tmp_path):
    sheets = set_cell(valid_sheets(), "Pegawai", 4, "Jenis Jabatan", "Kepala")
    with pytest.raises(InputError) as err:
        read_workbook(write_workbook(tmp_path / "x.xlsx", sheets))
    (p,) = err.value.problems
    assert p.value == "Kepala"
    assert p.problem.id != p.problem.en and p.fix.id != p.fix.en
    assert "Pelaksana" in p.fix.id and "Pelaksana" in p.fix.en  # the allowed values


@pytest.mark.slow
def test_65000_staff_are_read_and_validated_in_seconds(tmp_path):
    path = write_big_workbook(tmp_path / "besar.xlsx", 65_000)
    start = time.perf_counter()
    result = read_workbook(path)
    elapsed = time.perf_counter() - start
    assert len(result.problem.employees) == 65_000
    assert len(result.problem.units) == 1_300
    # About 2 s on one core; the bound leaves room for a busy shared machine.
    assert elapsed < 20, elapsed
