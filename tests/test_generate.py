"""Synthetic agencies: deterministic per seed, and every property generate_agency promises."""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from worlds import FORTNIGHT, MON, WEEK, admin_unit, leave, office, person, world

from asn_scheduler.domain import (
    Building,
    Discipline,
    Period,
    PositionLevel,
    Problem,
    Sector,
    ServiceCategory,
)
from asn_scheduler.domain.calendar import national_holidays
from asn_scheduler.domain.nip import nip_problem
from asn_scheduler.generate import generate_agency
from asn_scheduler.scenario import list_scenarios, load_scenario
from asn_scheduler.synth.feasibility import MARCH_2026, check_periods, wfo_floor

LL = ServiceCategory.LAYANAN_LANGSUNG
NIP_TODAY = date(2026, 12, 31)   # NIP plausibility is judged against a fixed "today"


@pytest.fixture(scope="module")
def agency() -> Problem:
    return generate_agency(400, seed=11)


@pytest.fixture(scope="module")
def large() -> Problem:
    # big enough that rare attributes (discipline cases, PPPK, 40+ km) surely occur
    return generate_agency(2500, seed=3)


def unit_sizes(p: Problem) -> Counter[str]:
    return Counter(e.unit_code for e in p.employees)


def building_staff(p: Problem) -> Counter[str]:
    size, out = unit_sizes(p), Counter()
    for u in p.units:
        if u.building is not None:
            out[u.building] += size[u.code]
    return out


# --- determinism --------------------------------------------------------------------------

def test_the_same_seed_gives_the_same_agency():
    assert generate_agency(150, seed=7) == generate_agency(150, seed=7)


def test_different_seeds_give_different_agencies():
    a, b = generate_agency(150, seed=7), generate_agency(150, seed=8)
    assert [e.nip for e in a.employees] != [e.nip for e in b.employees]
    assert a != b


# --- units ----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_about_a_third_of_the_staff_work_in_direct_service_units(seed: int):
    p = generate_agency(400, seed=seed)
    size = unit_sizes(p)
    direct = sum(size[u.code] for u in p.units if u.category is LL)
    assert abs(direct / 400 - 1 / 3) <= 0.10


def test_unit_sizes_run_from_a_handful_to_a_hundred_and_add_up(large: Problem):
    size = unit_sizes(large)
    assert sum(size.values()) == 2500
    assert min(size.values()) >= 4 and max(size.values()) <= 100
    assert min(size.values()) < 10 and max(size.values()) > 60   # a real spread, not uniform
    assert set(size) == {u.code for u in large.units}            # no empty unit


def test_units_count_can_be_chosen_and_impossible_counts_are_refused():
    assert len(generate_agency(200, units=10, seed=1).units) == 10
    with pytest.raises(ValueError, match="between 2 and 50 units"):
        generate_agency(200, units=1)       # one unit cannot hold 200 (at most 100)
    with pytest.raises(ValueError, match="at least 8"):
        generate_agency(5)


def test_unit_codes_and_names_are_unique_and_every_category_is_present(large: Problem):
    assert len({u.code for u in large.units}) == len(large.units)
    assert len({u.name for u in large.units}) == len(large.units)
    assert {u.category for u in large.units} == set(ServiceCategory)


def test_direct_service_units_are_critical_and_hospitals_run_every_day(large: Problem):
    direct = [u for u in large.units if u.category is LL]
    assert all(u.sector is Sector.KRITIKAL for u in direct)
    assert all(u.operating_days == frozenset(range(7))
               for u in direct if u.name.startswith("RSUD"))
    assert any(u.name.startswith(("RSUD", "Puskesmas")) for u in direct)


# --- staff ----------------------------------------------------------------------------------

def test_every_unit_has_one_head_whom_its_staff_report_to(agency: Problem):
    by_unit = defaultdict(list)
    for e in agency.employees:
        by_unit[e.unit_code].append(e)
    nips = {e.nip: e for e in agency.employees}
    for code, staff in by_unit.items():
        heads = [e for e in staff if e.supervisor_nip is None
                 or nips[e.supervisor_nip].unit_code != code]
        assert len(heads) == 1, code
        head = heads[0]
        assert head.position_type.structural
        # the head is the most senior person of the unit
        assert head.position_type.rank == min(e.position_type.rank for e in staff)
        assert all(e.supervisor_nip == head.nip for e in staff if e is not head)


def test_heads_follow_unit_size_and_the_top_two_levels_are_present(agency: Problem):
    size = unit_sizes(agency)
    nips = {e.nip: e for e in agency.employees}
    heads = {e.unit_code: e.position_type for e in agency.employees
             if e.supervisor_nip is None or nips[e.supervisor_nip].unit_code != e.unit_code}
    for u in agency.units:
        if heads[u.code] is PositionLevel.PENGAWAS:
            assert size[u.code] < 15, u.code
        if heads[u.code] is PositionLevel.JPT_PRATAMA:
            assert size[u.code] >= 40, u.code
    # an agency with dinas-level units is led by one JPT Madya, so the seniors are the JPTs
    assert agency.senior_levels == {PositionLevel.JPT_MADYA, PositionLevel.JPT_PRATAMA}
    assert sum(e.position_type is PositionLevel.JPT_MADYA for e in agency.employees) == 1


def test_a_small_agency_without_dinas_level_units_is_led_by_a_jpt_pratama():
    p = generate_agency(40, seed=0)
    assert max(unit_sizes(p).values()) < 40
    assert p.senior_levels == {PositionLevel.JPT_PRATAMA, PositionLevel.ADMINISTRATOR}


def test_every_nip_is_valid_and_unique_and_some_are_pppk(large: Problem):
    nips = [e.nip for e in large.employees]
    assert len(set(nips)) == len(nips)
    assert [n for n in nips if nip_problem(n, NIP_TODAY) is not None] == []
    pppk = [n for n in nips if not 1 <= int(n[12:14]) <= 12]   # NI PPPK: agreement code 21
    assert 0.03 < len(pppk) / len(nips) < 0.15
    pppk_levels = {e.position_type for e in large.employees if e.nip in set(pppk)}
    assert pppk_levels <= {PositionLevel.FUNGSIONAL, PositionLevel.PELAKSANA}


def test_appointment_comes_at_least_eighteen_years_after_birth(large: Problem):
    for e in large.employees:
        assert int(e.nip[8:12]) - int(e.nip[0:4]) >= 18
        assert e.position_start is not None
        assert e.position_start >= date(int(e.nip[8:12]), 1, 1)


def test_role_minimums_never_exceed_their_holders(large: Problem):
    holders = Counter((e.unit_code, r) for e in large.employees for r in e.roles)
    minimums = [(u.code, r, n) for u in large.units for r, n in u.role_minimums.items()]
    assert minimums, "some units must have role minimums"
    assert all(1 <= n <= holders[(code, r)] for code, r, n in minimums)
    assert {r for _, r, _ in minimums} >= {"loket", "piket", "bendahara", "operator"}


def test_teams_have_three_to_eight_members_of_one_unit(large: Problem):
    teams = defaultdict(list)
    for e in large.employees:
        if e.team:
            teams[e.team].append(e.unit_code)
    assert teams
    assert all(3 <= len(units) <= 8 and len(set(units)) == 1 for units in teams.values())


def test_optional_attributes_occur_at_realistic_rates(large: Problem):
    n = len(large.employees)
    start = MARCH_2026.start
    share = lambda pred: sum(map(pred, large.employees)) / n  # noqa: E731
    assert 0.35 < share(lambda e: bool(e.preferred_wfh_days)) < 0.65
    assert all(d < 5 for e in large.employees for d in e.preferred_wfh_days)
    assert 0.02 < share(lambda e: not e.flex_eligible) < 0.35
    assert 0 < share(lambda e: e.discipline is not Discipline.TIDAK) < 0.02
    assert 0.04 < share(lambda e: (start - e.position_start).days < 365) < 0.2
    assert 0.02 < share(lambda e: e.field_duty) < 0.25
    km = [e.commute_km for e in large.employees]
    assert 8 <= statistics.median(km) <= 20            # most commute 5–25 km
    assert 0.01 < sum(k > 40 for k in km) / n < 0.15   # some come from far


# --- leave ----------------------------------------------------------------------------------

def test_leave_falls_inside_the_period_without_overlaps_at_a_few_percent(agency: Problem):
    period = agency.period
    assert period == MARCH_2026
    assert all(period.start <= a.start <= a.end <= period.end for a in agency.absences)
    spells = defaultdict(list)
    for a in agency.absences:
        spells[a.nip].append((a.start, a.end))
    for s in spells.values():
        s.sort()
        assert all(prev[1] < nxt[0] for prev, nxt in itertools.pairwise(s))
    days = period.days()
    off = national_holidays(days)
    workdays = {d for d in days if d.weekday() < 5 and d not in off}
    absent = sum(sum(1 for i in range((a.end - a.start).days + 1)
                     if a.start + timedelta(days=i) in workdays) for a in agency.absences)
    rate = absent / (len(agency.employees) * len(workdays))
    assert 0.01 < rate < 0.10
    assert len({a.kind for a in agency.absences}) >= 4


def test_a_chosen_period_holds_the_leave_and_can_be_left_out_of_the_problem():
    period = Period(date(2026, 5, 4), date(2026, 5, 29))
    p = generate_agency(120, seed=2, period=period, with_period=False)
    assert p.period is None
    assert p.absences and all(period.start <= a.start <= a.end <= period.end
                              for a in p.absences)


def test_units_spread_over_the_given_provinces_one_province_per_building():
    p = generate_agency(600, seed=4, regions=("DKI Jakarta", "Jawa Barat"))
    assert {u.region for u in p.units} == {"DKI Jakarta", "Jawa Barat"}
    regions_of = defaultdict(set)
    for u in p.units:
        if u.building:
            regions_of[u.building].add(u.region)
    assert all(len(r) == 1 for r in regions_of.values())


# --- buildings ------------------------------------------------------------------------------

def test_some_building_binds_and_every_building_seats_its_compulsory_staff(agency: Problem):
    staff = building_staff(agency)
    caps = {b.name: b.capacity for b in agency.buildings}
    assert any(caps[b] < staff[b] for b in caps)
    # Independent of the generator's own bound: under SE 17/2023 (no leave in its window)
    # a building must seat every direct-service person, every senior official, everyone
    # who may not work flexibly or is under discipline, and in the other units at least
    # the role minimums and ceil(50%) of the unit.
    seniors = agency.senior_levels
    need = Counter()
    for u in agency.units:
        if u.building is None:
            continue
        staff_u = [e for e in agency.employees if e.unit_code == u.code]
        if u.category is LL:
            need[u.building] += len(staff_u)
            continue
        must = sum(e.position_type in seniors or not e.flex_eligible
                   or e.discipline is not Discipline.TIDAK for e in staff_u)
        must += sum(u.role_minimums.values())
        cap = min(50.0, u.max_wfh_pct if u.max_wfh_pct is not None else 100.0)
        need[u.building] += max(must, len(staff_u) - math.floor(cap / 100 * len(staff_u)))
    assert all(need[b] <= caps[b] for b in caps)


def test_capacities_cover_the_forced_occupancy_of_every_shipped_scenario(agency: Problem):
    caps = {b.name: b.capacity for b in agency.buildings}
    for scenario, period in check_periods(agency, list_scenarios()):
        floors = wfo_floor(agency, scenario, period).building_floor(agency)
        assert all(int(f.max()) <= caps[b] for b, f in floors.items()), scenario.id


@pytest.mark.parametrize("sid", ["se-58-2020", "se-6-2022"])
def test_pandemic_wfo_ceilings_leave_room_for_the_compulsory_office_staff(agency, sid):
    # SE 58/2020 allows at most 50% WFO outside direct services: the generator keeps the
    # compulsory staff (seniors, no-flex jobs, discipline cases, role cover) of those
    # units within half, and own caps at 60% or more. Direct services are Kritikal
    # (100% in the SE 6/2022 table) or exempt from the zone ceiling.
    s = load_scenario(sid)
    assert wfo_floor(agency, s, s.default_period).ceiling_conflicts() == []


# --- the occupancy bound, on hand-checked tiny worlds ------------------------------------------

def test_the_bound_under_a_fifty_percent_cap_is_ceil_half_plus_direct_services():
    admin, admin_staff = admin_unit("ADM", 5, building="G")
    direct = office("LL", LL, building="G")
    staff = [*admin_staff, *(person(10 + k, "LL") for k in range(4))]
    p = world(staff, [admin, direct], buildings=[Building("G", 9)], period=WEEK)
    # the PermenPANRB 4/2025 caps without its weekly limit: a plain 50% cap per unit
    s = load_scenario("permenpanrb-4-2025").with_params(max_flex_days_per_week=None)
    fl = wfo_floor(p, s, WEEK)
    # 5 admin staff, cap floor(50% × 5) = 2 away, so 3 in; 4 direct-service staff all in
    assert fl.floor[0].tolist() == [3] * 5
    assert fl.floor[1].tolist() == [4] * 5
    assert fl.building_floor(p)["G"].tolist() == [7] * 5


def test_the_weekly_allowance_spreads_over_the_week_across_units():
    a, a_staff = admin_unit("A", 3, building="G")
    b, b_staff = admin_unit("B", 2, start=10, building="G")
    p = world([*a_staff, *b_staff], [a, b], buildings=[Building("G", 5)], period=WEEK)
    fl = wfo_floor(p, load_scenario("permenpanrb-4-2025"), WEEK)
    # F1: 2 WFH days a week over 5 working days: on average 0.4 per eligible person a day.
    # Unit A: min(cap floor(1.5) = 1, 0.4 × 3 = 1.2) = 1 away; unit B: min(1, 0.8) = 0.8.
    assert fl.floor[0].tolist() == [2] * 5 and fl.floor[1].tolist() == [2] * 5
    # the building takes turns: 1 + 0.8 = 1.8 → 1 away a day, so 4 of 5 in (not 4 + 0)
    assert fl.building_floor(p)["G"].tolist() == [4] * 5


def test_the_bound_excludes_absent_staff_and_non_working_days():
    u, staff = admin_unit("A", 4)
    p = world(staff, [u], absences=[leave(staff[0], MON)], period=FORTNIGHT)
    # SE 19/2020 is out of its window in 2026: plain office work, so everyone present is
    # in on weekdays (3 on Monday, one on leave) and nobody on the weekend
    fl = wfo_floor(p, load_scenario("se-19-2020"), FORTNIGHT)
    assert fl.floor[0].tolist() == [3, 4, 4, 4, 4, 0, 0, 4, 4, 4, 4, 4]
