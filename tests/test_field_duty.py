"""Field duty (PermenPANRB 4/2025 Ps 13): the exemption from the weekly cap *permits* more
days away from the office; under ``fill`` the plan gives field-duty staff the weekly
allowance of their colleagues, and the checker accepts more."""

from __future__ import annotations

from datetime import date

import numpy as np

from asn_scheduler.domain import Code, Period
from asn_scheduler.engine import solve
from asn_scheduler.generate import generate_agency
from asn_scheduler.scenario import load_scenario

MARCH_2026 = Period(date(2026, 3, 2), date(2026, 3, 31))


def test_no_field_duty_person_gets_more_than_the_weekly_allowance_under_fill():
    problem = generate_agency(300, seed=5, period=MARCH_2026)
    field = np.array([e.field_duty for e in problem.employees])
    assert field.sum() >= 5  # the generated agency has field-duty staff to test
    sc = load_scenario("permenpanrb-4-2025")
    r = solve(problem, sc, time_limit=20)
    assert r.report.compliant
    wfh = r.roster.codes == int(Code.WFH)
    weeks = np.array([d.isocalendar()[1] for d in r.roster.dates])
    limit = sc.policy.max_flex_days_per_week
    for w in np.unique(weeks):
        per_person = wfh[:, weeks == w].sum(axis=1)
        assert per_person[field].max() <= limit, f"ISO week {w}"
    # they are not held back either: field-duty staff free to work away get WFH days
    assert wfh[field].sum() > 0
    # and their fair share is the allowance, as for colleagues
    persons = [p for p, f in zip(r.report.persons, field, strict=True) if f]
    assert all(p.fair_share <= limit * len(np.unique(weeks)) for p in persons)


def test_published_extra_days_of_field_duty_stay_exempt_when_re_planning():
    # a published roster gave the field-duty officer 4 WFH days in the first week (allowed);
    # re-planning pins that week, so the plan exempts them from F1 to keep it, and no one else
    from worlds import FORTNIGHT, office, person, world

    from asn_scheduler.engine.context import DECIDE, compile_problem

    staff = [person(0, "A", field_duty=True), person(1, "A", field_duty=True), person(2, "A")]
    problem = world(staff, [office("A")])
    sc = load_scenario("permenpanrb-4-2025")
    dates = tuple(FORTNIGHT.days())
    assert not compile_problem(problem, sc, dates).field_duty.any()   # planned like colleagues
    pinned = np.full((3, len(dates)), DECIDE, dtype=np.int8)
    pinned[:, :5] = int(Code.WFO)
    pinned[0, :4] = int(Code.WFH)
    pinned[1, :2] = int(Code.WFH)
    assert compile_problem(problem, sc, dates, pinned).field_duty.tolist() == [True, False, False]


def test_field_duty_staff_take_more_days_when_the_office_cannot_do_without(tmp_path):
    """The colleagues' allowance is what the plan asks of field-duty staff, never a reason
    to leave an office without a roster: this generated agency's building needs some of
    them home on more days than F1 allows their colleagues (found by the batch tests)."""
    from datetime import date

    from asn_scheduler.checker import check
    from asn_scheduler.domain import Period
    from asn_scheduler.engine import solve
    from asn_scheduler.generate import generate_agency
    from asn_scheduler.scenario.loader import load_scenario

    problem = generate_agency(36, seed=105, period=Period(date(2026, 3, 2), date(2026, 3, 13)))
    sc = load_scenario("permenpanrb-4-2025")
    res = solve(problem, sc, time_limit=20, workers=1)
    assert res.status.has_roster, [c.text("en") for c in res.conflicts]
    assert check(problem, sc, res.roster, dates=res.roster.dates).compliant
