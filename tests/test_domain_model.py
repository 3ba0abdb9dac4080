"""The domain core: enums, the validated Problem, the Roster."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from worlds import FORTNIGHT, admin_unit, leave, nip, office, person, world

from asn_scheduler.domain import (
    Absence,
    AbsenceKind,
    Building,
    Code,
    PositionLevel,
    ProblemError,
    Roster,
    ServiceCategory,
    Unit,
)
from asn_scheduler.domain.enums import Weekday, normalise


@pytest.mark.parametrize(("text", "expected"), [
    ("Eselon II", PositionLevel.JPT_PRATAMA),       # legacy eselon maps to the new level
    ("jpt-pratama", PositionLevel.JPT_PRATAMA),     # separators alike
    ("  ADMINISTRATOR ", PositionLevel.ADMINISTRATOR),
    ("Supervisor", PositionLevel.PENGAWAS),         # English label
    ("Eselon V", PositionLevel.PELAKSANA),
    ("kepala", None),                                # not a level
])
def test_position_level_parses_labels_aliases_and_legacy_eselon(text, expected):
    assert PositionLevel.parse(text) is expected


def test_service_category_accepts_contract_aliases():
    # workbook.md lists these aliases explicitly
    assert ServiceCategory.parse("front-line") is ServiceCategory.LAYANAN_LANGSUNG
    assert ServiceCategory.parse("admin") is ServiceCategory.ADMINISTRASI
    assert ServiceCategory.parse("Leadership Support") is ServiceCategory.DUKUNGAN_PIMPINAN


def test_normalise_folds_case_space_underscore_and_dash():
    assert normalise(" Kode_Unit ") == normalise("KODE-UNIT") == normalise("kode  unit") == "kode unit"


def test_weekday_int_is_python_weekday():
    assert [int(d) for d in Weekday] == list(range(7))
    assert Weekday.parse("Jumat") is Weekday.JUMAT and Weekday.parse("fri") is Weekday.JUMAT


def test_absence_kinds_map_to_contract_codes():
    assert AbsenceKind.CUTI_SAKIT.code is Code.CUTI
    assert AbsenceKind.DINAS_LUAR.code is Code.DL
    assert AbsenceKind.DIKLAT.code is Code.DIKLAT


@pytest.mark.parametrize(("text", "code"), [
    ("wfo", Code.WFO), (" WFH ", Code.WFH), ("Libur", Code.LIBUR), ("cuti", Code.CUTI),
    ("DL", Code.DL), ("SAKIT", Code.ABSEN), ("", None), (None, None),
])
def test_code_parse_treats_unknown_text_as_absence(text, code):
    # workbook.md: any code other than WFO, WFH and LIBUR is an absence
    assert Code.parse(text) is code


def test_problem_rejects_every_integrity_breach_at_once():
    unit = office("A", building="Gedung X")  # building does not exist
    staff = [person(1, "A"), person(1, "A"), person(2, "B")]  # duplicate NIP, unknown unit
    bad_leave = Absence(nip(99), date(2026, 3, 5), date(2026, 3, 4), AbsenceKind.CUTI_TAHUNAN)
    with pytest.raises(ProblemError) as err:
        world(staff, [unit], [bad_leave])
    text = " | ".join(err.value.problems)
    assert "duplicate NIP" in text
    assert "unknown unit 'B'" in text
    assert "unknown building 'Gedung X'" in text
    assert "unknown NIP" in text and "ends before it starts" in text
    assert len(err.value.problems) == 5


def test_problem_is_immutable_and_replace_validates():
    unit, staff = admin_unit("A", 3)
    p = world(staff, [unit])
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]
    q = p.replace(name="Dinas Contoh")
    assert q.name == "Dinas Contoh" and p.name == ""
    with pytest.raises(ProblemError):
        p.replace(buildings=(Building("G", -1),))


def test_senior_levels_are_the_two_highest_present():
    # a regional office without JPT Madya: JPT Pratama and Administrator are the top two
    unit = office("A")
    staff = [person(1, "A", level=PositionLevel.JPT_PRATAMA),
             person(2, "A", level=PositionLevel.ADMINISTRATOR),
             person(3, "A", level=PositionLevel.PENGAWAS),
             person(4, "A", level=PositionLevel.FUNGSIONAL)]
    assert world(staff, [unit]).senior_levels == {PositionLevel.JPT_PRATAMA,
                                                   PositionLevel.ADMINISTRATOR}


def test_functional_staff_are_never_senior_officials():
    unit, staff = admin_unit("A", 3)  # all Fungsional: no structural level present
    assert world(staff, [unit]).senior_levels == frozenset()


def test_problem_str_prints_a_tree_of_counts():
    u1, s1 = admin_unit("A", 3)
    u2 = Unit("B", "Puskesmas", ServiceCategory.LAYANAN_LANGSUNG)
    s2 = [person(10, "B"), person(11, "B")]
    p = world(s1 + s2, [u1, u2], [leave(s1[0], FORTNIGHT.start)], name="Pemkot Contoh")
    assert str(p).splitlines() == [
        "Pemkot Contoh: 5 pegawai, 2 unit, 1 cuti, 0 gedung",
        "├─ Layanan Langsung: 1 unit, 2 pegawai",
        "└─ Administrasi Pemerintahan: 1 unit, 3 pegawai",
    ]


def test_roster_is_read_only_and_checks_its_shape():
    days = FORTNIGHT.days()[:3]
    r = Roster.empty(["a", "b"], days)
    assert r.count(Code.WFO) == 6
    with pytest.raises(ValueError, match="read-only"):
        r.codes[0, 0] = 1
    with pytest.raises(ValueError, match="shape"):
        Roster(("a",), tuple(days), np.zeros((2, 3), np.int8))
    with pytest.raises(ValueError, match="ascending"):
        Roster(("a",), (days[1], days[0]), np.zeros((1, 2), np.int8))


def test_roster_labels_keep_hand_typed_absence_text():
    days = FORTNIGHT.days()[:2]
    r = Roster(("a",), tuple(days), np.array([[Code.ABSEN, Code.WFH]], np.int8),
               {(0, 0): "SAKIT"})
    assert r.label(0, 0) == "SAKIT" and r.label(0, 1) == "WFH"
    assert r == r.with_codes(r.codes)
