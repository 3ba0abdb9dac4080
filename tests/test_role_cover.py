"""Fair role cover (rules.md, decisions): when role minimums (S3) hold people in the
office, the burden is shared evenly. The fair share accounts for the role limit
(:func:`role_cover_uppers`), so Q1 (days outside the fair band) tells 7/7/7 from 4/9/8,
and the engine proves it; the checker computes the same shares from the roster."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from worlds import office, person, world

from asn_scheduler.checker import check
from asn_scheduler.domain import Code, Period, Roster
from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.engine import Status, solve
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.data import fair_shares, role_cover_uppers
from asn_scheduler.scenario import Policy, Scenario

WFO, WFH = int(Code.WFO), int(Code.WFH)
THREE_WEEKS = Period(date(2026, 4, 6), date(2026, 5, 5))   # 21 working days (1 May off)
NINE_DAYS = Period(date(2026, 4, 6), date(2026, 4, 16))     # 9 working days


def _scenario() -> Scenario:
    caps = {ServiceCategory.ADMINISTRASI: 100}
    return Scenario(id="uji", title=Msg("Uji", "Test"), basis="uji",
                    policy=Policy(wfh_cap_pct=caps, senior_levels_wfo=0))


def test_role_cover_uppers_share_the_room_of_the_role_evenly():
    # three operators, one may be out a day, 21 days: 7 each, however large their uppers
    available = np.ones((3, 21), dtype=bool)
    room = np.ones(21, dtype=np.int64)
    up = role_cover_uppers(np.array([21, 21, 21]), available, [(np.arange(3), room)])
    assert up.tolist() == pytest.approx([7, 7, 7])
    # a holder with a smaller upper of their own leaves the rest to the others
    up = role_cover_uppers(np.array([3, 21, 21]), available, [(np.arange(3), room)])
    assert up.tolist() == pytest.approx([3, 9, 9])
    # room for everyone: nothing changes
    up = role_cover_uppers(np.array([5, 6, 7]), available, [(np.arange(3), 3 * room)])
    assert up.tolist() == [5, 6, 7]
    # the unit's shares then give the role holders their role share, others the rest
    assert fair_shares(30, [21] * 4, [7, 7, 7, 21]).tolist() == pytest.approx([7, 7, 7, 9])


def _unit(role: str, holders: int, minimum: int, others: int, period: Period):
    unit = office("A", role_minimums={role: minimum})
    staff = [person(i, "A", roles=frozenset({role})) for i in range(holders)]
    staff += [person(holders + i, "A") for i in range(others)]
    return world(staff, [unit], period=period), holders


@pytest.mark.parametrize(("role", "holders", "minimum", "period", "split"), [
    ("operator", 3, 2, THREE_WEEKS, [7, 7, 7]),    # one operator out a day, 21 days
    ("bendahara", 2, 1, NINE_DAYS, [4, 5]),         # one treasurer out a day, 9 days
])
def test_role_holders_share_the_office_days_evenly(role, holders, minimum, period, split):
    problem, n = _unit(role, holders, minimum, 3, period)
    r = solve(problem, _scenario(), time_limit=20)
    assert r.status is Status.OPTIMAL and r.report.compliant
    q1 = next(s for s in r.stages if s.goal == "Q1")
    assert q1.proven and q1.objective == 0
    got = sorted((r.roster.codes[:n] == WFH).sum(axis=1).tolist())
    assert got == split
    shares = [p.fair_share for p in r.report.persons[:n]]
    assert sum(shares) == pytest.approx(sum(split))
    assert max(shares) - min(shares) < 1e-9


def test_the_checker_finds_an_uneven_role_split_outside_the_fair_band():
    problem, n = _unit("operator", 3, 2, 3, THREE_WEEKS)
    sc = _scenario()
    r = solve(problem, sc, time_limit=20)
    codes = r.roster.codes.copy()
    work = np.flatnonzero(codes[0] != int(Code.LIBUR))
    # re-deal the 21 operator WFH days as 4 / 9 / 8, one operator out a day (S3 holds)
    codes[:n, work] = WFO
    owner = [0] * 4 + [1] * 9 + [2] * 8
    for d, who in zip(work, owner, strict=True):
        codes[who, d] = WFH
    report = check(problem, sc, Roster(r.roster.nips, r.roster.dates, codes))
    assert report.compliant                       # every hard rule still holds
    dev = [p.deviation for p in report.persons[:n]]
    assert dev == pytest.approx([-3, 2, 1])       # shares 7, 7, 7
    assert [v.rule for v in report.violations if not v.hard and v.nip in
            {e.nip for e in problem.employees[:n]}]  # Q1 findings name the operators
