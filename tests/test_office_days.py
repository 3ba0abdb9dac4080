"""Rule K1, compulsory office days (``office_days``: weekdays, days of the month, dates):
the solver keeps every present person in the office, the checker flags a WFH there, and
seats do not bind on such a day (nobody can be sent home)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from worlds import MON, admin_unit, leave, world

from asn_scheduler.checker import check
from asn_scheduler.domain import Building, Code, Roster
from asn_scheduler.engine import Status, solve
from asn_scheduler.engine.context import DECIDE, R, compile_problem, resolve_dates
from asn_scheduler.scenario import load_scenario
from asn_scheduler.scenario.model import Override
from asn_scheduler.scenario.office_days import OfficeDayError, is_office_day, parse_office_days

WFO, WFH = int(Code.WFO), int(Code.WFH)


@pytest.mark.parametrize(("typed", "items"), [
    ("Senin", {"Senin"}),
    ("monday; 17", {"Senin", "17"}),
    ("Jumat, 2026-08-17", {"Jumat", "2026-08-17"}),
    ("17/08/2026", {"2026-08-17"}),          # day first, as the workbook reads dates
    (["Mon", 1], {"Senin", "1"}),
])
def test_k1_office_days_parse_to_canonical_items(typed, items):
    assert parse_office_days(typed) == items


@pytest.mark.parametrize(("typed", "hint"), [("Seninn", "mean Senin"), ("32", "1..31"),
                                             ("2026-02-30", "real date")])
def test_k1_bad_office_days_are_refused(typed, hint):
    with pytest.raises(OfficeDayError, match=hint):
        parse_office_days(typed)


def test_k1_office_day_matches_weekday_day_of_month_and_date():
    items = parse_office_days("Senin; 17; 2026-03-05")
    assert is_office_day(items, date(2026, 3, 2))        # a Monday
    assert is_office_day(items, date(2026, 3, 17))       # the 17th (a Tuesday)
    assert is_office_day(items, date(2026, 3, 5))
    assert not is_office_day(items, date(2026, 3, 4))
    assert not is_office_day(frozenset(), date(2026, 3, 2))


def _scenario(*sets: str):
    return load_scenario("permenpanrb-4-2025", [Override(*s.split("=", 1)) for s in sets])


def test_k1_everyone_present_is_in_the_office_on_monday_and_a_wfh_there_is_flagged():
    # Ten staff, 50% cap, two WFH days a week: without K1 Mondays carry WFH; with
    # office_days=Senin none do, one person on leave keeps their leave code, and the
    # other days still use the allowance.
    unit, staff = admin_unit("A", 10, region="DKI Jakarta")
    p = world(staff, [unit], absences=[leave(staff[3], MON)])
    plain = solve(p, _scenario(), time_limit=10)
    assert (plain.roster.codes[:, 0] == WFH).any()
    sc = _scenario("office_days=Senin")
    r = solve(p, sc, time_limit=10)
    assert r.status is Status.OPTIMAL and r.report.compliant
    mondays = [i for i, d in enumerate(r.roster.dates) if d.weekday() == 0]
    col = r.roster.codes[:, mondays]
    assert not (col == WFH).any()
    assert (col[3, 0] != WFO) and (np.delete(col, 3, axis=0) == WFO).all()
    assert (r.roster.codes == WFH).sum() > 0
    # the engine fixes those cells with reason K1: nothing left to decide on a Monday
    ctx = compile_problem(p, sc, resolve_dates(p, sc))
    assert (ctx.fixed[:, mondays] != DECIDE).all()
    assert (ctx.reason[:, mondays[1]] == R["K1"]).all()
    # a WFH moved to a Monday breaks K1 (and only K1: the week's count stays the same)
    codes = r.roster.codes.copy()
    day = mondays[1] + int(np.flatnonzero(codes[0, mondays[1]:mondays[1] + 5] == WFH)[0])
    codes[0, day], codes[0, mondays[1]] = WFO, WFH
    rep = check(p, sc, Roster(r.roster.nips, r.roster.dates, codes))
    assert rep.rule_counts["K1"] == 1
    assert [v.rule for v in rep.hard_violations] == ["K1"]
    assert "Senin" in rep.hard_violations[0].message.id


def test_k1_seats_do_not_bind_on_a_compulsory_office_day():
    # 10 staff, 6 seats: any day may need 4 at home, but on Monday everyone must come in.
    unit, staff = admin_unit("A", 10, building="Kantor")
    p = world(staff, [unit], buildings=[Building("Kantor", 6)])
    r = solve(p, _scenario("office_days=Senin", "wfh_cap_pct=50"), time_limit=10)
    assert r.status.has_roster and r.report.compliant
    assert r.report.rule_counts["B1"] == 0
    wfo = (r.roster.codes == WFO).sum(axis=0)
    days = r.roster.dates
    assert wfo[0] == 10 and all(wfo[i] <= 6 for i, d in enumerate(days)
                                if d.weekday() in (1, 2, 3, 4))


def test_k1_seventeenth_of_the_month_and_baseline_prefix_reach_the_baseline_days():
    # se-2-2026 sits on PermenPANRB: baseline.office_days sets the days outside the window
    sc = load_scenario("se-2-2026", [Override("baseline.office_days", "17; Senin")])
    assert sc.baseline.policy.office_days == {"17", "Senin"}
    assert sc.policy.office_days == {"17", "Senin"}   # the window follows what it does not set
    own = load_scenario("se-2-2026", [Override("office_days", "Jumat")])
    assert own.policy.office_days == {"Jumat"} and not own.baseline.policy.office_days
    assert MON + timedelta(days=15) == date(2026, 3, 17)
