"""Solve one part lexicographically with CP-SAT, or find why it is infeasible.

Stages follow the goal order: solve for the stage's objective (the previous roster as a
hint), then hold the objective at the value found — equal to the optimum when proven,
otherwise no worse than the best found, with the bound recorded — and go on. A higher goal
is therefore never traded for a lower one.

Determinism: every part runs on one CP-SAT worker (deterministic by construction, and one
core per part process), and every stage stops on *deterministic* time or proof, never on
the wall clock, so the same data, goals, seed and budget give the same roster on a quiet
or a loaded machine. The one wall-clock limit is the run's ``deadline`` (the planner's
``time_limit``): a call still running then is cut and the part records it (``cut``).
Two interleaved workers (the other deterministic option, which brings LNS) were
measured on an 800-staff unit under PermenPANRB 4/2025: within 60 s they left Q0 unproven
(6,394 of 6,400 WFH days) where one worker proved it, so they are not used.

Speed (issue 5, measured with ``asn-scheduler bench``): the first solve is hinted with a
constructive rotation (:mod:`asn_scheduler.engine.rotation`) and Q0–Q2 break their ties
towards it, so the rosters reaching Q3 already keep their weekdays; Q2–Q4 then share a
budget in proportion to the part's size (``effort``). Symmetry detection is off: on
these models it could spend a whole stage's wall limit before the search began.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from asn_scheduler.engine.context import DECIDE
from asn_scheduler.engine.fair_repair import band_deviation, repair_fairness
from asn_scheduler.engine.part_check import broken_rules, repair_hard, wfh_upper_bound
from asn_scheduler.engine.rotation import rotation_hint
from asn_scheduler.engine.settings import DEFAULT, Settings
from asn_scheduler.parts.data import CoreGroup, PartData, PartOutcome, StageFigure
from asn_scheduler.solver.bounds import q1_lower_bound
from asn_scheduler.solver.builders import build_hard
from asn_scheduler.solver.goals import (
    GOAL_BUILDERS,
    MAXIMISE,
    Objective,
    _week_goal_caps,
    fair_targets,
)
from asn_scheduler.solver.model import LinearExpr, PartModel


@dataclass
class _Clock:
    """A part's deterministic budget, and the run's wall-clock ``deadline``
    (``time.monotonic()``; ``inf``: none) that only a run reaching the planner's time
    limit meets: then ``cut`` is set."""

    left: float
    deadline: float = float("inf")
    quality: float = float("inf")
    cut: bool = False

    def stage(self, stages_left: int, floor: float = 0.05, capped_left: int = 0
              ) -> tuple[float, float]:
        """(deterministic, wall) limits of the next stage: an even share of what is left
        (unused time carries forward to later stages), at least ``floor``; a stage of
        ``effort_goals`` (``capped_left`` of them still to run) also takes no more
        than its even share of :attr:`quality`."""
        dtime = max(self.left / max(stages_left, 1), floor)
        if capped_left:
            dtime = min(dtime, max(self.quality / capped_left, floor))
        wall = max(self.deadline - time.monotonic(), floor)
        return dtime, wall + 0.2

    @property
    def spent(self) -> bool:
        """Nothing left: the remaining goals are skipped (the roster so far stands). Past
        the deadline with budget left, the time limit cut the part (``cut``)."""
        if self.left <= 0:
            return True
        if time.monotonic() >= self.deadline:
            self.cut = True
            return True
        return False

    def after(self, status: int) -> None:
        """Note a call that ended unproven at or after the deadline: the wall clock, not
        its deterministic limit, may have stopped it."""
        if (status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID)
                and time.monotonic() >= self.deadline):
            self.cut = True


def _solver(pm: PartModel, dtime: float, wall: float, seed: int) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    p = s.parameters
    p.num_workers = 1
    p.linearization_level = 2  # the LP is nearly integral here (see must_linearization)
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


def solve_part(data: PartData, budget: float, settings: Settings = DEFAULT, *,
               effort: float = float("inf"), deadline: float = float("inf")) -> PartOutcome:
    """Solve ``data`` through its goals within ``budget`` deterministic seconds, of which
    the goals of ``settings.effort_goals`` share at most ``effort`` × the decision cells
    (seed and tuning from ``settings``). ``deadline`` (``time.monotonic()``) is the run's
    wall-clock limit: reached, it cuts the part and ``cut`` says so.

    Returns OPTIMAL when every stage is proven, FEASIBLE when some is not, INFEASIBLE when
    the hard rules cannot hold (no core: see :func:`explain_part`), TIME_LIMIT when no
    roster was found, INVALID when CP-SAT rejects the model (a bug). A stage that finds
    nothing better than its hint in time keeps the previous roster; later stages are then
    skipped (their figures are NaN). Once the budget is spent, stages of
    ``effort_goals`` are skipped (NaN); the others always run (``first_floor``).
    Before Q1, the roster is repaired towards the fair bands
    (:mod:`asn_scheduler.engine.fair_repair`); at zero deviation, or at the
    flow bound of :mod:`asn_scheduler.solver.bounds`, Q1 needs no solve. Under ``fill``, Q0
    needs none where the filled rotation reaches its bound (:func:`_q0_by_bound`).
    """
    t0 = time.perf_counter()
    cfg = settings
    pm = PartModel(data)
    build_hard(pm)
    if data.slot is not None and cfg.use_rotation_hint:
        pm.start = rotation_hint(data, data.slot)
    goals = [g for g in data.goals if g in GOAL_BUILDERS]
    for g in goals:
        prep = GOAL_BUILDERS[g].prepare
        if prep is not None:
            prep(pm)
    out = PartOutcome(status="OPTIMAL")
    tie = _tie_break(pm)
    # building the model is charged as one call (Python work CP-SAT's deterministic time
    # does not count): a part whose budget it spends skips the effort goals, as counted
    # work rather than a wall-clock reading decides
    clock = _Clock(budget - cfg.call_cost, deadline, effort * data.n_decisions)
    for k, g in enumerate(goals):
        builder = GOAL_BUILDERS[g]
        capped = (sum(x in cfg.effort_goals for x in goals[k:]) if g in cfg.effort_goals
                  else 0)
        if pm.solution is not None and capped and (clock.spent or clock.quality <= 0):
            out.stages.append(StageFigure(g, float("nan"), float("nan"), False, 0.0))
            out.status = "FEASIBLE"
            continue
        if builder.needs_solution and pm.solution is None:
            st = _run(pm, None, clock, len(goals) - k + 1, cfg)
            if st.status != "ok":
                return _finish(out, st.status, pm, t0, clock)
        ts = time.perf_counter()
        fair = _repair_fairness(pm, cfg) if g == "Q1" else None
        obj = builder.objective(pm)
        v = _q0_by_bound(pm, cfg) if g == "Q0" and obj is not None and obj.has_terms else None
        if v is not None:  # the rotation reached the bound: proven without a solve
            out.stages.append(StageFigure(g, float(v), float(v), True, time.perf_counter() - ts))
            if k < len(goals) - 1:
                pm.model.add(obj.expr >= v)
            continue
        if obj is None or not obj.has_terms:
            const = float(obj.constant) if obj is not None else 0.0
            out.stages.append(StageFigure(g, const, const, True, 0.0))
            continue
        if fair is not None:  # repaired to its lower bound: proven without a solve
            out.stages.append(StageFigure(g, float(fair), float(fair), True,
                                          time.perf_counter() - ts))
            if k < len(goals) - 1:
                pm.model.add(obj.expr <= fair)
            continue
        st = _run(pm, obj, clock, len(goals) - k, cfg,
                  tie=tie if g in cfg.tie_break_goals else None, capped_left=capped,
                  must=g not in cfg.effort_goals)
        if st.status != "ok":
            if pm.solution is None:
                return _finish(out, st.status, pm, t0, clock)
            out.stages += [StageFigure(x, float("nan"), float("nan"), False, 0.0)
                           for x in goals[k:]]
            out.status = "FEASIBLE"
            break
        out.stages.append(StageFigure(g, st.value, st.bound, st.proven,
                                      time.perf_counter() - ts))
        if not st.proven:
            out.status = "FEASIBLE"
        if k < len(goals) - 1:  # hold this goal while the next ones are optimised
            v = round(st.value)
            pm.model.add(obj.expr >= v if obj.sense == MAXIMISE else obj.expr <= v)
    if pm.solution is None:
        st = _run(pm, None, clock, 1, cfg)
        if st.status != "ok":
            return _finish(out, st.status, pm, t0, clock)
    out.wfh = pm.wfh_values()
    return _finish(out, out.status, pm, t0, clock)


def _q0_by_bound(pm: PartModel, settings: Settings) -> int | None:
    """Before the first solve, under ``fill``: the rotation, repaired and filled
    (:func:`~asn_scheduler.engine.part_check.repair_hard`), as the roster when it meets
    every hard rule and reaches the WFH upper bound
    (:func:`~asn_scheduler.engine.part_check.wfh_upper_bound`); Q0 is then proven
    without a solve. The Q0 value when it did (``pm.solution`` is then set), else None."""
    d = pm.data
    if (not settings.use_q0_bound or pm.start is None or pm.solution is not None
            or d.published is not None or d.pinned_open is not None):
        return None
    choice = repair_hard(d, pm.start, fill=True)
    value = int((choice & (d.fixed == DECIDE)).sum())
    if value != wfh_upper_bound(d) or broken_rules(d, choice):
        return None
    sol = np.zeros(len(pm.model.proto.variables), dtype=np.int64)
    ids = pm.vid >= 0
    sol[pm.x_index[pm.vid[ids]]] = choice[ids]
    pm.solution = sol
    return value


def _repair_fairness(pm: PartModel, settings: Settings) -> int | None:
    """Before the Q1 stage: move WFH days within units towards the fair bands
    (:func:`~asn_scheduler.engine.fair_repair.repair_fairness`) in the current solution.
    The deviation when it is then proven optimal — zero, or equal to the min-cost-flow
    bound (:func:`~asn_scheduler.solver.bounds.q1_lower_bound`; no solve is needed) —
    else None."""
    d = pm.data
    if (not settings.use_fair_repair or pm.solution is None or not pm.xs or d.published is not None
            or d.pinned_open is not None):
        return None
    wfh = pm.wfh_values()
    available, share = fair_targets(pm, wfh)
    new = repair_fairness(d, wfh, share, available, _week_goal_caps(pm))
    ids = pm.vid >= 0
    pm.solution[pm.x_index[pm.vid[ids]]] = new[ids].astype(np.int64)
    dev = band_deviation(new, d.open_cells(), share, available)
    if dev == 0 or (settings.use_q1_bound and dev == q1_lower_bound(d, new, share, available)):
        return dev
    return None


def _finish(out: PartOutcome, status: str, pm: PartModel, t0: float, clock: _Clock
            ) -> PartOutcome:
    out.status = status
    out.cut = clock.cut
    out.variables = len(pm.model.proto.variables)
    out.constraints = pm.n_constraints
    out.seconds = time.perf_counter() - t0
    return out


@dataclass(frozen=True)
class _Stage:
    status: str            # "ok" or an outcome status
    value: float = 0.0
    bound: float = 0.0
    proven: bool = False


def _tie_break(pm: PartModel) -> cp_model.LinearExpr | None:
    """Cells that agree with the rotation hint (:attr:`PartModel.start`), or ``None``."""
    if pm.start is None or not pm.xs:
        return None
    want = pm.start_values()
    coeffs = np.where(want, 1, -1).tolist()
    return LinearExpr.weighted_sum(pm.xs, coeffs) + int((~want).sum())


def _run(pm: PartModel, obj: Objective | None, clock: _Clock, stages_left: int,
         cfg: Settings, tie: cp_model.LinearExpr | None = None, capped_left: int = 0,
         must: bool = False) -> _Stage:
    """One CP-SAT solve of the model with objective ``obj`` (``None``: feasibility).

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
        m.maximize(obj.expr * big + tie if tie is not None else obj.expr)
    else:
        m.minimize(obj.expr * big - tie if tie is not None else obj.expr)
    _hint(pm)
    # the first solve must find a roster: a part without one has none at all
    s = _solver(pm, *clock.stage(stages_left,
                                 cfg.first_floor if pm.solution is None or must else 0.01,
                                 capped_left), cfg.seed)
    if tie is not None and obj is not None and cfg.stop_at_proof:
        s.parameters.absolute_gap_limit = big // 2 - 1
    if must and cfg.must_linearization is not None:
        s.parameters.linearization_level = cfg.must_linearization
    status = s.solve(m)
    clock.after(status)
    clock.left -= s.deterministic_time + cfg.call_cost
    if capped_left:
        clock.quality -= s.deterministic_time + cfg.call_cost
    if status == cp_model.INFEASIBLE:
        return _Stage("INFEASIBLE")
    if status == cp_model.MODEL_INVALID:
        return _Stage("INVALID")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _Stage("TIME_LIMIT")
    pm.solution = np.array(s.response_proto.solution, dtype=np.int64)
    if obj is None:
        return _Stage("ok", proven=True)
    if tie is None:
        return _Stage("ok", float(s.objective_value), float(s.best_objective_bound),
                      status == cp_model.OPTIMAL)
    value = float(s.value(obj.expr))
    # maximise M·obj + tie, tie ∈ [0, M−1]: obj ≤ bound / M; minimise M·obj − tie: obj ≥
    # (bound) / M (the tie part only lowers it)
    raw = s.best_objective_bound
    bound = float(np.floor(raw / big + 1e-9) if obj.sense == MAXIMISE
                  else np.ceil(raw / big - 1e-9)) + 0.0
    return _Stage("ok", value, bound, status == cp_model.OPTIMAL or bound == value)


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
