"""The checker's all-staff-at-once figures equal the one-person reference definitions of
:mod:`asn_scheduler.rules.quality_defs` (which the solver optimises) on random rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from test_checker_hard import plain
from worlds import MON, admin_unit, world

from asn_scheduler.checker import derive
from asn_scheduler.checker.fairness import weekly_upper_matrix
from asn_scheduler.checker.quality import maybe_outside_band
from asn_scheduler.checker.rotation import team_days, wfh_runs
from asn_scheduler.domain import Period, Roster
from asn_scheduler.rules import quality_defs as qd

N_DAYS = 15


def rows(n_days: int = N_DAYS, values: int = 7):
    return st.lists(st.integers(0, values - 1), min_size=n_days, max_size=n_days)


@settings(max_examples=150, deadline=None)
@given(codes=st.lists(rows(), min_size=1, max_size=6),
       work=st.lists(st.booleans(), min_size=N_DAYS, max_size=N_DAYS),
       limit=st.integers(1, 3))
def test_q3_runs_equal_the_reference_definition(codes, work, limit):
    c = np.array(codes, dtype=np.int8)
    w = np.tile(np.array(work, dtype=bool), (len(codes), 1))
    runs = wfh_runs(c == qd.WFH, w, limit)
    for i, row in enumerate(codes):
        ref = qd.wfh_runs(row, work)
        assert runs.longest[i] == qd.longest_run(row, work)
        assert runs.excess[i] == qd.run_excess(row, limit, work)
        assert runs.over[i] == sum(n > limit for n in ref)
    assert sum(n - limit for _, _, n in runs.long_runs) == runs.excess.sum()


@settings(max_examples=150, deadline=None)
@given(data=st.data(), n_people=st.integers(1, 4))
def test_q1_weekly_upper_equals_the_reference_definition(data, n_people):
    weeks = np.array(sorted(data.draw(st.lists(st.integers(0, 2), min_size=N_DAYS,
                                               max_size=N_DAYS))), dtype=np.intp)
    weeks = np.unique(weeks, return_inverse=True)[1]   # week indices 0..W-1, as the checker
    avail = np.array(data.draw(st.lists(st.lists(st.booleans(), min_size=N_DAYS,
                                                 max_size=N_DAYS),
                                        min_size=n_people, max_size=n_people)))
    caps = st.lists(st.lists(st.integers(-1, 3), min_size=N_DAYS, max_size=N_DAYS),
                    min_size=n_people, max_size=n_people)
    f1, goal = np.array(data.draw(caps)), np.array(data.draw(caps))
    got = weekly_upper_matrix(avail, weeks, f1, goal).sum(axis=1)
    for i in range(n_people):
        assert got[i] == qd.weekly_upper(avail[i], weeks, f1[i], goal[i])


@settings(max_examples=60, deadline=None)
@given(codes=st.lists(rows(12, 4), min_size=4, max_size=4), teams=st.lists(
    st.sampled_from([None, "Alfa", "Beta"]), min_size=4, max_size=4))
def test_q4_team_days_equal_the_reference_definition(codes, teams):
    unit, staff = admin_unit("A", 4)
    staff = [replace(e, team=t) for e, t in zip(staff, teams, strict=True)]
    p = world(staff, [unit], period=Period(MON, MON + timedelta(days=11)))
    days = p.period.days()
    c = np.array(codes, dtype=np.int8)
    f = derive(p, plain(), Roster([e.nip for e in staff], days, c))
    got = team_days(f)
    for k, (_unit, name) in enumerate(got.keys):
        members = [i for i, t in enumerate(teams) if t and t.lower() == name]
        ref = qd.team_days(c[members], f.working_ud[0])
        assert (got.shared[k], got.counted[k]) == ref
    assert sorted(n for _, n in got.keys) == sorted({t.lower() for t in teams if t})


@settings(max_examples=200, deadline=None)
@given(wfh=st.lists(st.integers(0, 12), min_size=1, max_size=20), data=st.data())
def test_q1_prefilter_never_hides_a_person_outside_the_fair_band(wfh, data):
    # shares near whole numbers (float noise either side) are the risky ones
    base = st.integers(0, 12).map(float)
    noisy = st.tuples(st.integers(0, 12), st.sampled_from([-1e-7, -1e-10, 0.0, 1e-10, 1e-7])
                      ).map(lambda t: t[0] + t[1])
    shares = data.draw(st.lists(st.one_of(base, noisy, st.floats(0, 12)),
                                min_size=len(wfh), max_size=len(wfh)))
    flagged = maybe_outside_band(np.array(wfh), np.array(shares))
    for i, (w, f) in enumerate(zip(wfh, shares, strict=True)):
        if qd.band_distance(w, f) > 0:
            assert flagged[i]
