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
