"""frames.py: the documented columns and one row per checker record.

The results here are built by hand (a roster written cell by cell and its figures counted
by :func:`synthetic_result`), so these tests need neither the engine nor the checker;
test_plot.py reuses the same world.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from worlds import MON, WEEK, admin_unit, office, person, world

from asn_scheduler.checker.report import BuildingDay, CheckReport, PersonFigures, Quality, UnitDay
from asn_scheduler.domain import (
    Building,
    CalendarOverride,
    Code,
    OverrideKind,
    Period,
    Roster,
    ServiceCategory,
)
from asn_scheduler.engine.result import Conflict, Result, Status
from asn_scheduler.frames import (
    BUILDING_DAY_COLUMNS,
    CALENDAR_COLUMNS,
    PERSON_COLUMNS,
    SUMMARY_COLUMNS,
    UNIT_DAY_COLUMNS,
    BuildingCapacity,
    building_days_frame,
    calendar_frame,
    persons_frame,
    summary_frame,
    sweep,
    unit_days_frame,
)
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario import load_scenario

W, H, L, C = Code.WFO, Code.WFH, Code.LIBUR, Code.CUTI
WEEK_AND_WEEKEND = tuple(MON + timedelta(days=i) for i in range(7))  # Mon 2 .. Sun 8 March 2026

# Rows: unit, name, Monday..Friday (Saturday and Sunday are LIBUR for everyone).
PLAN = (
    ("ADM", "Ani", (H, W, W, H, W)),
    ("ADM", "Budi", (W, H, W, W, H)),
    ("ADM", "Citra", (W, W, H, W, W)),
    ("ADM", "Dewi", (C, C, W, W, W)),
    ("PIM", "Gita", (W, W, W, W, W)),
    ("LOK", "Eko", (W, W, W, W, W)),
    ("LOK", "Fajar", (W, W, W, W, W)),
)


def sample_problem():
    """Three units in two buildings: ADM (admin, 4 staff) and PIM (leadership support,
    1 person) share Balai Kota (4 seats); LOK (direct service, 2 staff) is in Gedung B."""
    units = [
        office("ADM", building="Balai Kota", region="DKI Jakarta"),
        office("PIM", ServiceCategory.DUKUNGAN_PIMPINAN, building="Balai Kota"),
        office("LOK", ServiceCategory.LAYANAN_LANGSUNG, building="Gedung B"),
    ]
    staff = [person(i, unit, name, commute_km=10.0 + i) for i, (unit, name, _) in enumerate(PLAN)]
    return world(staff, units, buildings=[Building("Balai Kota", 4), Building("Gedung B", 3)],
                 period=Period(WEEK_AND_WEEKEND[0], WEEK_AND_WEEKEND[-1]))


def synthetic_result(status: Status = Status.OPTIMAL) -> Result:
    """A Result for :func:`sample_problem` with the roster of ``PLAN`` and its figures
    counted plainly (a stand-in for the checker)."""
    problem = sample_problem()
    scenario = load_scenario("permenpanrb-4-2025")
    dates = WEEK_AND_WEEKEND
    codes = np.array([[int(c) for c in row] + [int(L), int(L)] for _, _, row in PLAN], np.int8)
    roster = Roster(tuple(e.nip for e in problem.employees), dates, codes)
    unit_of = [e.unit_code for e in problem.employees]
    caps = {"ADM": 50.0, "PIM": 50.0, "LOK": 0.0}
    unit_days, building_days = [], []
    for j, d in enumerate(dates):
        working = d.weekday() < 5
        for u in problem.units:
            col = [int(codes[i, j]) for i in range(len(PLAN)) if unit_of[i] == u.code]
            wfo, wfh, absent = col.count(int(W)), col.count(int(H)), col.count(int(C))
            active = wfo + wfh
            unit_days.append(UnitDay(u.code, d, working, active, wfo, wfh, absent,
                                     cap=int(caps[u.code] * active // 100) if working else None,
                                     cap_pct=caps[u.code], wfo_ceiling=None, in_scope=True,
                                     policy=scenario.id))
        for b in problem.buildings:
            wfo = sum(int(codes[i, j]) == int(W) for i in range(len(PLAN))
                      if problem.unit_by_code[unit_of[i]].building == b.name)
            building_days.append(BuildingDay(b.name, d, wfo, b.capacity))
    persons = []
    adm_wfh = sum(int(c == H) for u, _, row in PLAN if u == "ADM" for c in row)
    adm_avail = sum(5 - row.count(C) for u, _, row in PLAN if u == "ADM")
    for i, (u, name, row) in enumerate(PLAN):
        avail = 5 - row.count(C) if u == "ADM" else 0
        fair = adm_wfh * avail / adm_avail if avail else 0.0
        wfh = row.count(H)
        persons.append(PersonFigures(roster.nips[i], name, u, 5, row.count(C), avail, wfh,
                                     row.count(W), fair, wfh - fair, 0, 0, 1, 0))
    wfh_total = int(np.count_nonzero(codes == int(H)))
    quality = Quality(
        wfh_days=wfh_total, wfo_days=int(np.count_nonzero(codes == int(W))), wfh_goal_days=5,
        max_abs_deviation=max(abs(p.deviation) for p in persons),
        mean_abs_deviation=0.5, max_unit_spread=1.0, within_one_day_share=1.0,
        preferred_days=0, preferred_honoured=0, longest_wfh_run=1, runs_over_limit=0,
        pattern_changes=0, team_shared_days=0, team_days=0,
        commute_trips_avoided=2 * wfh_total, commute_km_avoided=123.0)
    report = CheckReport((), tuple(persons), tuple(unit_days), tuple(building_days), quality)
    if not status.has_roster:
        conflict = Conflict(("B1", "S1"), Msg("Gedung B terlalu kecil", "Gedung B is too small"),
                            Msg("Tambah kapasitas", "Add capacity"), building="Gedung B",
                            days=dates[:5])
        return Result(status, problem, scenario, dates, 0, conflicts=(conflict,))
    return Result(status, problem, scenario, dates, 0, roster=roster, report=report, runtime=0.5)


def test_persons_frame_has_one_row_per_person_with_unit_facts():
    df = persons_frame(synthetic_result())
    assert list(df.columns) == list(PERSON_COLUMNS)
    assert len(df) == len(PLAN)
    ani = df.set_index("name").loc["Ani"]
    assert (ani.unit, ani.category, ani.building) == ("ADM", "administrasi_pemerintahan",
                                                      "Balai Kota")
    assert ani.wfh_days == 2 and ani.commute_km == 10.0
    # eligible = could have had WFH: only the four ADM staff have available days
    assert df.loc[df.eligible, "name"].tolist() == ["Ani", "Budi", "Citra", "Dewi"]


def test_unit_days_frame_has_one_row_per_unit_and_date():
    df = unit_days_frame(synthetic_result())
    assert list(df.columns) == list(UNIT_DAY_COLUMNS)
    assert len(df) == 3 * 7
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    monday_adm = df[(df.unit == "ADM") & (df.date == "2026-03-02")].iloc[0]
    # Monday: Ani WFH, Budi and Citra WFO, Dewi on leave
    assert (monday_adm.active, monday_adm.wfh, monday_adm.absent) == (3, 1, 1)
    assert monday_adm.wfh_share == pytest.approx(1 / 3)
    # the cap is missing (NA) on the weekend, where the fixture gives none
    assert df.loc[df.weekday >= 5, "cap"].isna().all()


def test_building_days_frame_counts_occupancy_and_working_days():
    df = building_days_frame(synthetic_result())
    assert list(df.columns) == list(BUILDING_DAY_COLUMNS)
    assert len(df) == 2 * 7
    balai = df[df.building == "Balai Kota"].set_index("date")
    # Wednesday 4 March: Ani, Budi, Dewi (ADM) and Gita (PIM) in the office, 4 seats
    wed = balai.loc["2026-03-04"]
    assert (wed.wfo, wed.free, wed.occupancy, wed.over_capacity) == (4, 0, 1.0, False)
    assert balai["working"].tolist() == [True] * 5 + [False] * 2


def test_summary_frame_names_rows_and_explains_infeasible_results():
    df = summary_frame({"ok": synthetic_result(), "tidak": synthetic_result(Status.INFEASIBLE)})
    assert list(df.columns) == list(SUMMARY_COLUMNS)
    ok, bad = df.iloc[0], df.iloc[1]
    assert ok.scenario == "ok" and ok.has_roster and ok.explanation == ""
    assert (ok.start, ok.end, ok.working_dates) == (MON, MON + timedelta(days=6), 5)
    # PLAN: 35 working cells, 2 CUTI, 5 WFH (Ani 2, Budi 2, Citra 1), so 28 WFO
    assert ok.wfh_days == 5 and ok.wfh_share == pytest.approx(5 / 33)
    # Balai Kota houses 5 people and one of them is WFH or on leave each day: at most 4
    # of its 4 seats are taken (Wednesday to Friday); Gedung B peaks at 2 of 3
    assert ok.peak_occupancy == 1.0 and ok.peak_wfo == 4
    assert not bad.has_roster and np.isnan(bad.wfh_days)
    assert "[B1+S1]" in bad.explanation and "Gedung B terlalu kecil" in bad.explanation


def test_summary_frame_names_a_sequence_by_scenario_id_without_collisions():
    df = summary_frame([synthetic_result(), synthetic_result()])
    assert df.scenario.tolist() == ["permenpanrb-4-2025", "permenpanrb-4-2025 (2)"]


def test_frames_of_a_result_without_roster_are_empty_with_the_same_columns():
    bad = synthetic_result(Status.TIME_LIMIT)
    for frame, cols in ((persons_frame, PERSON_COLUMNS), (unit_days_frame, UNIT_DAY_COLUMNS),
                        (building_days_frame, BUILDING_DAY_COLUMNS)):
        df = frame(bad)
        assert df.empty and list(df.columns) == list(cols)


def test_calendar_frame_marks_weekends_national_holidays_and_overrides():
    # 16–22 March 2026 (package ``holidays``): cuti bersama on Wednesday 18, Nyepi on
    # Thursday 19, cuti bersama for Idul Fitri on Friday 20 and Idul Fitri on Saturday 21;
    # the override makes Monday 16 a local day off, so only Tuesday 17 is a working day
    days = tuple(date(2026, 3, 16) + timedelta(days=i) for i in range(7))
    problem = sample_problem().replace(
        overrides=(CalendarOverride(days[0], OverrideKind.LIBUR, "Hari jadi"),))
    result = Result(Status.INFEASIBLE, problem, load_scenario("permenpanrb-4-2025"), days, 0)
    df = calendar_frame(result)
    assert list(df.columns) == list(CALENDAR_COLUMNS) and len(df) == 7
    assert df.working.tolist() == [False, True, False, False, False, False, False]
    assert df.holiday.iloc[0] == "Hari jadi" and df.holiday.iloc[3] == "Hari Suci Nyepi"
    assert df.holiday.iloc[1] == ""


def test_building_capacity_variation_changes_only_that_building():
    problem, scenario = sample_problem(), load_scenario("permenpanrb-4-2025")
    p2, s2 = BuildingCapacity("Gedung B")(problem, scenario, 1)
    assert p2.building_by_name["Gedung B"].capacity == 1
    assert p2.building_by_name["Balai Kota"].capacity == 4
    assert s2 is scenario
    with pytest.raises(ValueError, match="unknown building"):
        BuildingCapacity("Menara")(problem, scenario, 1)



def test_sweep_solves_once_per_value_in_order_and_explains_infeasible_points(monkeypatch):
    import asn_scheduler.engine

    seen = []

    def fake_solve(problem, scenario, **kw):
        # stand-in engine: records what it was asked, infeasible above a 40% cap
        cap = scenario.policy.wfh_cap_pct[ServiceCategory.ADMINISTRASI]
        seen.append((cap, kw))
        return synthetic_result(Status.INFEASIBLE if cap > 40 else Status.OPTIMAL)

    monkeypatch.setattr(asn_scheduler.engine, "solve", fake_solve)
    df = sweep(sample_problem(), load_scenario("permenpanrb-4-2025"), "wfh_cap", [20, 40, 60],
               time_limit=1.0, lang="en")
    assert [c for c, _ in seen] == [20.0, 40.0, 60.0]
    assert all(kw == {"time_limit": 1.0} for _, kw in seen)
    assert list(df.columns) == ["param", "value", *SUMMARY_COLUMNS]
    assert df.value.tolist() == [20, 40, 60] and set(df.param) == {"wfh_cap"}
    assert df.has_roster.tolist() == [True, True, False]
    assert "Gedung B is too small" in df.explanation.iloc[2]


def test_sweep_over_a_building_capacity_names_the_building(monkeypatch):
    import asn_scheduler.engine

    caps = []

    def fake_solve(problem, scenario, **kw):
        caps.append(problem.building_by_name["Gedung B"].capacity)
        return synthetic_result()

    monkeypatch.setattr(asn_scheduler.engine, "solve", fake_solve)
    df = sweep(sample_problem(), load_scenario("permenpanrb-4-2025"),
               BuildingCapacity("Gedung B"), [1, 2, 3])
    assert caps == [1, 2, 3] and set(df.param) == {"capacity[Gedung B]"}


def test_sweep_rejects_an_unknown_parameter_before_solving(monkeypatch):
    import asn_scheduler.engine

    def never(*a, **kw):  # pragma: no cover - must not be reached
        raise AssertionError("solved despite a bad parameter")

    monkeypatch.setattr(asn_scheduler.engine, "solve", never)
    with pytest.raises(ValueError, match="unknown scenario parameter"):
        sweep(sample_problem(), load_scenario("permenpanrb-4-2025"), "wfh_kap", [10])


def test_sweep_with_the_engine_marks_a_too_small_building_infeasible():
    # four admin staff, at most 2 WFH days each per week (F1): 8 WFH person-days of the 20
    # in a week, so 12 office person-days; 2 seats hold only 10 (B1 against F1), 3 seats
    # hold 15
    unit, staff = admin_unit("ADM", 4, building="Kantor")
    problem = world(staff, [unit], buildings=[Building("Kantor", 4)], period=WEEK)
    df = sweep(problem, load_scenario("permenpanrb-4-2025"), BuildingCapacity("Kantor"),
               [2, 3, 4], time_limit=5.0)
    assert df.has_roster.tolist() == [False, True, True]
    assert df.status.iloc[0] == "INFEASIBLE" and "B1" in df.explanation.iloc[0]
    assert (df.peak_wfo.iloc[1:] <= df.value.iloc[1:]).all()
    assert (df.hard_violations.iloc[1:] == 0).all()
