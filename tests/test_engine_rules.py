"""One tiny world per hard rule: the solver obeys the rule where it binds, and the checker
flags a violation planted into the solver's roster. Each test says why its answer is right.

Test names carry the rule ID (``test_s2_…``): tests/test_rules_registry.py looks for them.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from worlds import FORTNIGHT, MON, admin_unit, leave, office, person, world

from asn_scheduler.checker import check
from asn_scheduler.domain import (
    AbsenceKind,
    Building,
    CalendarOverride,
    Code,
    Discipline,
    PositionLevel,
    Roster,
    ServiceCategory,
)
from asn_scheduler.domain.enums import OverrideKind
from asn_scheduler.engine import Status, solve
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario import Policy, Scenario, WfoMax, Window
from asn_scheduler.scenario.model import GOAL_IDS

ADMIN = ServiceCategory.ADMINISTRASI
LEAD = ServiceCategory.DUKUNGAN_PIMPINAN
DIRECT = ServiceCategory.LAYANAN_LANGSUNG
WFO, WFH, LIBUR = int(Code.WFO), int(Code.WFH), int(Code.LIBUR)
DAYS = FORTNIGHT.days()
WORKDAYS = [d for d in DAYS if d.weekday() < 5]


def scenario(cap: float = 50, goals: tuple[str, ...] = GOAL_IDS, max_run: int = 2,
             window: Window | None = None, **policy: object) -> Scenario:
    """A test scenario: ``cap`` % WFH for administration and leadership support."""
    policy.setdefault("wfh_cap_pct", {ADMIN: cap, LEAD: cap})
    return Scenario(id="uji", title=Msg("Uji", "Test"), basis="uji", policy=Policy(**policy),
                    goals=goals, max_consecutive_wfh=max_run, window=window)


def solved(problem, scen, **kw):
    r = solve(problem, scen, time_limit=10, **kw)
    assert r.status is Status.OPTIMAL, r.summary("en")
    assert r.report.compliant
    return r


def wfh_per_day(r) -> np.ndarray:
    return (r.roster.codes == WFH).sum(axis=0)


def planted(r, problem, scen, row: int, day: date, code: int):
    """The checker's report on the solver's roster with one cell changed."""
    codes = r.roster.codes.copy()
    codes[row, r.roster.dates.index(day)] = code
    return check(problem, scen, Roster(r.roster.nips, r.roster.dates, codes))


def test_c1_only_working_days_are_rostered():
    # The unit works Monday to Thursday; Wednesday 4 March is a Libur override. Every other
    # date (Fridays, weekends, that Wednesday) must be LIBUR and nothing else may be.
    unit, staff = admin_unit("A", 4, operating_days=frozenset(range(4)))
    off = CalendarOverride(MON + timedelta(days=2), OverrideKind.LIBUR, "rapat")
    p = world(staff, [unit], overrides=(off,))
    r = solved(p, scenario())
    libur = [d.weekday() >= 4 or d == off.date for d in DAYS]
    assert ((r.roster.codes == LIBUR) == np.array(libur)).all()
    rep = planted(r, p, scenario(), 0, MON + timedelta(days=4), WFO)
    assert rep.rule_counts["C1"] == 1


def test_c2_absent_days_carry_the_absence_code_and_leave_the_denominator():
    # Sick leave Mon–Tue, official travel Wed. Those days the person is neither WFO nor
    # WFH, and the unit has 3 active staff: a 50% cap allows floor(1.5) = 1 WFH, not 2.
    unit, staff = admin_unit("A", 4)
    absences = [leave(staff[0], MON, MON + timedelta(days=1), AbsenceKind.CUTI_SAKIT),
                leave(staff[0], MON + timedelta(days=2), kind=AbsenceKind.DINAS_LUAR)]
    p = world(staff, [unit], absences)
    r = solved(p, scenario())
    assert list(r.roster.codes[0, :3]) == [int(Code.CUTI), int(Code.CUTI), int(Code.DL)]
    assert list(wfh_per_day(r)[:3]) == [1, 1, 1]
    assert wfh_per_day(r)[3] == 2
    assert planted(r, p, scenario(), 0, MON, WFH).rule_counts["C2"] == 1


def test_s1_direct_service_units_are_all_in_the_office():
    # Even with a 100% cap listed for direct services, S1 keeps the unit at 100% WFO.
    unit = office("IGD", DIRECT)
    staff = [person(i, "IGD") for i in range(4)]
    p = world(staff, [unit])
    scen = scenario(wfh_cap_pct={ADMIN: 100, DIRECT: 100})
    r = solved(p, scen)
    assert r.roster.count(Code.WFH) == 0
    assert planted(r, p, scen, 1, MON, WFH).rule_counts["S1"] == 1


def test_s2_fill_uses_the_rounded_down_cap_exactly():
    # 5 staff under a 50% cap: floor(2.5) = 2 WFH a day, and fill uses all of it.
    unit, staff = admin_unit("A", 5)
    p = world(staff, [unit])
    r = solved(p, scenario())
    work = np.array([d.weekday() < 5 for d in DAYS])
    assert (wfh_per_day(r)[work] == 2).all()
    assert r.stages[0].goal == "Q0" and r.stages[0].objective == 2 * len(WORKDAYS)
    wfo_row = int(np.flatnonzero(r.roster.codes[:, 0] == WFO)[0])
    assert planted(r, p, scenario(), wfo_row, MON, WFH).rule_counts["S2"] == 1


def test_s3_role_minimum_keeps_holders_in_the_office():
    # 4 holders of "loket", at least 3 in the office, cap 100%: at most 4 - 3 = 1 WFH.
    unit = office("A", role_minimums={"loket": 3})
    staff = [person(i, "A", roles=frozenset({"loket"})) for i in range(4)]
    p = world(staff, [unit])
    r = solved(p, scenario(cap=100))
    work = np.array([d.weekday() < 5 for d in DAYS])
    assert (wfh_per_day(r)[work] == 1).all()
    wfo_row = int(np.flatnonzero(r.roster.codes[:, 0] == WFO)[0])
    assert planted(r, p, scenario(cap=100), wfo_row, MON, WFH).rule_counts["S3"] == 1


def test_s3_minimum_above_the_holders_present_is_a_shortfall_not_infeasible():
    # Minimum 5 but only 2 holders: both stay in the office (role_need = 2), the roster
    # exists, and the checker reports the shortfall; the other 2 staff may be WFH.
    unit = office("A", role_minimums={"loket": 5})
    staff = [person(i, "A", roles=frozenset({"loket"}) if i < 2 else frozenset())
             for i in range(4)]
    p = world(staff, [unit])
    r = solved(p, scenario(cap=100))
    assert (r.roster.codes[:2][:, [d.weekday() < 5 for d in DAYS]] == WFO).all()
    assert r.roster.count(Code.WFH) == 2 * len(WORKDAYS)
    assert r.report.shortfalls


def test_l1_the_two_highest_levels_present_stay_in_the_office():
    # Present structural levels: JPT Pratama and Administrator (no JPT Madya): both are the
    # senior levels, so the head and the administrator are WFO; the rest fill a 100% cap.
    unit = office("A")
    staff = [person(0, "A", level=PositionLevel.JPT_PRATAMA),
             person(1, "A", level=PositionLevel.ADMINISTRATOR),
             person(2, "A", level=PositionLevel.PENGAWAS),
             *[person(i, "A") for i in range(3, 6)]]
    p = world(staff, [unit])
    r = solved(p, scenario(cap=100))
    work = [d.weekday() < 5 for d in DAYS]
    assert (r.roster.codes[:2][:, work] == WFO).all()
    assert (r.roster.codes[2:][:, work] == WFH).all()
    assert planted(r, p, scenario(cap=100), 1, MON, WFH).rule_counts["L1"] == 1


def test_f1_at_most_the_weekly_flexible_days_except_field_duty():
    # Cap 100%, F1 = 2 days a week: each eligible person gets exactly 2 per ISO week under
    # fill. Field duty *permits* more (Ps 13) but sends nobody home: the field-duty
    # colleague is planned the same 2 (rules.md, field duty), and a third WFH day planted
    # for them is accepted by the checker, while one for a colleague breaks F1.
    unit = office("A")
    staff = [person(0, "A", field_duty=True), *[person(i, "A") for i in range(1, 4)]]
    p = world(staff, [unit])
    scen = scenario(cap=100, max_flex_days_per_week=2)
    r = solved(p, scen)
    for week in (slice(0, 7), slice(7, 12)):
        per_person = (r.roster.codes[:, week] == WFH).sum(axis=1)
        assert list(per_person[1:]) == [2, 2, 2]
        assert per_person[0] == 2
    free = next(d for d in WORKDAYS[:5] if r.roster.code(staff[1].nip, d) == Code.WFO)
    assert planted(r, p, scen, 1, free, WFH).rule_counts["F1"] == 1
    own = next(d for d in WORKDAYS[:5] if r.roster.code(staff[0].nip, d) == Code.WFO)
    assert planted(r, p, scen, 0, own, WFH).compliant


@pytest.mark.parametrize(("rule", "kw"), [
    ("F2", {"discipline": Discipline.DALAM_PROSES}),
    ("F3", {"position_start": MON - timedelta(days=100)}),
    ("F4", {"flex_eligible": False}),
])
def test_f2_f3_f4_ineligible_staff_stay_in_the_office(rule, kw):
    # Person 0 is ineligible (discipline / new in position / not flexible): always WFO,
    # while the other three share the 50% cap of 4 active (2 a day).
    unit = office("A")
    staff = [person(0, "A", **kw), *[person(i, "A") for i in range(1, 4)]]
    p = world(staff, [unit])
    r = solved(p, scenario())
    assert r.roster.count(Code.WFH) == 2 * len(WORKDAYS)
    assert not (r.roster.codes[0] == WFH).any()
    assert planted(r, p, scenario(), 0, MON, WFH).rule_counts[rule] == 1


def test_f3_becomes_eligible_on_the_day_the_year_in_position_ends():
    # 360 days in position on Monday 2 March: new until Saturday 7 March (365 days), so
    # WFO the first week and eligible the second (where the 50% cap of 2 gives 1 WFH).
    unit = office("A")
    staff = [person(0, "A", position_start=MON - timedelta(days=360)), person(1, "A")]
    p = world(staff, [unit])
    r = solved(p, scenario())
    assert not (r.roster.codes[0, :5] == WFH).any()
    assert (r.roster.codes[:, 7:12] == WFH).sum() == 5
    assert (r.roster.codes[0, 7:12] == WFH).any()


def test_b1_building_seats_bind_across_units():
    # Two units (4 + 6 staff) share 6 seats; cap 100%, goal none: WFH only where forced,
    # so exactly 10 - 6 = 4 WFH a day, spread over both units as the rules allow.
    ua, sa = admin_unit("A", 4, building="G")
    ub, sb = admin_unit("B", 6, start=10, building="G")
    p = world(sa + sb, [ua, ub], buildings=[Building("G", 6)])
    scen = scenario(cap=100, wfh_goal="none")
    r = solved(p, scen)
    work = np.array([d.weekday() < 5 for d in DAYS])
    assert (wfh_per_day(r)[work] == 4).all()
    assert len(r.parts) == 1  # the seats couple the two units
    wfh_row = int(np.flatnonzero(r.roster.codes[:, 0] == WFH)[0])
    assert planted(r, p, scen, wfh_row, MON, WFO).rule_counts["B1"] == 1


def test_p1_wfo_ceiling_forces_the_least_wfh():
    # Risk zone "sedang": at most 50% of 6 in the office (3); goal none asks for no more
    # WFH than that forces, so exactly 3 WFH a day.
    unit, staff = admin_unit("A", 6)
    p = world(staff, [unit])
    zone = WfoMax("zone", zone_pct={"sedang": 50.0}, default_zone="sedang")
    scen = scenario(cap=100, wfh_goal="none", wfo_max=zone)
    r = solved(p, scen)
    work = np.array([d.weekday() < 5 for d in DAYS])
    assert (wfh_per_day(r)[work] == 3).all()
    wfh_row = int(np.flatnonzero(r.roster.codes[:, 0] == WFH)[0])
    assert planted(r, p, scen, wfh_row, MON, WFO).rule_counts["P1"] == 1


def test_e1_the_scenario_applies_only_inside_its_window():
    # The window is the first week; outside it the office baseline applies (no WFH).
    unit, staff = admin_unit("A", 4)
    p = world(staff, [unit])
    scen = scenario(window=Window(((MON, MON + timedelta(days=4)),)))
    r = solved(p, scen)
    assert (wfh_per_day(r)[:5] == 2).all()
    assert not (r.roster.codes[:, 7:] == WFH).any()
    assert planted(r, p, scen, 0, MON + timedelta(days=7), WFH).rule_counts["E1"] == 1


def test_e1_region_scope_keeps_units_elsewhere_in_the_office():
    # A DKI Jakarta scenario: the unit in Jawa Barat works as usual (no WFH).
    ua, sa = admin_unit("A", 4, region="DKI Jakarta")
    ub, sb = admin_unit("B", 4, start=10, region="Jawa Barat")
    p = world(sa + sb, [ua, ub])
    scen = scenario(window=Window(((MON, None),), frozenset({"dki jakarta"})))
    r = solved(p, scen)
    assert (r.roster.codes[:4] == WFH).sum() == 2 * len(WORKDAYS)
    assert not (r.roster.codes[4:] == WFH).any()
