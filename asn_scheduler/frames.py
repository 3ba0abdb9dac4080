"""A solve's figures as pandas DataFrames, for analysts and the plots.

Every frame has fixed, documented columns (English snake_case, as in the checker's
records) and one row per record of :class:`~asn_scheduler.checker.report.CheckReport`;
a result without a roster gives an empty frame with the same columns. Service categories
appear as the stable :class:`~asn_scheduler.domain.enums.ServiceCategory` value
(``"administrasi_pemerintahan"`` …), dates as ``datetime64``. Pure pandas: no spreadsheet
library is imported here.

:func:`sweep` solves one problem for a range of one parameter (the what-if notebook).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.model import Problem
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.scenario.model import Scenario

if TYPE_CHECKING:
    from asn_scheduler.engine.result import Result

PERSON_COLUMNS: tuple[str, ...] = (
    "nip", "name", "unit", "unit_name", "category", "building", "eligible",
    "working_days", "absent_days", "available_days", "wfh_days", "wfo_days",
    "fair_share", "deviation", "preferred_days", "preferred_honoured",
    "longest_wfh_run", "pattern_changes", "reason", "reason_en", "commute_km",
)
UNIT_DAY_COLUMNS: tuple[str, ...] = (
    "unit", "unit_name", "category", "building", "region", "date", "weekday", "working",
    "in_scope", "policy", "active", "wfo", "wfh", "absent", "wfh_share",
    "cap", "cap_pct", "wfo_ceiling",
)
CALENDAR_COLUMNS: tuple[str, ...] = ("date", "weekday", "holiday", "working")
BUILDING_DAY_COLUMNS: tuple[str, ...] = (
    "building", "date", "weekday", "working", "wfo", "capacity", "free", "occupancy",
    "over_capacity",
)
SUMMARY_COLUMNS: tuple[str, ...] = (
    "scenario", "status", "has_roster", "start", "end", "working_dates", "wfh_days",
    "wfo_days", "wfh_share",
    "wfh_goal_days", "max_abs_deviation", "mean_abs_deviation", "max_unit_spread",
    "within_one_day_share", "peak_occupancy", "peak_wfo", "commute_trips_avoided",
    "commute_km_avoided", "hard_violations", "runtime", "explanation",
)

_NO_ROSTER = {
    "TIME_LIMIT": Msg("Tidak ada jadwal yang ditemukan dalam batas waktu; beri waktu lebih.",
                      "No roster was found within the time limit; allow more time."),
    "INVALID": Msg("Model ditolak oleh solver (kesalahan program; laporkan).",
                   "The solver rejected the model (a bug; please report it)."),
    "INFEASIBLE": Msg("Aturan wajib tidak dapat dipenuhi bersamaan.",
                      "The hard rules cannot all hold together."),
}


def persons_frame(result: Result) -> pd.DataFrame:
    """One row per employee (the fairness sheet), in roster order.

    Columns are :data:`PERSON_COLUMNS`: the fields of
    :class:`~asn_scheduler.checker.report.PersonFigures` plus the unit's ``unit_name``,
    ``category`` and ``building``, the person's one-way ``commute_km`` (NaN when not
    given) and ``eligible`` (``available_days > 0``: the person could have had WFH).
    ``reason`` / ``reason_en`` explain a shortfall in Bahasa Indonesia / English.
    """
    report = result.report
    if report is None:
        return _empty(PERSON_COLUMNS)
    units = result.problem.unit_by_code
    km = {e.nip: e.commute_km for e in result.problem.employees}
    rows = []
    for p in report.persons:
        u = units.get(p.unit)
        rows.append((
            p.nip, p.name, p.unit, u.name if u else "", u.category.value if u else None,
            u.building if u else None, p.available_days > 0,
            p.working_days, p.absent_days, p.available_days, p.wfh_days, p.wfo_days,
            p.fair_share, p.deviation, p.preferred_days, p.preferred_honoured,
            p.longest_wfh_run, p.pattern_changes, p.reason, getattr(p, "reason_en", ""),
            math.nan if km.get(p.nip) is None else km[p.nip],
        ))
    return pd.DataFrame(rows, columns=list(PERSON_COLUMNS))


def unit_days_frame(result: Result) -> pd.DataFrame:
    """One row per unit per roster date (the daily summary sheet).

    Columns are :data:`UNIT_DAY_COLUMNS`: the fields of
    :class:`~asn_scheduler.checker.report.UnitDay` (``day`` as ``date``) plus the unit's
    ``unit_name``, ``category``, ``building``, ``region``, the ``weekday`` (0 = Monday) and
    ``wfh_share`` (WFH / active, 0 with nobody active). ``cap`` and ``wfo_ceiling`` are
    nullable integers (``<NA>`` where the rule does not apply).
    """
    report = result.report
    if report is None:
        return _empty(UNIT_DAY_COLUMNS)
    units = result.problem.unit_by_code
    rows = []
    for d in report.unit_days:
        u = units.get(d.unit)
        rows.append((
            d.unit, u.name if u else "", u.category.value if u else None,
            u.building if u else None, u.region if u else None, d.day, d.day.weekday(),
            d.working, d.in_scope, d.policy, d.active, d.wfo, d.wfh, d.absent, d.wfh_share,
            d.cap, math.nan if d.cap_pct is None else d.cap_pct, d.wfo_ceiling,
        ))
    df = pd.DataFrame(rows, columns=list(UNIT_DAY_COLUMNS))
    df["date"] = pd.to_datetime(df["date"])
    for col in ("cap", "wfo_ceiling"):
        df[col] = df[col].astype("Int64")
    return df


def building_days_frame(result: Result) -> pd.DataFrame:
    """One row per building per roster date: office occupancy against capacity (B1).

    Columns are :data:`BUILDING_DAY_COLUMNS`: ``wfo`` and ``capacity`` from
    :class:`~asn_scheduler.checker.report.BuildingDay`, ``free = capacity - wfo``,
    ``occupancy = wfo / capacity`` (NaN for a zero capacity), ``over_capacity``, and
    ``working``: whether any unit housed in the building works that day (so weekends and
    holidays can be left out of averages).
    """
    report = result.report
    if report is None:
        return _empty(BUILDING_DAY_COLUMNS)
    units = result.problem.unit_by_code
    working = {(units[d.unit].building, d.day) for d in report.unit_days
               if d.working and d.unit in units and units[d.unit].building is not None}
    rows = [(b.building, b.day, b.day.weekday(), (b.building, b.day) in working, b.wfo,
             b.capacity, b.capacity - b.wfo,
             b.wfo / b.capacity if b.capacity else math.nan, b.wfo > b.capacity)
            for b in report.building_days]
    df = pd.DataFrame(rows, columns=list(BUILDING_DAY_COLUMNS))
    df["date"] = pd.to_datetime(df["date"])
    return df


def calendar_frame(result: Result) -> pd.DataFrame:
    """One row per roster date: the agency's office calendar.

    Columns are :data:`CALENDAR_COLUMNS`: ``weekday`` (0 = Monday), ``holiday`` (the
    name of the national holiday, *cuti bersama* or ``Libur`` override, ``""`` on other
    days) and ``working``: Monday to Friday and not a holiday, the regular working days
    of Perpres 21/2023 (units that also work at the weekend are not counted here).
    """
    cal = Calendar(result.dates, result.problem.overrides)
    rows = [(d, d.weekday(), cal.holidays.get(d, ""),
             d.weekday() < 5 and not cal.is_holiday(d)) for d in result.dates]
    df = pd.DataFrame(rows, columns=list(CALENDAR_COLUMNS))
    df["date"] = pd.to_datetime(df["date"])
    return df


def summary_row(result: Result, lang: Lang = "id") -> dict[str, Any]:
    """The headline figures of one result as a dict with the keys :data:`SUMMARY_COLUMNS`.

    ``start`` and ``end`` are the first and last roster dates, ``working_dates`` the
    regular working days among them (``working`` of :func:`calendar_frame`; periods
    differ between scenarios: divide by it to compare per day). ``wfh_share`` is
    WFH / (WFH + WFO) person-days; ``peak_occupancy`` the highest ``wfo / capacity`` of
    any building on any day, ``peak_wfo`` the most people in one building on one day.

    Figures are NaN (``wfh_goal_days``: ``None``) for a result without a roster;
    ``explanation`` then says why in ``lang`` (the conflicts of an infeasible result, one
    paragraph each), and is empty otherwise.
    """
    row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS, math.nan)
    row.update(scenario=result.scenario.id, status=result.status.value,
               has_roster=result.status.has_roster, runtime=result.runtime,
               start=result.dates[0] if result.dates else None,
               end=result.dates[-1] if result.dates else None,
               wfh_goal_days=None, explanation="")
    report = result.report
    if report is None or not result.status.has_roster:
        texts = [c.text(lang) for c in result.conflicts]
        row["explanation"] = "\n".join(texts) or _NO_ROSTER.get(
            result.status.value, _NO_ROSTER["INVALID"]).get(lang)
        return row
    q = report.quality
    person_days = q.wfh_days + q.wfo_days
    occupancy = [b.wfo / b.capacity for b in report.building_days if b.capacity]
    row.update(
        working_dates=int(calendar_frame(result)["working"].sum()),
        wfh_days=q.wfh_days, wfo_days=q.wfo_days,
        wfh_share=q.wfh_days / person_days if person_days else 0.0,
        wfh_goal_days=q.wfh_goal_days, max_abs_deviation=q.max_abs_deviation,
        mean_abs_deviation=q.mean_abs_deviation, max_unit_spread=q.max_unit_spread,
        within_one_day_share=q.within_one_day_share,
        peak_occupancy=max(occupancy, default=math.nan),
        peak_wfo=max((b.wfo for b in report.building_days), default=0),
        commute_trips_avoided=q.commute_trips_avoided,
        commute_km_avoided=q.commute_km_avoided,
        hard_violations=len(report.hard_violations),
    )
    return row


def summary_frame(results: Mapping[str, Result] | Sequence[Result],
                  lang: Lang = "id") -> pd.DataFrame:
    """One :func:`summary_row` per result, indexed by name.

    ``results`` is a mapping of display name to result (the names become the ``scenario``
    column, in mapping order) or a sequence of results (named by their scenario ID).
    """
    named = named_results(results)
    rows = []
    for name, r in named.items():
        row = summary_row(r, lang)
        row["scenario"] = name
        rows.append(row)
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


@dataclass(frozen=True)
class BuildingCapacity:
    """A :func:`sweep` parameter: the seat capacity of one building.

    Calling it with ``(problem, scenario, value)`` returns the problem with that building's
    capacity set to ``value`` (via :meth:`Problem.replace`) and the scenario unchanged.
    """

    building: str

    def __call__(self, problem: Problem, scenario: Scenario,
                 value: object) -> tuple[Problem, Scenario]:
        if self.building not in problem.building_by_name:
            raise ValueError(f"unknown building {self.building!r}; the problem has "
                             f"{', '.join(b.name for b in problem.buildings) or 'none'}")
        buildings = tuple(dataclasses.replace(b, capacity=int(value))  # type: ignore[arg-type]
                          if b.name == self.building else b for b in problem.buildings)
        return problem.replace(buildings=buildings), scenario

    def __str__(self) -> str:
        return f"capacity[{self.building}]"


Variation = Callable[[Problem, Scenario, Any], tuple[Problem, Scenario]]


def sweep(problem: Problem, scenario: Scenario, param: str | Variation,
          values: Iterable[object], *, lang: Lang = "id", **solve_kw: Any) -> pd.DataFrame:
    """Solve ``problem`` once per value of one parameter: a what-if curve.

    Parameters
    ----------
    problem, scenario
        The base case.
    param
        A :meth:`Scenario.with_params` key (``"wfh_cap"``, ``"max_flex_days_per_week"``,
        ``"ppkm_level"`` …), or a callable ``(problem, scenario, value) -> (problem,
        scenario)`` such as :class:`BuildingCapacity`.
    values
        The values to try, in the order wanted on the plot's x axis.
    lang
        Language of the ``explanation`` column.
    **solve_kw
        Passed to :func:`asn_scheduler.engine.solve` (``start``, ``end``, ``time_limit``,
        ``seed`` …).

    Returns
    -------
    DataFrame
        One row per value, in order: ``param`` (its name), ``value``, then
        :data:`SUMMARY_COLUMNS`. Infeasible points keep their row, with NaN figures and
        the conflicts in ``explanation``.

    Raises
    ------
    ValueError
        ``param`` is not a scenario parameter (raised before any solve).
    """
    from asn_scheduler.engine import solve  # loads the solver only when a sweep runs

    vary = _variation(param)
    name = param if isinstance(param, str) else str(getattr(param, "__name__", param))
    if isinstance(param, BuildingCapacity):
        name = str(param)
    cases = [(v, *vary(problem, scenario, v)) for v in values]
    rows = []
    for value, p, s in cases:
        row = summary_row(solve(p, s, **solve_kw), lang)
        rows.append({"param": name, "value": value, **row})
    return pd.DataFrame(rows, columns=["param", "value", *SUMMARY_COLUMNS])


def _variation(param: str | Variation) -> Variation:
    if callable(param):
        return param

    def with_param(problem: Problem, scenario: Scenario, value: object):
        return problem, scenario.with_params(**{param: value})
    return with_param


def named_results(results: Mapping[str, Result] | Sequence[Result] | Result
                  ) -> dict[str, Result]:
    """Results by display name: a mapping as given, a single result or a sequence named by
    scenario ID (a repeated ID gets `` (2)``, `` (3)`` …)."""
    if isinstance(results, Mapping):
        return dict(results)
    if hasattr(results, "status"):
        results = [results]  # type: ignore[list-item]
    named: dict[str, Result] = {}
    for r in results:  # type: ignore[union-attr]
        name, k = r.scenario.id, 1
        while name in named:  # the same scenario twice (another seed or problem)
            k += 1
            name = f"{r.scenario.id} ({k})"
        named[name] = r
    return named


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
