"""Part-level helpers for the repair tests: one world as one part's data, the fixed
week's dates, and a roster built from {row: [day, …]}."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from worlds import WEEK

from asn_scheduler.domain.enums import Code
from asn_scheduler.engine.context import compile_problem
from asn_scheduler.engine.decompose import decompose, part_data
from asn_scheduler.parts.data import DECIDE


def one_part(problem, scen, dates):
    """The part data of ``problem`` under ``scen``, which must decompose into one part."""
    ctx = compile_problem(problem, scen, dates)
    parts = decompose(ctx)
    assert len(parts) == 1
    return part_data(ctx, parts[0], 0, tuple(scen.goals))


def week_dates() -> tuple[date, ...]:
    """Monday to Friday of :data:`worlds.WEEK`."""
    return tuple(WEEK.start + timedelta(days=i) for i in range(5))


def roster(data, wfh_days: dict[int, list[int]]) -> np.ndarray:
    """(E_p, D) bool: WFH on the given days of each row; only decision cells allowed."""
    wfh = np.zeros(data.fixed.shape, dtype=bool)
    for e, days in wfh_days.items():
        wfh[e, days] = True
    assert not (wfh & (data.fixed != DECIDE)).any()
    return wfh


def write_part(codes: np.ndarray, data, wfh: np.ndarray) -> None:
    """Write the part roster ``wfh`` into the whole roster's ``codes`` (decision cells
    only: WFH or WFO), in place."""
    sub = codes[data.rows]
    dec = data.fixed == DECIDE
    sub[dec] = np.where(wfh[dec], int(Code.WFH), int(Code.WFO))
    codes[data.rows] = sub
