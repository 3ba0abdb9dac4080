"""Weekly caps as values (issue 13): one derivation read by the engine and the checker,
and a weekly upper bound that holds for any number of caps."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pytest

from asn_scheduler.checker.facts import derive
from asn_scheduler.checker.fairness import weekly_upper_matrix
from asn_scheduler.domain import Period
from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.roster import Roster
from asn_scheduler.engine.context import compile_problem, resolve_dates
from asn_scheduler.generate import generate_agency
from asn_scheduler.rules.quality_defs import weekly_upper
from asn_scheduler.rules.weekly import F1, WEEKLY_CAPS, cap_for
from asn_scheduler.scenario.loader import load_scenario


def brute_force(avail: np.ndarray, weeks: np.ndarray, caps: list[np.ndarray]) -> int:
    """The definition itself: the largest set of available days within every cap's
    weekly limit (the smallest limit among the week's days it counts)."""
    total = 0
    for w in np.unique(weeks[avail]):
        days = np.flatnonzero(avail & (weeks == w))
        best = 0
        for n in range(len(days), 0, -1):
            for pick in itertools.combinations(days.tolist(), n):
                pick = np.array(pick)
                if all((c[pick] >= 0).sum() <= c[days][c[days] >= 0].min(initial=99)
                       for c in caps):
                    best = n
                    break
            if best:
                break
        total += best
    return total


def random_caps(rng: np.random.Generator, n_caps: int, n_days: int) -> list[np.ndarray]:
    return [np.where(rng.random(n_days) < 0.6, rng.integers(0, 4, n_days), -1)
            for _ in range(n_caps)]


@pytest.mark.parametrize("n_caps", [1, 2, 3, 4])
def test_weekly_upper_is_the_best_set_of_days_for_any_number_of_caps(n_caps):
    rng = np.random.default_rng(n_caps)
    weeks = np.repeat(np.arange(3), 7)
    for _ in range(60):
        avail = rng.random(21) < 0.7
        caps = random_caps(rng, n_caps, 21)
        assert weekly_upper(avail, weeks, *caps) == brute_force(avail, weeks, caps)


def test_two_caps_give_the_same_bound_by_the_greedy_fill_and_the_exact_search():
    rng = np.random.default_rng(7)
    weeks = np.repeat(np.arange(2), 7)
    none = np.full(14, -1)
    for _ in range(200):
        avail = rng.random(14) < 0.8
        a, b = random_caps(rng, 2, 14)
        assert weekly_upper(avail, weeks, a, b) == weekly_upper(avail, weeks, a, b, none)


def test_the_checkers_matrix_agrees_row_by_row_with_three_caps():
    rng = np.random.default_rng(3)
    weeks = np.repeat(np.arange(2), 7)
    avail = rng.random((12, 14)) < 0.7
    caps = [np.stack([random_caps(rng, 1, 14)[0] for _ in range(12)]) for _ in range(3)]
    got = weekly_upper_matrix(avail, weeks, *caps).sum(axis=1)
    assert got.tolist() == [weekly_upper(avail[i], weeks, *[c[i] for c in caps])
                            for i in range(12)]


@pytest.mark.parametrize(("scen", "period"), [
    ("se-17-2023", Period(date(2023, 8, 28), date(2023, 9, 27))),
    ("permenpanrb-4-2025", Period(date(2026, 3, 2), date(2026, 3, 31))),
    ("se-58-2020", None)])
def test_engine_and_checker_read_the_same_weekly_limits(scen, period):
    problem = generate_agency(120, seed=2, period=period)
    sc = load_scenario(scen)
    dates = resolve_dates(problem, sc)
    ctx = compile_problem(problem, sc, dates)
    codes = np.where(ctx.fixed < 0, int(Code.WFO), ctx.fixed).astype(np.int8)
    facts = derive(problem, sc, Roster(tuple(e.nip for e in problem.employees), dates, codes))
    assert [w.rule for w in ctx.weekly] == [c.rule for c in WEEKLY_CAPS]
    for wl in ctx.weekly:
        cap = cap_for(wl.rule)
        assert np.array_equal(wl.limit, facts.weekly_limit_uw(cap))
        assert np.array_equal(wl.counts, facts.weekly_limit_ud(cap) >= 0)
    f1 = ctx.weekly[0]
    assert f1.rule == F1.rule and np.array_equal(f1.limit, ctx.f1_limit)
    assert np.array_equal(f1.exempt, ctx.field_duty)  # F1 spares field duty
