"""The best-effort roster workbook (``solve --best-effort``): the roster that breaks the
fewest hard rules when none can meet them all, every breach flagged.

``Jadwal`` keeps its machine-readable codes; the cells behind a breach (the office days of
the staff of an over-full building, or of a unit over its WFO ceiling, on that day) get the
red border and a note naming the rule and the excess. The compliance sheet marks B1/P1
as failed with their cases, and the run information lists the conflicts and their fixes.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from asn_scheduler.domain.enums import Code
from asn_scheduler.excel.roster_writer import Paper, RosterBook, write_book
from asn_scheduler.i18n import Lang, Msg

if TYPE_CHECKING:
    from asn_scheduler.engine.result import Result

MARK = Msg("Melanggar {rule} (jadwal upaya terbaik): {text}",
           "Breaks {rule} (best-effort roster): {text}")


def breach_marks(result: Result, lang: Lang) -> dict[tuple[int, int], str]:
    """(row, column) of each WFO cell behind a B1 or P1 breach → its note."""
    roster, report = result.roster, result.report
    assert roster is not None and report is not None
    units_of: dict[str, set[str]] = {}
    for u in result.problem.units:
        if u.building is not None:
            units_of.setdefault(u.building, set()).add(u.code)
    unit_of = [e.unit_code for e in result.problem.employees]
    col_of = {d: j for j, d in enumerate(roster.dates)}
    wfo = int(Code.WFO)
    marks: dict[tuple[int, int], str] = {}
    for v in report.hard_violations:
        if v.day not in col_of:
            continue
        if v.rule == "B1" and v.building is not None:
            units = units_of.get(v.building, set())
        elif v.unit is not None:
            units = {v.unit}
        else:
            continue
        j = col_of[v.day]
        note = MARK.format(rule=v.rule, text=v.message.get(lang)).get(lang)
        for i, code in enumerate(unit_of):
            if code in units and int(roster.codes[i, j]) == wfo:
                marks[(i, j)] = note
    return marks


def write_best_effort_workbook(result: Result, path: str | os.PathLike[str], *,
                               lang: Lang = "id", paper: Paper = "A4") -> Path:
    """Write ``result`` (``result.best_effort``) like a roster, its breaches flagged.

    Raises
    ------
    ValueError
        ``result`` carries no best-effort roster.
    """
    if not result.best_effort or result.roster is None or result.report is None:
        raise ValueError("the result carries no best-effort roster")
    book = RosterBook(result.problem, result.scenario, result.roster, result.report, result,
                      MappingProxyType(breach_marks(result, lang)))
    return write_book(book, path, lang=lang, paper=paper)
