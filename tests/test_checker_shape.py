"""Rosters whose shape does not match the problem: missing or unknown rows, dates outside
the period, missing dates, invalid codes — reported as roster problems, not rule breaches."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from test_checker_hard import plain, roster
from worlds import MON, admin_unit, nip, world

from asn_scheduler.checker import check
from asn_scheduler.domain import Roster


def _world(n: int = 4):
    unit, staff = admin_unit("A", n)
    return world(staff, [unit])


def kinds(report) -> list[tuple[str, str | None, date | None, str]]:
    return [(p.kind, p.nip, p.day, p.severity) for p in report.roster_problems]


def test_a_complete_roster_has_no_roster_problems():
    p = _world()
    report = check(p, plain(), roster(p))
    assert report.roster_problems == () and report.complete and report.compliant


def test_missing_employee_is_an_error_and_their_cells_are_not_counted():
    p = _world(4)
    full = roster(p, {0: "HOOOO LL OOOOO"})
    keep = [0, 1, 2]  # person 3 has no row
    cut = Roster([full.nips[i] for i in keep], full.dates, full.codes[keep])
    report = check(p, plain(), cut)
    assert kinds(report) == [("missing_employee", nip(3), None, "error")]
    assert not report.compliant and not report.hard_violations
    # the missing person is neither active nor WFO: 3 known active staff on Monday
    monday = next(d for d in report.unit_days if d.day == MON)
    assert (monday.active, monday.wfo, monday.wfh) == (3, 2, 1)


def test_unknown_and_duplicate_nips_are_errors():
    p = _world(2)
    full = roster(p)
    stranger = "199001012015011001"
    codes = np.vstack([full.codes, full.codes[:1], full.codes[:1]])
    bad = Roster([*full.nips, stranger, full.nips[0]], full.dates, codes)
    report = check(p, plain(), bad)
    assert kinds(report) == [("unknown_nip", stranger, None, "error"),
                             ("duplicate_nip", nip(0), None, "error")]
    assert "2 kali" in report.roster_problems[1].message.id


def test_date_outside_the_period_is_an_error_and_not_checked():
    p = _world(2)
    full = roster(p)
    extra_day = full.dates[-1] + timedelta(days=3)   # Monday after the period
    codes = np.hstack([full.codes, np.full((2, 1), 1, np.int8)])  # WFH for everyone
    longer = Roster(full.nips, [*full.dates, extra_day], codes)
    report = check(p, plain(), longer)
    assert kinds(report) == [("date_outside_period", None, extra_day, "error")]
    # the WFH on that date would break S2 (2 × 50% = 1) but the column is not checked
    assert not report.hard_violations


def test_missing_working_date_is_an_error_and_missing_weekend_only_a_warning():
    p = _world(2)
    full = roster(p)
    keep = [j for j, d in enumerate(full.dates) if d.weekday() != 5 and d != MON]
    cut = Roster(full.nips, [full.dates[j] for j in keep], full.codes[:, keep])
    report = check(p, plain(), cut)
    assert kinds(report) == [("missing_date", None, MON, "error"),
                             ("missing_date", None, MON + timedelta(days=5), "warning")]


def test_invalid_cell_value_is_an_error_per_person():
    p = _world(2)
    full = roster(p)
    codes = full.codes.copy()
    codes[1, 2] = 42
    codes[1, 3] = -5
    report = check(p, plain(), Roster(full.nips, full.dates, codes))
    assert kinds(report) == [("invalid_code", nip(1), MON + timedelta(days=2), "error")]
    assert report.roster_problems[0].message.id.startswith("2 sel")


def test_rows_and_columns_in_another_order_are_lined_up_by_nip_and_date():
    p = _world(5)
    rows = {k: "HOOOO LL OOOOO" for k in range(3)}   # 3 WFH on Monday, cap 2 → S2 amount 1
    full = roster(p, rows)
    perm_rows, perm_cols = [4, 2, 0, 3, 1], list(range(len(full.dates)))
    shuffled = Roster([full.nips[i] for i in perm_rows], full.dates,
                      full.codes[np.ix_(perm_rows, perm_cols)])
    a, b = check(p, plain(), full), check(p, plain(), shuffled)
    assert [(v.rule, v.day, v.amount) for v in b.violations] == [("S2", MON, 1)]
    assert a.violations == b.violations and a.persons == b.persons


def test_dates_argument_sets_the_period_checked():
    p = _world(2)
    full = roster(p)
    first_week = list(full.dates[:7])
    report = check(p, plain(), full, dates=first_week)
    # the second week's columns fall outside the requested dates
    assert [k for k, *_ in kinds(report)] == ["date_outside_period"] * 5
    assert {d.day for d in report.unit_days} == set(first_week)
