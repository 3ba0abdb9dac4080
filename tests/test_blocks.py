"""The eligibility blocks compiled per group of alike staff are wfh_block cell by cell."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np
import pytest

from asn_scheduler.domain.model import Period
from asn_scheduler.engine.blocks import block_reasons
from asn_scheduler.engine.context import _seniors, compile_problem, resolve_dates
from asn_scheduler.generate import generate_agency
from asn_scheduler.parts.data import R
from asn_scheduler.rules.data import wfh_block
from asn_scheduler.scenario.loader import load_scenario

MARCH_2026 = Period(date(2026, 3, 2), date(2026, 3, 31))


@pytest.mark.parametrize("scen_name", ["permenpanrb-4-2025", "se-17-2023"])
def test_blocks_match_wfh_block_on_every_cell(scen_name):
    problem = generate_agency(150, seed=7, period=MARCH_2026)
    # some staff turn a year in position inside the period (F3 changes mid-month), some
    # are new throughout, some long settled
    emps = list(problem.employees)
    for i in range(0, len(emps), 3):
        start = MARCH_2026.start - timedelta(days=365 - 5 * (i % 9))
        emps[i] = dataclasses.replace(emps[i], position_start=start)
    problem = dataclasses.replace(problem, employees=tuple(emps))
    scen = load_scenario(scen_name)
    dates = resolve_dates(problem, scen, MARCH_2026.start, MARCH_2026.end)
    ctx = compile_problem(problem, scen, dates)
    seniors = _seniors(problem, ctx.policies)
    got = block_reasons(problem, dates, ctx.policies, ctx.policy_idx, ctx.working,
                        ctx.unit_rows, seniors)
    units = {u.code: (k, u) for k, u in enumerate(problem.units)}
    checked = new = 0
    for i, e in enumerate(problem.employees):
        u, unit = units[e.unit_code]
        for d in np.flatnonzero(ctx.working[u]):
            k = int(ctx.policy_idx[u, d])
            r = wfh_block(e, unit, dates[d], ctx.policies[k], seniors[k])
            assert got[i, d] == (R[r] if r else 0), (i, d, r)
            checked += 1
            new += r == "F3"
        assert not got[i, ~ctx.working[u]].any()
    assert checked > 1000
    assert new > 0 or scen_name != "permenpanrb-4-2025"
