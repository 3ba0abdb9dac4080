"""Solve one part lexicographically with CP-SAT, or find why it is infeasible.

Stages follow the goal order: solve for the stage's objective (the previous roster as a
hint), then hold the objective at the value found — equal to the optimum when proven,
otherwise no worse than the best found, with the bound recorded — and go on. A higher goal
is therefore never traded for a lower one.

Determinism: small parts run on one CP-SAT worker; large ones on two with
``interleave_search`` (deterministic, and LNS needs two workers). Every stage's limit is a
*deterministic* time (a wall-clock limit of three times as much guards a stalled machine),
so the same data, goals and seed give the same roster.
"""

from __future__ import annotations

import time

import numpy as np
from ortools.sat.python import cp_model

from asn_scheduler.engine.part import CoreGroup, PartData, PartOutcome, StageFigure
from asn_scheduler.solver.builders import build_hard
from asn_scheduler.solver.goals import GOAL_BUILDERS, MAXIMISE, Objective
from asn_scheduler.solver.model import PartModel

LARGE_PART_CELLS = 20_000
"""Parts with more decision cells than this get two interleaved workers."""


def _solver(pm: PartModel, budget: float, seed: int) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    p = s.parameters
    large = len(pm.xs) > LARGE_PART_CELLS
    p.num_workers = 2 if large else 1
    p.interleave_search = large
    p.linearization_level = 2  # the LP is nearly integral here: use it fully
    # Measured: presolve costs more than it saves on these models, and on coupled
    # building parts it sent the search astray (a preference stage 50 s, unproven).
    p.cp_model_presolve = False
    p.random_seed = seed
    p.max_deterministic_time = max(budget, 0.05)
    p.max_time_in_seconds = 3 * max(budget, 0.05) + 1.0
    p.log_search_progress = False
    return s


def _hint(pm: PartModel) -> None:
    pm.model.clear_hints()
    if pm.solution is not None:
        n = len(pm.solution)
        extra = sorted((i, v) for i, v in pm.aux_hint.items() if i >= n)
        hint = pm.model.proto.solution_hint
        hint.vars.extend(list(range(n)) + [i for i, _ in extra])
        hint.values.extend(pm.solution.tolist() + [v for _, v in extra])


def _stage_budgets(total: float, n: int) -> float:
    return total / max(n, 1)


def solve_part(data: PartData, budget: float, seed: int = 0) -> PartOutcome:
    """Solve ``data`` through its goals within ``budget`` deterministic seconds.

    Returns OPTIMAL when every stage is proven, FEASIBLE when some is not, INFEASIBLE when
    the hard rules cannot hold (no core: see :func:`explain_part`), TIME_LIMIT when no
    roster was found, INVALID when CP-SAT rejects the model (a bug).
    """
    t0 = time.perf_counter()
    pm = PartModel(data)
    build_hard(pm)
    goals = [g for g in data.goals if g in GOAL_BUILDERS]
    for g in goals:
        prep = GOAL_BUILDERS[g].prepare
        if prep is not None:
            prep(pm)
    out = PartOutcome(status="OPTIMAL")
    left = budget
    status_first = None
    for k, g in enumerate(goals):
        builder = GOAL_BUILDERS[g]
        if builder.needs_solution and pm.solution is None:
            st = _run(pm, None, _stage_budgets(left, len(goals) - k + 1), seed)
            left -= st[1]
            if st[0] != "ok":
                return _finish(out, st[0], pm, t0)
        ts = time.perf_counter()
        obj = builder.objective(pm)
        if obj is None or not obj.has_terms:
            const = float(obj.constant) if obj is not None else 0.0
            out.stages.append(StageFigure(g, const, const, True, 0.0))
            continue
        st = _run(pm, obj, _stage_budgets(left, len(goals) - k), seed)
        left -= st[1]
        if st[0] != "ok":
            if pm.solution is None:
                return _finish(out, st[0], pm, t0)
            out.stages.append(StageFigure(g, float("nan"), float("nan"), False,
                                          time.perf_counter() - ts))
            out.status = "FEASIBLE"
            break
        value, bound, proven = st[2], st[3], st[4]
        out.stages.append(StageFigure(g, value, bound, proven, time.perf_counter() - ts))
        if not proven:
            out.status = "FEASIBLE"
        if k < len(goals) - 1:
            expr = obj.expr
            pm.model.add(expr >= round(value) if obj.sense == MAXIMISE else expr <= round(value))
        status_first = status_first or "ok"
    if pm.solution is None:
        st = _run(pm, None, max(left, 0.1), seed)
        if st[0] != "ok":
            return _finish(out, st[0], pm, t0)
    out.wfh = pm.wfh_values()
    return _finish(out, out.status, pm, t0)


def _finish(out: PartOutcome, status: str, pm: PartModel, t0: float) -> PartOutcome:
    out.status = status
    out.variables = len(pm.model.proto.variables)
    out.constraints = pm.n_constraints
    out.seconds = time.perf_counter() - t0
    return out


def _run(pm: PartModel, obj: Objective | None, budget: float, seed: int
         ) -> tuple[str, float, float, float, bool]:
    """One CP-SAT solve: (``ok`` or an outcome status, deterministic time used, objective,
    bound, proven)."""
    m = pm.model
    if obj is None:
        m.clear_objective()
    elif obj.sense == MAXIMISE:
        m.maximize(obj.expr)
    else:
        m.minimize(obj.expr)
    _hint(pm)
    s = _solver(pm, budget, seed)
    status = s.solve(m)
    used = s.deterministic_time
    if status == cp_model.INFEASIBLE:
        return "INFEASIBLE", used, 0.0, 0.0, False
    if status == cp_model.MODEL_INVALID:
        return "INVALID", used, 0.0, 0.0, False
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "TIME_LIMIT", used, 0.0, 0.0, False
    pm.solution = np.array(s.response_proto.solution, dtype=np.int64)
    if obj is None:
        return "ok", used, 0.0, 0.0, True
    value = float(s.objective_value)
    return "ok", used, value, float(s.best_objective_bound), status == cp_model.OPTIMAL


def explain_part(data: PartData, budget: float, max_cores: int = 5) -> list[list[CoreGroup]]:
    """Infeasible cores of ``data``'s hard rules, each a list of (rule, place, dates)
    groups that cannot all hold together; up to ``max_cores``, each shrunk by deletion
    while cheap. Empty when the part is feasible or nothing was found in time."""
    pm = PartModel(data, explain=True)
    build_hard(pm)
    keys = list(pm.guards)
    lits = [pm.guards[k] for k in keys]
    index_of = {lit.index: i for i, lit in enumerate(lits)}
    relaxed: set[int] = set()
    cores: list[list[CoreGroup]] = []
    per_try = max(budget / (max_cores * 4), 0.2)
    for _ in range(max_cores):
        active = [i for i in range(len(keys)) if i not in relaxed]
        core = _core(pm, lits, active, index_of, per_try)
        if not core:
            break
        core = _shrink(pm, lits, core, per_try / 4)
        cores.append([keys[i] for i in core])
        relaxed.update(core)
    return cores


def _infeasible_under(pm: PartModel, lits: list, chosen: list[int], budget: float,
                      index_of: dict[int, int] | None = None) -> list[int] | None:
    m = pm.model
    m.clear_assumptions()
    m.add_assumptions([lits[i] for i in chosen])
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.max_time_in_seconds = budget
    if s.solve(m) != cp_model.INFEASIBLE:
        return None
    if index_of is None:
        return chosen
    return sorted(index_of[v] for v in s.sufficient_assumptions_for_infeasibility()
                  if v in index_of)


def _core(pm: PartModel, lits: list, active: list[int], index_of: dict[int, int],
          budget: float) -> list[int]:
    got = _infeasible_under(pm, lits, active, budget, index_of)
    return got or []


def _shrink(pm: PartModel, lits: list, core: list[int], budget: float,
            max_tries: int = 40) -> list[int]:
    """Drop groups the core does not need (deletion filter), while tries last."""
    keep = list(core)
    for i in list(core)[:max_tries]:
        trial = [j for j in keep if j != i]
        if trial and _infeasible_under(pm, lits, trial, budget) is not None:
            keep = trial
    return keep
