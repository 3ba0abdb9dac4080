"""PPKM levels by region and date range (issue 16, point 2) and the replays' anachronisms
(point 3): the SE 6/2022 replay with levels per kabupaten/kota changing mid-month solves,
and the checker judges each day by the level of that day."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from worlds import office, person, world

from asn_scheduler.checker import check
from asn_scheduler.checker.facts import derive
from asn_scheduler.domain import Code, Period, Roster, Sector, ServiceCategory
from asn_scheduler.domain.model import PpkmLevel
from asn_scheduler.engine import Status, solve
from asn_scheduler.engine.context import compile_problem, resolve_dates
from asn_scheduler.rules.data import pct_nearest, pct_of
from asn_scheduler.scenario import ScenarioError, load_scenario
from asn_scheduler.scenario.model import Override
from asn_scheduler.scenario.run import scenario_for_run

WFO, WFH = int(Code.WFO), int(Code.WFH)
MON = date(2022, 3, 7)                       # two weeks without a holiday
TWO_WEEKS = Period(MON, MON + timedelta(days=11))
PERIODS = ("Kota Bandung:2022-03-07..2022-03-11:4; Kota Bandung:2022-03-14..2022-03-18:2; "
           "Jawa Barat:..:3")


def _world(n: int = 8):
    """Three non-essential units of ``n`` functional staff (no senior levels, so only the
    table decides): in Kota Bandung, in Kabupaten Bogor (Jawa Barat) and in Kota Medan."""
    regions = {"BDG": "Kota Bandung", "BGR": "Kabupaten Bogor", "MDN": "Kota Medan, Sumatera Utara"}
    staff = [person(10 * u + k, code) for u, code in enumerate(regions) for k in range(n)]
    units = [office(code, region=r, sector=Sector.NON_ESENSIAL) for code, r in regions.items()]
    return world(staff, units, period=TWO_WEEKS)


def test_p1_level_of_a_day_kabkota_before_province_later_entries_first():
    wm = load_scenario("se-6-2022", [Override("wfo_max.periods", PERIODS)]).policy.wfo_max
    assert wm.level_of("Kota Bandung", date(2022, 3, 8)) == 4
    assert wm.level_of("Kota Bandung", date(2022, 3, 15)) == 2
    assert wm.level_of("Kota Bandung", date(2022, 3, 21)) == 3     # only the province's entry
    assert wm.level_of("Kabupaten Bogor", date(2022, 3, 8)) == 3
    assert wm.level_of("Kota Medan, Sumatera Utara", date(2022, 3, 8)) == 2  # default
    later = load_scenario("se-6-2022", [Override(
        "wfo_max.periods", "Jawa Barat:..:3; Jawa Barat:2022-03-14..:1")]).policy.wfo_max
    assert later.level_of("Kabupaten Bogor", date(2022, 3, 15)) == 1


def test_p1_se_6_2022_replay_with_levels_changing_mid_month_solves_and_checks_day_by_day():
    # Eight staff per unit, goal "none" (as few WFH as the table needs). Non-essential,
    # Jawa–Bali: L4 25% -> 2 in the office, L3 50% -> 4, L2 75% -> 6; outside: L2 75% -> 6.
    p = _world()
    sc = load_scenario("se-6-2022", [Override("wfo_max.periods", PERIODS)])
    r = solve(p, sc, time_limit=10)
    assert r.status is Status.OPTIMAL and r.report.compliant
    wfo = (r.roster.codes == WFO)
    per_unit = {code: wfo[8 * u:8 * (u + 1)].sum(axis=0)
                for u, code in enumerate(("BDG", "BGR", "MDN"))}
    work = [i for i, d in enumerate(r.roster.dates) if d.weekday() < 5]
    week1, week2 = work[:5], work[5:]
    assert list(per_unit["BDG"][week1]) == [2] * 5 and list(per_unit["BDG"][week2]) == [6] * 5
    assert list(per_unit["BGR"][work]) == [4] * 10
    assert list(per_unit["MDN"][work]) == [6] * 10
    # the engine's and the checker's ceilings are the same, day by day
    ctx = compile_problem(p, sc, resolve_dates(p, sc))
    f = derive(p, sc, r.roster)
    assert (ctx.ceiling == f.ceiling_ud).all()
    # a cell moved to the office on an L4 day breaks P1 that day only
    codes = r.roster.codes.copy()
    i = int(np.flatnonzero(codes[:8, week1[0]] == WFH)[0])
    codes[i, week1[0]] = WFO
    rep = check(p, sc, Roster(r.roster.nips, r.roster.dates, codes))
    (v,) = [v for v in rep.hard_violations if v.rule == "P1"]
    assert v.day == r.roster.dates[week1[0]] and v.unit == "BDG" and v.amount == 1


def test_p1_levels_from_the_workbook_sheet_and_the_command_line_wins():
    p = _world().replace(ppkm_levels=(
        PpkmLevel("Kota Bandung", date(2022, 3, 7), date(2022, 3, 11), 4, 2),))
    sc, notes = scenario_for_run("se-6-2022", p)
    assert notes == []
    assert sc.policy.wfo_max.level_of("Kota Bandung", date(2022, 3, 8)) == 4
    assert sc.overrides[0].source == "Level PPKM" and sc.overrides[0].row == 2
    cli, _ = scenario_for_run("se-6-2022", p, ["wfo_max.periods=Kota Bandung:..:1"])
    assert cli.policy.wfo_max.level_of("Kota Bandung", date(2022, 3, 8)) == 1
    assert [o.source for o in cli.overrides] == ["Level PPKM", "cli"]
    assert cli.hash != sc.hash
    # a scenario without a PPKM table ignores the sheet, and says so
    other, notes = scenario_for_run("permenpanrb-4-2025", p)
    assert other.overrides == () and "Level PPKM" in notes[0].id


@pytest.mark.parametrize("periods", [
    "Kota Bandung:2022-12-20..2022-12-30:2",      # the revocation day itself
    "Kota Bandung:2022-12-31..2023-01-15:2",      # after the revocation
])
def test_p1_level_periods_end_before_the_ppkm_revocation(periods):
    with pytest.raises(ScenarioError) as err:
        load_scenario("se-6-2022", [Override("wfo_max.periods", periods)])
    assert "2022-12-30" in err.value.msg.en and "2022-12-29" in err.value.msg.en


def test_p1_the_se_6_2022_window_ends_the_day_before_the_revocation(tmp_path):
    s = load_scenario("se-6-2022")
    assert s.revoked == date(2022, 12, 30) and s.window.ranges[-1][1] == date(2022, 12, 29)
    text = (load_scenario.__globals__["scenarios_dir"]() / "se-6-2022.toml").read_text()
    bad = tmp_path / "x.toml"
    bad.write_text(text.replace("[[2022-03-01, 2022-12-29]]", "[[2022-03-01, 2022-12-30]]"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    assert "revoked on 2022-12-30" in err.value.msg.en and "dicabut" in err.value.msg.id


@pytest.mark.parametrize(("pct", "n", "floor", "nearest"), [
    (75, 1, 0, 1),     # a one-person unit at 75%: floor sends them home every day
    (25, 1, 0, 0),
    (50, 1, 0, 1),     # halves up
    (50, 3, 1, 2),
    (25, 10, 2, 3),
    (75, 8, 6, 6),
])
def test_p1_sebanyak_rounds_to_the_nearest_person_maksimal_rounds_down(pct, n, floor, nearest):
    assert pct_of(pct, n) == floor and pct_nearest(pct, n) == nearest


def test_p1_a_one_person_non_essential_unit_at_75_percent_may_stay_in_the_office():
    sc = load_scenario("se-6-2022", [Override("wfo_max.default_level", "2")])
    p = world([person(1, "A")], [office("A", region="Jawa Barat")], period=TWO_WEEKS)
    r = solve(p, sc, time_limit=10)
    assert r.report.compliant
    assert not (r.roster.codes == WFH).any()   # goal none: nothing forces WFH


def test_s1_se_6_2022_a_direct_service_unit_tagged_non_essential_is_governed_by_the_table():
    # Issue 16: S1 (100% WFO, from 2023) made this replay infeasible at level 4.
    front = office("PKM", category=ServiceCategory.LAYANAN_LANGSUNG, region="Kota Bandung",
                   sector=Sector.NON_ESENSIAL)
    p = world([person(k, "PKM") for k in range(4)], [front], period=TWO_WEEKS)
    sc = load_scenario("se-6-2022", [Override("wfo_max.default_level", "4")])
    r = solve(p, sc, time_limit=10)
    assert r.status is Status.OPTIMAL and r.report.compliant
    assert ((r.roster.codes == WFO).sum(axis=0)[[0, 1, 2, 3, 4]] == 1).all()  # 25% of 4
    # under SE 17/2023's rules the same unit is all WFO (S1 carried from 2023)
    assert load_scenario("se-17-2023").policy.direct_service_wfo


def test_s2_the_units_own_cap_applies_only_where_the_agency_sets_caps():
    capped = office("A", region="Jawa Barat", max_wfh_pct=10)
    assert load_scenario("permenpanrb-4-2025").policy.cap_pct(capped) == 10.0
    assert load_scenario("se-17-2023").policy.cap_pct(capped) == 10.0
    ppkm = load_scenario("se-6-2022").policy
    assert not ppkm.unit_cap_applies and ppkm.cap_pct(capped) == 100.0
    # level 4 needs 75% WFH; a 10% unit cap from the PermenPANRB era must not forbid it
    p = world([person(k, "A") for k in range(4)], [capped], period=TWO_WEEKS)
    sc = load_scenario("se-6-2022", [Override("wfo_max.default_level", "4")])
    assert solve(p, sc, time_limit=10).report.compliant
