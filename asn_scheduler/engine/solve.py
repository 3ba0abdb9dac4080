"""``solve()``: compile, decompose, solve the parts, explain, check.

The independent checker re-verifies every roster; a hard violation in a roster the solver
called feasible raises :class:`SolverBug` (a bug to report, never a planner's problem).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.engine.context import DECIDE, Context, compile_problem, resolve_dates
from asn_scheduler.engine.decompose import (
    Part,
    decompose,
    part_data,
    sort_parts,
    split_building,
    whole,
)
from asn_scheduler.engine.explain import conflicts_from_cores, fix_for, prechecks
from asn_scheduler.engine.notes import roster_notes
from asn_scheduler.engine.parallel import default_workers, run_parts
from asn_scheduler.engine.part import PartData, PartOutcome
from asn_scheduler.engine.part_check import broken_rules, part_wfh, repair_hard
from asn_scheduler.engine.result import Conflict, PartStats, Result, StageResult, Status
from asn_scheduler.engine.rotation import rotation_hint
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.violation import Violation
from asn_scheduler.scenario.model import Scenario

SOLVE_SHARE = 0.65
"""Share of ``time_limit`` given to the part solves; the rest is for reading, compiling,
splitting buildings, checking and writing, so that ``time_limit`` bounds the planner's
wait. Measured at 65,000 staff (``asn-scheduler bench``, 60 s): those stages take
15–16 s; with 0.8 the run ended at 61–63 s, with 0.65 at 53–56 s (47–48 s once the
Q0/Q1 stages got lighter; 0.6 bought only 1–2 s more, at a cost in Q2–Q4). Smaller agencies
are not affected: their solves stop at the quality effort (:data:`QUALITY_EFFORT`) long
before this share."""
NOMINAL_PARALLEL = 2
"""Budgets assume this many parts run at once, whatever ``workers`` is, so that the same
input, scenario and seed give the same roster on any machine."""
WALL_PER_DTIME = 2.5
"""Wall seconds per CP-SAT deterministic second, roughly, on this kind of machine
(measured 2.5 at 10,000 and 2.6 at 65,000 staff, over about a thousand calls each;
single parts 0.8–2): budgets are deterministic time, so that a limit reached gives the
same roster every run."""
MIN_PART_BUDGET = 0.0
"""Deterministic seconds a part gets at least. None: Q0, Q1 and Q5 take what they need
whatever the budget (``solver.cpsat.FIRST_FLOOR``), and the goals after them get only
the part's share of the pool. A floor of 0.1 s per part cost 146 deterministic seconds
over the 1,457 parts of a 65,000-staff agency, more than twice the whole pool."""
QUALITY_EFFORT = 1e-4
"""Deterministic seconds per decision cell that the goals after fairness (Q2 preferences,
Q3 rotation, Q4 teams) share in a part; Q0 and Q1 take what they need within the time
limit. Chosen with the benchmark (benchmarks/README.md): it keeps 1,000 staff near 3 s;
more buys better rotations (Q3) at a proportional cost in the planner's wait."""
QUALITY_FLOOR = 1.5
"""Deterministic seconds those goals share over the whole run at least: a small agency gets
its rotations and teams proven in a couple of seconds rather than cut short."""

USE_ROTATION_SPLIT = True
"""Share a huge building's seats from the repaired rotation when it meets every hard rule
(no CP-SAT probe). Measured at 65,000 staff under PermenPANRB 4/2025: all 102 huge
buildings qualified, and the split took 0.5 s instead of 12 s of probes."""

MSG_SPLIT = Msg(
    "Kursi {k} gedung ({b}; {n} pegawai) dibagi per unit secara proporsional agar dapat "
    "diselesaikan per unit; jumlah WFH tidak berkurang karenanya.",
    "The seats of {k} building(s) ({b}; {n} staff) were shared out among their units pro "
    "rata so each unit could be solved alone; no WFH day is lost by it.")
MSG_UNPROVEN = Msg("{n} bagian tidak terbukti optimal dalam batas waktu dan upaya (tujuan "
                   "{goals}); --effort atau --time-limit yang lebih besar dapat memperbaikinya.",
                   "{n} part(s) not proven optimal within the time limit and effort (goals "
                   "{goals}); a larger --effort or --time-limit may improve them.")
MSG_NO_CORE = Msg("Aturan wajib tidak dapat dipenuhi bersamaan di unit {units}, tetapi "
                  "penyebabnya tidak ditemukan dalam batas waktu.",
                  "The hard rules cannot all hold in unit(s) {units}, but the cause was not "
                  "found within the time limit.")


@dataclass(frozen=True, slots=True)
class Progress:
    """A progress event for a display: the current stage (``compile``, ``solve``,
    ``explain``, ``check``, ``done``), parts finished of all, seconds since the start."""

    stage: str
    parts_done: int
    parts_total: int
    elapsed: float


class SolverBug(AssertionError):
    """The checker found a hard violation in a roster the solver called feasible."""

    def __init__(self, violations: Sequence[Violation]):
        self.violations = tuple(violations)
        lines = "\n".join(v.text("en") for v in self.violations[:20])
        super().__init__(f"solver bug: {len(self.violations)} hard violation(s) in a roster "
                         f"the solver called feasible:\n{lines}")


def solve(problem: Problem, scenario: Scenario, *, start: date | None = None,
          end: date | None = None, time_limit: float = 60.0, seed: int = 0,
          workers: int | None = None, goals: Sequence[str] | None = None,
          progress: Callable[[Progress], None] | None = None,
          monolithic: bool = False, effort: float = 1.0) -> Result:
    """A roster for ``problem`` under ``scenario``: every hard rule, then the soft goals in
    order (``goals``, default the scenario's).

    Dates: ``start``/``end`` > ``problem.period`` > the scenario's window
    (:func:`resolve_dates`, which raises :class:`PeriodError` when none gives them).
    ``time_limit`` (seconds) is shared among the parts; ``workers`` processes solve them
    (default: the cores). ``monolithic`` solves every unit in one model with the whole
    solve budget instead (a benchmark reference). ``effort`` scales the time the goals
    after fairness may take (:data:`QUALITY_EFFORT`; ``float("inf")``: all the time
    limit allows). Never returns ``None``: an infeasible
    problem gives status INFEASIBLE with ``conflicts`` explaining it.

    Raises
    ------
    SolverBug
        When the independent checker finds a hard violation in the solver's roster.
    """
    dates = resolve_dates(problem, scenario, start, end)
    return run(problem, scenario, dates, time_limit=time_limit, seed=seed, workers=workers,
               goals=tuple(goals) if goals is not None else tuple(scenario.goals),
               progress=progress, monolithic=monolithic, effort=effort)


def run(problem: Problem, scenario: Scenario, dates: tuple[date, ...], *, time_limit: float,
        seed: int, workers: int | None, goals: tuple[str, ...],
        progress: Callable[[Progress], None] | None = None,
        pinned: np.ndarray | None = None, published: np.ndarray | None = None,
        bug_from: date | None = None, result_type: type[Result] = Result,
        monolithic: bool = False, effort: float = 1.0, **extra: object) -> Result:
    """The engine behind :func:`solve` and :func:`~asn_scheduler.engine.replan.replan`.

    ``pinned``/``published`` are re-planning's fixed and published codes; ``bug_from``
    limits the :class:`SolverBug` test to violations on or after that date.
    """
    t0 = time.perf_counter()
    workers = workers or default_workers()
    timings: dict[str, float] = {}

    def tell(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(Progress(stage, done, total, time.perf_counter() - t0))

    tell("compile", 0, 0)
    ctx = compile_problem(problem, scenario, dates, pinned)
    ctx.published = published
    parts = ([whole(ctx)] if monolithic
             else _split_huge(ctx, decompose(ctx), time_limit, seed, workers))
    datas = [part_data(ctx, p, i, goals) for i, p in enumerate(parts)]
    timings["build"] = time.perf_counter() - t0
    split = list(dict.fromkeys(p.split for p in parts if p.split))
    warnings = [MSG_SPLIT.format(
        k=len(split), b=", ".join(split[:3]) + (" …" if len(split) > 3 else ""),
        n=sum(d.staff for p, d in zip(parts, datas, strict=True) if p.split))] if split else []

    conflicts: dict[int, list[Conflict]] = {}
    for i, d in enumerate(datas):
        found = prechecks(d, dates)
        if found:
            conflicts[i] = found
    todo = [i for i, d in enumerate(datas) if i not in conflicts and d.n_decisions]
    budgets = _budgets([datas[i] for i in todo], time_limit, whole_pool=monolithic)
    tell("solve", 0, len(todo))
    ts = time.perf_counter()
    solved = run_parts([datas[i] for i in todo], budgets, seed, workers,
                       lambda n: tell("solve", n, len(todo)),
                       effort=effort * _effort_per_cell([datas[i] for i in todo]))
    outcomes: dict[int, PartOutcome] = dict(zip(todo, solved, strict=True))
    timings["solve"] = time.perf_counter() - ts

    te = time.perf_counter()
    bad = [i for i, o in outcomes.items() if o.status == "INFEASIBLE"]
    if bad:
        tell("explain", 0, len(bad))
        for i in bad:
            conflicts[i] = _explain(datas[i], dates, time_limit)
    timings["explain"] = time.perf_counter() - te

    status = _status(outcomes, conflicts)
    base = dict(problem=problem, scenario=scenario, dates=tuple(dates), seed=seed,
                stages=_stages(goals, outcomes), parts=_part_stats(datas, outcomes, conflicts),
                warnings=tuple(warnings + _unproven(outcomes)), **extra)
    if not status.has_roster:
        timings["total"] = time.perf_counter() - t0
        tell("done", len(todo), len(todo))
        return result_type(status=status, conflicts=tuple(c for i in sorted(conflicts)
                                                          for c in conflicts[i]),
                           runtime=timings["total"], timings=timings, **base)

    roster = assemble(ctx, datas, outcomes)
    tell("check", len(todo), len(todo))
    tc = time.perf_counter()
    from asn_scheduler.checker import check

    report = check(problem, scenario, roster, dates=dates)
    timings["check"] = time.perf_counter() - tc
    broken = [v for v in report.hard_violations
              if bug_from is None or v.day is None or v.day >= bug_from]
    if broken:
        raise SolverBug(broken)
    timings["total"] = time.perf_counter() - t0
    tell("done", len(todo), len(todo))
    base["warnings"] = base["warnings"] + tuple(roster_notes(report))
    return result_type(status=status, roster=roster, report=report, runtime=timings["total"],
                       timings=timings, **base)


def _effort_per_cell(datas: Sequence[PartData]) -> float:
    """Deterministic seconds per decision cell for Q2–Q4: :data:`QUALITY_EFFORT`, raised
    so the run shares at least :data:`QUALITY_FLOOR`."""
    cells = sum(d.n_decisions for d in datas)
    return max(QUALITY_EFFORT, QUALITY_FLOOR / cells) if cells else QUALITY_EFFORT


def _budgets(datas: Sequence[PartData], time_limit: float, whole_pool: bool = False
             ) -> list[float]:
    """Deterministic-time budget per part: the solve share of ``time_limit`` on
    :data:`NOMINAL_PARALLEL` cores, in proportion to decision cells, and never more than
    one core's share (a part runs on one process) unless ``whole_pool`` (the monolithic
    reference gets the whole pool, the same solver time the parts share)."""
    total = sum(d.n_decisions for d in datas) or 1
    one_core = SOLVE_SHARE * time_limit / WALL_PER_DTIME
    pool = one_core * NOMINAL_PARALLEL
    if whole_pool:
        one_core = pool
    return [min(one_core, max(MIN_PART_BUDGET, pool * d.n_decisions / total)) for d in datas]


def _split_huge(ctx: Context, parts: list[Part], time_limit: float, seed: int, workers: int
                ) -> list[Part]:
    """Split each huge binding building's seats among its units (see
    :mod:`asn_scheduler.engine.decompose`) from a roster that meets its hard rules: the
    constructive rotation, repaired (:func:`~asn_scheduler.engine.part_check.repair_hard`),
    when that is enough; otherwise a CP-SAT probe for Q0. A building whose probe fails
    stays whole."""
    huge = [i for i, p in enumerate(parts) if p.huge]
    if not huge:
        return parts
    datas = [part_data(ctx, parts[i], i, ("Q0",)) for i in huge]
    rosters: dict[int, np.ndarray] = {}
    probe = []
    for k, d in enumerate(datas):
        if not d.n_decisions or prechecks(d, ctx.dates):
            continue
        if USE_ROTATION_SPLIT and d.slot is not None:
            choice = repair_hard(d, rotation_hint(d, d.slot))
            if not broken_rules(d, choice):
                rosters[k] = part_wfh(d, choice)
                continue
        probe.append(k)
    got = run_parts([datas[k] for k in probe], _budgets([datas[k] for k in probe], time_limit),
                    seed, workers)
    rosters.update((k, o.wfh) for k, o in zip(probe, got, strict=True) if o.wfh is not None)
    out = [p for i, p in enumerate(parts) if not p.huge]
    for k, i in enumerate(huge):
        wfh = rosters.get(k)
        if wfh is None:
            out.append(dataclasses.replace(parts[i], huge=False))
            continue
        d = datas[k]
        per_unit = np.array([wfh[d.unit_of == u].sum(axis=0) for u in range(len(d.unit_codes))])
        out.extend(split_building(ctx, parts[i], per_unit))
    return sort_parts(ctx, out)


def _explain(data: PartData, dates: Sequence[date], time_limit: float) -> list[Conflict]:
    from asn_scheduler.solver.cpsat import explain_part

    cores = explain_part(data, budget=max(1.0, 0.2 * time_limit))
    found = conflicts_from_cores(data, dates, cores)
    if found:
        return found
    # no core in time: name the rules that constrain this part
    rules = ["S2"]
    rules += ["S3"] if data.roles else []
    rules += ["F1"] if (data.f1_limit >= 0).any() else []
    rules += ["B1"] if data.seats else []
    rules += ["P1"] if (data.ceiling >= 0).any() else []
    units = ", ".join(data.unit_codes)
    return [Conflict(tuple(rules), MSG_NO_CORE.format(units=units), fix_for(rules))]


def _status(outcomes: dict[int, PartOutcome], conflicts: dict[int, list]) -> Status:
    states = {o.status for o in outcomes.values()}
    if conflicts or "INFEASIBLE" in states:
        return Status.INFEASIBLE
    if "INVALID" in states:
        return Status.INVALID
    if "TIME_LIMIT" in states:
        return Status.TIME_LIMIT
    return Status.FEASIBLE if "FEASIBLE" in states else Status.OPTIMAL


def _stages(goals: tuple[str, ...], outcomes: dict[int, PartOutcome]) -> tuple[StageResult, ...]:
    """Per goal, summed over the solved parts. A part that skipped a stage (its budget was
    spent, or ``effort`` 0) adds nothing to the objective and makes the bound unknown
    (NaN); when every part skipped it, the objective is NaN too (nothing was measured)."""
    out = []
    for g in goals:
        figs = [f for o in outcomes.values() if o.wfh is not None for f in o.stages if f.goal == g]
        if not figs:
            continue
        ran = [f for f in figs if not np.isnan(f.objective)]
        bound = float(sum(f.bound for f in ran)) if len(ran) == len(figs) else float("nan")
        value = float(sum(f.objective for f in ran)) if ran else float("nan")
        out.append(StageResult(g, value, bound,
                               all(f.proven for f in figs), float(sum(f.seconds for f in figs))))
    return tuple(out)


def _unproven(outcomes: dict[int, PartOutcome]) -> list[Msg]:
    loose = [o for o in outcomes.values() if o.status == "FEASIBLE"]
    if not loose:
        return []
    goals = sorted({f.goal for o in loose for f in o.stages if not f.proven})
    return [MSG_UNPROVEN.format(n=len(loose), goals=", ".join(goals))]


def _part_stats(datas: list[PartData], outcomes: dict[int, PartOutcome],
                conflicts: dict[int, list]) -> tuple[PartStats, ...]:
    out = []
    for i, d in enumerate(datas):
        if not d.unit_codes:
            continue
        o = outcomes.get(i)
        status = "INFEASIBLE" if i in conflicts else o.status if o else "FIXED"
        out.append(PartStats(d.unit_codes, d.staff, o.variables if o else 0,
                             o.constraints if o else 0, status, o.seconds if o else 0.0))
    return tuple(out)


def assemble(ctx: Context, datas: Sequence[PartData], outcomes: dict[int, PartOutcome]) -> Roster:
    """The roster: fixed codes, and each solved part's WFO/WFH on its decision cells."""
    codes = ctx.fixed.copy()
    for i, o in outcomes.items():
        if o.wfh is None:
            continue
        d = datas[i]
        sub = codes[d.rows]
        dec = d.fixed == DECIDE
        sub[dec] = np.where(o.wfh[dec], int(Code.WFH), int(Code.WFO))
        codes[d.rows] = sub
    if (codes == DECIDE).any():
        raise AssertionError("a decision cell was left without a code")
    return Roster(tuple(e.nip for e in ctx.problem.employees), ctx.dates, codes)
