"""CP-SAT for one part: one stage's solve, holding a goal, and infeasible cores.

The adapter does what it is told: :func:`run_stage` solves the part's model for one
objective within the limits it is given and reads the result back;
:func:`explain_part` finds why the hard rules cannot all hold. Which stages run, with
which budgets, is the engine's strategy (:mod:`asn_scheduler.engine.stages`).

Every call runs on one CP-SAT worker, so it is deterministic: it stops on deterministic
time or proof, or on the wall-clock limit only when the engine passes its run's
deadline. Symmetry detection is off: on these models it could spend a whole stage's wall
limit before the search began.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from asn_scheduler.parts.data import CoreGroup, PartData
from asn_scheduler.solver.builders import build_hard
from asn_scheduler.solver.goals import MAXIMISE, Objective
from asn_scheduler.solver.model import LinearExpr, PartModel, set_objective


@dataclass(frozen=True)
class StageSolve:
    """One stage's solve: ``status`` ``"ok"`` or a part status (``INFEASIBLE``,
    ``INVALID``, ``TIME_LIMIT`` = no solution), the objective's value and bound (in the
    goal's unit), whether it is proven, CP-SAT's deterministic seconds, and ``stopped``:
    the call ended on a limit, without a proof."""

    status: str
    value: float = 0.0
    bound: float = 0.0
    proven: bool = False
    dtime: float = 0.0
    stopped: bool = False


def _solver(pm: PartModel, dtime: float, wall: float, seed: int) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    p = s.parameters
    p.num_workers = 1
    p.linearization_level = 2  # the LP is nearly integral here (see run_stage)
    # Measured: presolve costs more than it saves on these models, and on coupled
    # building parts it sent the search astray (a preference stage 50 s, unproven).
    p.cp_model_presolve = False
    p.random_seed = seed
    p.max_deterministic_time = dtime
    if wall < float("inf"):
        p.max_time_in_seconds = wall
    p.log_search_progress = False
    p.symmetry_level = 0  # see the module doc
    return s


def _hint(pm: PartModel) -> None:
    pm.model.clear_hints()
    if pm.solution is None and pm.start is not None and pm.xs:
        hint = pm.model.proto.solution_hint
        hint.vars.extend(pm.x_index.tolist())
        hint.values.extend(pm.start_values().astype(int).tolist())
    elif pm.solution is not None:
        n = len(pm.solution)
        extra = sorted((i, v) for i, v in pm.aux_hint.items() if i >= n)
        hint = pm.model.proto.solution_hint
        hint.vars.extend(list(range(n)) + [i for i, _ in extra])
        hint.values.extend(pm.solution.tolist() + [v for _, v in extra])


def tie_break(pm: PartModel) -> cp_model.LinearExpr | None:
    """Cells that agree with the rotation hint (:attr:`PartModel.start`), or ``None``."""
    if pm.start is None or not pm.xs:
        return None
    want = pm.start_values()
    coeffs = np.where(want, 1, -1).tolist()
    return LinearExpr.weighted_sum(pm.xs, coeffs) + int((~want).sum())


def hold(pm: PartModel, obj: Objective, value: int) -> None:
    """Hold ``obj`` at ``value`` or better while the next goals are optimised."""
    pm.model.add(obj.expr >= value if obj.sense == MAXIMISE else obj.expr <= value)


def run_stage(pm: PartModel, obj: Objective | None, *, dtime: float, wall: float, seed: int,
              tie: cp_model.LinearExpr | None = None, stop_at_proof: bool = True,
              linearization: int | None = None) -> StageSolve:
    """One CP-SAT solve of the model with objective ``obj`` (``None``: feasibility),
    hinted with the current solution (or the rotation before the first), within
    ``dtime`` deterministic and ``wall`` wall-clock seconds (``inf``: none); the
    solution found becomes :attr:`PartModel.solution`. ``linearization``: CP-SAT's level
    (default 2, nearly integral LPs here).

    ``tie`` (cells agreeing with the rotation, 0..len(xs)) breaks ties among the stage's
    optima without ever trading the stage's own objective: the solve optimises
    ``M·obj ± tie`` with ``M`` > the largest ``tie``, and the stage's value and bound are
    recovered from it exactly."""
    m = pm.model
    # M = 2(n+1) and a gap limit of n: the solve stops once the stage's own goal is
    # proven (bound and value then agree after dividing by M); the tie-break is a
    # preference and needs no proof of its own, which Q0 and Q1 (never cut short by the
    # budget) would otherwise pursue up to their floor
    big = 2 * (len(pm.xs) + 1)
    if obj is None:
        m.clear_objective()
    elif obj.sense == MAXIMISE:
        set_objective(m, obj.expr * big + tie if tie is not None else obj.expr, True)
    else:
        set_objective(m, obj.expr * big - tie if tie is not None else obj.expr, False)
    _hint(pm)
    s = _solver(pm, dtime, wall, seed)
    if tie is not None and obj is not None and stop_at_proof:
        s.parameters.absolute_gap_limit = big // 2 - 1
    if linearization is not None:
        s.parameters.linearization_level = linearization
    status = s.solve(m)
    spent = float(s.deterministic_time)
    stopped = status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID)
    if status == cp_model.INFEASIBLE:
        return StageSolve("INFEASIBLE", dtime=spent)
    if status == cp_model.MODEL_INVALID:
        return StageSolve("INVALID", dtime=spent)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return StageSolve("TIME_LIMIT", dtime=spent, stopped=True)
    pm.solution = np.array(s.response_proto.solution, dtype=np.int64)
    if obj is None:
        return StageSolve("ok", proven=True, dtime=spent, stopped=stopped)
    if tie is None:
        return StageSolve("ok", float(s.objective_value), float(s.best_objective_bound),
                          status == cp_model.OPTIMAL, spent, stopped)
    value = float(s.value(obj.expr))
    # maximise M·obj + tie, tie ∈ [0, M−1]: obj ≤ bound / M; minimise M·obj − tie: obj ≥
    # (bound) / M (the tie part only lowers it)
    raw = s.best_objective_bound
    bound = float(np.floor(raw / big + 1e-9) if obj.sense == MAXIMISE
                  else np.ceil(raw / big - 1e-9)) + 0.0
    return StageSolve("ok", value, bound, status == cp_model.OPTIMAL or bound == value, spent,
                      stopped)


def explain_part(data: PartData, budget: float, max_cores: int = 5,
                 deadline: float = float("inf")) -> list[list[CoreGroup]]:
    """Infeasible cores of ``data``'s hard rules, each a list of (rule, place, dates)
    groups that cannot all hold together; up to ``max_cores``, each shrunk by deletion
    while cheap. Empty when the part is feasible or nothing was found in time. Each try
    stops on deterministic time (``budget`` shared), or at ``deadline``
    (``time.monotonic()``, the run's time limit)."""
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
        core = _core(pm, lits, active, index_of, per_try, deadline)
        if not core:
            break
        core = _shrink(pm, lits, core, per_try / 4, deadline)
        cores.append([keys[i] for i in core])
        relaxed.update(core)
    return cores


def _infeasible_under(pm: PartModel, lits: list, chosen: list[int], budget: float,
                      deadline: float, index_of: dict[int, int] | None = None
                      ) -> list[int] | None:
    m = pm.model
    m.clear_assumptions()
    m.add_assumptions([lits[i] for i in chosen])
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.max_deterministic_time = budget
    if deadline < float("inf"):
        s.parameters.max_time_in_seconds = max(deadline - time.monotonic(), 0.0) + 0.5
    s.parameters.linearization_level = 2
    s.parameters.cp_model_presolve = False  # as in solve_part: much faster here
    if s.solve(m) != cp_model.INFEASIBLE:
        return None
    if index_of is None:
        return chosen
    return sorted(index_of[v] for v in s.sufficient_assumptions_for_infeasibility()
                  if v in index_of)


def _core(pm: PartModel, lits: list, active: list[int], index_of: dict[int, int],
          budget: float, deadline: float) -> list[int]:
    got = _infeasible_under(pm, lits, active, budget, deadline, index_of)
    return got or []


def _shrink(pm: PartModel, lits: list, core: list[int], budget: float, deadline: float,
            max_tries: int = 40) -> list[int]:
    """Drop groups the core does not need (deletion filter), while tries last."""
    keep = list(core)
    for i in list(core)[:max_tries]:
        trial = [j for j in keep if j != i]
        if trial and _infeasible_under(pm, lits, trial, budget, deadline) is not None:
            keep = trial
    return keep
