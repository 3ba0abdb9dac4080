"""Comparing rosters: cell changes between two rosters (re-planning) and scenarios side
by side (``asn-scheduler compare``, notebooks).

pandas and the engine are imported when first needed, so the roster writer can use
:func:`roster_changes` without loading them.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from asn_scheduler import fmt
from asn_scheduler.checker.report import CheckReport
from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import CellChange as CellChange
from asn_scheduler.domain.roster import roster_changes as roster_changes
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.scenario import Scenario, load_scenario
from asn_scheduler.scope import dates_source

if TYPE_CHECKING:
    import pandas as pd

    from asn_scheduler.engine.result import Result
    from asn_scheduler.engine.settings import Settings

ScenarioLike = str | os.PathLike[str] | Scenario




# --------------------------------------------------------------------------- figures


def category_shares(problem: Problem, report: CheckReport) -> dict[ServiceCategory, float]:
    """WFH share per service category: WFH person-days over active person-days, on the
    working days of the category's units (0 when nobody was active)."""
    units = problem.unit_by_code
    wfh: dict[ServiceCategory, int] = dict.fromkeys(ServiceCategory, 0)
    active: dict[ServiceCategory, int] = dict.fromkeys(ServiceCategory, 0)
    for ud in report.unit_days:
        unit = units.get(ud.unit)
        if unit is None or not ud.working:
            continue
        wfh[unit.category] += ud.wfh
        active[unit.category] += ud.active
    present = {u.category for u in problem.units}
    return {c: (wfh[c] / active[c] if active[c] else 0.0) for c in ServiceCategory
            if c in present}


def peak_occupancy(report: CheckReport) -> dict[str, tuple[int, int]]:
    """Per building: the most people in the office on one day, and its capacity."""
    out: dict[str, tuple[int, int]] = {}
    for b in report.building_days:
        peak, _cap = out.get(b.building, (0, b.capacity))
        out[b.building] = (max(peak, b.wfo), b.capacity)
    return out


# --------------------------------------------------------------------------- scenarios


def _scenario(s: ScenarioLike) -> Scenario:
    return s if isinstance(s, Scenario) else load_scenario(s)


def solve_scenarios(
    problem: Problem,
    scenarios: Sequence[ScenarioLike],
    *,
    start: date | None = None,
    end: date | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int | None = None,
    progress: Callable[[str, Any], None] | None = None,
    settings: Settings | None = None,
) -> dict[str, Result]:
    """Solve ``problem`` under each scenario (an ID, a ``.toml`` path or a
    :class:`Scenario`), in order; the Results by scenario ID (a repeated ID gets ``#2``…).

    Dates: ``start``/``end`` when given, else the workbook's period, else each
    scenario's own dates (then the rows are not directly comparable; see ``dates_from``
    in :func:`comparison_table`). ``time_limit`` applies to each solve; ``settings`` (a
    :class:`~asn_scheduler.engine.settings.Settings`), when given, is used instead of
    ``time_limit``, ``seed`` and ``workers``. ``progress``, if given, receives (scenario
    ID, the engine's progress event).

    Raises
    ------
    ScenarioError
        An unknown scenario.
    PeriodError
        A scenario without dates of its own when neither ``start``/``end`` nor the
        problem's period gives them.
    """
    from asn_scheduler.engine import solve

    loaded = [_scenario(s) for s in scenarios]
    out: dict[str, Result] = {}
    for sc in loaded:
        key, k = sc.id, 1
        while key in out:
            k += 1
            key = f"{sc.id}#{k}"
        tell = None if progress is None else (lambda ev, _id=key: progress(_id, ev))
        if settings is None:
            out[key] = solve(problem, sc, start=start, end=end, time_limit=time_limit,
                             seed=seed, workers=workers, progress=tell)
        else:
            out[key] = solve(problem, sc, start=start, end=end, settings=settings,
                             progress=tell)
    return out


_NO_ROSTER = Msg("{s}: tidak ada jadwal ({status}). {why}",
                 "{s}: no roster ({status}). {why}")
_TIME = Msg("Tidak ada jadwal yang ditemukan dalam batas waktu; naikkan --time-limit.",
            "No roster was found within the time limit; raise --time-limit.")
_MORE = Msg(" (+{n} konflik lain; jalankan solve dengan skenario ini untuk semuanya)",
            " (+{n} more conflict(s); run solve with this scenario to see them all)")


def no_roster_reason(key: str, result: Result) -> Msg | None:
    """Why scenario ``key`` has no roster, in one paragraph: its first conflict (rules,
    place, what to change) and how many more; ``None`` when it has a roster."""
    if result.status.has_roster:
        return None
    if result.conflicts:
        c = result.conflicts[0]
        more = _MORE.format(n=len(result.conflicts) - 1) if len(result.conflicts) > 1 else None
        why = Msg(" ".join(c.text("id").split("\n  ")) + (more.id if more else ""),
                  " ".join(c.text("en").split("\n  ")) + (more.en if more else ""))
    else:
        why = _TIME
    return Msg(_NO_ROSTER.id.format(s=key, status=result.status.label("id"), why=why.id),
               _NO_ROSTER.en.format(s=key, status=result.status.label("en"), why=why.en))


def scenario_notes(results: Mapping[str, Result]) -> list[Msg]:
    """What a planner must read beside the comparison, per scenario: where it does not
    reach the agency's dates or units and what applies there instead
    (:mod:`asn_scheduler.scope`), and why it has no roster when it has none."""
    out: list[Msg] = []
    for key, res in results.items():
        out += [Msg(f"{key}: {n.message.id}", f"{key}: {n.message.en}") for n in res.scope]
        reason = no_roster_reason(key, res)
        if reason is not None:
            out.append(reason)
    return out


def comparison_table(results: Mapping[str, Result], *, dates_from: str = "") -> pd.DataFrame:
    """One row per scenario (index: the keys of ``results``), with the columns:

    ``title``, ``basis``, ``hash``, ``start``, ``end``, ``days``, ``dates_from``,
    ``status``; ``wfh_share[<category>]`` per service category present, keyed by the
    stable :class:`ServiceCategory` value as in :mod:`asn_scheduler.frames`
    (``wfh_share[administrasi_pemerintahan]``: WFH over active person-days on working
    days); ``peak_wfo[<building>]``, ``capacity[<building>]`` and ``peak_share[<building>]``
    per building; ``fairness_max_dev`` / ``fairness_mean_dev``
    (days from the fair share), ``fairness_spread`` (largest per-unit max − min),
    ``within_one_day`` (share of eligible staff within a day of their share);
    ``preferences_honoured`` and ``preferences_share``; ``commute_trips_avoided`` and
    ``commute_km_avoided`` (both directions); ``wfh_days``, ``wfo_days``;
    ``hard_violations``; ``solve_seconds``. Figures are NaN for a scenario without a
    roster.
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for key, res in results.items():
        sc = res.scenario
        row: dict[str, Any] = {
            "scenario": key, "title": sc.title.id, "basis": sc.basis, "hash": sc.hash,
            "start": res.dates[0] if res.dates else None,
            "end": res.dates[-1] if res.dates else None,
            "days": len(res.dates), "dates_from": dates_from, "status": res.status.value,
        }
        rep = res.report
        if rep is not None:
            for cat, share in category_shares(res.problem, rep).items():
                row[f"wfh_share[{cat.value}]"] = share
            for b, (peak, cap) in peak_occupancy(rep).items():
                row[f"peak_wfo[{b}]"] = peak
                row[f"capacity[{b}]"] = cap
                row[f"peak_share[{b}]"] = peak / cap if cap else float("nan")
            q = rep.quality
            row.update({
                "fairness_max_dev": q.max_abs_deviation,
                "fairness_mean_dev": q.mean_abs_deviation,
                "fairness_spread": q.max_unit_spread,
                "within_one_day": q.within_one_day_share,
                "preferences_honoured": q.preferred_honoured,
                "preferences_share": (q.preferred_honoured / q.preferred_days
                                      if q.preferred_days else float("nan")),
                "commute_trips_avoided": q.commute_trips_avoided,
                "commute_km_avoided": q.commute_km_avoided,
                "wfh_days": q.wfh_days, "wfo_days": q.wfo_days,
                "hard_violations": len(rep.hard_violations),
            })
        row["solve_seconds"] = round(res.runtime, 2)
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.set_index("scenario") if not frame.empty else frame


def compare(
    problem: Problem,
    scenarios: Sequence[ScenarioLike],
    *,
    start: date | None = None,
    end: date | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int | None = None,
) -> pd.DataFrame:
    """Solve ``problem`` under each scenario and compare them side by side: the
    :func:`comparison_table` of :func:`solve_scenarios` (use that one to keep the
    Results, e.g. to write each roster or look at its conflicts).

    Example
    -------
    >>> table = compare(problem, ["se-17-2023", "se-1-2024"], time_limit=10)  # doctest: +SKIP
    >>> table[["status", "wfh_share[administrasi_pemerintahan]"]]              # doctest: +SKIP
    """
    results = solve_scenarios(problem, scenarios, start=start, end=end,
                              time_limit=time_limit, seed=seed, workers=workers)
    return comparison_table(results, dates_from=dates_source(problem, start, end))


def figure_text(value: Any, kind: str, lang: Lang = "id") -> str:
    """One figure of :func:`comparison_table` as text in ``lang``'s formats (``kind`` from
    the comparison writer's ``figure_label``: ``pct``, ``date``, ``num``, ``int``, else as
    is); ``-`` when missing. Shared by ``asn-scheduler compare`` and the web page."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if kind == "pct":
        return fmt.percent(value, lang)
    if kind == "date" or isinstance(value, date):
        return fmt.day(value, lang) if isinstance(value, date) else str(value)[:10]
    if kind == "num":
        return fmt.number(value, lang, 2)
    if kind == "int":
        return fmt.number(int(value), lang)
    return str(value)
