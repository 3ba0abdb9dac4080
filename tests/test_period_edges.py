"""A period that cuts an ISO week under a weekly cap is warned about (rules.md, Weeks)."""

from __future__ import annotations

from datetime import date

from asn_scheduler.engine import solve
from asn_scheduler.engine.period_edges import MSG_ENDS_MIDWEEK, MSG_STARTS_MIDWEEK
from asn_scheduler.scenario.loader import load_scenario
from tests.worlds import admin_unit, world

PERMEN = "permenpanrb-4-2025"


def _warnings(start: date, end: date, scenario: str = PERMEN) -> list[str]:
    unit, staff = admin_unit("A", 4)
    res = solve(world(staff, [unit]), load_scenario(scenario), start=start, end=end,
                time_limit=10, workers=1)
    return [w.en for w in res.warnings]


def _is(msg, text: str) -> bool:
    return text.startswith(msg.en.split("{")[0])


def test_a_period_from_wednesday_names_the_monday_and_tuesday_before_it():
    got = [w for w in _warnings(date(2026, 4, 1), date(2026, 4, 3)) if "inside the week" in w]
    assert len(got) == 1 and _is(MSG_STARTS_MIDWEEK, got[0])
    assert "30 Mar 2026, 31 Mar 2026" in got[0] and "30 Mar–5 Apr 2026" in got[0]
    assert "2 flexible days" in got[0] and "--previous" in got[0]


def test_a_period_ending_on_wednesday_names_thursday_and_friday_after_it():
    got = [w for w in _warnings(date(2026, 3, 2), date(2026, 3, 11)) if "inside the week" in w]
    assert len(got) == 1 and _is(MSG_ENDS_MIDWEEK, got[0])
    assert "12 Mar 2026, 13 Mar 2026" in got[0] and "Sunday 15 Mar 2026" in got[0]


def test_whole_weeks_and_scenarios_without_a_weekly_cap_give_no_warning():
    assert not [w for w in _warnings(date(2026, 3, 2), date(2026, 3, 13))
                if "inside the week" in w]
    # a period that starts on a Sunday has no working day in the cut week: nothing to warn
    assert not [w for w in _warnings(date(2026, 3, 1), date(2026, 3, 13))
                if "inside the week" in w]
    assert not [w for w in _warnings(date(2023, 8, 30), date(2023, 9, 6), "se-17-2023")
                if "inside the week" in w]
