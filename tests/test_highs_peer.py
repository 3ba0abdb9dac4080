"""The bench's HiGHS peer (issue 22): the MILP it solves is the CP-SAT builders' model,
translated exactly, and on small agencies it reaches the engine's Q0/Q1 optimum with a
roster the independent checker passes. No timed assertion."""

from __future__ import annotations

import random
from datetime import timedelta
from types import SimpleNamespace

import pytest
from ortools.sat.python import cp_model

from asn_scheduler.bench.matrix import PERIODS, REGION
from asn_scheduler.domain.model import Period
from asn_scheduler.engine import solve
from asn_scheduler.engine.settings import Settings
from asn_scheduler.generate import generate_agency
from asn_scheduler.scenario import load_scenario
from asn_scheduler.solver.goals import MAXIMISE, MINIMISE, Objective
from asn_scheduler.solver.highs import HighsPart


def _tiny(seed: int) -> tuple[cp_model.CpModel, list, Objective]:
    """A random model with every constraint form the builders post: ≤, ≥ and = rows,
    an implication to a negated literal (Q4's form), a clause with a negated literal and
    an enforced conjunction, over Booleans and one small integer."""
    rnd = random.Random(seed)
    m = cp_model.CpModel()
    xs = [m.new_bool_var("") for _ in range(12)]
    dev = m.new_int_var(0, 5, "")
    for _ in range(6):
        ids = rnd.sample(range(12), 4)
        m.add(sum(xs[i] for i in ids) <= rnd.randint(1, 3))
    m.add(sum(xs[:6]) >= 2)
    m.add(dev >= sum(xs[6:]) - 2)
    m.add(xs[0] + xs[11] == 1)
    m.add_implication(xs[1], xs[2].Not())
    m.add_bool_or([xs[3], xs[4].Not(), xs[5]])
    m.add_bool_and([xs[7], xs[8].Not()]).only_enforce_if(xs[9])
    coeffs = [rnd.randint(-3, 5) for _ in xs]
    sense = MAXIMISE if seed % 2 else MINIMISE
    expr = cp_model.LinearExpr.weighted_sum([*xs, dev], [*coeffs, -2]) + 7
    return m, [*xs, dev], Objective(expr, sense, True, 7)


@pytest.mark.parametrize("seed", range(8))
def test_the_milp_has_the_cpsat_models_optimum(seed: int) -> None:
    m, variables, obj = _tiny(seed)
    (m.maximize if obj.sense == MAXIMISE else m.minimize)(obj.expr)
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    assert s.solve(m) == cp_model.OPTIMAL
    want = s.objective_value
    pm = SimpleNamespace(model=m, solution=None, aux_hint={})
    got = HighsPart(pm).solve(obj, 10.0)  # type: ignore[arg-type]
    assert got.status == "ok" and got.proven
    assert got.value == pytest.approx(want) and got.bound == pytest.approx(want)
    # the roster HiGHS returns satisfies the CP-SAT model: fixing it leaves CP-SAT feasible
    m.clear_objective()
    for var, v in zip(variables, pm.solution.tolist(), strict=True):
        m.add(var == v)
    assert cp_model.CpSolver().solve(m) == cp_model.OPTIMAL


def test_an_infeasible_model_is_infeasible_and_an_empty_clause_too() -> None:
    m = cp_model.CpModel()
    x = m.new_bool_var("")
    m.add_bool_or([])  # what PartModel.at_most posts when a constant already breaks a cap
    pm = SimpleNamespace(model=m, solution=None, aux_hint={})
    assert HighsPart(pm).solve(Objective(x + 0, MAXIMISE, True), 5.0).status == "INFEASIBLE"  # type: ignore[arg-type]


def test_a_constraint_without_a_milp_form_is_refused() -> None:
    m = cp_model.CpModel()
    a, b, c = (m.new_int_var(0, 3, "") for _ in range(3))
    m.add_max_equality(a, [b, c])
    pm = SimpleNamespace(model=m, solution=None, aux_hint={})
    with pytest.raises(NotImplementedError):
        HighsPart(pm).solve(None, 1.0)  # type: ignore[arg-type]


def test_part_solver_must_be_one_the_engine_knows() -> None:
    with pytest.raises(ValueError, match="part_solver"):
        Settings(part_solver="gurobi")


@pytest.mark.parametrize("scenario", ["se-17-2023", "permenpanrb-4-2025"])
def test_highs_reaches_the_engines_q0_q1_optimum_with_a_checked_roster(scenario: str) -> None:
    start = PERIODS[scenario].start
    period = Period(start, start + timedelta(days=11))  # a fortnight: fast
    problem = generate_agency(60, seed=3, period=period, regions=(REGION,))
    sc = load_scenario(scenario)
    goals = ("Q0", "Q1", "Q2")
    ours = solve(problem, sc, goals=goals, settings=Settings(workers=1, time_limit=30))
    peer = solve(problem, sc, goals=goals,
                 settings=Settings(workers=1, time_limit=30, part_solver="highs"))
    assert peer.report is not None and not peer.report.hard_violations  # the checker's word
    a = {st.goal: st for st in ours.stages}
    b = {st.goal: st for st in peer.stages}
    for g in ("Q0", "Q1"):
        assert a[g].proven and b[g].proven, g
        assert b[g].objective == a[g].objective, g
    assert b["Q0"].objective > 0  # the world gives WFH days to decide
