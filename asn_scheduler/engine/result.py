"""What :func:`asn_scheduler.solve` returns, always (never ``None``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from asn_scheduler.checker.report import CheckReport
from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.engine.settings import Settings
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.scenario.model import Scenario
from asn_scheduler.scope import ScopeNote


class Status(Enum):
    """Outcome of a solve. A roster exists for OPTIMAL and FEASIBLE only."""

    OPTIMAL = "OPTIMAL"          # every part proven optimal on every goal
    FEASIBLE = "FEASIBLE"        # a checked roster, some goal not proven (time limit)
    INFEASIBLE = "INFEASIBLE"    # the hard rules cannot all hold: see ``conflicts``
    TIME_LIMIT = "TIME_LIMIT"    # no roster found within the time limit
    INVALID = "INVALID"          # the model itself was rejected (a bug: report it)

    @property
    def has_roster(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)

    def label(self, lang: Lang = "id") -> str:
        """The status in words (``Optimal``, ``Layak, belum terbukti optimal`` …); the
        machine-readable :attr:`value` stays English in files and frames."""
        return STATUS_LABELS[self].get(lang)


STATUS_LABELS: dict[Status, Msg] = {
    Status.OPTIMAL: Msg("OPTIMAL (terbukti terbaik)", "OPTIMAL (proven best)"),
    Status.FEASIBLE: Msg("LAYAK (patuh, belum terbukti terbaik)",
                         "FEASIBLE (compliant, not proven best)"),
    Status.INFEASIBLE: Msg("TIDAK MUNGKIN (aturan wajib bertentangan)",
                           "INFEASIBLE (hard rules conflict)"),
    Status.TIME_LIMIT: Msg("WAKTU HABIS (belum ada jadwal)", "TIME LIMIT (no roster yet)"),
    Status.INVALID: Msg("MODEL DITOLAK (galat program)", "INVALID MODEL (a bug)"),
}
STATUS_SHORT: dict[Status, Msg] = {
    Status.OPTIMAL: Msg("OPTIMAL", "OPTIMAL"),
    Status.FEASIBLE: Msg("LAYAK", "FEASIBLE"),
    Status.INFEASIBLE: Msg("TIDAK MUNGKIN", "INFEASIBLE"),
    Status.TIME_LIMIT: Msg("WAKTU HABIS", "TIME LIMIT"),
    Status.INVALID: Msg("MODEL DITOLAK", "INVALID"),
}

NO_ROSTER_WHY: dict[str, Msg] = {
    "INFEASIBLE": Msg("Tidak ada jadwal yang memenuhi semua aturan wajib. Penyebab:",
                      "No roster can meet every hard rule. Why:"),
    "TIME_LIMIT": Msg("Tidak ada jadwal ditemukan dalam batas waktu; naikkan --time-limit.",
                      "No roster found within the time limit; raise --time-limit."),
    "INVALID": Msg("Model ditolak solver (galat program; laporkan ke pengembang).",
                   "The solver rejected the model (a bug; please report it)."),
}
"""Why a run has no roster, by status value: the first line the CLI and the batch print."""
"""Short forms for tables (``compare``)."""


@dataclass(frozen=True, slots=True)
class StageResult:
    """One lexicographic goal stage, summed over parts. ``objective`` and ``bound`` are in
    the goal's unit (WFH days for Q0, days outside the fair band for Q1, …); for a
    maximised goal ``bound ≥ objective``, for a minimised one ``bound ≤ objective``."""

    goal: str
    objective: float
    bound: float
    proven: bool
    seconds: float

    @property
    def gap(self) -> float:
        """Relative gap between objective and bound (0 when proven or both 0; NaN when
        either is unknown: a part skipped the goal)."""
        denom = max(abs(self.objective), abs(self.bound), 1e-9)
        return 0.0 if self.proven else abs(self.bound - self.objective) / denom


@dataclass(frozen=True, slots=True)
class Conflict:
    """Why the hard rules cannot all hold: the rule IDs in conflict, where and when, and
    what to change."""

    rules: tuple[str, ...]
    message: Msg
    fix: Msg
    unit: str | None = None
    building: str | None = None
    days: tuple[date, ...] = ()

    def text(self, lang: Lang = "id") -> str:
        """One paragraph for the CLI and the web page."""
        from asn_scheduler import fmt

        when = f" ({fmt.runs(self.days, lang)})" if self.days else ""
        label = "Perbaikan" if lang == "id" else "Fix"
        return (f"[{'+'.join(self.rules)}]{when} {self.message.get(lang)}\n"
                f"  {label}: {self.fix.get(lang)}")


@dataclass(frozen=True, slots=True)
class PartStats:
    """One independent part of the decomposition: its units, size and outcome."""

    units: tuple[str, ...]
    staff: int
    variables: int
    constraints: int
    status: str
    seconds: float


@dataclass(frozen=True)
class Result:
    """The outcome of a solve.

    ``roster`` and ``report`` (the independent checker's, on that roster) exist when
    ``status.has_roster``; ``conflicts`` explain an INFEASIBLE result. ``stages`` gives the
    objective and bound per goal, ``parts`` the decomposition, ``timings`` seconds per
    phase (``build``, ``solve``, ``check``). ``settings``: how it was made.
    ``time_limit_reached``: the wall-clock time limit cut a stage, so the same input may
    give another roster on another run (the warnings say so too); otherwise the roster is
    a function of the input, scenario and settings alone.
    """

    status: Status
    problem: Problem
    scenario: Scenario
    dates: tuple[date, ...]
    seed: int
    roster: Roster | None = None
    report: CheckReport | None = None
    stages: tuple[StageResult, ...] = ()
    parts: tuple[PartStats, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    warnings: tuple[Msg, ...] = ()
    scope: tuple[ScopeNote, ...] = ()
    best_effort: bool = False
    runtime: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    settings: Settings | None = None
    time_limit_reached: bool = False

    def wfh_share_by_category(self) -> dict[ServiceCategory, float]:
        """WFH person-days / active person-days per service category, over working
        unit-days (empty without a report)."""
        if self.report is None:
            return {}
        units = self.problem.unit_by_code
        wfh: dict[ServiceCategory, int] = {}
        active: dict[ServiceCategory, int] = {}
        for ud in self.report.unit_days:
            if ud.working:
                cat = units[ud.unit].category
                wfh[cat] = wfh.get(cat, 0) + ud.wfh
                active[cat] = active.get(cat, 0) + ud.active
        return {c: wfh[c] / active[c] for c in ServiceCategory if active.get(c)}

    def summary(self, lang: Lang = "id") -> str:
        """A few lines for a terminal or notebook: status, WFH share per service category,
        fairness, hard violations, each goal's objective and bound, time; the conflicts
        when there is no roster."""
        L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
        d = self.dates
        lines = [f"Status: {self.status.label(lang)} · {self.scenario.id} · "
                 f"{d[0].isoformat()}..{d[-1].isoformat()} · {len(self.parts)} "
                 f"{L('bagian', 'parts')} · {self.runtime:.1f} s"]
        lines += [f"{L('PERINGATAN', 'WARNING')}: {n.text(lang)}" for n in self.scope]
        if self.best_effort:
            lines.append(L("Jadwal upaya terbaik: tidak memenuhi semua aturan wajib (lihat "
                           "pelanggaran dan penyebabnya di bawah).",
                           "Best-effort roster: it does not meet every hard rule (see the "
                           "violations and their causes below)."))
        if self.report is not None:
            shares = self.wfh_share_by_category()
            lines.append(L("Porsi WFH: ", "WFH share: ") + ", ".join(
                f"{c.label(lang)} {v:.1%}" for c, v in shares.items()))
            q = self.report.quality
            lines.append(Msg("Keadilan: selisih maks {mx:.1f} hari, rata-rata {mean:.2f}; "
                             "{w:.0%} dalam 1 hari", "Fairness: largest gap {mx:.1f} days, "
                             "mean {mean:.2f}; {w:.0%} within 1 day").format(
                mx=q.max_abs_deviation, mean=q.mean_abs_deviation,
                w=q.within_one_day_share).get(lang))
            lines.append(Msg("Pelanggaran aturan wajib: {n}", "Hard-rule violations: {n}")
                         .format(n=len(self.report.hard_violations)).get(lang))
        for st in self.stages:
            if math.isnan(st.objective):
                lines.append(f"  {st.goal}: " + L("dilewati (upaya atau waktu habis)",
                                                   "skipped (effort or time spent)"))
                continue
            proof = (L("terbukti", "proven") if st.proven
                     else L("batas tidak diketahui", "bound unknown") if math.isnan(st.bound)
                     else L("batas", "bound") + f" {st.bound:g}")
            lines.append(f"  {st.goal}: {st.objective:g} ({proof}, {st.seconds:.2f} s)")
        lines += [c.text(lang) for c in self.conflicts]
        lines += [f"{L('Catatan', 'Note')}: {w.get(lang)}" for w in self.warnings]
        return "\n".join(lines)
