"""Properties on random small agencies: every roster the solver returns passes the
independent checker, an infeasible one comes with an explanation, and the checker's
figures agree with the solver's objectives (Q0 = WFH days, Q2 = preferred days honoured).
Examples are few and small so the suite stays fast."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_rules import ADMIN, DIRECT, LEAD, scenario
from worlds import MON, leave, office, person, world

from asn_scheduler.domain import (
    AbsenceKind,
    Building,
    CalendarOverride,
    Discipline,
    PositionLevel,
    Sector,
)
from asn_scheduler.domain.enums import OverrideKind
from asn_scheduler.engine import Status, resolve_dates, solve
from asn_scheduler.engine.context import compile_problem
from asn_scheduler.engine.decompose import decompose, part_data
from asn_scheduler.engine.explain import prechecks
from asn_scheduler.engine.stages import solve_part
from asn_scheduler.scenario import WfoMax

LEVELS = [PositionLevel.JPT_PRATAMA, PositionLevel.ADMINISTRATOR, PositionLevel.PENGAWAS,
          PositionLevel.FUNGSIONAL, PositionLevel.PELAKSANA]
SCENARIOS = {
    "se17": scenario(cap=50),
    "permen": scenario(cap=50, max_flex_days_per_week=2),
    "weekly1": scenario(cap=60, wfh_goal=1),
    # compulsory office days (K1): Mondays and the 3rd (MON is 2 March 2026)
    "apel": scenario(cap=50, max_flex_days_per_week=2, office_days=frozenset({"Senin", "3"})),
    # SE 19/2020's reading of L1: at least one official per senior level, agency-wide
    "se19": scenario(cap=100, senior_rule="one_per_level"),
    # PPKM level 2: non-essential units at most 75% in the office, critical ones (direct
    # services) 100%
    "ppkm": scenario(cap=100, wfh_goal="none", wfo_max=WfoMax(
        "ppkm", default_level=2,
        table={s: {a: (100, 75, 50 if s is Sector.NON_ESENSIAL else 100, 25)
                   for a in ("jawa_bali", "luar_jawa_bali")} for s in Sector})),
    # the same at level 4, non-essential figures worded "sebanyak" (nearest person)
    "ppkm_near": scenario(cap=100, wfh_goal="none", wfo_max=WfoMax(
        "ppkm", default_level=4, nearest=frozenset({Sector.NON_ESENSIAL}),
        table={s: {a: (100, 75, 50, 25 if s is Sector.NON_ESENSIAL else 100)
                   for a in ("jawa_bali", "luar_jawa_bali")} for s in Sector})),
}


@st.composite
def agencies(draw):
    n_units = draw(st.integers(1, 3))
    units, staff, absences, buildings = [], [], [], []
    i = 0
    for k in range(n_units):
        code = f"U{k}"
        cat = draw(st.sampled_from([ADMIN, ADMIN, LEAD, DIRECT]))
        roles = {"loket": draw(st.integers(1, 3))} if draw(st.booleans()) else {}
        in_building = draw(st.booleans())
        week = draw(st.sampled_from([frozenset(range(5)), frozenset(range(7))]))
        units.append(office(code, cat, role_minimums=roles,
                            building="G" if in_building else None, operating_days=week,
                            open_on_holidays=draw(st.sampled_from([None, True, False]))))
        for _ in range(draw(st.integers(1, 6))):
            e = person(i, code, level=draw(st.sampled_from(LEVELS)),
                       flex_eligible=draw(st.integers(0, 5)) > 0,
                       discipline=Discipline.TIDAK if draw(st.integers(0, 5)) else
                       Discipline.SEDANG_MENJALANI,
                       roles=frozenset({"loket"}) if roles and draw(st.booleans()) else
                       frozenset(),
                       preferred_wfh_days=frozenset(draw(st.sets(st.integers(0, 4),
                                                                 max_size=2))),
                       team=draw(st.sampled_from([None, None, "A", "B"])),
                       field_duty=not draw(st.integers(0, 6)))
            staff.append(e)
            if not draw(st.integers(0, 3)):
                start = MON + timedelta(days=draw(st.integers(0, 11)))
                absences.append(leave(e, start, start + timedelta(days=draw(st.integers(0, 3))),
                                      draw(st.sampled_from(list(AbsenceKind)))))
            i += 1
    if any(u.building for u in units):
        in_g = sum(1 for e in staff if e.unit_code in {u.code for u in units if u.building})
        buildings.append(Building("G", draw(st.integers(max(0, in_g - 4), in_g + 1))))
    overrides = []
    if draw(st.booleans()):  # an agency-wide or one unit's day off or extra working day
        day = MON + timedelta(days=draw(st.integers(0, 11)))
        overrides.append(CalendarOverride(
            day, draw(st.sampled_from(list(OverrideKind))), "uji",
            unit_code=draw(st.sampled_from([None, *(u.code for u in units)]))))
    return world(staff, units, absences, buildings, overrides=tuple(overrides))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=agencies(), which=st.sampled_from(sorted(SCENARIOS)))
def test_solved_rosters_pass_the_checker_and_agree_with_it(problem, which):
    scen = SCENARIOS[which]
    r = solve(problem, scen, time_limit=5, workers=1)
    if r.status is Status.INFEASIBLE:
        assert r.conflicts and r.roster is None
        assert all(c.rules and c.message.id and c.fix.en for c in r.conflicts)
        return
    assert r.status is Status.OPTIMAL
    assert r.report.compliant, [v.text("en") for v in r.report.hard_violations]
    q = r.report.quality
    stages = {s.goal: s for s in r.stages}
    if "Q0" in stages:
        wfh = q.wfh_days if scen.policy.wfh_goal != "none" else -q.wfh_days
        assert stages["Q0"].objective == wfh
    if "Q2" in stages:
        assert stages["Q2"].objective == q.preferred_honoured


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=agencies(), which=st.sampled_from(sorted(SCENARIOS)))
def test_prechecks_are_sound_a_part_they_call_infeasible_is_infeasible(problem, which):
    scen = SCENARIOS[which]
    dates = resolve_dates(problem, scen)
    ctx = compile_problem(problem, scen, dates)
    for i, part in enumerate(decompose(ctx)):
        data = part_data(ctx, part, i, ())
        if prechecks(data, dates):
            assert solve_part(data, budget=5.0).status == "INFEASIBLE"
