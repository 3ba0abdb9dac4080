"""The issues workbook: every input problem as one filterable table for the planner.

One sheet (``Masalah`` / ``Issues``) with the columns of
:data:`~asn_scheduler.domain.problems.PROBLEM_HEADERS` plus the severity; errors are
shaded red, warnings yellow. Written with xlsxwriter (streaming, so tens of thousands of
rows stay cheap) and atomically. Every cell is written as a string or number, never as a
formula, so a value such as ``=HYPERLINK(...)`` typed in the planner's file stays inert.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from asn_scheduler.domain.problems import PROBLEM_HEADERS, InputProblem
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.xlsx_safe import new_workbook
from asn_scheduler.i18n import Lang, Msg, check_lang

SHEET = Msg("Masalah", "Issues")
SEVERITY_HEADER = Msg("Tingkat", "Severity")
SEVERITY = {"error": Msg("Galat", "Error"), "warning": Msg("Peringatan", "Warning")}
_WIDTHS = (18, 7, 24, 28, 60, 70, 12)
_FILL = {"error": "#F8D7DA", "warning": "#FFF3CD"}


def write_issues_workbook(problems: Sequence[InputProblem], path: str | os.PathLike[str],
                          lang: Lang = "id") -> None:
    """Write ``problems`` (in the order given) to an xlsx at ``path``, atomically.

    Columns: sheet, row, column, value, problem, fix (as the CLI prints them, in ``lang``)
    and severity. The header is bold and frozen, with an autofilter.
    """
    lang = check_lang(lang)
    headers = [*PROBLEM_HEADERS.get(lang).split("|"), SEVERITY_HEADER.get(lang)]
    with atomic_path(path) as tmp:
        wb = new_workbook(str(tmp), {"constant_memory": True})
        ws = wb.add_worksheet(SHEET.get(lang))
        bold = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                              "text_wrap": True, "valign": "top"})
        fmt = {sev: wb.add_format({"bg_color": fill, "text_wrap": True, "valign": "top"})
               for sev, fill in _FILL.items()}
        for i, width in enumerate(_WIDTHS):
            ws.set_column(i, i, width)
        ws.write_row(0, 0, headers, bold)
        ws.freeze_panes(1, 0)
        for r, p in enumerate(problems, start=1):
            cell = fmt[p.severity]
            sheet, _, column, value, problem, fix = p.as_row(lang)
            ws.write_string(r, 0, sheet, cell)
            if p.row is None:
                ws.write_blank(r, 1, None, cell)
            else:
                ws.write_number(r, 1, p.row, cell)
            ws.write_string(r, 2, column, cell)
            ws.write_string(r, 3, value, cell)
            ws.write_string(r, 4, problem, cell)
            ws.write_string(r, 5, fix, cell)
            ws.write_string(r, 6, SEVERITY[p.severity].get(lang), cell)
        ws.autofilter(0, 0, max(len(problems), 1), len(headers) - 1)
        wb.close()
