"""One part's lexicographic stages: the strategy that drives the CP-SAT adapter.

Stages follow the goal order: solve for the stage's objective (the previous roster as a
hint), then hold the objective at the value found — equal to the optimum when proven,
otherwise no worse than the best found, with the bound recorded — and go on. A higher goal
is therefore never traded for a lower one. The models and the CP-SAT calls are the
solver's (:mod:`asn_scheduler.solver.cpsat`); what to solve, in what order, with which
budget, and when a constructive roster makes a solve unnecessary is decided here.

Determinism: every part runs on one CP-SAT worker (deterministic by construction, and one
core per part process), and every stage stops on *deterministic* time, counted work or
proof, never on the wall clock, so the same data, goals, seed and budget give the same
roster on a quiet or a loaded machine. The one wall-clock limit is the run's
``deadline`` (the planner's ``time_limit``): a call still running then is cut and the
part records it (``cut``). Two interleaved workers (the other deterministic option,
which brings LNS) were measured on an 800-staff unit under PermenPANRB 4/2025: within
60 s they left Q0 unproven (6,394 of 6,400 WFH days) where one worker proved it, so they
are not used.

Speed (issue 5, measured with ``asn-scheduler bench``): the first solve is hinted with a
constructive rotation (:mod:`asn_scheduler.engine.rotation`) and Q0–Q2 break their ties
towards it, so the rosters reaching Q3 already keep their weekdays; Q2–Q4 then share a
budget in proportion to the part's size (``effort``). Before Q2, a constructive repair
(:mod:`asn_scheduler.engine.pref_repair`) moves WFH days onto preferred weekdays, so the
parts whose Q2 solve gets little or no time at scale still honour preferences; at Q2's
max-flow bound it proves Q2 without a solve (issue 22).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from asn_scheduler.engine.fair_repair import band_deviation, repair_fairness
from asn_scheduler.engine.part_check import broken_rules, repair_hard, wfh_upper_bound
from asn_scheduler.engine.pref_repair import repair_preferences
from asn_scheduler.engine.rotation import rotation_hint
from asn_scheduler.engine.settings import DEFAULT, Settings
from asn_scheduler.parts.data import DECIDE, PartData, PartOutcome, PartStatus, StageFigure
from asn_scheduler.solver.bounds import q1_lower_bound
from asn_scheduler.solver.builders import build_hard
from asn_scheduler.solver.cpsat import StageSolve, hold, run_stage, tie_break
from asn_scheduler.solver.goals import (
    GOAL_BUILDERS,
    Objective,
    fair_targets,
    objective_q3,
    objective_q4,
)
from asn_scheduler.solver.model import PartModel
from asn_scheduler.solver.quality_bounds import (
    box_bound,
    held_bound,
    q2_upper_bound,
    roster_value,
)


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

    def after(self, st: StageSolve) -> None:
        """Note a call that ended unproven at or after the deadline: the wall clock, not
        its deterministic limit, may have stopped it."""
        if st.stopped and time.monotonic() >= self.deadline:
            self.cut = True


def solve_part(data: PartData, budget: float, settings: Settings = DEFAULT, *,
               effort: float = float("inf"), deadline: float = float("inf")) -> PartOutcome:
    """Solve ``data`` through its goals within ``budget`` deterministic seconds, of which
    the goals of ``settings.effort_goals`` share at most ``effort`` × the decision cells
    (seed and tuning from ``settings``). ``deadline`` (``time.monotonic()``) is the run's
    wall-clock limit: reached, it cuts the part and ``cut`` says so.

    Returns OPTIMAL when every stage is proven, FEASIBLE when some is not, INFEASIBLE when
    the hard rules cannot hold (no core: see
    :func:`~asn_scheduler.solver.cpsat.explain_part`), TIME_LIMIT when no
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
    out = PartOutcome(status=PartStatus.OPTIMAL)
    tie = tie_break(pm)
    # building the model is charged as one call (Python work CP-SAT's deterministic time
    # does not count): a part whose budget it spends skips the effort goals, as counted
    # work rather than a wall-clock reading decides
    clock = _Clock(budget - cfg.call_cost, deadline, effort * data.n_decisions)
    too_small = False  # a stage's share fell below min_effort_call: the effort rest skip
    for k, g in enumerate(goals):
        builder = GOAL_BUILDERS[g]
        capped = (sum(x in cfg.effort_goals for x in goals[k:]) if g in cfg.effort_goals
                  else 0)
        if g == "Q2":  # counted work, charged as the effort goals' time it replaces
            spent = cfg.pref_repair_cost * _repair_preferences(pm, cfg)
            clock.left -= spent
            clock.quality -= spent
        if pm.solution is not None and capped and (clock.spent or clock.quality <= 0
                                                   or too_small):
            fig = _unsolved(pm, g, cfg, _held(out))
            out.stages.append(fig)
            if not fig.proven:
                out.status = PartStatus.FEASIBLE
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
                hold(pm, obj, v)
            continue
        if obj is None or not obj.has_terms:
            const = float(obj.constant) if obj is not None else 0.0
            out.stages.append(StageFigure(g, const, const, True, 0.0))
            continue
        cheap = _stage_figures(pm, g, obj, cfg, _held(out)) if g in cfg.effort_goals else None
        met = cheap[0] if cheap is not None and cheap[0] == cheap[1] else None
        if met is not None:  # the roster already meets the goal's cheap bound
            out.stages.append(StageFigure(g, met, met, True, time.perf_counter() - ts))
            if g == "Q2" and cfg.use_pref_repair and capped:
                # charged as the call it replaces; its share saved or passed (see Settings)
                clock.quality -= (cfg.call_cost
                                  + (1 - cfg.pref_share_passed) * clock.quality / capped)
                clock.left -= cfg.call_cost
            if k < len(goals) - 1:
                hold(pm, obj, round(met))
            continue
        if fair is not None:  # repaired to its lower bound: proven without a solve
            out.stages.append(StageFigure(g, float(fair), float(fair), True,
                                          time.perf_counter() - ts))
            if k < len(goals) - 1:
                hold(pm, obj, fair)
            continue
        if (capped and g in cfg.min_call_goals
                and clock.left / (len(goals) - k) < cfg.min_effort_call):
            too_small = True  # too little search to pay a call's set-up: report, skip
            nan = float("nan")  # the figures just computed (NaN without the bounds)
            value, bound = cheap if cheap is not None else (nan, nan)
            out.stages.append(StageFigure(g, value, bound, False, time.perf_counter() - ts))
            out.status = PartStatus.FEASIBLE
            continue
        st = _run(pm, obj, clock, len(goals) - k, cfg,
                  tie=tie if g in cfg.tie_break_goals else None, capped_left=capped,
                  must=g not in cfg.effort_goals)
        if st.status != "ok":
            if pm.solution is None:
                return _finish(out, st.status, pm, t0, clock)
            out.stages += [StageFigure(x, float("nan"), float("nan"), False, 0.0)
                           for x in goals[k:]]
            out.status = PartStatus.FEASIBLE
            break
        out.stages.append(StageFigure(g, st.value, st.bound, st.proven,
                                      time.perf_counter() - ts))
        if not st.proven:
            out.status = PartStatus.FEASIBLE
        if k < len(goals) - 1:  # hold this goal while the next ones are optimised
            hold(pm, obj, round(st.value))
    if pm.solution is None:
        st = _run(pm, None, clock, 1, cfg)
        if st.status != "ok":
            return _finish(out, st.status, pm, t0, clock)
    out.wfh = pm.wfh_values()
    return _finish(out, out.status, pm, t0, clock)


_EVALUATE = {"Q3": lambda pm: objective_q3(pm, build=False),
             "Q4": lambda pm: objective_q4(pm, build=False)}


def _held(out: PartOutcome) -> dict[str, float]:
    """The goals held so far (each at its stage's value) and those values."""
    return {st.goal: st.objective for st in out.stages if np.isfinite(st.objective)}


def _cheap(pm: PartModel, g: str, obj: Objective, held: Mapping[str, float],
           settings: Settings) -> tuple[float, float]:
    """(value on the current roster, cheap bound) of effort goal ``g``
    (:mod:`asn_scheduler.solver.quality_bounds`), ``held``: the goals held before it
    (read with ``settings.use_held_bounds``)."""
    value = roster_value(pm, obj)
    if g == "Q2":
        return value, float(q2_upper_bound(pm.data))
    return value, held_bound(pm, g, box_bound(pm, obj), held if settings.use_held_bounds
                             else None)


def _unsolved(pm: PartModel, g: str, settings: Settings, held: Mapping[str, float]
              ) -> StageFigure:
    """A skipped effort stage: the roster's value and the goal's cheap bound (proven when
    they meet), or NaN without ``use_quality_bounds``."""
    nan = float("nan")
    if not settings.use_quality_bounds or pm.data.published is not None:
        return StageFigure(g, nan, nan, False, 0.0)
    ts = time.perf_counter()
    # Q3 and Q4 evaluated without adding their auxiliaries and rows to the model: a
    # thousand skipped parts would otherwise pay the builders for nothing
    evaluate = _EVALUATE.get(g)
    obj = evaluate(pm) if evaluate is not None else GOAL_BUILDERS[g].objective(pm)
    if obj is None or not obj.has_terms:
        const = float(obj.constant) if obj is not None else 0.0
        return StageFigure(g, const, const, True, 0.0)
    if obj.figures is not None:
        value, bound = obj.figures
        bound = held_bound(pm, g, bound, held if settings.use_held_bounds else None)
    else:
        value, bound = _cheap(pm, g, obj, held, settings)
    return StageFigure(g, value, bound, value == bound, time.perf_counter() - ts)


def _stage_figures(pm: PartModel, g: str, obj: Objective, settings: Settings,
                   held: Mapping[str, float]) -> tuple[float, float] | None:
    """Before an effort stage's solve: (the roster's value, the goal's cheap bound), or
    None without ``use_quality_bounds``. When they meet, no solve can improve the roster;
    when not, for Q4 the bound is added to the model (a valid redundant constraint)."""
    if not settings.use_quality_bounds or pm.solution is None or pm.data.published is not None:
        return None
    value, bound = _cheap(pm, g, obj, held, settings)
    if value == bound:
        return value, bound
    if g == "Q4" and settings.use_held_bounds:
        # the bound holds on every roster the stage may return: stated to CP-SAT, its LP
        # starts from it. Measured at 1,000 staff: Q4 bounds 598 → 538 (PermenPANRB) and
        # 1,088 → 1,066 (SE 17), 8 → 6 parts unproven under SE 17; stated for Q3 too, it
        # only changed CP-SAT's path (SE 17 Q3 2,672 → 2,677), so it is not
        pm.model.add(obj.expr <= round(bound))
    return value, bound


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
    pm.solution = None
    pm.set_cells(choice)
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
    new = repair_fairness(d, wfh, share, available)
    pm.set_cells(new)
    dev = band_deviation(new, d.open_cells(), share, available)
    if dev == 0 or (settings.use_q1_bound and dev == q1_lower_bound(d, new, share, available)):
        return dev
    return None


def _repair_preferences(pm: PartModel, settings: Settings) -> int:
    """Before the Q2 stage (skipped or not): move WFH days onto preferred weekdays
    within each person's ISO weeks
    (:func:`~asn_scheduler.engine.pref_repair.repair_preferences`) in the current
    solution. Q0, Q1 and every hard rule keep their values; a roster that then meets
    Q2's max-flow bound is proven by :func:`_stage_figures` without a solve. Returns the
    repair's counted work."""
    d = pm.data
    if (not settings.use_pref_repair or pm.solution is None or not pm.xs
            or d.published is not None or d.pinned_open is not None):
        return 0
    wfh = pm.wfh_values()
    new, work = repair_preferences(d, wfh)
    if (new != wfh).any():
        pm.set_cells(new)
    return work


def _finish(out: PartOutcome, status: str, pm: PartModel, t0: float, clock: _Clock
            ) -> PartOutcome:
    out.status = PartStatus(status)
    out.cut = clock.cut
    out.variables = pm.n_variables
    out.constraints = pm.n_constraints
    out.seconds = time.perf_counter() - t0
    return out


def _run(pm: PartModel, obj: Objective | None, clock: _Clock, stages_left: int,
         cfg: Settings, tie: object | None = None, capped_left: int = 0,
         must: bool = False) -> StageSolve:
    """One CP-SAT solve (:func:`~asn_scheduler.solver.cpsat.run_stage`) with the limits
    of ``clock``, charged to it: ``must`` stages (Q0, Q1, Q5) and the first solve (a part
    without one has no roster at all) get at least ``cfg.first_floor``."""
    dtime, wall = clock.stage(stages_left,
                              cfg.first_floor if pm.solution is None or must else 0.01,
                              capped_left)
    st = run_stage(pm, obj, dtime=dtime, wall=wall, seed=cfg.seed, tie=tie,
                   stop_at_proof=cfg.stop_at_proof,
                   linearization=cfg.must_linearization if must else None)
    clock.after(st)
    clock.left -= st.dtime + cfg.call_cost
    if capped_left:
        clock.quality -= st.dtime + cfg.call_cost
    return st
