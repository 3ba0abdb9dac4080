"""One part's lexicographic stages on HiGHS: the bench's MILP peer (``part_solver="highs"``).

The same goals in the same order as :func:`~asn_scheduler.engine.stages.solve_part`, on
the same model (:mod:`asn_scheduler.solver.highs` reads it from the CP-SAT builders), held
the same way (a goal is held at the value found before the next is optimised). What the
peer leaves out is the engine's own craft: no rotation hint, no fairness repair, no bound
that proves a goal without a solve, no tie-breaking towards a rotation — a MILP as a
user would pose it. Q0 and Q1 (the goals outside ``effort_goals``) may use the time up to
the run's deadline; the effort goals share what is left of the part's budget, converted
to wall seconds (``wall_per_dtime``), as CP-SAT's stages do. HiGHS stops on the wall
clock, so the peer's roster is deterministic only when every stage ends on a proof.
"""

from __future__ import annotations

import time

from asn_scheduler.engine.settings import DEFAULT, Settings
from asn_scheduler.parts.data import PartData, PartOutcome, PartStatus, StageFigure
from asn_scheduler.solver.builders import build_hard
from asn_scheduler.solver.cpsat import hold
from asn_scheduler.solver.goals import GOAL_BUILDERS
from asn_scheduler.solver.highs import HighsPart
from asn_scheduler.solver.model import PartModel


def solve_part_highs(data: PartData, budget: float, settings: Settings = DEFAULT, *,
                     deadline: float = float("inf")) -> PartOutcome:
    """Solve ``data`` through its goals with HiGHS within ``budget`` deterministic
    seconds' worth of wall time (× ``settings.wall_per_dtime``) and the run's
    ``deadline`` (``time.monotonic()``). Statuses as
    :func:`~asn_scheduler.engine.stages.solve_part`: OPTIMAL when every stage is
    proven, FEASIBLE when some is not (a skipped stage is NaN), INFEASIBLE, TIME_LIMIT."""
    t0 = time.perf_counter()
    pm = PartModel(data)
    build_hard(pm)
    goals = [g for g in data.goals if g in GOAL_BUILDERS]
    for g in goals:
        prep = GOAL_BUILDERS[g].prepare
        if prep is not None:
            prep(pm)
    hp = HighsPart(pm, settings.seed)
    out = PartOutcome(status=PartStatus.OPTIMAL)
    left = budget * settings.wall_per_dtime

    def finish(status: PartStatus) -> PartOutcome:
        out.status = status
        out.variables = pm.n_variables
        out.constraints = pm.n_constraints
        out.seconds = time.perf_counter() - t0
        if pm.solution is not None and status.value in ("OPTIMAL", "FEASIBLE"):
            out.wfh = pm.wfh_values()
        return out

    for k, g in enumerate(goals):
        builder = GOAL_BUILDERS[g]
        must = g not in settings.effort_goals
        to_deadline = deadline - time.monotonic()
        if pm.solution is not None and not must and (left <= 0 or to_deadline <= 0):
            out.stages += [StageFigure(x, float("nan"), float("nan"), False, 0.0)
                           for x in goals[k:]]
            return finish(PartStatus.FEASIBLE)
        if builder.needs_solution and pm.solution is None:
            st = hp.solve(None, to_deadline)
            left -= st.dtime
            if st.status != "ok":
                return finish(PartStatus(st.status))
        obj = builder.objective(pm)
        if obj is None or not obj.has_terms:
            const = float(obj.constant) if obj is not None else 0.0
            out.stages.append(StageFigure(g, const, const, True, 0.0))
            continue
        effort_left = sum(x in settings.effort_goals for x in goals[k:])
        wall = to_deadline if must else min(left / max(effort_left, 1), to_deadline)
        st = hp.solve(obj, wall)
        left -= st.dtime
        if st.status != "ok":
            if pm.solution is None:
                return finish(PartStatus(st.status))
            out.stages += [StageFigure(x, float("nan"), float("nan"), False, 0.0)
                           for x in goals[k:]]
            return finish(PartStatus.FEASIBLE)
        out.stages.append(StageFigure(g, st.value, st.bound, st.proven, st.dtime))
        if not st.proven:
            out.status = PartStatus.FEASIBLE
        if k < len(goals) - 1:
            hold(pm, obj, round(st.value))
    if pm.solution is None:
        st = hp.solve(None, deadline - time.monotonic())
        if st.status != "ok":
            return finish(PartStatus(st.status))
    return finish(out.status)
