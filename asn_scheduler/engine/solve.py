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
from typing import TYPE_CHECKING

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
from asn_scheduler.engine.fallbacks import can_relax, free_field_duty
from asn_scheduler.engine.notes import roster_notes
from asn_scheduler.engine.parallel import Cancel, default_workers, run_parts
from asn_scheduler.engine.part_check import broken_rules, part_wfh, repair_hard
from asn_scheduler.engine.period_edges import open_week_warnings
from asn_scheduler.engine.result import Conflict, PartStats, Result, StageResult, Status
from asn_scheduler.engine.rotation import rotation_hint
from asn_scheduler.engine.settings import Settings, given
from asn_scheduler.i18n import Msg
from asn_scheduler.parts.data import PartData, PartOutcome, PartStatus
from asn_scheduler.rules.registry import RULE_BY_ID
from asn_scheduler.rules.violation import Violation
from asn_scheduler.scenario.model import Scenario

if TYPE_CHECKING:
    from asn_scheduler.engine.chain import PreviousRoster
    from asn_scheduler.scope import ScopeNote

MSG_SPLIT = Msg(
    "Kursi {k} gedung ({b}; {n} pegawai) dibagi per unit secara proporsional agar dapat "
    "diselesaikan per unit; jumlah WFH tidak berkurang karenanya.",
    "The seats of {k} building(s) ({b}; {n} staff) were shared out among their units pro "
    "rata so each unit could be solved alone; no WFH day is lost by it.")
MSG_UNPROVEN = Msg("{n} bagian tidak terbukti optimal dalam batas waktu dan upaya (tujuan "
                   "{goals}); --effort atau --time-limit yang lebih besar dapat memperbaikinya.",
                   "{n} part(s) not proven optimal within the time limit and effort (goals "
                   "{goals}); a larger --effort or --time-limit may improve them.")
MSG_CUT = Msg("Batas waktu {t:g} detik tercapai sebelum semua tujuan selesai dihitung: "
              "jadwal ini sah dan telah diperiksa, tetapi dapat berbeda bila dijalankan "
              "ulang dengan masukan dan benih yang sama. Naikkan --time-limit (atau turunkan "
              "--effort) agar hasilnya selalu sama.",
              "The time limit of {t:g} s was reached before every goal was worked out: this "
              "roster is valid and checked, but running again with the same input and seed "
              "may give another. Raise --time-limit (or lower --effort) for a roster that is "
              "always the same.")
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


@dataclass(frozen=True, slots=True)
class Pins:
    """Re-planning's cells: ``pinned`` (E, D) codes fixed as published (``DECIDE``
    elsewhere), ``published`` (E, D) the published codes (``DECIDE`` where none), and
    ``check_from``: only violations on or after it are a :class:`SolverBug`."""

    pinned: np.ndarray
    published: np.ndarray
    check_from: date | None = None


def solve(problem: Problem, scenario: Scenario, *, start: date | None = None,
          end: date | None = None, time_limit: float | None = None, seed: int | None = None,
          workers: int | None = None, goals: Sequence[str] | None = None,
          progress: Callable[[Progress], None] | None = None,
          monolithic: bool | None = None, effort: float | None = None,
          settings: Settings | None = None, cancel: Cancel | None = None,
          best_effort: bool = False, previous: Sequence[PreviousRoster] = (),
          horizon_days: int | None = None) -> Result:
    """A roster for ``problem`` under ``scenario``: every hard rule, then the soft goals in
    order (``goals``, default the scenario's).

    Dates: ``start``/``end`` > ``problem.period`` > the scenario's window
    (:func:`resolve_dates`, which raises :class:`PeriodError` when none gives them).
    ``settings`` (default :class:`~asn_scheduler.engine.settings.Settings`) says how;
    ``time_limit`` (seconds, shared among the parts), ``seed``, ``workers`` (processes;
    default the cores, 1 = all in this process), ``effort`` (scales the time the goals
    after fairness may take; ``float("inf")``: all the time limit allows) and
    ``monolithic`` (every unit in one model: a benchmark reference), when given, replace
    the same fields of ``settings``. ``cancel`` (a callable returning True, or a
    :class:`threading.Event`) is checked between parts. Never returns ``None``: an
    infeasible problem gives status INFEASIBLE with ``conflicts`` explaining it, each fix
    led by the exact smallest change where one can be computed
    (:mod:`asn_scheduler.engine.exact`); with ``best_effort`` it also carries the roster
    that exceeds the seats (B1) and WFO ceilings (P1) least while every other hard rule
    holds (``Result.best_effort``; its report lists the breaches). ``scope`` on the result
    says where the scenario does not reach (:func:`asn_scheduler.scope.scope_notes`).

    ``previous``: the published roster(s) before the period; the roster then chains from
    them (:mod:`asn_scheduler.engine.chain`: shared ISO week, WFH runs and fairness over
    up to ``horizon_days`` carried days) and the result is a
    :class:`~asn_scheduler.engine.chain.ChainedResult`.

    Raises
    ------
    SolverBug
        When the independent checker finds a hard violation in the solver's roster.
    Cancelled
        When ``cancel`` asked to stop.
    """
    from asn_scheduler.scope import dates_source, scope_notes

    cfg = given(settings, time_limit=time_limit, seed=seed, workers=workers, effort=effort,
                monolithic=monolithic)
    dates = resolve_dates(problem, scenario, start, end)
    scope = tuple(scope_notes(problem, scenario, dates, dates_source(problem, start, end)))
    if previous:
        from asn_scheduler.engine.chain import HORIZON_DAYS, solve_chained

        return solve_chained(problem, scenario, previous, dates, cfg,
                             horizon_days=horizon_days or HORIZON_DAYS, progress=progress,
                             cancel=cancel, scope=scope, best_effort=best_effort)
    return run(problem, scenario, dates, cfg,
               goals=tuple(goals) if goals is not None else tuple(scenario.goals),
               progress=progress, cancel=cancel, scope=scope, best_effort=best_effort)


def run(problem: Problem, scenario: Scenario, dates: tuple[date, ...], settings: Settings, *,
        goals: tuple[str, ...], progress: Callable[[Progress], None] | None = None,
        pins: Pins | None = None, cancel: Cancel | None = None,
        scope: tuple[ScopeNote, ...] = (), best_effort: bool = False) -> Result:
    """The engine behind :func:`solve`, :func:`~asn_scheduler.engine.replan.replan` and
    :func:`~asn_scheduler.engine.chain.solve_chained` (``pins``: fixed and published
    cells); ``scope`` is carried to the result; ``best_effort``: see :func:`solve`."""
    t0 = time.perf_counter()
    cfg = settings
    # the only wall-clock limit: what the planner said they would wait (see Settings)
    deadline = time.monotonic() + cfg.time_limit
    workers = cfg.workers or default_workers()
    timings: dict[str, float] = {}

    def tell(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(Progress(stage, done, total, time.perf_counter() - t0))

    tell("compile", 0, 0)
    ctx = compile_problem(problem, scenario, dates, pins.pinned if pins else None)
    ctx.published = pins.published if pins else None
    parts, split_cut = (([whole(ctx)], False) if cfg.monolithic
                        else _split_huge(ctx, decompose(ctx, cfg.max_part_staff), cfg, workers,
                                         cancel, deadline))
    datas = [part_data(ctx, p, i, goals) for i, p in enumerate(parts)]
    timings["build"] = time.perf_counter() - t0
    split = list(dict.fromkeys(p.split for p in parts if p.split))
    warnings = [MSG_SPLIT.format(
        k=len(split), b=", ".join(split[:3]) + (" …" if len(split) > 3 else ""),
        n=sum(d.staff for p, d in zip(parts, datas, strict=True) if p.split))] if split else []
    if pins is None:  # re-planning and chaining see the weeks they share
        warnings += open_week_warnings(ctx)

    conflicts: dict[int, list[Conflict]] = {}
    for i, d in enumerate(datas):
        found = prechecks(d, dates)
        if found:
            conflicts[i] = found
    todo = [i for i, d in enumerate(datas) if i not in conflicts and d.n_decisions]
    budgets = _budgets([datas[i] for i in todo], cfg, whole_pool=cfg.monolithic)
    tell("solve", 0, len(todo))
    ts = time.perf_counter()
    solved = run_parts([datas[i] for i in todo], budgets, cfg, workers,
                       lambda n: tell("solve", n, len(todo)),
                       effort=cfg.effort * _effort_per_cell([datas[i] for i in todo], cfg),
                       cancel=cancel, deadline=deadline)
    outcomes: dict[int, PartOutcome] = dict(zip(todo, solved, strict=True))
    freed = free_field_duty(ctx, datas, outcomes)
    if freed:
        budget_of = dict(zip(todo, budgets, strict=True))
        again = run_parts([datas[i] for i in freed], [budget_of[i] for i in freed], cfg,
                          workers, effort=cfg.effort * _effort_per_cell(
                              [datas[i] for i in freed], cfg), cancel=cancel,
                          deadline=deadline)
        outcomes.update(zip(freed, again, strict=True))
    timings["solve"] = time.perf_counter() - ts

    te = time.perf_counter()
    bad = [i for i, o in outcomes.items() if o.status is PartStatus.INFEASIBLE]
    if bad:
        tell("explain", 0, len(bad))
        for i in bad:
            conflicts[i] = _explain(datas[i], dates, cfg, deadline)
    timings["explain"] = time.perf_counter() - te

    relaxed: dict = {}
    if conflicts:
        from asn_scheduler.engine.exact import relax_parts, role_cuts, sharpen

        te = time.perf_counter()
        relaxed = relax_parts(datas, sorted(conflicts), cfg)
        roles = role_cuts(datas, conflicts, cfg)
        where = {u.code: u.building for u in problem.units}
        own = frozenset(u.code for u in problem.units if u.max_wfh_pct is not None)
        conflicts = sharpen(datas, conflicts, relaxed, where, dates, own, roles)
        timings["explain"] += time.perf_counter() - te

    status = _status(outcomes, conflicts)
    cut = (split_cut or any(o.cut for o in outcomes.values())
           or (bool(bad) and time.monotonic() >= deadline))
    if cut:
        warnings.append(MSG_CUT.format(t=cfg.time_limit))
    base = dict(problem=problem, scenario=scenario, dates=tuple(dates), seed=cfg.seed,
                stages=_stages(goals, outcomes), parts=_part_stats(datas, outcomes, conflicts),
                warnings=tuple(warnings + _unproven(outcomes)), settings=cfg,
                time_limit_reached=cut, scope=scope)
    all_conflicts = tuple(c for i in sorted(conflicts) for c in conflicts[i])
    if not status.has_roster and best_effort and can_relax(outcomes, conflicts, relaxed):
        for i, rx in relaxed.items():
            outcomes[i] = PartOutcome(PartStatus.INFEASIBLE, wfh=rx.wfh)
        roster = assemble(ctx, datas, outcomes)
        from asn_scheduler.checker import check

        report = check(problem, scenario, roster, dates=dates)
        check_from = pins.check_from if pins else None
        broken = [v for v in report.hard_violations if v.rule not in ("B1", "P1")
                  and (check_from is None or v.day is None or v.day >= check_from)]
        if broken:
            raise SolverBug(broken)
        timings["total"] = time.perf_counter() - t0
        tell("done", len(todo), len(todo))
        return Result(status=status, roster=roster, report=report, best_effort=True,
                      conflicts=all_conflicts, runtime=timings["total"], timings=timings,
                      **base)
    if not status.has_roster:
        timings["total"] = time.perf_counter() - t0
        tell("done", len(todo), len(todo))
        return Result(status=status, conflicts=all_conflicts,
                      runtime=timings["total"], timings=timings, **base)

    roster = assemble(ctx, datas, outcomes)
    tell("check", len(todo), len(todo))
    tc = time.perf_counter()
    from asn_scheduler.checker import check

    report = check(problem, scenario, roster, dates=dates)
    timings["check"] = time.perf_counter() - tc
    check_from = pins.check_from if pins else None
    broken = [v for v in report.hard_violations
              if check_from is None or v.day is None or v.day >= check_from]
    if broken:
        raise SolverBug(broken)
    timings["total"] = time.perf_counter() - t0
    tell("done", len(todo), len(todo))
    base["warnings"] = base["warnings"] + tuple(roster_notes(report))
    return Result(status=status, roster=roster, report=report, runtime=timings["total"],
                  timings=timings, **base)


def _effort_per_cell(datas: Sequence[PartData], cfg: Settings) -> float:
    """Deterministic seconds per decision cell for Q2–Q4: ``cfg.quality_effort``, raised
    so the run shares at least ``cfg.quality_floor``."""
    cells = sum(d.n_decisions for d in datas)
    return max(cfg.quality_effort, cfg.quality_floor / cells) if cells else cfg.quality_effort


def _budgets(datas: Sequence[PartData], cfg: Settings, whole_pool: bool = False
             ) -> list[float]:
    """Deterministic-time budget per part: ``cfg.solve_share`` of ``cfg.time_limit`` on
    ``cfg.nominal_parallel`` cores, in proportion to decision cells, and never more than
    one core's share (a part runs on one process) unless ``whole_pool`` (the monolithic
    reference gets the whole pool, the same solver time the parts share)."""
    total = sum(d.n_decisions for d in datas) or 1
    one_core = cfg.solve_share * cfg.time_limit / cfg.wall_per_dtime
    pool = one_core * cfg.nominal_parallel
    if whole_pool:
        one_core = pool
    return [min(one_core, max(cfg.min_part_budget, pool * d.n_decisions / total))
            for d in datas]


def _split_huge(ctx: Context, parts: list[Part], cfg: Settings, workers: int,
                cancel: Cancel | None = None, deadline: float = float("inf")
                ) -> tuple[list[Part], bool]:
    """Split each huge binding building's seats among its units (see
    :mod:`asn_scheduler.engine.decompose`) from a roster that meets its hard rules: the
    constructive rotation, repaired (:func:`~asn_scheduler.engine.part_check.repair_hard`),
    when that is enough; otherwise a CP-SAT probe for Q0. A building whose probe fails
    stays whole. Also whether the time limit cut a probe."""
    huge = [i for i, p in enumerate(parts) if p.huge]
    if not huge:
        return parts, False
    datas = [part_data(ctx, parts[i], i, ("Q0",)) for i in huge]
    rosters: dict[int, np.ndarray] = {}
    probe = []
    for k, d in enumerate(datas):
        if not d.n_decisions or prechecks(d, ctx.dates):
            continue
        if cfg.use_rotation_split and d.slot is not None:
            choice = repair_hard(d, rotation_hint(d, d.slot))
            if not broken_rules(d, choice):
                rosters[k] = part_wfh(d, choice)
                continue
        probe.append(k)
    got = run_parts([datas[k] for k in probe], _budgets([datas[k] for k in probe], cfg),
                    cfg, workers, cancel=cancel, deadline=deadline)
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
    return sort_parts(ctx, out), any(o.cut for o in got)


def _explain(data: PartData, dates: Sequence[date], cfg: Settings, deadline: float
             ) -> list[Conflict]:
    from asn_scheduler.solver.cpsat import explain_part

    cores = explain_part(data, budget=cfg.explain_budget, deadline=deadline)
    found = conflicts_from_cores(data, dates, cores)
    if found:
        return found
    # no core in time: name the rules that constrain this part
    rules = ["S2"]
    rules += ["S3"] if data.roles else []
    rules += [w.rule for w in data.weekly if RULE_BY_ID[w.rule].hard and (w.limit >= 0).any()]
    rules += ["B1"] if data.seats else []
    rules += ["P1"] if (data.ceiling >= 0).any() else []
    units = ", ".join(data.unit_codes)
    return [Conflict(tuple(rules), MSG_NO_CORE.format(units=units), fix_for(rules))]


def _status(outcomes: dict[int, PartOutcome], conflicts: dict[int, list]) -> Status:
    states = {o.status for o in outcomes.values()}
    if conflicts or PartStatus.INFEASIBLE in states:
        return Status.INFEASIBLE
    if PartStatus.INVALID in states:
        return Status.INVALID
    if PartStatus.TIME_LIMIT in states:
        return Status.TIME_LIMIT
    return Status.FEASIBLE if PartStatus.FEASIBLE in states else Status.OPTIMAL


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
    loose = [o for o in outcomes.values() if o.status is PartStatus.FEASIBLE]
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
        status = (PartStatus.INFEASIBLE if i in conflicts else o.status if o
                  else PartStatus.FIXED)
        out.append(PartStats(d.unit_codes, d.staff, o.variables if o else 0,
                             o.constraints if o else 0, str(status),
                             o.seconds if o else 0.0))
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
