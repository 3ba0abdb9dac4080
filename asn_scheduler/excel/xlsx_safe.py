"""The workbook every xlsx writer of the project makes: xlsxwriter with safe text built in.

:func:`new_workbook` returns a :class:`SafeWorkbook`; its sheets are
:class:`SafeWorksheet`. Every string that reaches the file through them (cell text by any
``write*`` call, notes, headers and footers, validation messages and lists, sheet names,
document properties) first passes :func:`~asn_scheduler.safety_text.safe_text`, so no
writer can forget it: no rich-string markup, no character XML forbids, no bidi override.
xlsxwriter's own conversions of strings are off: a string starting with ``=`` never becomes
a formula, one starting with ``http://`` never a link, ``"12"`` never a number. The only
``<f>`` elements in an output are those a writer asks for with ``write_formula``.

Rows streamed by :class:`~asn_scheduler.excel.row_stream.RowStream` bypass these calls;
that module sends any string :func:`~asn_scheduler.safety_text.is_safe` would change
through :meth:`SafeWorksheet.write_string` instead.

This overrides xlsxwriter's ``_write_string`` (the one funnel of ``write``,
``write_string`` and ``write_row``), checked against the pinned 3.3 series.
"""

from __future__ import annotations

import os
import re
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet, convert_cell_args

from asn_scheduler.excel import xlsx_zip
from asn_scheduler.safety_text import safe_text

#: xlsxwriter options no writer may turn back on.
FORCED_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_VALIDATION_TEXT = ("input_title", "input_message", "error_title", "error_message")


def safe_sheet_name(name: str) -> str:
    """``name`` as a legal sheet name: safe text, no ``[]:*?/\\``, no surrounding
    apostrophes, at most 31 characters, never empty."""
    name = _SHEET_NAME_BAD.sub("_", safe_text(name)).strip().strip("'")[:31]
    return name or "Sheet"


class SafeWorksheet(Worksheet):
    """An xlsxwriter worksheet whose text always goes through ``safe_text``."""

    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> Any:
        return super()._write_string(row, col, safe_text(string), cell_format)

    @convert_cell_args
    def write_comment(self, row: int, col: int, comment: str,
                      options: dict[str, Any] | None = None) -> Any:
        options = dict(options or {})
        if isinstance(options.get("author"), str):
            options["author"] = safe_text(options["author"])
        return super().write_comment(row, col, safe_text(comment), options)

    def set_header(self, header: str = "", options: dict[str, Any] | None = None,
                   margin: Any = None) -> None:
        super().set_header(safe_text(header), options, margin)

    def set_footer(self, footer: str = "", options: dict[str, Any] | None = None,
                   margin: Any = None) -> None:
        super().set_footer(safe_text(footer), options, margin)

    @convert_cell_args
    def data_validation(self, first_row: int, first_col: int, last_row: int, last_col: int,
                        options: dict[str, Any] | None = None) -> Any:
        options = dict(options or {})
        for key in _VALIDATION_TEXT:
            if isinstance(options.get(key), str):
                options[key] = safe_text(options[key])
        source = options.get("source")
        if isinstance(source, (list, tuple)):
            options["source"] = [safe_text(s) if isinstance(s, str) else s for s in source]
        return super().data_validation(first_row, first_col, last_row, last_col, options)

    def write_rich_string(self, *args: Any, **kwargs: Any) -> Any:
        """Refused: rich text would bypass the escaping (no writer needs it)."""
        raise NotImplementedError("rich strings are not written by asn-scheduler")


class SafeWorkbook(xlsxwriter.Workbook):
    """An xlsxwriter workbook with :data:`FORCED_OPTIONS` and :class:`SafeWorksheet`
    sheets."""

    def __init__(self, filename: str | os.PathLike[str],
                 options: dict[str, Any] | None = None):
        super().__init__(str(filename), {**(options or {}), **FORCED_OPTIONS})
        self.worksheet_class = SafeWorksheet

    def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> Any:
        return super().add_worksheet(None if name is None else safe_sheet_name(name),
                                     worksheet_class or SafeWorksheet)

    def set_properties(self, properties: dict[str, Any]) -> None:
        super().set_properties({k: safe_text(v) if isinstance(v, str) else v
                                for k, v in properties.items()})

    def _store_workbook(self) -> None:
        # the same file, its parts deflated in threads (xlsx_zip)
        if xlsx_zip.supported(self):
            xlsx_zip.store_workbook(self)
        else:
            super()._store_workbook()


def new_workbook(filename: str | os.PathLike[str],
                 options: dict[str, Any] | None = None) -> SafeWorkbook:
    """A :class:`SafeWorkbook` writing to ``filename`` (normally an
    :func:`~asn_scheduler.excel._atomic.atomic_path` temporary)."""
    return SafeWorkbook(filename, options)
