"""What-if curves from :func:`asn_scheduler.frames.sweep`."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from asn_scheduler.i18n import Lang, check_lang
from asn_scheduler.plot import _style as st
from asn_scheduler.plot._style import T

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def tradeoff(sweep_frame: pd.DataFrame, x: str, ys: str | Sequence[str],
             ax: Axes | None = None, *, lang: Lang = "id", wrap: int = 38,
             limit: int = 130) -> Axes:
    """What-if curves from :func:`~asn_scheduler.frames.sweep`: each column of ``ys``
    against ``x``, the first on ``ax`` and each further one on its own y axis at the right.

    Infeasible points (``has_roster`` false) are marked with a red ✕ on the x axis and a
    dotted line, and annotated with the first conflict of their ``explanation``: its rule
    IDs and message, without the list of days, cut at ``limit`` characters and wrapped at
    ``wrap`` (the full text stays in the frame). Returns the first Axes; the others are
    twins in the same figure.
    """
    lang = check_lang(lang)
    ys = [ys] if isinstance(ys, str) else list(ys)
    ax = st.axes(ax, (9, 4.5))
    df = sweep_frame.sort_values(x, kind="stable")
    ok = df["has_roster"].astype(bool) if "has_roster" in df else df[ys[0]].notna()
    handles = []
    for i, y in enumerate(ys):
        target = ax if i == 0 else ax.twinx()
        if i >= 2:  # a third axis sits outside the second one
            target.spines["right"].set_position(("axes", 1 + 0.15 * (i - 1)))
        colour = f"C{i}"
        (line,) = target.plot(df.loc[ok, x], df.loc[ok, y], marker="o", color=colour,
                              label=st.column_label(y, lang))
        target.set_ylabel(st.column_label(y, lang), color=colour)
        target.tick_params(axis="y", colors=colour)
        handles.append(line)
    bad = df[~ok]
    if len(bad):
        from matplotlib.transforms import blended_transform_factory

        on_axis = blended_transform_factory(ax.transData, ax.transAxes)
        marks = ax.scatter(bad[x], [0.03] * len(bad), transform=on_axis, marker="X", s=90,
                           color="#C44E52", zorder=5, clip_on=False,
                           label=T["infeasible"].get(lang))
        handles.append(marks)
        texts = bad["explanation"] if "explanation" in bad else [""] * len(bad)
        for k, (xv, text) in enumerate(zip(bad[x], texts, strict=True)):
            ax.axvline(xv, color="#C44E52", linestyle=":", linewidth=1)
            # notes on the right half of the axis extend leftwards, so they stay inside
            right = xv > (df[x].min() + df[x].max()) / 2
            ax.annotate(_note(str(text), lang, wrap, limit), (xv, 0.08 + 0.2 * (k % 4)),
                        xycoords=on_axis, fontsize="x-small", color="#C44E52",
                        ha="right" if right else "left",
                        bbox={"boxstyle": "round", "fc": "white", "ec": "#C44E52", "alpha": 0.9})
    param = str(df["param"].iloc[0]) if "param" in df and len(df) and x == "value" else x
    ax.set_xlabel(st.column_label(param, lang))
    ax.set_title(T["tradeoff_title"].get(lang).format(p=st.column_label(param, lang)))
    ax.legend(handles=handles, fontsize="small", loc="upper left")
    return ax


_DAYS = re.compile(r"^(\[[^\]]*\])\s*\([^)]*\)")  # "[B1] (2026-03-02, …) text" → "[B1] text"


def _note(explanation: str, lang: Lang, wrap: int, limit: int) -> str:
    label = T["infeasible"].get(lang)
    lines = explanation.strip().splitlines()
    if not lines:
        return label
    first = _DAYS.sub(r"\1", lines[0].strip())
    short = textwrap.shorten(f"{label}: {first}", width=limit, placeholder=" …")
    return textwrap.fill(short, wrap)
