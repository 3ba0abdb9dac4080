"""Holiday duty (rule C1's exception, regulations §8.1, §9.1): units open on holidays work
national holidays and cuti bersama; ``Libur``/``Masuk`` overrides may name one unit. The
engine and the checker derive working days from the same calendar rules independently."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from workbooks import valid_sheets, write_workbook
from worlds import office, person, world

from asn_scheduler.checker import check
from asn_scheduler.domain import CalendarOverride, Code, Period, Problem, ProblemError, Roster
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.enums import OverrideKind, ServiceCategory
from asn_scheduler.domain.problems import InputError
from asn_scheduler.engine import solve
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.scenario import load_scenario

DIRECT = ServiceCategory.LAYANAN_LANGSUNG
EVERY_DAY = frozenset(range(7))
# 2026: Nyepi cuti bersama 18 Mar, Nyepi 19 Mar, Idulfitri cuti bersama 20, 23, 24 Mar,
# Idulfitri 21-22 Mar (a weekend). SKB 2026, regulations §8.3.
LEBARAN = [date(2026, 3, d) for d in (18, 19, 20, 21, 22, 23, 24)]
MARCH = Period(date(2026, 3, 16), date(2026, 3, 27))


def hospital(**kw: object):
    return office("RSUD", DIRECT, operating_days=EVERY_DAY, **kw)


def test_a_seven_day_unit_is_open_on_holidays_by_default_and_an_office_is_not():
    assert hospital().works_holidays
    assert not office("SETDA").works_holidays
    # Saturday alone is not "never closes": a Monday–Saturday counter still closes on holidays
    assert not office("LOKET", DIRECT, operating_days=frozenset(range(6))).works_holidays
    assert not hospital(open_on_holidays=False).works_holidays
    assert office("SETDA", open_on_holidays=True).works_holidays


def test_hospital_works_nyepi_idulfitri_and_cuti_bersama_while_the_secretariat_is_off():
    cal = Calendar(MARCH.days())
    rsud, setda = hospital(), office("SETDA")
    for day in LEBARAN:
        assert cal.is_working_day(rsud, day), day
        assert not cal.is_working_day(setda, day), day
    assert cal.is_holiday(date(2026, 3, 19))  # still the agency's holiday, for calendars


def test_an_override_naming_one_unit_changes_only_that_unit():
    nyepi, extra = date(2026, 3, 19), date(2026, 3, 25)
    cal = Calendar(MARCH.days(), [
        CalendarOverride(nyepi, OverrideKind.MASUK, "piket", unit_code="DUKCAPIL"),
        CalendarOverride(nyepi, OverrideKind.LIBUR, "tutup", unit_code="RSUD"),
        CalendarOverride(extra, OverrideKind.LIBUR, "HUT Kota"),
    ])
    rsud, setda, dukcapil = hospital(), office("SETDA"), office("DUKCAPIL", DIRECT)
    assert cal.is_working_day(dukcapil, nyepi) and not cal.is_working_day(setda, nyepi)
    assert not cal.is_working_day(rsud, nyepi)            # the unit's own Libur wins
    assert not cal.is_working_day(setda, extra)            # agency-wide extra day off
    assert cal.is_working_day(rsud, extra)                 # a hospital open on holidays works it
    assert cal.working_matrix([rsud, setda, dukcapil]).shape == (3, len(MARCH.days()))


def test_an_override_naming_an_unknown_unit_is_refused():
    with pytest.raises(ProblemError, match="unknown unit"):
        world([person(1, "A")], [office("A")], overrides=(
            CalendarOverride(date(2026, 3, 19), OverrideKind.MASUK, unit_code="B"),))


def _lebaran_agency() -> Problem:
    staff = [person(i, "RSUD") for i in range(1, 5)] + [person(i, "SETDA") for i in range(5, 11)]
    return world(staff, [hospital(), office("SETDA")], period=MARCH)


def test_solve_and_check_agree_the_hospital_works_through_lebaran_2026():
    problem = _lebaran_agency()
    sc = load_scenario("permenpanrb-4-2025")
    r = solve(problem, sc, time_limit=10)
    assert r.report.compliant, r.summary("en")
    cols = [r.roster.dates.index(d) for d in LEBARAN]
    codes = r.roster.codes
    rsud = np.array([e.unit_code == "RSUD" for e in problem.employees])
    assert (codes[np.ix_(rsud, cols)] == int(Code.WFO)).all()     # direct service: WFO
    assert (codes[np.ix_(~rsud, cols)] == int(Code.LIBUR)).all()
    # the checker holds the same calendar: LIBUR for the hospital on Nyepi is a C1 breach
    bad = codes.copy()
    bad[np.flatnonzero(rsud)[0], cols[1]] = int(Code.LIBUR)
    report = check(problem, sc, Roster(r.roster.nips, r.roster.dates, bad))
    assert [v.rule for v in report.hard_violations] == ["C1"]
    assert report.hard_violations[0].day == LEBARAN[1]


def test_a_hospital_told_to_close_on_holidays_is_off_in_engine_and_checker():
    base = _lebaran_agency()
    units = (hospital(open_on_holidays=False), base.units[1])
    problem = base.replace(units=units)
    sc = load_scenario("permenpanrb-4-2025")
    r = solve(problem, sc, time_limit=10)
    assert r.report.compliant
    col = r.roster.dates.index(date(2026, 3, 19))
    assert (r.roster.codes[:, col] == int(Code.LIBUR)).all()


def test_the_reader_takes_buka_hari_libur_and_a_unit_code_on_libur(tmp_path):
    sheets = valid_sheets()
    sheets["Unit"][0] = [*sheets["Unit"][0], "open_on_holidays"]   # the English alias
    sheets["Unit"][1].append("")          # SETDA: blank = the default (Mon–Fri: closed)
    sheets["Unit"][2].append("ya")        # DUKCAPIL works holidays
    sheets["Libur"] = [["Tanggal", "Jenis", "Kode Unit", "Keterangan"],
                       ["09/03/2026", "Libur", "", "HUT Kota"],
                       ["19/03/2026", "Masuk", "dukcapil ", "piket Nyepi"],
                       ["19/03/2026", "Libur", "SETDA", "tetap libur"]]
    problem = read_workbook(write_workbook(tmp_path / "in.xlsx", sheets)).problem
    units = problem.unit_by_code
    assert units["SETDA"].open_on_holidays is None and not units["SETDA"].works_holidays
    assert units["DUKCAPIL"].open_on_holidays is True
    assert [(o.date.day, o.kind, o.unit_code) for o in problem.overrides] == [
        (9, OverrideKind.LIBUR, None), (19, OverrideKind.MASUK, "DUKCAPIL"),
        (19, OverrideKind.LIBUR, "SETDA")]


def test_a_libur_row_naming_an_unknown_unit_is_reported_where_it_is(tmp_path):
    sheets = valid_sheets()
    sheets["Libur"] = [["Tanggal", "Jenis", "Kode Unit"], ["19/03/2026", "Masuk", "RSUD"]]
    with pytest.raises(InputError) as err:
        read_workbook(write_workbook(tmp_path / "in.xlsx", sheets))
    (p,) = [p for p in err.value.problems if p.severity == "error"]
    assert (p.sheet, p.row, p.column, p.value) == ("Libur", 2, "Kode Unit", "RSUD")
    assert "kosongkan" in p.fix.id


def test_a_units_own_libur_is_named_in_the_c1_message():
    nyepi = date(2026, 3, 19)
    base = _lebaran_agency()
    problem = base.replace(overrides=(
        CalendarOverride(nyepi, OverrideKind.LIBUR, "RS tutup sehari", unit_code="RSUD"),))
    sc = load_scenario("permenpanrb-4-2025")
    r = solve(problem, sc, time_limit=10)
    col = r.roster.dates.index(nyepi)
    rsud = [i for i, e in enumerate(problem.employees) if e.unit_code == "RSUD"]
    assert (r.roster.codes[rsud, col] == int(Code.LIBUR)).all()
    assert (r.roster.codes[rsud, col + 1] == int(Code.WFO)).all()   # 20 Mar: open again
    codes = r.roster.codes.copy()
    codes[rsud[0], col] = int(Code.WFO)
    (v,) = check(problem, sc, Roster(r.roster.nips, r.roster.dates, codes)).hard_violations
    assert v.rule == "C1" and "RS tutup sehari" in v.message.id
