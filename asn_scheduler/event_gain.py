"""What a scenario's date window added over the regime outside it, and how the scenario
was set for a run: the lines the summary and the Info Run sheet show.

An event circular (SE 2/2026, SE 2/2025, B/531/2025…) matters only for the WFH it allows
beyond its baseline. Solving the baseline as well would double the run, so the figure is
a bound, said as one: on the window's unit-days, the WFH the roster has, against the most
the baseline's daily caps (S2) would allow on those same days with the same staff. The
baseline's weekly limit can only lower its figure, so ``wfh − baseline_cap`` is the least
the window added.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn_scheduler.checker.report import CheckReport
from asn_scheduler.domain.model import Problem
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.rules.data import wfh_cap
from asn_scheduler.scenario.model import OFFICE_POLICY, Scenario


@dataclass(frozen=True)
class EventGain:
    """WFH on the window's working unit-days against the baseline's daily caps there."""

    scenario: str
    baseline: str
    days: int            # distinct dates inside the window with a working unit in scope
    wfh: int             # WFH person-days on those unit-days
    baseline_cap: int    # Σ the baseline's S2 cap on the same unit-days

    @property
    def added_at_least(self) -> int:
        """The least WFH person-days the window added over its baseline."""
        return max(0, self.wfh - self.baseline_cap)


def event_gain(problem: Problem, scenario: Scenario, report: CheckReport) -> EventGain | None:
    """The :class:`EventGain` of a roster, or ``None`` for a scenario without a closed
    date window (a standing regime such as PermenPANRB 4/2025) or no window day rostered."""
    if scenario.window is None or scenario.window.period is None:
        return None
    units = problem.unit_by_code
    days, wfh, cap = set(), 0, 0
    for ud in report.unit_days:
        if not (ud.working and ud.in_scope):
            continue
        unit = units[ud.unit]
        base = (scenario.baseline.policy_for(unit.region, ud.day)
                if scenario.baseline is not None else OFFICE_POLICY)
        days.add(ud.day)
        wfh += ud.wfh
        cap += wfh_cap(unit, base, ud.active)
    if not days:
        return None
    return EventGain(scenario.id, scenario.baseline.id if scenario.baseline else "kantor",
                     len(days), wfh, cap)


MSG_GAIN = Msg(
    "Tanggal skenario {s}: {d} hari, WFH {w} hari-orang; di luar skenario ({b}) paling banyak "
    "{c} pada hari yang sama: tambahan ≥ {a}",
    "Days of scenario {s}: {d}, {w} WFH person-days; outside it ({b}) at most {c} on the "
    "same days: added ≥ {a}")
MSG_OVERRIDES = Msg("Parameter run ini: {items}", "Parameters set for this run: {items}")
MSG_ROW = Msg("{sheet} baris {row}", "{sheet} row {row}")


def gain_text(g: EventGain, lang: Lang) -> str:
    """One summary line for ``g``."""
    return MSG_GAIN.format(s=g.scenario, d=g.days, w=g.wfh, b=g.baseline, c=g.baseline_cap,
                           a=g.added_at_least).get(lang)


def override_items(scenario: Scenario, lang: Lang) -> list[str]:
    """``key=value (source)`` for every override of ``scenario``, in the order applied."""
    out = []
    for o in scenario.overrides:
        if o.source == "cli":
            src = "--set"
        elif o.row is not None:
            src = MSG_ROW.format(sheet=o.source, row=o.row).get(lang)
        else:
            src = o.source
        out.append(f"{o.key}={o.value} ({src})")
    return out


def overrides_text(scenario: Scenario, lang: Lang) -> list[str]:
    """The summary line listing the overrides (none when nothing was set)."""
    items = override_items(scenario, lang)
    return [MSG_OVERRIDES.format(items="; ".join(items)).get(lang)] if items else []
