"""How a run is made, as one value: the planner's options and every tuning constant.

:class:`Settings` is frozen and picklable (it travels to the part processes). The CLI
builds one from its options and hands it down; tests build one
(``dataclasses.replace(Settings(), use_q0_bound=False)``) instead of changing module
globals. The defaults are the measured choices documented on each field; a change to one
is a change of behaviour, to be measured with ``asn-scheduler bench``.

Determinism: the roster is a function of the input, the scenario, ``seed``, ``effort`` and
``time_limit`` read as a *budget* (deterministic time, :attr:`Settings.wall_per_dtime`),
never of the machine's load. The wall clock decides nothing unless a run really reaches
``time_limit``; then the :class:`~asn_scheduler.engine.result.Result` says so.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """One run's options and tuning. Every field has a default; see each field's note.

    Raises
    ------
    ValueError
        On construction, for a non-positive ``time_limit``, a negative ``effort`` or a
        ``workers`` below 1.
    """

    # ---- the planner's options ---------------------------------------------------------
    time_limit: float = 60.0
    """Seconds the planner is willing to wait. Read twice: as the part solves' budget
    (:attr:`solve_share` of it, in deterministic time), and as a wall-clock deadline that
    cuts the solves only when a run really reaches it (then the result records it)."""
    seed: int = 0
    """CP-SAT's random seed: the same seed gives the same roster."""
    workers: int | None = None
    """Processes solving parts at once (``None``: the cores). 1 runs everything in this
    process (no pool: safe inside other worker processes). Never changes the roster."""
    effort: float = 1.0
    """Multiple of :attr:`quality_effort` for Q2–Q4 (``inf``: what the budget allows)."""
    monolithic: bool = False
    """Solve every unit in one model with the whole pool (a benchmark reference)."""
    part_solver: str = "cpsat"
    """``"cpsat"`` (the engine) or ``"highs"``: each part's goals as a MILP on HiGHS, the
    bench's peer (:mod:`asn_scheduler.engine.highs_stages`; needs the ``bench`` extra)."""

    # ---- budgets (engine/solve.py) -----------------------------------------------------
    solve_share: float = 0.35
    """Share of ``time_limit`` given to the part solves; the rest is for reading, compiling,
    splitting buildings, checking and writing, so that ``time_limit`` bounds the planner's
    wait. It binds only for large agencies (smaller ones stop at the quality effort first).
    Measured at 65,000 staff, 60 s, 2 workers, one process per run on a quiet machine
    (issue 22, with the preference repair and the held-goal bounds): PermenPANRB 4/2025 end
    to end 41.2 s at 0.65, 33.6 s at 0.45, 33.1 s at 0.4, 31.0 s at 0.35 and 31.5 s at 0.3
    (the part solves' floor — Q0/Q1 proofs, repairs, bounds — is reached near 0.35); Q2's
    gap 1.24% → 1.65%, Q3 +1.8%, Q4 unchanged. SE 17/2023: 32.3 s → 22.3 s at 0.35, Q2 gap
    0.33% → 0.76%, Q3 +0.7%, Q4 +0.8%. At 10,000 staff under PermenPANRB some parts feel
    it: the same time, Q2 12,260 → 12,253 preferred days, Q3 13,409 → 13,789 (+2.8%).
    Earlier: 0.8 ended the 65,000-staff run past the 60 s limit."""
    nominal_parallel: int = 2
    """Budgets assume this many parts run at once, whatever ``workers`` is, so that the same
    input, scenario and seed give the same roster on any machine."""
    wall_per_dtime: float = 2.5
    """Wall seconds per CP-SAT deterministic second, roughly, on this kind of machine
    (measured 2.5 at 10,000 and 2.6 at 65,000 staff, over about a thousand calls each;
    single parts 0.8–2): budgets are deterministic time, so that a limit reached gives the
    same roster every run."""
    min_part_budget: float = 0.0
    """Deterministic seconds a part gets at least. None: Q0, Q1 and Q5 take what they need
    whatever the budget (:attr:`first_floor`), and the goals after them get only the part's
    share of the pool. A floor of 0.1 s per part cost 146 deterministic seconds over the
    1,457 parts of a 65,000-staff agency, more than twice the whole pool."""
    quality_effort: float = 1e-4
    """Deterministic seconds per decision cell that the goals after fairness (Q2
    preferences, Q3 rotation, Q4 teams) share in a part; Q0 and Q1 take what they need.
    Chosen with the benchmark (benchmarks/README.md): it keeps 1,000 staff near 3 s; more
    buys better rotations (Q3) at a proportional cost in the planner's wait."""
    quality_floor: float = 1.5
    """Deterministic seconds those goals share over the whole run at least: a small agency
    gets its rotations and teams proven in a couple of seconds rather than cut short."""

    # ---- decomposition and processes -----------------------------------------------------
    max_part_staff: int = 150
    """Binding buildings with more staff are split (:mod:`~asn_scheduler.engine.decompose`).
    Measured on a synthetic 1,000-staff agency under PermenPANRB 4/2025 (March 2026, 60 s):
    a 515-staff building solved whole took 218 s and stayed unproven on Q2–Q4 (preferences
    honoured 782/1,172); split, the run took 48 s with the same WFH days and 1,138/1,172
    preferences honoured."""
    use_rotation_split: bool = True
    """Share a huge building's seats from the repaired rotation when it meets every hard
    rule (no CP-SAT probe). Measured at 65,000 staff under PermenPANRB 4/2025: all 102
    huge buildings qualified, and the split took 0.5 s instead of 12 s of probes."""
    pool_min_cells: int = 5_000
    """Below this many decision cells in all, solving in-process beats starting a pool."""

    # ---- a part's stages ------------------------------------------------------------------
    use_rotation_hint: bool = True
    """Hint the first solve with the constructive rotation; Q0–Q2 break ties towards it."""
    use_fair_repair: bool = True
    """Repair the roster towards the fair bands before Q1 (may prove Q1 without a solve)."""
    use_pref_repair: bool = True
    """Before Q2, move WFH days onto preferred weekdays within each person's ISO weeks
    (:mod:`~asn_scheduler.engine.pref_repair`; may prove Q2 at its max-flow bound without
    a solve). Measured at 65,000 staff (one month, effort 1, no wall-clock cut; SE
    17/2023 and PermenPANRB 4/2025): Q2's gap to its bound 2.6% → 0.3% and 8.1% → 1.2%,
    preferred days honoured 97.0% → 99.3% and 91.6% → 98.5%, Q0 and Q1 the same; Q2
    solves 1,025 → 220 and 630 → 441, and the CPU of the Q2–Q4 stages, repair included
    (2.5–2.8 s), 36.2 → 29.3 s and 38.4 → 33.7 s. Q3 188,061 → 186,894 and 90,329 →
    91,959; Q4 70,533 → 70,092 and 24,074 → 20,146 (team days give way to the
    preferences, which come first). At 1,000 staff Q2 is proven either way, with 17 and
    7 fewer Q2 solves."""
    pref_repair_cost: float = 5e-5
    """Deterministic seconds charged to a part's budget, and to its effort goals' share,
    per unit of the preference repair's counted work (a unit-week examined or a move
    made): measured 130–140 µs of CPU per unit at 65,000 staff, about 5e-5 s of CP-SAT's
    deterministic time at :attr:`wall_per_dtime`. The repair then takes time from
    Q2–Q4's solves rather than adding to the run."""
    pref_share_passed: float = 1.0
    """When the preference repair meets Q2's bound (no Q2 solve), the stage is charged
    :attr:`call_cost`, as the call it replaces, to the part's budget and its effort
    share, and this fraction of its even share of the effort budget is passed on to Q3
    and Q4 (the rest is saved). Measured: at 65,000 staff (SE 17/2023) charging the
    call keeps the Q3/Q4 calls where they were without the repair (521 and ~140; without
    the charge 885 and 215, 12 s more CPU); at 1,000 staff passing the share on proved Q3
    under SE 17/2023 (Q4 1,015 against 945 with the share saved)."""
    use_q0_bound: bool = True
    """Under ``fill``: take the filled rotation when it reaches the WFH upper bound."""
    use_q1_bound: bool = True
    """Prove Q1 by the min-cost-flow bound when the repaired roster reaches it."""
    use_quality_bounds: bool = True
    """Q2–Q4 (the effort goals): a stage skipped for lack of budget reports the roster's
    value with a cheap bound (:mod:`asn_scheduler.solver.quality_bounds`) instead of
    nothing, and a stage whose roster already meets that bound is proven without a
    solve (issue 22)."""
    use_held_bounds: bool = True
    """With :attr:`use_quality_bounds`: tighten Q3's and Q4's bounds by what the held Q0
    and Q1 force on each person (:mod:`asn_scheduler.solver.rotation_bounds`), and state
    Q4's to CP-SAT. Measured (one process, ``effort`` 0 so every Q3/Q4 stage is skipped and
    reported): at 65,000 staff the reported Q3 bound went from 0 to 147,060 against a
    roster at 186,091 (SE 17/2023; 406 against 96,910 under PermenPANRB, where the day
    caps couple people and the per-person bound cannot see it) and Q4's from 104,041 to
    85,148 (74,027 reached; PermenPANRB 76,859 → 41,916, 27,228 reached), for about
    3.5 s more CPU over the run's 1,443 parts (10.1 → 13.7 s). At 1,000 staff with the
    default effort: Q4 8 → 6 parts unproven (SE 17), the part CPU time unchanged."""
    must_linearization: int | None = 1
    """CP-SAT ``linearization_level`` for the stages of goals outside :attr:`effort_goals`
    (Q0, Q1, Q5; ``None``: level 2 as the other stages). These stages start from a near-
    optimal hint and stop at proof (:attr:`stop_at_proof`); the full LP's cuts cost more
    than they save there. Measured (``asn-scheduler bench`` set-up, 2 workers): at 65,000
    staff under PermenPANRB the Q1 stage took 26 s summed instead of 32–36 s and Q0 7 s
    instead of 8–9, both still proven everywhere; at 1,000–10,000 staff times and goals
    were unchanged within noise. Q2–Q4 keep level 2, which proves rotations on small
    agencies."""
    min_effort_call: float = 0.02
    """Deterministic seconds of the part's pool share per remaining stage below which a
    stage of :attr:`min_call_goals` is not solved: a part starved by the pool (the largest
    agencies) reports it, and the effort stages after it, with the roster's value and
    their cheap bounds (never a lower goal solved while a higher one is not held). Small
    agencies, whose parts get the quality floor, never meet it."""
    min_call_goals: frozenset[str] = frozenset({"Q3", "Q4"})
    """Goals whose calls :attr:`min_effort_call` may skip. Measured in-process, 2 workers
    (issue 22): at 65,000 staff under PermenPANRB the skipped Q3/Q4 calls had found
    nothing — Q2, Q3 and Q4 exactly the same with and without them — and cost 2.3 s of the
    part solves (19.2 → 16.9 s; 31.0 → 29.3 s end to end); at 10,000 staff 1.0 s
    (PermenPANRB) and 0.4 s (SE 17/2023) faster for Q3 +1.8% and +1.4%, Q4 +1.4% and +1.0%;
    1,000 staff unchanged. Q2's small calls do pay (65,000 staff: gap 2.03% without them,
    1.65% with), so Q2 is not in the set."""
    stop_at_proof: bool = True
    """Stop a tie-broken stage once its own goal is proven (a gap limit on the tie-break)."""
    effort_goals: frozenset[str] = frozenset({"Q2", "Q3", "Q4"})
    """Goals that get a budget in proportion to the part's size (``effort`` per decision
    cell) rather than whatever time is left: Q0 and Q1 (the WFH allowance and fairness,
    which the engine proves) and Q5 (re-planning's changes) take the time they need."""
    tie_break_goals: frozenset[str] = frozenset({"Q0", "Q1", "Q2"})
    """Stages whose ties are broken towards the rotation hint (Q3 is the rotation itself)."""
    call_cost: float = 0.01
    """Deterministic seconds charged to a part's budget for each CP-SAT call on top of what
    CP-SAT reports: the call's fixed cost (about 30 ms of wall time on this machine: the
    model's transfer, the LP's set-up, the objective built in Python), which CP-SAT's own
    deterministic time does not count. Without it, a budget shared among two thousand
    small parts bought five times its wall time."""
    first_floor: float = 1.0
    """Deterministic seconds the first solve of a part, and each stage of a goal outside
    :attr:`effort_goals` (Q0, Q1, Q5), may take whatever the part's budget: finding a
    roster comes before every time share, and the WFH allowance and fairness are what the
    engine proves. Measured at 65,000 staff (``asn-scheduler bench``): with the budget
    shared among two thousand parts, an even share left Q1 unproven in many parts (gap
    79%); these stages usually prove in a few milliseconds, so the floor is rarely
    reached."""

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise ValueError(f"time_limit must be positive, not {self.time_limit!r}")
        if not self.effort >= 0:
            raise ValueError(f"effort must be 0 or more, not {self.effort!r}")
        if self.part_solver not in ("cpsat", "highs"):
            raise ValueError(f"part_solver must be 'cpsat' or 'highs', not {self.part_solver!r}")
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"workers must be 1 or more, not {self.workers!r}")

    @property
    def explain_budget(self) -> float:
        """Deterministic seconds for finding why a part is infeasible."""
        return max(1.0, 0.2 * self.time_limit)


DEFAULT = Settings()
"""The settings of a run that asks for nothing special."""


def given(base: Settings | None = None, **options: object) -> Settings:
    """``base`` (default :data:`DEFAULT`) with the ``options`` that are not ``None``.

    The keyword form of :func:`~asn_scheduler.engine.solve.solve` (``time_limit=``,
    ``seed=`` …) goes through here, so that it and ``settings=`` mean the same thing.
    """
    changes = {k: v for k, v in options.items() if v is not None}
    base = base if base is not None else DEFAULT
    return dataclasses.replace(base, **changes) if changes else base  # type: ignore[arg-type]
