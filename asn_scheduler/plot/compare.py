"""Scenarios side by side: WFH share per service category, commuting avoided."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from asn_scheduler.domain.enums import Code, ServiceCategory
from asn_scheduler.frames import named_results, summary_frame, unit_days_frame
from asn_scheduler.i18n import Lang, check_lang
from asn_scheduler.plot import _style as st
from asn_scheduler.plot._style import CODE_COLOURS, T

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from asn_scheduler.engine.result import Result

    Results = Mapping[str, Result] | Sequence[Result] | Result


def wfh_share_by_category(results_or_frame: Results | pd.DataFrame, ax: Axes | None = None,
                          *, lang: Lang = "id") -> Axes:
    """Grouped bars: WFH share of active person-days on working days, per service category
    (x) and scenario (one bar colour each).

    ``results_or_frame`` is a result, a mapping of name to result, a sequence of results
    (named by scenario ID), a :func:`~asn_scheduler.frames.unit_days_frame` (optionally
    concatenated with a ``scenario`` column), or the comparison table of
    :func:`asn_scheduler.compare.comparison_table` (its ``wfh_share[<category>]``
    columns). Scenarios without a roster are left out. Bars: one per category present ×
    scenario, in :class:`ServiceCategory` order.
    """
    lang = check_lang(lang)
    shares = _category_shares(results_or_frame)
    ax = st.axes(ax, (8, 4.5))
    cats, scenarios = list(shares.columns), list(shares.index)
    width = 0.8 / max(len(scenarios), 1)
    x = np.arange(len(cats))
    for k, s in enumerate(scenarios):
        bars = ax.bar(x - 0.4 + width * (k + 0.5), shares.loc[s].to_numpy(), width, label=s)
        if len(scenarios) * len(cats) <= 24:  # beyond that the numbers overlap
            ax.bar_label(bars, fmt="%.0f", fontsize="x-small", padding=2)
    ax.set_xticks(x, [ServiceCategory(c).label(lang) for c in cats])
    ax.set_xlabel(T["category"].get(lang))
    ax.set_ylabel(T["wfh_share_pct"].get(lang))
    ax.set_title(T["wfh_by_category"].get(lang))
    if scenarios:
        ax.legend(title=T["scenario"].get(lang), fontsize="small")
    return ax


def commute_avoided(frame: pd.DataFrame | Results, ax: Axes | None = None, *,
                    per_day: bool = False, lang: Lang = "id") -> Axes:
    """Horizontal bars: commute kilometres avoided (both ways) per scenario.

    ``frame`` has a ``scenario`` column (or scenario names as index) and
    ``commute_km_avoided`` (:func:`~asn_scheduler.frames.summary_frame` or the comparison
    table); results are accepted too. ``per_day`` divides by the ``working_dates`` column,
    for scenarios whose periods differ in length. Rows without a figure (no roster) are
    left out.
    """
    lang = check_lang(lang)
    df = frame if isinstance(frame, pd.DataFrame) else summary_frame(frame)
    names = df["scenario"] if "scenario" in df else pd.Series(df.index, index=df.index)
    km = pd.to_numeric(df["commute_km_avoided"], errors="coerce")
    if per_day:
        days = pd.to_numeric(df["working_dates"], errors="coerce")
        km = km / days.where(days > 0)
    keep = km.notna()
    names, km = names[keep].astype(str).tolist(), km[keep].to_numpy(dtype=float)
    ax = st.axes(ax, (8, 0.45 * len(names) + 1.5))
    bars = ax.barh(range(len(names)), km, color=CODE_COLOURS[Code.WFH])
    ax.bar_label(bars, labels=[f"{v:,.0f}" for v in km], padding=3, fontsize="small")
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()  # first scenario on top, as in the table
    ax.set_xlabel(T["km_per_day" if per_day else "km_avoided"].get(lang))
    ax.set_title(T["commute_title"].get(lang))
    ax.margins(x=0.15)
    return ax


def _category_shares(data: Results | pd.DataFrame) -> pd.DataFrame:
    """Percent WFH: rows = scenarios (in input order), columns = category values (in
    :class:`ServiceCategory` order)."""
    if isinstance(data, pd.DataFrame) and any(
            str(c).startswith(_WIDE) for c in data.columns):
        names = data.get("scenario", data.index)
        wide = pd.DataFrame({
            ServiceCategory.parse(str(c)[len(_WIDE):-1]).value:  # type: ignore[union-attr]
                100 * pd.to_numeric(data[c], errors="coerce").to_numpy()
            for c in data.columns if str(c).startswith(_WIDE)}, index=list(names))
        wide = wide.dropna(how="all")  # a scenario without a roster has no figures
    else:
        df = _unit_days(data)
        if "working" in df:
            df = df[df["working"].astype(bool)]
        sums = df.groupby(["scenario", "category"], sort=False)[["wfh", "active"]].sum()
        pct = 100 * sums["wfh"] / sums["active"].where(sums["active"] > 0)
        wide = pct.fillna(0.0).unstack("category") if len(pct) else pd.DataFrame()
        wide = wide.reindex(list(dict.fromkeys(df["scenario"])))
    order = [c.value for c in ServiceCategory if c.value in wide.columns]
    return wide.reindex(columns=order).fillna(0.0)


_WIDE = "wfh_share["


def _unit_days(data: Results | pd.DataFrame) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        df = data.copy()
        if "scenario" not in df:
            df["scenario"] = ""
        return df
    frames = [unit_days_frame(r).assign(scenario=name)
              for name, r in named_results(data).items()]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["scenario", "category", "wfh", "active", "working"])
    return pd.concat(frames, ignore_index=True)
