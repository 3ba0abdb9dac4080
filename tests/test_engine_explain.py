"""Infeasible inputs give status INFEASIBLE, no roster, and conflicts naming the right
rules, units or buildings and days, in Bahasa Indonesia and English; never a traceback."""

from __future__ import annotations

from test_engine_rules import DIRECT, WORKDAYS, scenario
from worlds import admin_unit, office, person, world

from asn_scheduler.domain import Building, PositionLevel
from asn_scheduler.engine import Status, solve
from asn_scheduler.scenario import WfoMax


def infeasible(problem, scen):
    r = solve(problem, scen, time_limit=10)
    assert r.status is Status.INFEASIBLE
    assert r.roster is None and r.report is None
    assert r.conflicts
    return r


def zone(pct: float) -> WfoMax:
    return WfoMax("zone", zone_pct={"z": pct}, default_zone="z")


def test_b1_building_smaller_than_the_direct_service_staff():
    # 5 direct-service staff (S1: all WFO) in a building with 3 seats: impossible every day.
    unit = office("IGD", DIRECT, building="G")
    staff = [person(i, "IGD") for i in range(5)]
    r = infeasible(world(staff, [unit], buildings=[Building("G", 3)]), scenario())
    c = r.conflicts[0]
    assert {"B1", "S1"} <= set(c.rules)
    assert c.building == "G"
    assert list(c.days) == WORKDAYS
    assert "Gedung G" in c.text("id") and "Building G" in c.text("en")
    assert "Kapasitas" in c.fix.id


def test_p1_ceiling_below_the_senior_officials():
    # JPT Madya and JPT Pratama are the two senior levels (L1: WFO); a 25% ceiling of 4
    # staff allows floor(1) = 1 in the office.
    unit = office("A")
    staff = [person(0, "A", level=PositionLevel.JPT_MADYA),
             person(1, "A", level=PositionLevel.JPT_PRATAMA),
             person(2, "A"), person(3, "A")]
    r = infeasible(world(staff, [unit]), scenario(cap=100, wfh_goal="none", wfo_max=zone(25)))
    c = r.conflicts[0]
    assert set(c.rules) == {"L1", "P1"}
    assert c.unit == "A" and list(c.days) == WORKDAYS
    assert "pejabat senior" in c.text("id") and "senior officials" in c.text("en")


def test_p1_ceiling_below_two_role_minimums_is_found_by_the_solver_core():
    # Two roles held by different people, one each in the office (S3: 2 WFO) but the
    # ceiling allows floor(25% × 4) = 1: no counting precheck sees the sum of two roles,
    # so the CP-SAT core must name P1 and S3.
    unit = office("A", role_minimums={"loket": 1, "kasir": 1})
    staff = [person(0, "A", roles=frozenset({"loket"})),
             person(1, "A", roles=frozenset({"kasir"})), person(2, "A"), person(3, "A")]
    r = infeasible(world(staff, [unit]), scenario(cap=100, wfh_goal="none", wfo_max=zone(25)))
    rules = {x for c in r.conflicts for x in c.rules}
    assert rules == {"P1", "S3"}
    assert all(c.unit == "A" for c in r.conflicts)


def test_p1_ceiling_above_the_wfh_cap():
    # A 25% WFO ceiling needs 3 of 4 at home, but the unit's own cap allows 50% (2).
    unit, staff = admin_unit("A", 4, max_wfh_pct=50)
    r = infeasible(world(staff, [unit]), scenario(cap=100, wfh_goal="none", wfo_max=zone(25)))
    assert set(r.conflicts[0].rules) == {"P1", "S2"}


def test_only_the_infeasible_part_is_blamed():
    # Unit B is fine; unit A's building is too small. Conflicts name A's building only.
    ua = office("A", DIRECT, building="G")
    ub, sb = admin_unit("B", 4, start=10)
    staff = [person(i, "A") for i in range(3)] + sb
    r = infeasible(world(staff, [ua, ub], buildings=[Building("G", 2)]), scenario())
    assert {c.building for c in r.conflicts} == {"G"}
    assert "B" not in {c.unit for c in r.conflicts}
