"""An over-full building on an ordinary office day (rules.md, decisions): where no
flexible-work regime applies, everyone is in by law and no roster can empty a seat, so the
over-capacity is reported per building and day and the roster is written; B1 stays hard on
the days where the roster can act."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from worlds import FORTNIGHT, MON, admin_unit, world

from asn_scheduler.checker import check
from asn_scheduler.domain import Building, Code, Roster
from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.engine import Status, solve
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario import Policy, Scenario, Window, load_scenario

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "contoh-pemkot.xlsx"
WFO, WFH = int(Code.WFO), int(Code.WFH)


def _first_week_only() -> Scenario:
    # a 50% regime in the first week of the fortnight; the office baseline after it
    caps = {ServiceCategory.ADMINISTRASI: 50}
    return Scenario(id="uji", title=Msg("Uji", "Test"), basis="uji",
                    policy=Policy(wfh_cap_pct=caps, senior_levels_wfo=0),
                    window=Window(((MON, date(2026, 3, 6)),)))


def test_over_full_office_days_are_reported_and_b1_binds_in_the_window():
    unit, staff = admin_unit("A", 6, building="G")
    p = world(staff, [unit], buildings=[Building("G", 3)])
    sc = _first_week_only()
    r = solve(p, sc, time_limit=10)
    assert r.status.has_roster and r.report.compliant
    days = FORTNIGHT.days()
    wfo = (r.roster.codes == WFO).sum(axis=0)
    window = np.array([d <= date(2026, 3, 6) for d in days])
    work = np.array([d.weekday() < 5 for d in days])
    assert (wfo[window & work] <= 3).all()           # B1 binds where WFH is possible
    assert (wfo[~window & work] == 6).all()          # office days: everyone in
    over = [v for v in r.report.shortfalls if v.rule == "B1"]
    assert [v.day for v in over] == [d for d, w, o in zip(days, work, window, strict=True)
                                     if w and not o]
    assert {v.building for v in over} == {"G"} and {v.amount for v in over} == {3}
    assert any("G" in w.en and "5 ordinary office day" in w.en for w in r.warnings)
    # in the window an extra person in the office is still a B1 violation
    codes = r.roster.codes.copy()
    row = int(np.flatnonzero(codes[:, 0] == WFH)[0])
    codes[row, 0] = WFO
    report = check(p, sc, Roster(r.roster.nips, r.roster.dates, codes))
    assert report.rule_counts["B1"] == 1


def test_the_sample_solves_a_month_under_se_17_2023_with_its_over_full_days_reported():
    problem = read_workbook(SAMPLE).problem
    sc = load_scenario("se-17-2023")
    r = solve(problem, sc, start=date(2023, 8, 28), end=date(2023, 9, 27), time_limit=30)
    assert r.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert r.report.compliant
    over = [v for v in r.report.shortfalls if v.rule == "B1"]
    blok_h = [v for v in over if v.building == "Balai Kota Blok H"]
    # the 14 ordinary office days after the window (8-27 Sep 2023), 106 staff, 76 seats
    assert len(blok_h) == 14 and all(v.day > date(2023, 9, 7) for v in blok_h)
    assert max(v.amount for v in blok_h) == 30
    assert any("Blok H" in w.id and "14 hari" in w.id for w in r.warnings)


def test_the_compliance_sheet_passes_b1_and_points_to_the_reported_office_days(tmp_path):
    import openpyxl

    from asn_scheduler.excel.roster_writer import write_roster_workbook

    unit, staff = admin_unit("A", 6, building="G")
    r = solve(world(staff, [unit], buildings=[Building("G", 3)]), _first_week_only(),
              time_limit=10)
    ws = openpyxl.load_workbook(write_roster_workbook(r, tmp_path / "j.xlsx"))["Kepatuhan"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    b1 = next(row for row in rows if row[0] == "B1")
    assert b1[3:5] == ["LULUS", 0]
    assert b1[6].startswith("5 gedung-hari melebihi kapasitas")
    assert sum(1 for row in rows if row[0] == "B1" and "kurang 3 kursi" in str(row[1])) == 5
