"""What the rules mean as data: rounding, blocking order, fair shares."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from worlds import office, person, world

from asn_scheduler.domain import Discipline, PositionLevel, Sector, ServiceCategory
from asn_scheduler.rules.data import (
    fair_shares,
    is_new_employee,
    pct_of,
    role_need,
    senior_levels,
    wfh_block,
    wfh_cap,
    wfo_ceiling,
)
from asn_scheduler.scenario import load_scenario

PERMEN = load_scenario("permenpanrb-4-2025").policy
DAY = date(2026, 3, 2)


@pytest.mark.parametrize(("pct", "n", "expected"), [
    (50, 1, 0),    # rules.md: a one-person unit under a 50% cap gets no WFH
    (50, 5, 2),    # floor(2.5)
    (50, 10, 5),
    (25, 7, 1),
    (33.33, 3, 0),  # 0.9999 people: floor, exactly
    (100, 4, 4),
])
def test_percentages_round_down(pct, n, expected):
    assert pct_of(pct, n) == expected


def test_wfh_cap_and_p1_ceiling_use_active_staff():
    assert wfh_cap(office("A"), PERMEN, active=7) == 3
    ppkm = load_scenario("se-6-2022").with_params(ppkm_level=4).policy
    # non-essential, worded "WFO sebanyak 25%": 2.5 people round to the nearest, halves up
    assert wfo_ceiling(office("A", region="DKI Jakarta"), ppkm, active=10) == 3
    # essential, worded "maksimal 50%" at level 4: rounds down, 50% of 9 is 4
    assert wfo_ceiling(office("A", region="DKI Jakarta", sector=Sector.ESENSIAL), ppkm,
                       active=9) == 4
    assert wfo_ceiling(office("A"), PERMEN, active=10) is None


def test_role_need_is_capped_by_holders_present():
    u = office("A", role_minimums={"loket": 2})
    assert role_need(u, "loket", 5) == 2
    assert role_need(u, "loket", 1) == 1   # shortfall reported, not infeasible
    assert role_need(u, "kasir", 3) == 0


def test_wfh_block_names_the_rule_in_order():
    admin, front = office("A"), office("B", category=ServiceCategory.LAYANAN_LANGSUNG)
    head = person(1, "A", level=PositionLevel.JPT_PRATAMA)
    staff = person(2, "A")
    p = world([head, staff, person(3, "B")], [admin, front])
    seniors = senior_levels(p, 2)
    assert wfh_block(person(3, "B"), front, DAY, PERMEN, seniors) == "S1"
    assert wfh_block(head, admin, DAY, PERMEN, seniors) == "L1"
    assert wfh_block(person(4, "A", flex_eligible=False), admin, DAY, PERMEN, seniors) == "F4"
    assert wfh_block(person(5, "A", discipline=Discipline.DALAM_PROSES), admin, DAY, PERMEN,
                     seniors) == "F2"
    assert wfh_block(person(6, "A", position_start=date(2025, 6, 1)), admin, DAY, PERMEN,
                     seniors) == "F3"
    assert wfh_block(staff, admin, DAY, PERMEN, seniors) is None
    # F3 is not in se-17-2023's eligibility: a new employee may WFH there
    se17 = load_scenario("se-17-2023").policy
    assert wfh_block(person(6, "A", position_start=date(2023, 6, 1)), admin, date(2023, 8, 28),
                     se17, seniors) is None


def test_new_employee_boundary_is_exclusive():
    e = person(1, "A", position_start=date(2025, 3, 2))
    assert is_new_employee(e, date(2026, 3, 1), 365)       # 364 days in position
    assert not is_new_employee(e, date(2026, 3, 2), 365)   # 365 days: no longer new


def test_fair_shares_follow_availability_and_respect_uppers():
    # 10 days to share; A can take at most 2 -> the others split the rest equally
    np.testing.assert_allclose(fair_shares(10, [10, 10, 10], [2, 10, 10]), [2, 4, 4])
    # someone available half as long gets half the share
    np.testing.assert_allclose(fair_shares(9, [10, 10, 5], [10, 10, 10]), [3.6, 3.6, 1.8])
    np.testing.assert_allclose(fair_shares(0, [5, 5], [5, 5]), [0, 0])


@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=1, max_size=12),
    st.integers(0, 200),
)
def test_fair_shares_sum_to_the_total_within_the_uppers(rows, total):
    avail = [a for a, _ in rows]
    upper = [min(u, a) for a, u in rows]
    share = fair_shares(total, avail, upper)
    assert np.all(share <= np.asarray(upper) + 1e-9) and np.all(share >= -1e-9)
    assert share.sum() == pytest.approx(min(total, sum(upper)), abs=1e-6)
