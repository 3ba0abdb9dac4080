"""The checker on a synthetic agency of a few thousand staff over a month: a roster
compliant by construction passes, and planted breaches are counted exactly."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from asn_scheduler.checker import check
from asn_scheduler.domain import (
    Absence,
    AbsenceKind,
    Code,
    Employee,
    Period,
    PositionLevel,
    Problem,
    Roster,
    ServiceCategory,
    Unit,
)
from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.scenario import load_scenario

APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))   # Good Friday 3 April is a holiday


def _agency(n_staff: int, seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    units, staff, absences = [], [], []
    while len(staff) < n_staff:
        code = f"U{len(units):04d}"
        direct = rng.random() < 0.3
        units.append(Unit(code, code, ServiceCategory.LAYANAN_LANGSUNG if direct
                          else ServiceCategory.ADMINISTRASI))
        for k in range(int(rng.integers(5, 40))):
            i = len(staff)
            level = (PositionLevel.JPT_MADYA if i == 0 else PositionLevel.ADMINISTRATOR if k == 0
                     else PositionLevel.FUNGSIONAL)
            staff.append(Employee(f"{i:018d}", f"Pegawai {i}", code, level))
            if rng.random() < 0.1:
                start = APRIL.start + timedelta(days=int(rng.integers(0, 28)))
                absences.append(Absence(f"{i:018d}", start, start + timedelta(days=2),
                                        AbsenceKind.CUTI_SAKIT))
    return Problem(tuple(staff), tuple(units), tuple(absences), period=APRIL)


def _office_roster(p: Problem) -> Roster:
    """Everyone WFO on working days, LIBUR otherwise, CUTI on recorded leave."""
    days = APRIL.days()
    cal = Calendar(days, p.overrides)
    work = np.array([[cal.is_working_day(p.unit_by_code[e.unit_code], d) for d in days]
                     for e in p.employees])
    codes = np.where(work, int(Code.WFO), int(Code.LIBUR)).astype(np.int8)
    ords = np.array([d.toordinal() for d in days])
    for a in p.absences:
        on = (ords >= a.start.toordinal()) & (ords <= a.end.toordinal()) & work[p.employee_index[a.nip]]
        codes[p.employee_index[a.nip], on] = int(Code.CUTI)
    return Roster([e.nip for e in p.employees], days, codes)


@pytest.fixture(scope="module")
def agency():
    p = _agency(3000, seed=7)
    return p, _office_roster(p)


def test_office_roster_of_a_large_agency_is_compliant_and_deterministic(agency):
    p, r = agency
    scenario = load_scenario("permenpanrb-4-2025")
    a, b = check(p, scenario, r), check(p, scenario, r)
    assert a.compliant and a.roster_problems == ()
    assert len(a.persons) == len(p.employees)
    assert len(a.unit_days) == len(p.units) * 30
    assert a.violations == b.violations and a.quality == b.quality and a.persons == b.persons


def test_planted_breaches_in_a_large_agency_are_counted_exactly(agency):
    p, r = agency
    codes = r.codes.copy()
    rng = np.random.default_rng(3)
    heads = [i for i, e in enumerate(p.employees)
             if e.position_type is PositionLevel.ADMINISTRATOR]
    saturday = APRIL.days().index(date(2026, 4, 4))
    planted_l1 = 0
    for i in rng.choice(heads, size=25, replace=False):
        # a senior official WFH on one working day where they are in the office: only L1
        # (one WFH in a unit of ≥ 5 is within 50%, one day is within F1), or S1 as well
        # when the unit is a direct service
        d = int(rng.choice(np.flatnonzero(codes[i] == int(Code.WFO))))
        codes[i, d] = int(Code.WFH)
        planted_l1 += 1
    for i in rng.choice(len(p.employees), size=10, replace=False):
        codes[i, saturday] = int(Code.WFO)          # C1: Saturday is not a working day
    report = check(p, load_scenario("permenpanrb-4-2025"), r.with_codes(codes))
    direct = sum(p.unit_by_code[p.employees[i].unit_code].category
                 is ServiceCategory.LAYANAN_LANGSUNG
                 for i in np.flatnonzero((codes == int(Code.WFH)).any(axis=1)))
    assert report.rule_counts["L1"] == planted_l1
    assert report.rule_counts["C1"] == 10
    assert report.rule_counts["S1"] == direct
    assert sum(report.rule_counts.values()) == planted_l1 + 10 + direct
