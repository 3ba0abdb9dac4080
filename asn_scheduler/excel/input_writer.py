"""Writing a :class:`~asn_scheduler.domain.model.Problem` as an input workbook.

The inverse of the reader, following the contract (``spec/workbook.md``) through
:mod:`asn_scheduler.schema`: sheets and headers come from ``SHEETS``, every cell is
written the way a planner would type it. Used for synthetic agencies and the bundled
samples; fast enough for 65,000 staff (xlsxwriter in constant-memory mode).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, time
from types import SimpleNamespace
from typing import Any

import xlsxwriter

from asn_scheduler.domain.enums import Weekday
from asn_scheduler.domain.model import Problem
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.xlsx_safe import new_workbook
from asn_scheduler.i18n import Lang, check_lang
from asn_scheduler.schema import SHEETS, Column, Kind, SheetSpec

_WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)
_WIDTH: dict[Kind, int] = {Kind.NIP: 21, Kind.DATE: 12, Kind.YESNO: 10, Kind.ENUM: 24,
                           Kind.INT: 11, Kind.NUMBER: 11, Kind.PERCENT: 11, Kind.WEEKDAYS: 18,
                           Kind.ROLES: 18, Kind.ROLE_MINIMUMS: 24, Kind.TEXT: 26}
_WIDE_TEXT = {"name", "position"}


def _rows(problem: Problem, sheet: SheetSpec) -> Sequence[Any]:
    """The domain objects behind each row of ``sheet`` (empty: the sheet is left out)."""
    return {
        "staff": problem.employees,
        "units": problem.units,
        "absences": problem.absences,
        "buildings": problem.buildings,
        "period": (problem.period,) if problem.period is not None else (),
        "holidays": problem.overrides,
        "settings": tuple(SimpleNamespace(key=k, value=v, note=None)
                          for k, v in problem.settings.items()),
        "ppkm_levels": problem.ppkm_levels,
    }[sheet.key]


def sheet_name(sheet: SheetSpec, lang: Lang = "id") -> str:
    """The sheet's name in ``lang`` (English: its first alias)."""
    return sheet.aliases[0] if lang == "en" and sheet.aliases else sheet.name


def header(column: Column, lang: Lang = "id") -> str:
    """The column's header in ``lang`` (English: its first alias, as words)."""
    if lang != "en":
        return column.header
    words = column.aliases[0].replace("_", " ").split()
    caps = {"nip": "NIP", "wfh": "WFH", "km": "(km)", "pct": "(%)"}
    text = " ".join(caps.get(w, w) for w in words)
    return text[:1].upper() + text[1:]


def weekdays_text(days: Iterable[int], lang: Lang = "id") -> str:
    """Weekdays as a planner types them: ``Senin-Jumat`` for a run from Monday of three or
    more days, else names joined with ``; `` (``Senin; Jumat``)."""
    ds = sorted(set(days))
    names = [_WEEKDAYS[d].label(lang) for d in ds]
    if len(ds) >= 3 and ds == list(range(len(ds))):
        return f"{names[0]}-{names[-1]}"
    return "; ".join(names)


def role_minimums_text(minimums: Mapping[str, int]) -> str:
    """``loket=2; bendahara=1``."""
    return "; ".join(f"{role}={n}" for role, n in minimums.items())


class _Cells:
    """Per-kind cell writers over one xlsxwriter workbook."""

    def __init__(self, wb: xlsxwriter.Workbook, lang: Lang):
        self.lang = lang
        self.text = wb.add_format({"num_format": "@"})
        self.date = wb.add_format({"num_format": "dd/mm/yyyy"})
        self.head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                   "text_wrap": True, "valign": "top"})
        yes, no = ("Yes", "No") if lang == "en" else ("Ya", "Tidak")
        self.yes, self.no = yes, no

    def writer(self, column: Column) -> Callable[[Any, int, int, Any], None]:
        """A function ``(sheet, row, col, value)`` writing a non-``None`` value."""
        kind, lang = column.kind, self.lang
        if kind is Kind.NIP:
            return lambda ws, r, c, v: ws.write_string(r, c, str(v), self.text)
        if kind is Kind.DATE:
            return lambda ws, r, c, v: ws.write_datetime(r, c, datetime.combine(v, time()),
                                                         self.date)
        if kind is Kind.YESNO:
            return lambda ws, r, c, v: ws.write_string(r, c, self.yes if v else self.no)
        if kind is Kind.ENUM:
            return lambda ws, r, c, v: ws.write_string(r, c, v.label(lang))
        if kind in (Kind.INT, Kind.NUMBER, Kind.PERCENT):
            return lambda ws, r, c, v: ws.write_number(r, c, v)
        if kind is Kind.WEEKDAYS:
            return lambda ws, r, c, v: ws.write_string(r, c, weekdays_text(v, lang)) if v \
                else None
        if kind is Kind.ROLES:
            return lambda ws, r, c, v: ws.write_string(r, c, "; ".join(sorted(v))) if v else None
        if kind is Kind.ROLE_MINIMUMS:
            return lambda ws, r, c, v: ws.write_string(r, c, role_minimums_text(v)) if v else None
        return lambda ws, r, c, v: ws.write_string(r, c, str(v)) if v != "" else None


def write_input_workbook(problem: Problem, path: str | os.PathLike[str], *,
                         lang: str = "id", created: datetime | None = None) -> None:
    """Write ``problem`` as an input workbook at ``path`` (atomically).

    Sheets ``Pegawai`` and ``Unit`` always; ``Cuti``, ``Gedung``, ``Periode``, ``Libur``,
    ``Pengaturan`` (``problem.settings``) and ``Level PPKM`` only when they have rows
    (``Periode`` when ``problem.period`` is set).
    Headers are the contract's (``schema.SHEETS``) in ``lang``; NIP columns are text
    (format ``@``), dates real Excel dates shown ``DD/MM/YYYY``, enumerations their
    labels, yes/no ``Ya``/``Tidak``, weekdays ``Senin-Jumat`` or ``Senin; Jumat``, roles
    ``a; b``, role minimums ``loket=2; bendahara=1``. The header row is frozen.
    Reading the file back gives an equal problem (the name is not stored).
    ``created`` fixes the workbook's creation time (default: now); with it the file is
    byte-for-byte reproducible.

    Raises
    ------
    OSError
        The folder does not exist or the file cannot be written.
    ValueError
        ``lang`` is not ``id`` or ``en``.
    """
    language = check_lang(lang)
    with atomic_path(path) as tmp:
        wb = new_workbook(str(tmp), {"constant_memory": True})
        try:
            props: dict[str, object] = {"title": problem.name, "subject": "asn-scheduler input"}
            if created is not None:
                props["created"] = created
            wb.set_properties(props)
            cells = _Cells(wb, language)
            for sheet in SHEETS:
                rows = _rows(problem, sheet)
                if sheet.required or rows:
                    _write_sheet(wb, cells, sheet, rows, language)
        finally:
            wb.close()


def _write_sheet(wb: xlsxwriter.Workbook, cells: _Cells, sheet: SheetSpec,
                 rows: Sequence[Any], lang: Lang) -> None:
    ws = wb.add_worksheet(sheet_name(sheet, lang))
    columns = sheet.columns
    for c, col in enumerate(columns):
        width = 34 if col.key in _WIDE_TEXT else _WIDTH[col.kind]
        ws.set_column(c, c, width, cells.text if col.kind is Kind.NIP else None)
    ws.freeze_panes(1, 0)
    ws.set_row(0, 30)
    for c, col in enumerate(columns):
        ws.write_string(0, c, header(col, lang), cells.head)
    writers = [cells.writer(col) for col in columns]
    keys = [col.key for col in columns]
    for r, obj in enumerate(rows, start=1):
        for c, key in enumerate(keys):
            value = getattr(obj, key)
            if value is not None:
                writers[c](ws, r, c, value)
    ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
