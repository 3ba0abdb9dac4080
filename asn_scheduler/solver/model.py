"""The CP-SAT model of one part: one Boolean per decision cell (True = WFH), constants
elsewhere, and helpers the rule and goal builders share.

In **explain mode** every hard constraint is guarded by an assumption literal per
(rule, unit or building, dates) group, and the cells a rule holds in the office (S1, L1,
F2–F4, a 0% cap, E1) become variables held at WFO by their rule's literal, so an
infeasible core can name any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, cast

import numpy as np
from ortools.sat.python import cp_model
from ortools.sat.python import cp_model_helper as cmh

from asn_scheduler.domain.enums import Code
from asn_scheduler.parts.data import DECIDE, CoreGroup, PartData, R

LinearExpr = cp_model.LinearExpr
T = TypeVar("T")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
"""The bounds ``model.add`` writes for a one-sided linear constraint."""
_BOOL = cmh.IntegerVariableProto()
_BOOL.domain.extend([0, 1])


class _CpModel(cp_model.CpModel):
    """A ``CpModel`` without the deprecated camelCase aliases its constructor attaches
    one by one (about 60 per model: a fifth of a millisecond, for each of ~2,000 parts at
    65,000 staff). Only the snake_case API is used here; the proto is the same."""

    def _add_pre_pep8_methods(self) -> None:
        return


class PartModel:
    """A :class:`cp_model.CpModel` over one :class:`PartData`.

    ``vid[e, d]`` is the index in :attr:`xs` of the cell's variable, −1 for a constant
    whose WFH value (0 or 1) is ``value[e, d]``. Fixed cells must each be *claimed* by the
    rule builder that fixes them (:meth:`claim`, :meth:`hold_out`): :meth:`make_decisions`
    refuses a model whose fixed cells no rule accounts for.
    """

    def __init__(self, data: PartData, explain: bool = False):
        self.data = data
        self.explain = explain
        self.model: cp_model.CpModel = _CpModel()
        self._proto = self.model.proto
        n_rows, n_days = data.fixed.shape
        self.value = (data.fixed == int(Code.WFH)).astype(np.int64)
        self.vid = np.full((n_rows, n_days), -1, dtype=np.int64)
        self.xs: list[cp_model.IntVar] = []
        self.claimed = data.fixed == DECIDE
        self.claimed |= data.reason == R["PUB"]  # what was published is kept, not ruled
        self.guards: dict[CoreGroup, cp_model.IntVar] = {}
        self.n_constraints = 0
        self.solution: np.ndarray | None = None
        self.start: np.ndarray | None = None  # (E_p, D) bool first hint (a rotation)
        self.aux_hint: dict[int, int] = {}
        self.aux_range: dict[int, tuple[int, int]] = {}
        self._decided = False
        self._unit_rows = [data.unit_rows(u) for u in range(data.working.shape[0])]
        self._memo: dict[str, object] = {}
        self._x_index = np.zeros(0, dtype=np.int64)

    # ---- cells --------------------------------------------------------------------------
    def unit_rows(self, u: int) -> np.ndarray:
        """Local rows of local unit ``u``."""
        return self._unit_rows[u]

    def claim(self, mask: np.ndarray) -> None:
        """Record that a rule fixes the cells of ``mask`` (they stay constants)."""
        self.claimed |= mask

    def hold_out(self, rule: str, mask: np.ndarray) -> None:
        """Cells ``rule`` holds in the office: constants, or in explain mode variables held
        at WFO by the rule's (unit, date) literal."""
        self.claim(mask)
        if not self.explain:
            return
        rows, days = np.nonzero(mask)
        for e, d, u in zip(rows.tolist(), days.tolist(), self.data.unit_of[rows].tolist(),
                           strict=True):
            x = self._new_cell(e, d)
            lit = self.guard(rule, u, "", (d,))
            self.model.add(x == 0).only_enforce_if(lit)
            self.n_constraints += 1

    def make_decisions(self) -> None:
        """One Boolean per decision cell, in row-major order (deterministic)."""
        unclaimed = ~self.claimed
        if unclaimed.any():
            e, d = np.argwhere(unclaimed)[0]
            raise AssertionError(f"cell ({e}, {d}) is fixed (reason "
                                 f"{int(self.data.reason[e, d])}) but no rule builder claimed it")
        decide = self.data.fixed == DECIDE
        n, first = int(np.count_nonzero(decide)), len(self.xs)
        self.xs.extend(self._new_bools(n))
        self.vid[decide] = np.arange(first, first + n)  # boolean assignment is row-major
        self._decided = True

    def _new_bools(self, n: int) -> list[cp_model.IntVar]:
        """``n`` new Boolean variables, as ``n`` calls of ``new_bool_var("")`` would add
        them (same proto: domain [0, 1], no name), appended to the proto at once: the
        per-variable calls were a tenth of a part's Python at 65,000 staff."""
        proto = self.model.proto
        first = len(proto.variables)
        proto.variables.extend([_BOOL] * n)
        return [cp_model.IntVar(proto, i) for i in range(first, first + n)]

    def _new_cell(self, e: int, d: int) -> cp_model.IntVar:
        x = self.model.new_bool_var("")
        self.vid[e, d] = len(self.xs)
        self.xs.append(x)
        return x

    def new_aux(self, lo: int, hi: int, hint: int) -> cp_model.IntVar:
        """An auxiliary variable of a goal, hinted at ``hint`` (its value in the previous
        stage's roster), so the next solve starts from a complete, feasible hint."""
        m = self.model
        v = m.new_bool_var("") if (lo, hi) == (0, 1) else m.new_int_var(lo, hi, "")
        self.aux_hint[v.index] = int(hint)
        self.aux_range[v.index] = (lo, hi)
        return v

    def start_values(self) -> np.ndarray:
        """The rotation hint (:attr:`start`, set) on each cell variable, in :attr:`xs`
        order."""
        ids = self.vid >= 0
        return self.start[ids][np.argsort(self.vid[ids])]  # type: ignore[index]

    @property
    def x_index(self) -> np.ndarray:
        """Proto indices of the cell variables, in :attr:`xs` order (read-only; made once
        per number of cells: cells are only ever appended)."""
        if self._x_index.size != len(self.xs):
            self._x_index = np.array([x.index for x in self.xs], dtype=np.int64)
            self._x_index.flags.writeable = False
        return self._x_index

    def cells(self, rows: np.ndarray | Sequence[int], cols: np.ndarray | int
              ) -> tuple[np.ndarray, int]:
        """Variable ids and the constant WFH count of the cells ``rows × cols``."""
        ids = self.vid[rows][:, cols] if np.ndim(cols) else self.vid[rows, cols]
        val = self.value[rows][:, cols] if np.ndim(cols) else self.value[rows, cols]
        ids = np.asarray(ids).ravel()
        const = int(np.asarray(val).ravel()[ids < 0].sum())
        return ids[ids >= 0], const

    def block(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The cells ``rows × cols`` at once: variable ids (−1 for a constant) and each
        cell's constant WFH (0 on a variable). Summing the second along an axis gives the
        constants :meth:`cells` returns for a row or a column of the block."""
        ids = self.vid[np.ix_(rows, cols)]
        return ids, np.where(ids < 0, self.value[np.ix_(rows, cols)], 0)

    def wfh_sum(self, ids: np.ndarray) -> cp_model.LinearExpr:
        """Σ of the cell variables ``ids``."""
        xs = self.xs
        return LinearExpr.sum([xs[i] for i in ids.tolist()])

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, computed once per model: per-part arrays that several builders
        read (the part's data never changes under a model)."""
        if key not in self._memo:
            self._memo[key] = make()
        return cast(T, self._memo[key])

    # ---- guarded constraints ------------------------------------------------------------
    def guard(self, rule: str, unit: int, building: str, days: tuple[int, ...]
              ) -> cp_model.IntVar | None:
        """The assumption literal of a (rule, place, dates) group in explain mode."""
        if not self.explain:
            return None
        key = CoreGroup(rule, unit, building, days)
        lit = self.guards.get(key)
        if lit is None:
            lit = self.guards[key] = self.model.new_bool_var("")
        return lit

    def _post(self, ct: cp_model.Constraint, key: tuple) -> None:
        lit = self.guard(*key)
        if lit is not None:
            ct.only_enforce_if(lit)
        self.n_constraints += 1

    def at_most(self, key: tuple, ids: np.ndarray, const: int, hi: int) -> None:
        """Σ x[ids] + const ≤ hi, skipped when it cannot bind. ``key`` = guard args."""
        if ids.size + const <= hi:
            return
        if ids.size == 0 or const > hi:
            self._post(self.model.add_bool_or([]), key)
        elif not self.explain:
            self.add_sum(ids, INT64_MIN, hi - const)
        else:
            self._post(self.model.add(self.wfh_sum(ids) <= hi - const), key)

    def at_least(self, key: tuple, ids: np.ndarray, const: int, lo: int) -> None:
        """Σ x[ids] + const ≥ lo, skipped when it cannot bind."""
        if const >= lo:
            return
        if ids.size + const < lo:
            self._post(self.model.add_bool_or([]), key)
        elif not self.explain:
            self.add_sum(ids, lo - const, INT64_MAX)
        else:
            self._post(self.model.add(self.wfh_sum(ids) >= lo - const), key)

    def add_row(self, index: list[int], coeffs: list[int], lo: int) -> None:
        """Σ coeffs · variables ≥ ``lo`` over proto ``index`` (distinct, increasing),
        unguarded, counted: the proto ``model.add(expr >= lo)`` writes for that sum."""
        lin = self._proto.constraints.add().linear
        lin.vars.extend(index)
        lin.coeffs.extend(coeffs)
        lin.domain.extend([lo, INT64_MAX])
        self.n_constraints += 1

    def add_sum(self, ids: np.ndarray, lo: int, hi: int) -> None:
        """lo ≤ Σ x[ids] ≤ hi (``ids`` distinct cell variables; ``INT64_MIN``/``INT64_MAX``
        for no bound), unguarded, counted in :attr:`n_constraints`.

        Written to the proto directly, exactly as ``model.add(wfh_sum(ids) <= hi)`` (or
        ``>= lo``, ``== v``) writes it — the variables in index order, each with
        coefficient 1 — without building the expression first: those calls were the
        largest share of the hard rules' Python at 65,000 staff.
        """
        xi = self._x_index if self._x_index.size == len(self.xs) else self.x_index
        index = xi[ids].tolist()
        index.sort()  # mostly in order already: a linear pass
        lin = self._proto.constraints.add().linear
        lin.vars.extend(index)
        lin.coeffs.extend([1] * len(index))
        lin.domain.extend([int(lo), int(hi)])
        self.n_constraints += 1

    # ---- solutions ----------------------------------------------------------------------
    @property
    def n_variables(self) -> int:
        """Variables in the model (cells and auxiliaries)."""
        return len(self.model.proto.variables)

    def set_cells(self, choice: np.ndarray) -> None:
        """Put ``choice`` ((E_p, D) bool) on the cell variables of :attr:`solution`; without
        a solution yet, one with every other variable at 0 is made."""
        if self.solution is None:
            self.solution = np.zeros(self.n_variables, dtype=np.int64)
        ids = self.vid >= 0
        self.solution[self.x_index[self.vid[ids]]] = choice[ids].astype(np.int64)

    def wfh_values(self, solution: np.ndarray | None = None) -> np.ndarray:
        """(E_p, D) bool: the cells' WFH in ``solution`` (default: the last one)."""
        sol = self.solution if solution is None else solution
        out = self.value.astype(bool)
        if sol is not None and self.xs:
            ids = self.vid >= 0
            out[ids] = sol[self.x_index[self.vid[ids]]] > 0
        return out


def set_objective(model: cp_model.CpModel, expr: cp_model.LinearExpr, maximize: bool) -> None:
    """``model.maximize(expr)`` (``maximize``) or ``model.minimize(expr)`` for an integral
    ``expr``, writing the same proto with one bulk copy per field instead of one call per
    term (``CpModel._set_objective`` appends term by term: a large part's objective took
    tens of milliseconds). A float coefficient raises ``TypeError``.
    """
    model.clear_objective()
    flat = cmh.FlatIntExpr(expr)
    obj = model.proto.objective
    obj.vars.extend([v.index for v in flat.vars])
    if maximize:
        obj.scaling_factor = -1.0
        obj.offset = -flat.offset
        obj.coeffs.extend([-c for c in flat.coeffs])
    else:
        obj.scaling_factor = 1.0
        obj.offset = flat.offset
        obj.coeffs.extend(flat.coeffs)
