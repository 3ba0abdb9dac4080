"""HiGHS for one part: the bench's MILP peer (issue 22), on the very model CP-SAT solves.

The MILP is not written a second time: it is read from the part's CP-SAT model
(:class:`~asn_scheduler.solver.model.PartModel`, built by the same rule and goal
builders), so both solvers see the same variables, constraints and objectives by
construction. Every constraint those builders post is linear or a clause, so the
translation is exact: a linear constraint keeps its bounds, a clause
``e₁ ∧ … ⇒ l₁ ∨ …`` becomes ``Σ l ≥ 1 − Σ (1 − e)`` (a negated literal ``¬x`` = ``1 − x``),
an empty clause an infeasible row. Anything else (the explain mode's guarded linear
rows, which the peer never builds) is refused.

The model only grows between stages (a goal's auxiliaries and constraints, the hold of
the previous goal), so :class:`HighsPart` translates each new constraint once and keeps
one HiGHS instance per part, changing only the objective per stage. HiGHS runs on one
thread with a fixed seed, a zero relative gap (a proof, as CP-SAT's) and a wall-clock
limit per stage: a solver a user would reach for, not one tuned to this model.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from asn_scheduler.solver.cpsat import StageSolve
from asn_scheduler.solver.goals import MAXIMISE, Objective
from asn_scheduler.solver.model import PartModel

_INF = highspy.kHighsInf
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _bound(v: int) -> float:
    """A CP-SAT domain end as a HiGHS bound (CP-SAT's ±int64 limits are infinite)."""
    if v <= _INT64_MIN + 1:
        return -_INF
    if v >= _INT64_MAX - 1:
        return _INF
    return float(v)


class HighsPart:
    """One HiGHS MILP mirroring a :class:`PartModel`'s CP-SAT proto.

    :meth:`sync` adds the variables and constraints appended to the proto since the last
    call; :meth:`solve` optimises one goal's objective (read from the proto, as
    :meth:`cp_model.CpModel.minimize`/``maximize`` stored it) and puts the roster found on
    ``pm.solution``.
    """

    def __init__(self, pm: PartModel, seed: int = 0):
        self.pm = pm
        h = self.h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", int(seed))
        h.setOptionValue("mip_rel_gap", 0.0)
        # integer objectives: a gap below one unit is a proof
        h.setOptionValue("mip_abs_gap", 1 - 1e-6)
        self._cols = 0
        self._rows = 0

    def sync(self) -> None:
        """Translate what the proto gained since the last call (variables are integers
        with the proto's domain; every CP-SAT variable here is Boolean or a small
        integer)."""
        proto = self.pm.model.proto
        n = len(proto.variables)
        if n > self._cols:
            variables = proto.variables
            new = [variables[i] for i in range(self._cols, n)]
            lo = np.array([_bound(v.domain[0]) for v in new])
            hi = np.array([_bound(v.domain[len(v.domain) - 1]) for v in new])
            k = n - self._cols
            self.h.addVars(k, lo, hi)
            idx = np.arange(self._cols, n, dtype=np.int32)
            self.h.changeColsIntegrality(k, idx, np.full(k, highspy.HighsVarType.kInteger))
            self._cols = n
        cons = proto.constraints
        n_cons = len(cons)
        if n_cons <= self._rows:
            return
        lower: list[float] = []
        upper: list[float] = []
        starts: list[int] = []
        index: list[int] = []
        value: list[float] = []
        for i in range(self._rows, n_cons):
            ct = cons[i]
            if ct.has_linear() and not ct.enforcement_literal:
                lin = ct.linear
                if len(lin.domain) != 2:
                    raise NotImplementedError("a linear constraint with a holed domain")
                starts.append(len(index))
                index.extend(lin.vars)
                value.extend(lin.coeffs)
                lower.append(_bound(lin.domain[0]))
                upper.append(_bound(lin.domain[1]))
            elif ct.has_bool_or():
                self._clause(list(ct.bool_or.literals), ct.enforcement_literal, starts, index,
                             value, lower, upper)
            elif ct.has_bool_and():  # e ⇒ l₁ ∧ l₂ …: one clause per literal
                for lit in ct.bool_and.literals:
                    self._clause([lit], ct.enforcement_literal, starts, index, value, lower,
                                 upper)
            else:
                raise NotImplementedError("a constraint with no MILP translation here")
        m = len(lower)
        self.h.addRows(m, np.array(lower), np.array(upper), len(index),
                       np.array(starts, dtype=np.int32), np.array(index, dtype=np.int32),
                       np.array(value, dtype=np.float64))
        self._rows = n_cons

    @staticmethod
    def _clause(lits: list[int], enforcement: object, starts: list[int], index: list[int],
                value: list[float], lower: list[float], upper: list[float]) -> None:
        """``∧ enforcement ⇒ ∨ lits`` as the row Σ lits + Σ ¬enforcement ≥ 1, each
        negated literal ``¬x`` (CP-SAT's ``-i-1``) written ``1 − x`` with its 1 moved to
        the bound."""
        starts.append(len(index))
        rhs = 1
        for lit in [*lits, *(-e - 1 for e in enforcement)]:  # type: ignore[attr-defined]
            if lit >= 0:
                index.append(lit)
                value.append(1.0)
            else:
                index.append(-lit - 1)
                value.append(-1.0)
                rhs -= 1
        lower.append(float(rhs))
        upper.append(_INF)

    def solve(self, obj: Objective | None, wall: float) -> StageSolve:
        """Optimise ``obj`` (``None``: feasibility) within ``wall`` seconds, started from
        ``pm.solution`` when there is one. The result in the goal's unit, as
        :func:`~asn_scheduler.solver.cpsat.run_stage` gives it; ``dtime`` is the wall
        time spent (HiGHS has no deterministic clock)."""
        pm, h = self.pm, self.h
        m = pm.model
        if obj is None:
            m.clear_objective()
        elif obj.sense == MAXIMISE:
            m.maximize(obj.expr)
        else:
            m.minimize(obj.expr)
        self.sync()
        po = m.proto.objective
        cost = np.zeros(self._cols)
        if obj is not None:
            np.add.at(cost, np.array(po.vars, dtype=np.int64), np.array(po.coeffs, dtype=float))
        h.changeColsCost(self._cols, np.arange(self._cols, dtype=np.int32), cost)
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        if pm.solution is not None:
            start = np.zeros(self._cols)
            start[:pm.solution.size] = pm.solution
            for i, v in pm.aux_hint.items():  # the new goal's auxiliaries, at the roster
                if i >= pm.solution.size:
                    start[i] = v
            sol = highspy.HighsSolution()
            sol.col_value = start.tolist()
            sol.value_valid = True
            h.setSolution(sol)
        h.setOptionValue("time_limit", max(float(wall), 0.01))
        t0 = time.perf_counter()
        h.run()
        spent = time.perf_counter() - t0
        status = h.getModelStatus()
        ms = highspy.HighsModelStatus
        if status in (ms.kInfeasible, ms.kUnboundedOrInfeasible):
            return StageSolve("INFEASIBLE", dtime=spent)
        info = h.getInfo()
        if info.primal_solution_status != 2:  # no feasible solution
            return StageSolve("TIME_LIMIT", dtime=spent, stopped=True)
        x = np.rint(np.array(h.getSolution().col_value)).astype(np.int64)
        pm.solution = x
        proven = status == ms.kOptimal
        if obj is None:
            return StageSolve("ok", proven=True, dtime=spent, stopped=not proven)
        # HiGHS minimises Σ coeffs·x; the goal's value is scaling · (that + offset)
        scale = po.scaling_factor or 1.0
        raw = float(np.dot(cost, x))
        bound = float(info.mip_dual_bound) if not proven else raw
        value = scale * (raw + po.offset)
        goal_bound = scale * (np.ceil(bound - 1e-6) + po.offset)
        return StageSolve("ok", value, float(goal_bound), proven or goal_bound == value, spent,
                          not proven)
