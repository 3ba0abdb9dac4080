"""RowStream: rows streamed as ready-made XML must give the very bytes that xlsxwriter's
own ``write_*`` calls give (``write_plain``), for every kind of value and every row the
stream hands back to xlsxwriter."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import xlsxwriter

from asn_scheduler.excel import row_stream
from asn_scheduler.excel.roster_writer import WORKBOOK_OPTIONS
from asn_scheduler.excel.row_stream import RowStream, supported, write_plain

# Strings xlsxwriter changes before writing: each must come out exactly as it writes it.
AWKWARD = [
    "Andi & Budi",            # XML escape
    "<r>rich</r>",            # xlsxwriter writes this as a raw rich string
    " leading space",         # needs xml:space="preserve"
    "trailing\n",
    "_x0041_",                # a literal escape sequence gets its underscore escaped
    "bell\x07",               # control character → _x0007_
    "x" * 20_000,             # long enough for xlsxwriter's UTF-16 length check
]
PLAIN = ["Siti Aminah", '=HYPERLINK("http://evil.example","klik")', "+62 812", "-", "",
         "line\nbreak", "Rp 1.000,00", "café ☕"]


def rows(fmt_a, fmt_b):
    """(values, formats) per row: plain rows, a row per awkward string, gaps, blanks."""
    out = [[["NIP", "Nama", "Tanggal", "Nilai"], [fmt_a] * 4]]
    for i, s in enumerate(PLAIN):
        out.append([[s, f"n{i}", date(2026, 3, 2 + i), i * 1.5],
                    [None, fmt_b, None if i % 2 else fmt_a, None]])
    out.append([[1, 2.25, np.float64(0.1), 10**17], [fmt_b, None, fmt_b, None]])
    out.append([[None, None, None], None])                      # blank row: nothing written
    out.append([[None, "gap before", None, 3], [None, fmt_a, None, None]])
    for s in AWKWARD:
        out.append([["ok", s, 1], [fmt_a, fmt_b, None]])
    out.append([[True, "bool", date(2026, 3, 9)], [None, None, None]])  # default date format
    return out


def write(path: Path, streamed: bool) -> int:
    """Write the rows, streamed or not; how many rows went as ready-made XML."""
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    ws = wb.add_worksheet("Data")
    fmt_a = wb.add_format({"bold": True})
    fmt_b = wb.add_format({"bg_color": "#DDEBF7", "border": 1})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    stream = RowStream(ws)
    r = 0
    for values, formats in rows(fmt_a, fmt_b):
        if r == 3:
            ws.set_row(r, 30)                  # own height: the ordinary path
        if r == 5:
            ws.write_string(r, 5, "first")     # a cell already written the ordinary way
        if r == 6:
            ws.write_comment(r, 1, "catatan")  # a note on a streamed row
        # dates without a format get date_fmt, but in the last row xlsxwriter's default
        dates = None if values[1] == "bool" else date_fmt
        if streamed:
            stream.row(r, values, formats, dates)
        else:
            write_plain(ws, r, values, formats, dates)
        r += 2 if r == 8 else 1                # and a skipped row
    ws.autofilter(0, 0, r, 3)
    wb.close()
    return stream.streamed


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_streamed_rows_are_byte_identical_to_xlsxwriters_own(tmp_path):
    # 9 rows can be streamed: the header, 6 plain-text rows (not the one with its own
    # height nor the one with a cell already written), the number row and the gap row;
    # the awkward strings and the bool go the ordinary way, the blank row nowhere
    assert write(tmp_path / "stream.xlsx", True) == 9
    assert write(tmp_path / "plain.xlsx", False) == 0
    streamed, plain = parts(tmp_path / "stream.xlsx"), parts(tmp_path / "plain.xlsx")
    assert streamed.keys() == plain.keys()
    for name in plain:
        assert streamed[name] == plain[name], name


def test_the_stream_is_on_for_the_pinned_xlsxwriter(tmp_path):
    # pyproject.toml pins the xlsxwriter versions RowStream was checked against; if a new
    # one is installed the stream turns itself off and this says so
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), WORKBOOK_OPTIONS)
    assert supported(wb.add_worksheet())
    wb.close()
    wb = xlsxwriter.Workbook(str(tmp_path / "y.xlsx"))  # not constant_memory: no stream
    assert not supported(wb.add_worksheet())
    wb.close()


def test_an_unchecked_xlsxwriter_writes_everything_the_ordinary_way(tmp_path, monkeypatch):
    monkeypatch.setattr(row_stream, "CHECKED_VERSIONS", ((9, 0), (9, 1)))
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), WORKBOOK_OPTIONS)
    ws = wb.add_worksheet()
    stream = RowStream(ws)
    assert not stream.enabled and not stream.begin(0)
    stream.row(0, ["a", 1])
    wb.close()
    assert parts(tmp_path / "x.xlsx")["xl/worksheets/sheet1.xml"].count(b"<c ") == 2


def test_rows_must_come_in_order(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), WORKBOOK_OPTIONS)
    stream = RowStream(wb.add_worksheet())
    stream.row(4, ["later"])
    # a row above one already written cannot be streamed (xlsxwriter drops it, as always)
    assert not stream.begin(2)
    wb.close()


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_non_finite_numbers_fail_as_xlsxwriter_fails(tmp_path, value):
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), WORKBOOK_OPTIONS)
    stream = RowStream(wb.add_worksheet())
    with pytest.raises(TypeError, match="NAN/INF"):
        stream.row(0, [value])
    wb.close()


def _table_columns():
    """Columns for RowStream.table: plain and awkward text, numbers with 0 and -0.0, a
    bool, dates without a format, gaps (None) and a mixed column."""
    n = 12
    text = [PLAIN[i % len(PLAIN)] for i in range(n)]
    text[5] = AWKWARD[0]
    numbers = [0, 1, 2.5, -0.0, 0.0, 10**17, 7, 7, 8.0, 3, 0, 1.0]
    floats = [0.0, 0.5, 0.5, 1.25, 0.0, 2.0, 0.5, 3.0, 0.0, 1.0, 0.5, 4.0]
    days = [date(2026, 3, 2 + i % 5) if i % 4 else None for i in range(n)]
    gaps = [None if i % 3 else f"g{i}" for i in range(n)]
    mixed = ["a", 1, "b", True, "c", 2, "d", None, "e", 3, "f", 4]
    last = [f"end{i}" if i % 5 else None for i in range(n)]
    return [text, numbers, floats, days, gaps, mixed, last]


def _write_table(path: Path, streamed: bool) -> int:
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    ws = wb.add_worksheet("Data")
    fmt_a = wb.add_format({"bold": True})
    fmt_b = wb.add_format({"bg_color": "#DDEBF7", "border": 1})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_string(0, 0, "header", fmt_b)     # pending when the table starts
    ws.set_row(4, 30)                          # a row of the table with its own height
    columns = _table_columns()
    formats = [None, fmt_a, fmt_b, None, fmt_a, None, fmt_b]
    stream = RowStream(ws)
    if streamed:
        stream.table(1, columns, formats, date_fmt)
        stream.table(20, [[1.5, -0.0, 2.0]], [fmt_a], date_fmt)  # a float column with -0.0
    else:
        for i in range(len(columns[0])):
            write_plain(ws, 1 + i, [c[i] for c in columns], formats, date_fmt)
        for i, v in enumerate([1.5, -0.0, 2.0]):
            write_plain(ws, 20 + i, [v], [fmt_a], date_fmt)
    wb.close()
    return stream.streamed


def test_table_is_byte_identical_to_xlsxwriters_own(tmp_path):
    streamed = _write_table(tmp_path / "stream.xlsx", True)
    assert _write_table(tmp_path / "plain.xlsx", False) == 0
    # the mixed column sends every row through row(), which streams those it can
    assert 0 < streamed < 12 + 3
    a, b = parts(tmp_path / "stream.xlsx"), parts(tmp_path / "plain.xlsx")
    assert a.keys() == b.keys()
    for name in b:
        assert a[name] == b[name], name


def test_table_streams_plain_columns_in_runs(tmp_path):
    columns = [c for c in _table_columns() if "a" not in c]  # without the mixed column
    columns[0] = [s for s in columns[0] if s != AWKWARD[0]] + ["x"]
    for streamed in (True, False):
        wb = xlsxwriter.Workbook(str(tmp_path / f"{streamed}.xlsx"), WORKBOOK_OPTIONS)
        ws = wb.add_worksheet("Data")
        ws.set_row(4, 30)
        fmt = wb.add_format({"bold": True})
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        formats = [fmt, None, fmt, None, None, fmt]
        stream = RowStream(ws)
        if streamed:
            stream.table(0, columns, formats, date_fmt)
            # all but the row with its own height (the -0.0 row through row())
            assert stream.streamed == len(columns[0]) - 1
        else:
            for i in range(len(columns[0])):
                write_plain(ws, i, [c[i] for c in columns], formats, date_fmt)
        wb.close()
    a, b = parts(tmp_path / "True.xlsx"), parts(tmp_path / "False.xlsx")
    for name in b:
        assert a[name] == b[name], name
