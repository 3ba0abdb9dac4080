"""Rosters that chain from the published one (issue 17): the shared ISO week obeys the
weekly cap, WFH runs continue across the boundary, fairness carries over months."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from asn_scheduler.checker import check
from asn_scheduler.checker.seam import audit_seam
from asn_scheduler.domain import Period
from asn_scheduler.domain.enums import Code
from asn_scheduler.engine import solve
from asn_scheduler.engine.chain import ChainedResult, PreviousRoster
from asn_scheduler.scenario.loader import load_scenario
from tests.worlds import admin_unit, world

PERMEN = load_scenario("permenpanrb-4-2025")
# Three four-week periods whose seams fall on a Tuesday evening, in weeks without a
# holiday: ISO weeks 2026-W24 (8–14 Jun) and W28 (6–12 Jul) are shared.
MARCH = (date(2026, 5, 11), date(2026, 6, 9))
APRIL = (date(2026, 6, 10), date(2026, 7, 7))
MAY = (date(2026, 7, 8), date(2026, 8, 4))


def _agency(n: int = 7, cap: float | None = 30):
    unit, staff = admin_unit("A", n, max_wfh_pct=cap)
    return world(staff, [unit], period=Period(*MARCH))


def _solve(problem, span, previous=()):
    return solve(problem, PERMEN, start=span[0], end=span[1], time_limit=20, workers=1,
                 previous=previous)


def _prev(*results) -> list[PreviousRoster]:
    return [PreviousRoster(r.roster, np.ones(len(r.roster.nips), dtype=bool)) for r in results]


def _weekly_wfh(problem, rosters, monday: date) -> np.ndarray:
    days = {monday + timedelta(days=k) for k in range(7)}
    out = np.zeros(len(problem.employees), dtype=int)
    for r in rosters:
        cols = [j for j, d in enumerate(r.dates) if d in days]
        out += (r.codes[:, cols] == int(Code.WFH)).sum(axis=1)
    return out


def test_the_shared_week_obeys_the_weekly_cap_only_when_chained():
    problem = _agency(4, cap=None)  # 50% cap: two a day, so fill wants every allowed day
    march = _solve(problem, MARCH)
    alone = _solve(problem, APRIL)
    chained = _solve(problem, APRIL, _prev(march))
    assert isinstance(chained, ChainedResult) and chained.carried is not None
    assert chained.roster.dates[0] == APRIL[0] and chained.roster.dates[-1] == APRIL[1]
    monday = date(2026, 6, 8)
    assert _weekly_wfh(problem, [march.roster, chained.roster], monday).max() <= 2
    # the independent audit agrees, and it can fail: the unchained April breaks the week
    assert audit_seam(problem, PERMEN, march.roster, chained.roster, chained.report, 92).compliant
    broken = audit_seam(problem, PERMEN, march.roster, alone.roster, alone.report, 92)
    assert _weekly_wfh(problem, [march.roster, alone.roster], monday).max() > 2
    assert not broken.compliant and {v.rule for v in broken.violations} == {"F1"}


def test_fairness_carries_over_three_chained_months():
    problem = _agency(7, cap=30)  # two a day among seven: shares do not divide evenly
    months, prev = [], []
    for span in (MARCH, APRIL, MAY):
        res = _solve(problem, span, prev)
        assert res.status.has_roster
        months.append(res.roster)
        prev = _prev(*[type("R", (), {"roster": m}) for m in months])
    totals = sum((m.codes == int(Code.WFH)).sum(axis=1) for m in months)
    assert totals.max() - totals.min() <= 1, totals
    carried = res.carried
    assert carried is not None and carried.dates == tuple(
        MARCH[0] + timedelta(days=k) for k in range((APRIL[1] - MARCH[0]).days + 1))
    assert np.isfinite(carried.brought_forward).all()
    assert np.abs(carried.carried_on).max() <= 1.0


def test_a_gap_before_the_period_is_named_and_nothing_is_carried():
    problem = _agency(4, cap=None)
    march = _solve(problem, (MARCH[0], MARCH[1] - timedelta(days=3)))
    res = _solve(problem, APRIL, _prev(march))
    assert res.carried is None
    assert any("not the day before the period" in w.en for w in res.warnings)


def test_staff_new_since_the_previous_roster_carry_nothing():
    problem = _agency(4, cap=None)
    march = _solve(problem, MARCH)
    present = np.array([True, True, True, False])
    res = _solve(problem, APRIL, [PreviousRoster(march.roster, present, left=2)])
    assert res.carried is not None and np.isnan(res.carried.brought_forward[3])
    texts = " ".join(w.en for w in res.warnings)
    assert "1 staff are not in the previous roster" in texts and "2 NIPs" in texts
    assert check(problem, PERMEN, res.roster, dates=res.roster.dates).compliant


@pytest.mark.parametrize("span", [APRIL])
def test_chained_rosters_are_deterministic(span):
    problem = _agency(7, cap=30)
    march = _solve(problem, MARCH)
    a, b = _solve(problem, span, _prev(march)), _solve(problem, span, _prev(march))
    assert np.array_equal(a.roster.codes, b.roster.codes)
