"""The blank input workbook a planner fills in, generated from :mod:`asn_scheduler.schema`.

Everything here comes from the same :class:`~asn_scheduler.schema.SheetSpec` /
:class:`~asn_scheduler.schema.Column` data the reader uses, so headers, dropdowns and
instructions cannot drift from what is accepted: one sheet per spec with the exact
(Indonesian) headers; dropdowns for every enumeration (its ``choices()``) and ``Ya,Tidak``
for yes/no columns; NIP and other text columns formatted as Text (``@``) so Excel keeps all
18 digits and leading zeros; date columns shown as ``DD/MM/YYYY``; required headers in a
dark fill with a "wajib" note; frozen header row; and a ``Petunjuk`` sheet describing every
sheet and column.

Columns whose values come from another sheet get a dropdown over that sheet's column
(``Kode Unit`` from ``Unit``, ``Gedung`` from ``Gedung``), and region and weekday columns a
dropdown over the region names of :mod:`asn_scheduler.domain.regions` (sheet
``Wilayah``) and over days and their usual ranges (hidden columns of ``Petunjuk``).
Every sheet prints landscape, one page wide, headers repeated; ``Petunjuk`` prints
wrapped on a page or two.

Dropdowns warn rather than stop, because the reader also accepts aliases and English
labels that are not in the list.
"""

from __future__ import annotations

import os

import xlsxwriter

from asn_scheduler.domain.regions import region_choices
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.excel.xlsx_safe import new_workbook
from asn_scheduler.i18n import Lang, Msg, check_lang
from asn_scheduler.schema import (
    INSTRUCTIONS_SHEET,
    REGIONS_SHEET,
    SHEETS,
    Column,
    Kind,
    SheetSpec,
)
from asn_scheduler.schema import SHEET_BY_KEY as _BY_KEY

YES_NO = ("Ya", "Tidak")
LAST_ROW = 1_048_575          # Excel's last row, zero-based
MAX_LIST_CHARS = 255          # Excel's limit for an inline dropdown list
DATE_FORMAT = "dd/mm/yyyy"
_TEXT_KINDS = (Kind.TEXT, Kind.NIP, Kind.ROLES, Kind.WEEKDAYS, Kind.ROLE_MINIMUMS)
LOOKUP_ROWS = 5000            # rows of Unit/Gedung a dropdown offers

#: Weekday dropdown: single days and the usual ranges (lists may still be typed).
WEEKDAY_CHOICES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
                   "Senin-Jumat", "Senin-Sabtu", "Senin-Minggu")
_LIST_COLS = {"weekdays": (10, WEEKDAY_CHOICES)}  # in Petunjuk

_T = {
    "title": Msg("Petunjuk pengisian buku kerja asn-scheduler",
                 "How to fill in the asn-scheduler workbook"),
    "intro": Msg(
        "Isi satu lembar per jenis data; baris 1 adalah judul kolom. Judul berwarna gelap "
        "wajib diisi. Tanggal: DD/MM/YYYY (02/03/2026 = 2 Maret 2026) atau YYYY-MM-DD. "
        "Ya/Tidak juga menerima Y/T, Yes/No, 1/0. Hari: Senin … Minggu (atau Mon … Sun), "
        "dipisah titik koma, atau rentang Senin-Jumat. Ketik NIP sebagai teks 18 digit. "
        "Nama lembar dan kolom boleh dalam bahasa Inggris (kolom Alias). Periksa dengan: "
        "asn-scheduler validate BERKAS.xlsx",
        "Fill in one sheet per kind of data; row 1 holds the headers. Dark headers are "
        "required. Dates: DD/MM/YYYY (02/03/2026 = 2 March 2026) or YYYY-MM-DD. Yes/no "
        "cells also accept Y/T, Yes/No, 1/0. Days: Senin … Minggu (or Mon … Sun) separated "
        "by semicolons, or a range Senin-Jumat. Type NIPs as 18-digit text. Sheet and "
        "column names may be in English (column Alias). Check with: "
        "asn-scheduler validate FILE.xlsx"),
    "columns": Msg("Lembar|Kolom|Alias (English)|Wajib|Penjelasan|Contoh|Bawaan",
                   "Sheet|Column|Alias (English)|Required|Meaning|Example|Default"),
    "yes": Msg("Ya", "Yes"), "no": Msg("Tidak", "No"),
    "required_sheet": Msg("lembar wajib", "required sheet"),
    "optional_sheet": Msg("lembar pilihan", "optional sheet"),
    "required_note": Msg("Wajib diisi.", "Required."),
    "dropdown_title": Msg("Nilai tidak ada di daftar", "Value not in the list"),
    "region_msg": Msg("Pilih provinsi atau kabupaten/kota dari daftar, atau tulis "
                      "kabupaten/kota dengan provinsinya (mis. Kota Medan, Sumatera Utara).",
                      "Pick a province or kabupaten/kota from the list, or write a "
                      "kabupaten/kota with its province (e.g. Kota Medan, Sumatera Utara)."),
    "dropdown_msg": Msg("Pilih dari daftar. Nama lain yang sah (mis. bahasa Inggris) tetap "
                        "diterima saat validasi.",
                        "Pick from the list. Other accepted names (e.g. English) are still "
                        "accepted when the workbook is validated."),
}


def dropdown(col: Column) -> list[str] | None:
    """The dropdown values of ``col`` (enum choices, or Ya/Tidak), or ``None``."""
    if col.kind is Kind.ENUM and col.enum is not None:
        return col.enum.choices()
    if col.kind is Kind.YESNO:
        return list(YES_NO)
    return None


def _letter(i: int) -> str:
    return xlsxwriter.utility.xl_col_to_name(i)


def lookup(spec: SheetSpec, col: Column) -> str | None:
    """The range a column's dropdown offers when its values come from another sheet or
    from a list kept in ``Petunjuk`` (``='Unit'!$A$2:$A$5000``), else ``None``."""
    if col.key == "unit_code" and spec.key != "units":
        source, key = _BY_KEY["units"], "code"
    elif spec.key == "units" and col.key == "building":
        source, key = _BY_KEY["buildings"], "name"
    elif col.key == "region":  # too many names for an inline list
        return _REGIONS_RANGE
    elif col.kind is Kind.WEEKDAYS:
        j, values = _LIST_COLS["weekdays"]
        c = _letter(j)
        return f"='{INSTRUCTIONS_SHEET}'!${c}$2:${c}${len(values) + 1}"
    else:
        return None
    c = _letter(next(i for i, x in enumerate(source.columns) if x.key == key))
    return f"='{source.name}'!${c}$2:${c}${LOOKUP_ROWS + 1}"


def write_template(path: str | os.PathLike[str], lang: Lang = "id") -> None:
    """Write the blank input workbook to ``path`` atomically; ``lang`` is the language of
    notes and instructions (headers are always the contract's Indonesian names)."""
    lang = check_lang(lang)
    with atomic_path(path) as tmp:
        wb = new_workbook(str(tmp))
        formats = _formats(wb)
        guide = wb.add_worksheet(INSTRUCTIONS_SHEET)
        for spec in SHEETS:
            _data_sheet(wb, spec, formats, lang)
        _instructions(guide, formats, lang)
        _regions_sheet(wb, formats)
        wb.close()


def _formats(wb: xlsxwriter.Workbook) -> dict[str, object]:
    head = {"bold": True, "border": 1, "text_wrap": True, "valign": "top"}
    return {
        "required": wb.add_format({**head, "bg_color": "#1F4E78", "font_color": "#FFFFFF"}),
        "optional": wb.add_format({**head, "bg_color": "#DDEBF7"}),
        "text": wb.add_format({"num_format": "@"}),
        "date": wb.add_format({"num_format": DATE_FORMAT}),
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "sheet": wb.add_format({"bold": True, "bg_color": "#E2EFDA", "text_wrap": True,
                                "valign": "top"}),
    }


def _width(col: Column) -> float:
    return min(40, max(12, len(col.header) + 4, len(col.example) + 2))


def _data_sheet(wb: xlsxwriter.Workbook, spec: SheetSpec, formats: dict, lang: Lang) -> None:
    ws = wb.add_worksheet(spec.name)
    ws.freeze_panes(1, 0)
    for i, col in enumerate(spec.columns):
        cell_format = (formats["text"] if col.kind in _TEXT_KINDS
                       else formats["date"] if col.kind is Kind.DATE else None)
        ws.set_column(i, i, _width(col), cell_format)
        ws.write_string(0, i, col.header, formats["required" if col.required else "optional"])
        note = col.help.get(lang)
        if col.required:
            note = f"{_T['required_note'].get(lang)} {note}"
        ws.write_comment(0, i, note, {"x_scale": 2, "y_scale": 1.5})
        values: list[str] | str | None = dropdown(col)
        if values is not None:
            source = ",".join(values)
            if len(source) > MAX_LIST_CHARS:  # pragma: no cover - guarded by a test
                raise ValueError(f"dropdown of {spec.name}.{col.header} is too long for Excel")
        else:
            values = lookup(spec, col)
        if values is not None:
            ws.data_validation(1, i, LAST_ROW, i, {
                "validate": "list", "source": values, "ignore_blank": True,
                "error_type": "warning", "error_title": _T["dropdown_title"].get(lang),
                "error_message": _T["dropdown_msg"].get(lang)})
    ws.set_row(0, 30)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)

    if spec.key == "settings":
        _settings_rows(ws, lang)


_REGIONS_RANGE = f"='{REGIONS_SHEET}'!$A$2:$A${len(region_choices()) + 1}"


def _regions_sheet(wb: xlsxwriter.Workbook, formats: dict) -> None:
    """The region names behind the Wilayah dropdowns (too many for an inline list)."""
    ws = wb.add_worksheet(REGIONS_SHEET)
    ws.set_column(0, 0, 34)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.write_string(0, 0, "Wilayah", formats["optional"])
    for r, name in enumerate(region_choices(), 1):
        ws.write_string(r, 0, name)


def _settings_rows(ws, lang: Lang) -> None:
    """Sheet Pengaturan: one row per key it accepts, value blank (= not set), what it does
    in column Keterangan (the agency's name and signatory first, then every scenario key)."""
    from asn_scheduler.scenario.overrides import known_keys

    own = [("Nama Instansi", Msg("nama instansi di judul cetakan", "agency name in printed "
                                 "titles")),
           ("Tempat", Msg("tempat penandatanganan", "place of signing")),
           ("Jabatan Penandatangan", Msg("jabatan penandatangan", "signatory's title")),
           ("Nama Penandatangan", Msg("nama penandatangan", "signatory's name")),
           ("NIP Penandatangan", Msg("NIP penandatangan (teks 18 digit)",
                                     "signatory's NIP (18-digit text)"))]
    rows = [*own, *((k.key, k.note) for k in known_keys() if "<" not in k.key)]
    for r, (key, note) in enumerate(rows, 1):
        ws.write_string(r, 0, key)
        ws.write_string(r, 2, note.get(lang))


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` characters wide."""
    per = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(part) // per)) for part in str(text).split("\n"))


def _instructions(ws, formats: dict, lang: Lang) -> None:
    widths = (12, 22, 20, 7, 80, 20, 14)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    ws.write_string(0, 0, _T["title"].get(lang), formats["title"])
    ws.merge_range(1, 0, 1, 6, _T["intro"].get(lang), formats["wrap"])
    ws.set_row(1, 15 * _lines(_T["intro"].get(lang), sum(widths)) + 6)
    headers = _T["columns"].get(lang).split("|")
    ws.write_row(3, 0, headers, formats["optional"])
    ws.freeze_panes(4, 0)
    r = 4
    yes, no = _T["yes"].get(lang), _T["no"].get(lang)
    for spec in SHEETS:
        alias = ", ".join(spec.aliases)
        kind = _T["required_sheet" if spec.required else "optional_sheet"].get(lang)
        ws.write_string(r, 0, spec.name, formats["sheet"])
        ws.write_string(r, 1, "", formats["sheet"])
        ws.write_string(r, 2, alias, formats["sheet"])
        ws.write_string(r, 3, yes if spec.required else no, formats["sheet"])
        ws.write_string(r, 4, f"{spec.help.get(lang)} ({kind})", formats["sheet"])
        ws.write_string(r, 5, "", formats["sheet"])
        ws.write_string(r, 6, "", formats["sheet"])
        r += 1
        for col in spec.columns:
            values = [spec.name, col.header, col.aliases[0] if col.aliases else "",
                      yes if col.required else no, col.help.get(lang), col.example,
                      col.default or ""]
            ws.write_row(r, 0, values, formats["wrap"])
            ws.set_row(r, 15 * max(_lines(v, w) for v, w in zip(values, widths, strict=True)))
            r += 1
        r += 1
    for j, values in _LIST_COLS.values():  # the dropdown lists, hidden, not printed
        ws.write_string(0, j, "", None)
        for k, v in enumerate(values, 1):
            ws.write_string(k, j, v)
        ws.set_column(j, j, 20, None, {"hidden": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.print_area(0, 0, r - 1, 6)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(3)
