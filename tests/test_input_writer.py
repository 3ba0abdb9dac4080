"""The input-workbook writer: the contract's sheets and headers, cells as a planner types
them, and generate → write → read giving the same problem. Also the ``generate`` CLI."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from worlds import leave, nip, office, person, world

from asn_scheduler.cli import main
from asn_scheduler.domain import (
    Building,
    CalendarOverride,
    Discipline,
    OverrideKind,
    PositionLevel,
    Problem,
    Sector,
    ServiceCategory,
)
from asn_scheduler.domain.model import PpkmLevel
from asn_scheduler.excel.input_writer import (
    header,
    role_minimums_text,
    sheet_name,
    weekdays_text,
    write_input_workbook,
)
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.generate import generate_agency
from asn_scheduler.schema import SHEETS


def small() -> Problem:
    """Two units, four people, one leave, one building, a period and an override."""
    head = person(1, "PTSP", "Yohanes Wenda", PositionLevel.PENGAWAS,
                  position_start=date(2022, 1, 3), commute_km=19.6)
    return world(
        [head,
         person(2, "PTSP", "Euis Komalasari", PositionLevel.PELAKSANA,
                roles=frozenset({"loket", "operator"}), supervisor_nip=head.nip),
         person(3, "PEM", "Siti Aminah", discipline=Discipline.DALAM_PROSES,
                preferred_wfh_days=frozenset({0, 4}), team="Tim Data", field_duty=True),
         person(4, "PEM", "=Budi", flex_eligible=False)],   # a name like a formula
        [office("PTSP", ServiceCategory.LAYANAN_LANGSUNG, sector=Sector.KRITIKAL,
                region="DKI Jakarta", building="Kantor", role_minimums={"loket": 1},
                operating_days=frozenset(range(6))),
         office("PEM", building="Kantor", max_wfh_pct=40.0,
                role_minimums={"loket": 2, "bendahara": 1})],
        absences=[leave(person(3, "PEM"), date(2026, 3, 4), date(2026, 3, 5))],
        buildings=[Building("Kantor", 3)],
        overrides=(CalendarOverride(date(2026, 3, 13), OverrideKind.LIBUR, "HUT Kota"),),
        settings={"agency_name": "Pemerintah Kota Contoh", "office_days": "Senin"},
        ppkm_levels=(PpkmLevel("Kota Bandung, Jawa Barat", date(2022, 3, 7), None, 3),),
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Problem, object]:
    path = tmp_path_factory.mktemp("w") / "kecil.xlsx"
    p = small()
    write_input_workbook(p, path)
    return p, load_workbook(path)


def rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_sheets_follow_the_contract_and_optional_ones_appear_only_with_rows(written, tmp_path):
    _, wb = written
    assert wb.sheetnames == ["Pegawai", "Unit", "Cuti", "Gedung", "Periode", "Libur",
                             "Pengaturan", "Level PPKM"]
    bare = world([person(1, "A")], [office("A")]).replace(period=None)
    write_input_workbook(bare, tmp_path / "bare.xlsx")
    assert load_workbook(tmp_path / "bare.xlsx").sheetnames == ["Pegawai", "Unit"]


@pytest.mark.parametrize("spec", SHEETS, ids=lambda s: s.name)
def test_headers_are_the_schema_headers_and_frozen(written, spec):
    _, wb = written
    ws = wb[spec.name]
    assert rows(ws)[0] == [c.header for c in spec.columns]
    assert ws.freeze_panes == "A2"


def test_nips_are_text_in_text_formatted_columns(written):
    p, wb = written
    ws = wb["Pegawai"]
    assert [c.value for c in ws["A"][1:]] == [e.nip for e in p.employees]
    assert all(isinstance(c.value, str) and c.number_format == "@" for c in ws["A"][1:])
    boss = ws["L3"]   # NIP Atasan of Euis
    assert boss.value == nip(1) and boss.number_format == "@"
    # the whole column is formatted as text, so NIPs a planner adds stay text
    assert ws.column_dimensions["A"].number_format == "@"
    assert ws.column_dimensions["L"].number_format == "@"
    assert wb["Cuti"]["A2"].value == nip(3) and wb["Cuti"]["A2"].number_format == "@"


def test_cells_are_written_as_a_planner_types_them(written):
    _, wb = written
    staff = rows(wb["Pegawai"])
    # NIP, Nama, Kode Unit, Jenis Jabatan, Jabatan, Fleksibel, Disiplin, TMT, Peran,
    # Hari WFH Pilihan, Tim, NIP Atasan, Tugas Lapangan, Jarak
    assert staff[1] == [nip(1), "Yohanes Wenda", "PTSP", "Pengawas", None, "Ya", "Tidak",
                        datetime(2022, 1, 3), None, None, None, None, "Tidak", 19.6]
    assert staff[2][8] == "loket; operator"
    assert staff[3][3:13] == ["Fungsional", None, "Ya", "Dalam Proses", None, None,
                              "Senin; Jumat", "Tim Data", None, "Ya"]
    assert staff[4][1] == "=Budi" and staff[4][5] == "Tidak"   # text, not a formula
    units = rows(wb["Unit"])
    assert units[1] == ["PTSP", "Unit PTSP", "Layanan Langsung", "Kritikal", "DKI Jakarta",
                        "Kantor", None, "loket=1", "Senin-Sabtu", None]
    assert units[2] == ["PEM", "Unit PEM", "Administrasi Pemerintahan", None, None, "Kantor",
                        40, "loket=2; bendahara=1", "Senin-Jumat", None]
    assert rows(wb["Cuti"])[1] == [nip(3), datetime(2026, 3, 4), datetime(2026, 3, 5),
                                   "Cuti Tahunan"]
    assert rows(wb["Gedung"])[1] == ["Kantor", 3]
    assert rows(wb["Periode"])[1] == [datetime(2026, 3, 2), datetime(2026, 3, 13)]
    assert rows(wb["Libur"])[1] == [datetime(2026, 3, 13), "Libur", None, "HUT Kota"]
    assert wb["Cuti"]["B2"].number_format == "dd/mm/yyyy"


@pytest.mark.parametrize(("days", "text"), [
    (range(5), "Senin-Jumat"),            # a run from Monday reads as a range
    (range(7), "Senin-Minggu"),
    ({4}, "Jumat"),
    ({0, 4}, "Senin; Jumat"),
    ({1, 2, 3}, "Selasa; Rabu; Kamis"),   # not from Monday: listed
])
def test_weekdays_text(days, text):
    assert weekdays_text(days) == text


def test_english_names_and_role_minimum_text():
    assert weekdays_text(range(6), "en") == "Monday-Saturday"
    assert role_minimums_text({"loket": 2, "bendahara": 1}) == "loket=2; bendahara=1"
    staff = SHEETS[0]
    assert sheet_name(staff, "en") == "Staff"
    assert [header(c, "en") for c in staff.columns][:3] == ["NIP", "Name", "Unit code"]
    assert header(staff.column("commute_km"), "en") == "Commute (km)"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_write_then_read_gives_the_same_problem(tmp_path, lang):
    p = small()
    write_input_workbook(p, tmp_path / "x.xlsx", lang=lang)
    back = read_workbook(tmp_path / "x.xlsx").problem
    assert back == p.replace(name=back.name)


def test_generate_write_read_round_trip(tmp_path):
    p = generate_agency(250, seed=4, regions=("DKI Jakarta", "Jawa Barat"))
    write_input_workbook(p, tmp_path / "g.xlsx")
    result = read_workbook(tmp_path / "g.xlsx")
    assert result.warnings == []
    assert result.problem == p.replace(name=result.problem.name)


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    with pytest.raises(OSError):
        write_input_workbook(small(), tmp_path / "missing" / "x.xlsx")
    target = tmp_path / "keep.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ValueError):
        write_input_workbook(small(), target, lang="fr")
    assert target.read_bytes() == b"old" and sorted(tmp_path.iterdir()) == [target]


def test_a_fixed_creation_time_makes_the_file_reproducible(tmp_path):
    when = datetime(2026, 3, 1, 8, 0)
    write_input_workbook(small(), tmp_path / "a.xlsx", created=when)
    write_input_workbook(small(), tmp_path / "b.xlsx", created=when)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


# --- the generate command -----------------------------------------------------------------

def test_generate_command_writes_the_workbook_and_prints_a_summary(tmp_path):
    out = tmp_path / "g.xlsx"
    result = CliRunner().invoke(main, ["generate", "--staff", "120", "--seed", "3",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    problem = read_workbook(out).problem
    assert len(problem.employees) == 120
    lines = result.output.splitlines()
    assert lines[0] == "Pemerintah Provinsi DKI Jakarta (sintetis, seed 3)"
    assert lines[1].split() == ["pegawai", ":", "120"]
    assert f"unit    : {len(problem.units)} (Layanan Langsung " in result.output
    assert f"cuti/DL/diklat : {len(problem.absences)} baris" in result.output
    assert "periode : 01/03/2026 – 31/03/2026" in result.output
    assert result.output.rstrip().endswith("d).") and f"Ditulis ke {out}" in result.output


def test_generate_command_is_deterministic_per_seed_and_honours_its_options(tmp_path):
    args = ["generate", "--staff", "60", "--seed", "9", "--region", "Bali", "--no-period",
            "--lang", "en"]
    a = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "a.xlsx")])
    b = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "b.xlsx")])
    assert a.exit_code == b.exit_code == 0
    assert "period  : none (no Periode sheet)" in a.output
    pa = read_workbook(tmp_path / "a.xlsx").problem
    pb = read_workbook(tmp_path / "b.xlsx").problem
    assert pa == pb.replace(name=pa.name)
    assert pa.period is None and {u.region for u in pa.units} == {"Bali"}


@pytest.mark.parametrize(("args", "code", "text"), [
    (["--staff", "400", "--units", "2"], 2, "antara 4 dan 100"),   # units of ≤ 100 staff
    (["--staff", "5"], 2, "x>=8"),                                 # too small an agency
    (["--staff", "40", "--start", "2026-03-09"], 2, "--start dan --end"),
])
def test_generate_command_refuses_bad_arguments(tmp_path, args, code, text):
    result = CliRunner().invoke(main, ["generate", *args, "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == code
    assert text in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_generate_command_reports_an_unwritable_path(tmp_path):
    result = CliRunner().invoke(main, ["generate", "--staff", "40", "-o",
                                       str(tmp_path / "no" / "x.xlsx")])
    assert result.exit_code == 1
    assert "tidak dapat dibuka/ditulis" in result.output
