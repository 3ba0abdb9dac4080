"""The batch summary workbook: one filterable row per agency, and the run's facts.

Written with xlsxwriter under the roster writer's :data:`WORKBOOK_OPTIONS` (text is
never turned into a formula, number or link) and atomically.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.roster_writer import WORKBOOK_OPTIONS
from asn_scheduler.i18n import Lang, Msg

SHEET = Msg("Ringkasan", "Summary")
INFO_SHEET = Msg("Info Run", "Run Info")
_WIDTH = {"text": 22, "int": 10, "num": 11, "pct": 13, "bool": 12}
_YES_NO = {True: Msg("ya", "yes"), False: Msg("tidak", "no")}


def write_summary_workbook(path: str | os.PathLike[str], *, headers: Sequence[str],
                           kinds: Sequence[str], rows: Sequence[Sequence[Any]],
                           ok: Sequence[bool], status_col: int | None,
                           info: Sequence[tuple[str, str]], lang: Lang = "id") -> None:
    """Write the summary at ``path`` atomically.

    ``kinds`` per column: ``text``, ``int``, ``num``, ``pct`` (a share 0–1 shown as %),
    ``bool``; ``None`` values stay blank. ``ok[i]``: row ``i`` got a roster (its cell in
    column ``status_col`` is green, else red). ``info``: (label, value) pairs for the second sheet.
    """
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {**WORKBOOK_OPTIONS, "constant_memory": False})
        head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                              "text_wrap": True, "valign": "top"})
        fmt = {"int": wb.add_format({"num_format": "#,##0"}),
               "num": wb.add_format({"num_format": "0.0#"}),
               "pct": wb.add_format({"num_format": "0.0%"})}
        good = wb.add_format({"bg_color": "#D4EDDA"})
        bad = wb.add_format({"bg_color": "#F8D7DA"})
        ws = wb.add_worksheet(SHEET.get(lang))
        for i, kind in enumerate(kinds):
            ws.set_column(i, i, _WIDTH[kind])
        ws.write_row(0, 0, list(headers), head)
        ws.freeze_panes(1, 1)
        for r, values in enumerate(rows, start=1):
            for c, (kind, value) in enumerate(zip(kinds, values, strict=True)):
                cell = (good if ok[r - 1] else bad) if c == status_col else fmt.get(kind)
                if value is None:
                    ws.write_blank(r, c, None, cell)
                elif kind == "bool":
                    ws.write_string(r, c, _YES_NO[bool(value)].get(lang), cell)
                elif kind == "text":
                    ws.write_string(r, c, str(value), cell)
                else:
                    ws.write_number(r, c, float(value), cell)
        ws.autofilter(0, 0, max(1, len(rows)), len(headers) - 1)
        wi = wb.add_worksheet(INFO_SHEET.get(lang))
        wi.set_column(0, 0, 34)
        wi.set_column(1, 1, 60)
        for r, (label, value) in enumerate(info):
            wi.write_string(r, 0, label, head)
            wi.write_string(r, 1, value)
        wb.close()
