"""One roster: office occupancy by day, fairness of WFH days, a unit's calendar."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from asn_scheduler.domain.enums import Code
from asn_scheduler.frames import building_days_frame, calendar_frame, persons_frame
from asn_scheduler.i18n import Lang, check_lang
from asn_scheduler.plot import _style as st
from asn_scheduler.plot._style import CODE_COLOURS, CODE_LABELS, T

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from asn_scheduler.engine.result import Result


def occupancy_by_day(result: Result, building: str | None = None, ax: Axes | None = None,
                     *, lang: Lang = "id") -> Axes:
    """Office occupancy per day against capacity (rule B1); days off shaded.

    With ``building``: bars of staff in that building per date and its capacity as a
    line; the building's days off are shaded. Without: one line per building of occupancy
    in % of its capacity (no point on a building's days off), and the 100% capacity line,
    so buildings of any size share one axis; weekends and holidays are shaded.

    Raises
    ------
    ValueError
        The result has no roster, or ``building`` is not a building of the problem.
    """
    lang = check_lang(lang)
    _need_roster(result)
    df = building_days_frame(result)
    names = [b.name for b in result.problem.buildings]
    if building is not None and building not in names:
        raise ValueError(f"unknown building {building!r}; the problem has "
                         f"{', '.join(names) or 'none'}")
    ax = st.axes(ax, (10, 4.5))
    if building is not None:
        one = df[df["building"] == building]
        ax.bar(one["date"], one["wfo"], 0.8, color=CODE_COLOURS[Code.WFO],
               label=T["in_office"].get(lang))
        ax.step(one["date"], one["capacity"], where="mid", color="black", linestyle="--",
                label=T["capacity"].get(lang))
        ax.set_ylabel(T["in_office"].get(lang))
        ax.set_title(T["occupancy_one"].get(lang).format(b=building))
        working = one.set_index("date")["working"]
    else:
        for name in names:
            one = df[df["building"] == name]
            # no point on a building's days off: the line breaks instead of dropping to 0
            pct = (100 * one["occupancy"]).where(one["working"].astype(bool))
            ax.plot(one["date"], pct, marker="o", markersize=3, label=name)
        ax.axhline(100, color="black", linestyle="--", label=T["capacity"].get(lang))
        ax.set_ylabel(T["occupancy_pct"].get(lang))
        ax.set_title(T["occupancy_title"].get(lang))
        working = calendar_frame(result).set_index("date")["working"]
    st.shade_days_off(ax, working, lang)
    st.date_axis(ax, lang)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def wfh_days_distribution(result: Result | pd.DataFrame, ax: Axes | None = None, *,
                          kind: str = "days", lang: Lang = "id") -> Axes:
    """Fairness (Q1): histogram over eligible staff (``available_days > 0``).

    ``kind="days"``: WFH days per person, one bar per whole number of days, with the mean
    fair share marked. ``kind="deviation"``: WFH days minus the fair share, in half-day
    bins, with the ±1 day target band shaded. ``result`` may also be a
    :func:`~asn_scheduler.frames.persons_frame`.

    Raises
    ------
    ValueError
        An unknown ``kind``, or a result without a roster.
    """
    lang = check_lang(lang)
    if kind not in ("days", "deviation"):
        raise ValueError(f"kind must be 'days' or 'deviation', not {kind!r}")
    if not isinstance(result, pd.DataFrame):
        _need_roster(result)
    df = result if isinstance(result, pd.DataFrame) else persons_frame(result)
    df = df[df["eligible"].astype(bool)]
    ax = st.axes(ax, (7, 4))
    if kind == "days":
        values = df["wfh_days"].to_numpy(dtype=float)
        top = int(values.max()) if len(values) else 0
        ax.hist(values, bins=np.arange(-0.5, top + 1.5), color=CODE_COLOURS[Code.WFH],
                edgecolor="white")
        if len(values):
            ax.axvline(df["fair_share"].mean(), color="black", linestyle="--",
                       label=T["mean_fair"].get(lang))
        ax.set_xlabel(T["wfh_days"].get(lang))
    else:
        values = df["deviation"].to_numpy(dtype=float)
        lo = math.floor(min(values.min(), -1.0)) if len(values) else -1
        hi = math.ceil(max(values.max(), 1.0)) if len(values) else 1
        ax.axvspan(-1, 1, color="#55A868", alpha=0.15, label=T["band"].get(lang))
        ax.hist(values, bins=np.arange(lo, hi + 0.5, 0.5), color=CODE_COLOURS[Code.WFO],
                edgecolor="white")
        ax.set_xlabel(T["deviation"].get(lang))
    ax.set_ylabel(T["staff_count"].get(lang))
    ax.set_title(T["fairness_title"].get(lang).format(n=len(values)))
    if len(values):
        ax.legend(fontsize="small")
    return ax


def calendar_heatmap(result: Result, unit: str, ax: Axes | None = None, *,
                     lang: Lang = "id", show_names: bool = True) -> Axes:
    """One unit's roster as a grid: people (rows, roster order) × dates (columns), each
    cell coloured by its code; days off (weekends, holidays) are the grey ``LIBUR``
    columns and their date labels are grey too.

    Raises
    ------
    ValueError
        The result has no roster, or ``unit`` is not a unit of the problem.
    """
    lang = check_lang(lang)
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    _need_roster(result)
    roster = result.roster
    assert roster is not None
    if unit not in result.problem.unit_by_code:
        raise ValueError(f"unknown unit {unit!r}")
    emps = result.problem.employees
    unit_of = {e.nip: e for e in emps}
    rows = [i for i, n in enumerate(roster.nips) if unit_of[n].unit_code == unit]
    grid = roster.codes[rows, :].astype(int)
    ax = st.axes(ax, (max(6.0, 0.28 * len(roster.dates) + 2), max(2.5, 0.25 * len(rows) + 1.5)))
    cmap = ListedColormap([CODE_COLOURS[c] for c in Code])
    ax.imshow(grid, cmap=cmap, vmin=-0.5, vmax=len(Code) - 0.5, aspect="auto",
              interpolation="nearest")
    days = roster.dates
    ax.set_xticks(range(len(days)), [f"{d:%d}\n{st.weekday(d.weekday(), lang)}" for d in days],
                  fontsize="x-small")
    off = [bool(np.all(grid[:, j] == int(Code.LIBUR))) if len(rows) else d.weekday() >= 5
           for j, d in enumerate(days)]
    for label, is_off in zip(ax.get_xticklabels(), off, strict=True):
        if is_off:
            label.set_color("grey")
    if show_names:
        ax.set_yticks(range(len(rows)), [unit_of[roster.nips[i]].name[:24] for i in rows],
                      fontsize="x-small")
    else:
        ax.set_yticks(range(len(rows)), [str(k + 1) for k in range(len(rows))],
                      fontsize="x-small")
    ax.set_ylabel(T["person"].get(lang))
    month = f"{days[0]:%m/%Y}" if days else ""
    ax.set_xlabel(f"{T['date'].get(lang)} ({month})")
    name = result.problem.unit_by_code[unit].name
    ax.set_title(T["calendar_title"].get(lang).format(u=f"{unit} – {name}"))
    present = [c for c in Code if np.any(grid == int(c))]
    ax.legend(handles=[Patch(color=CODE_COLOURS[c], label=CODE_LABELS[c].get(lang))
                       for c in present],
              fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def _need_roster(result: Result) -> None:
    if result.roster is None or result.report is None:
        raise ValueError(f"no roster to draw: the solve ended {result.status.value}")
