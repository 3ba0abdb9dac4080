"""The scenario comparison workbook (``asn-scheduler compare -o``): one column per
scenario, one row per figure, so scenarios read side by side and print on one page.

Written atomically with xlsxwriter; every text is written as text.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from asn_scheduler._version import __version__
from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.engine.result import STATUS_SHORT, Status
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.roster_writer import WORKBOOK_OPTIONS
from asn_scheduler.excel.styles import PAPER, Styles
from asn_scheduler.excel.xlsx_safe import new_workbook
from asn_scheduler.i18n import Lang, Msg

# Figure labels by column of asn_scheduler.compare.comparison_table; ``kind`` picks the
# cell format: text, date, int, num (two decimals), pct.
FIGURES: dict[str, tuple[Msg, str]] = {
    "title": (Msg("Judul", "Title"), "text"),
    "basis": (Msg("Dasar hukum", "Legal basis"), "text"),
    "hash": (Msg("Hash skenario", "Scenario hash"), "text"),
    "start": (Msg("Tanggal pertama", "First date"), "date"),
    "end": (Msg("Tanggal terakhir", "Last date"), "date"),
    "days": (Msg("Jumlah tanggal", "Dates"), "int"),
    "dates_from": (Msg("Sumber tanggal", "Dates from"), "text"),
    "status": (Msg("Status solver", "Solver status"), "text"),
    "wfh_share": (Msg("Porsi WFH: {x}", "WFH share: {x}"), "pct"),
    "peak_wfo": (Msg("Puncak WFO: {x}", "Peak WFO: {x}"), "int"),
    "capacity": (Msg("Kapasitas: {x}", "Capacity: {x}"), "int"),
    "peak_share": (Msg("Keterisian puncak: {x}", "Peak occupancy: {x}"), "pct"),
    "fairness_max_dev": (Msg("Selisih maks dari bagian adil (hari)",
                             "Largest gap from the fair share (days)"), "num"),
    "fairness_mean_dev": (Msg("Selisih rata-rata dari bagian adil (hari)",
                              "Mean gap from the fair share (days)"), "num"),
    "fairness_spread": (Msg("Rentang keadilan terbesar dalam unit (hari)",
                            "Largest fairness spread within a unit (days)"), "num"),
    "within_one_day": (Msg("Pegawai dalam 1 hari dari bagian adil",
                           "Staff within 1 day of the fair share"), "pct"),
    "preferences_honoured": (Msg("Hari WFH pilihan dipenuhi", "Preferred WFH days honoured"),
                             "int"),
    "preferences_share": (Msg("Porsi hari pilihan dipenuhi", "Share of preferences honoured"),
                          "pct"),
    "commute_trips_avoided": (Msg("Perjalanan dihemat", "Commute trips avoided"), "int"),
    "commute_km_avoided": (Msg("Kilometer dihemat", "Kilometres avoided"), "num"),
    "wfh_days": (Msg("Hari WFH", "WFH days"), "int"),
    "wfo_days": (Msg("Hari WFO", "WFO days"), "int"),
    "hard_violations": (Msg("Pelanggaran aturan wajib", "Hard-rule violations"), "int"),
    "solve_seconds": (Msg("Waktu (detik)", "Time (s)"), "num"),
}

DATES_FROM = {
    "start/end": Msg("--start/--end", "--start/--end"),
    "period": Msg("lembar Periode", "sheet Periode"),
    "scenario": Msg("tanggal skenario masing-masing", "each scenario's own dates"),
}
NOT_COMPARABLE = Msg(
    "Tanpa --start/--end dan lembar Periode, tiap skenario memakai tanggalnya sendiri: "
    "angka antar kolom tidak sebanding langsung.",
    "Without --start/--end or sheet Periode each scenario uses its own dates: the columns "
    "are not directly comparable.")


def figure_label(column: str, lang: Lang) -> tuple[str, str]:
    """The label and cell kind of a comparison-table column (``wfh_share[layanan_langsung]``
    → ``Porsi WFH: Layanan Langsung``)."""
    base, _, rest = column.partition("[")
    msg, kind = FIGURES.get(base, (Msg(column, column), "num"))
    what = rest.rstrip("]")
    if base == "wfh_share":
        cat = ServiceCategory.parse(what)
        what = cat.label(lang) if cat is not None else what
    return msg.get(lang).replace("{x}", what), kind


def write_comparison_workbook(table: Any, path: str | os.PathLike[str], *, lang: Lang = "id",
                              source: str = "", seed: int | None = None,
                              time_limit: float | None = None,
                              notes: Sequence[Msg] = ()) -> Path:
    """Write ``table`` (:func:`asn_scheduler.compare.comparison_table`: one row per
    scenario, indexed by scenario ID) to ``path`` atomically, transposed: a column per
    scenario. ``source`` (the input file's name), ``seed`` and ``time_limit`` are recorded;
    ``notes`` are printed under the title."""
    path = Path(path)
    scenarios = [str(s) for s in table.index]
    records = table.to_dict("records")
    with atomic_path(path) as tmp:
        wb = new_workbook(str(tmp), {**WORKBOOK_OPTIONS, "constant_memory": False})
        try:
            st = Styles(wb)
            _write_table(wb, st, scenarios, list(table.columns), records, lang, notes)
            _write_info(wb, st, lang, source, seed, time_limit)
        finally:
            wb.close()
    return path


def _write_table(wb: Any, st: Styles, scenarios: list[str], columns: list[str],
                 records: list[dict[str, Any]], lang: Lang, notes: Sequence[Msg]) -> None:
    ws = wb.add_worksheet(Msg("Perbandingan", "Comparison").get(lang))
    ws.write_string(0, 0, Msg("Perbandingan skenario", "Scenario comparison").get(lang), st.title)
    row = 1
    for note in notes:
        ws.write_string(row, 0, note.get(lang), st.wrap)
        row += 1
    row += 1
    top = row
    ws.write_string(row, 0, Msg("Skenario", "Scenario").get(lang), st.header())
    for j, sid in enumerate(scenarios, 1):
        ws.write_string(row, j, sid, st.header())
    formats = {"pct": st.pct, "num": st.number, "date": st.date, "int": None, "text": st.wrap}
    for col in columns:
        row += 1
        label, kind = figure_label(col, lang)
        ws.write_string(row, 0, label, st.bold)
        for j, rec in enumerate(records, 1):
            value = rec.get(col)
            if col == "dates_from" and value in DATES_FROM:
                value = DATES_FROM[value].get(lang)
            elif col == "status" and value in Status.__members__:
                value = STATUS_SHORT[Status(value)].get(lang)
            _cell(ws, row, j, value, formats[kind], st)
    ws.set_column(0, 0, 42)
    ws.set_column(1, max(1, len(scenarios)), 26)
    ws.freeze_panes(top + 1, 1)
    ws.set_landscape()
    ws.set_paper(PAPER["A4"])
    ws.fit_to_pages(1, 0)
    ws.activate()


def _cell(ws: Any, row: int, col: int, value: Any, fmt: Any, st: Styles) -> None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        ws.write_string(row, col, "-")
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt if fmt is st.wrap else None)
    elif isinstance(value, date):
        ws.write_datetime(row, col, value, st.date)
    elif hasattr(value, "date") and callable(value.date):  # a pandas Timestamp
        ws.write_datetime(row, col, value.date(), st.date)
    else:
        ws.write_number(row, col, float(value), fmt if fmt is not st.wrap else None)


def _write_info(wb: Any, st: Styles, lang: Lang, source: str, seed: int | None,
                time_limit: float | None) -> None:
    ws = wb.add_worksheet(Msg("Info Run", "Run Info").get(lang))
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 50)
    items = [(Msg("Versi asn-scheduler", "asn-scheduler version"), __version__),
             (Msg("Buku kerja masukan", "Input workbook"), source),
             (Msg("Benih acak (seed)", "Seed"), seed),
             (Msg("Batas waktu per skenario (detik)", "Time limit per scenario (s)"),
              time_limit)]
    for i, (key, value) in enumerate(items):
        ws.write_string(i, 0, key.get(lang), st.bold)
        if isinstance(value, str):
            ws.write_string(i, 1, value)
        elif value is not None:
            ws.write_number(i, 1, value)
