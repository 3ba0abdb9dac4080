"""Whole rows streamed into an xlsxwriter worksheet as ready-made XML.

At 65,000 staff the roster workbook holds about four million cells, and xlsxwriter spends
some 6 µs on each (argument checks, a cell tuple, then the cell's XML with three regular
expressions), 25 s in all. :class:`RowStream` renders a whole row the way xlsxwriter
itself writes it in ``constant_memory`` mode (inline strings, each format's ``s``
attribute and each column's letters computed once) and appends it to the worksheet's row
data.

The file is the same either way: a row this module cannot render exactly as xlsxwriter
would (a string that needs XML or control-character escapes, surrounding whitespace or
truncation; a value that is not a plain string, finite number or date; a row with its own
height or format, or with cells already written the ordinary way) goes through
xlsxwriter's public ``write_*`` calls instead, and ``tests/test_row_stream.py`` compares
the two paths byte for byte.

This reaches into xlsxwriter's ``constant_memory`` internals (``previous_row``,
``_write_single_row``, ``_check_dimensions``, ``row_info``, ``fh``, ``_convert_date_time``,
``Format._get_xf_index``). pyproject.toml pins the minor version they were checked
against; :func:`supported` turns the stream off (everything goes the ordinary way) on any
other version or outside ``constant_memory`` mode.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

CHECKED_VERSIONS = ((3, 3), (3, 4))
"""xlsxwriter versions (from, to exclusive) whose row writing this module reproduces."""

# A string xlsxwriter would alter before writing (XML escapes, _xHHHH_ escapes of control
# characters and of literal "_xHHHH_", a "preserve" attribute for surrounding whitespace,
# rich strings "<r>…</r>") or that safe_text would alter (characters XML forbids, bidi
# overrides): such rows take the ordinary path, where SafeWorksheet applies safe_text.
_NOT_PLAIN = re.compile(
    "[&<>\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
    r"|_x[0-9a-fA-F]{4}_|^\s|\s$")
_MAX_PLAIN = 32767 // 2  # longer strings may need xlsxwriter's UTF-16 truncation


_INTERNALS = ("previous_row", "row_info", "table", "fh", "_write_single_row",
              "_check_dimensions", "_convert_date_time")


def _version() -> tuple[int, int]:
    major, minor = xlsxwriter.__version__.split(".")[:2]
    return int(major), int(minor)


def supported(ws: Any) -> bool:
    """Whether rows of ``ws`` can be streamed: a checked xlsxwriter version, a worksheet in
    ``constant_memory`` mode with the internals this module uses."""
    lo, hi = CHECKED_VERSIONS
    return (lo <= _version() < hi and bool(getattr(ws, "constant_memory", False))
            and all(hasattr(ws, a) for a in _INTERNALS))


class RowStream:
    """Writes rows of one xlsxwriter worksheet, top to bottom.

    :meth:`row` takes plain values, like :meth:`Sheet.cells
    <asn_scheduler.excel.roster_sheets.Sheet.cells>` (``str`` as text, ``int``/``float``
    as numbers, ``date`` as dates, ``None`` blank). A caller that renders its own cells
    (the ``Jadwal`` sheet) uses :meth:`begin`, :meth:`cell`/:meth:`tail` and :meth:`emit`.
    :meth:`table` writes a whole table given by columns (the big report sheets).
    Rows must come in ascending order, as ``constant_memory`` mode requires anyway.
    """

    def __init__(self, ws: Any):
        self.ws = ws
        self.enabled = supported(ws)
        self._xf: dict[int, str] = {}
        self._cols: list[str] = []
        self._serials: dict[date, str] = {}
        self.streamed = 0  # rows written as ready-made XML (the rest went the ordinary way)

    def attr(self, fmt: Any) -> str:
        """The ``s="…"`` attribute of a format ('' for none). xlsxwriter numbers a format
        the first time a cell uses it, so call this in the order the cells are written."""
        if fmt is None:
            return ""
        a = self._xf.get(id(fmt))
        if a is None:
            a = self._xf[id(fmt)] = f' s="{fmt._get_xf_index()}"'
        return a

    def col(self, j: int) -> str:
        """Column letters of column ``j`` (0 → ``A``)."""
        while len(self._cols) <= j:
            self._cols.append(xl_col_to_name(len(self._cols)))
        return self._cols[j]

    def tail(self, text: str, fmt: Any) -> str | None:
        """What follows the row number in a text cell's XML: ``'" s="7" t="inlineStr">…'``;
        ``None`` when ``text`` is not plain (see :meth:`cell`)."""
        if len(text) > _MAX_PLAIN or _NOT_PLAIN.search(text):
            return None
        return f'"{self.attr(fmt)} t="inlineStr"><is><t>{text}</t></is></c>'

    def cell(self, j: int, rs: str, value: Any, fmt: Any) -> str | None:
        """The XML of one cell at column ``j`` of the row numbered ``rs`` (as Excel shows
        it), or ``None`` when xlsxwriter would write it differently than plainly."""
        ref = f'<c r="{self.col(j)}{rs}'  # the tail adds the closing quote
        if isinstance(value, str):
            tail = self.tail(value, fmt)
            return None if tail is None else ref + tail
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                return None
            return f'{ref}"{self.attr(fmt)}><v>{value:.16G}</v></c>'
        if isinstance(value, date) and fmt is not None:
            serial = self._serials.get(value)
            if serial is None:
                serial = self._serials[value] = f"{self.ws._convert_date_time(value):.16G}"
            return f'{ref}"{self.attr(fmt)}><v>{serial}</v></c>'
        return None

    def begin(self, r: int) -> bool:
        """Make row ``r`` (0-based) the next one to stream; ``False`` when it must go the
        ordinary way (stream off, a row already written, with its own height or format,
        or holding cells written the ordinary way)."""
        ws = self.ws
        if not self.enabled or r < ws.previous_row or r in ws.row_info or ws.table.get(r):
            return False
        if r > ws.previous_row:
            ws._write_single_row(r)  # flush the pending row, as any write below it would
        return True

    def emit(self, r: int, cells: str, first_col: int, last_col: int) -> None:
        """Append row ``r`` (after :meth:`begin` said yes) holding the XML ``cells``, which
        span columns ``first_col`` to ``last_col``."""
        ws = self.ws
        ws._check_dimensions(r, first_col)
        ws._check_dimensions(r, last_col)
        ws.fh.write(f'<row r="{r + 1}">{cells}</row>')
        ws.previous_row = r + 1  # as if xlsxwriter had flushed row r on a write below it
        self.streamed += 1

    def row(self, r: int, values: Sequence[Any], formats: Sequence[Any] | None = None,
            date_format: Any = None) -> None:
        """Row ``r`` (0-based): ``values[j]`` in column ``j`` with ``formats[j]``; a date
        without a format gets ``date_format``."""
        if not self.begin(r):
            write_plain(self.ws, r, values, formats, date_format)
            return
        # the common cells (plain text, finite int/float) inline; the rest via cell()
        rs, parts, first, last = str(r + 1), [], -1, -1
        if len(self._cols) < len(values):
            self.col(len(values) - 1)
        cols, xf = self._cols, self._xf
        for j, v in enumerate(values):
            if v is None:
                continue
            fmt = formats[j] if formats is not None else None
            t = type(v)
            if fmt is None:
                if t is date or t is datetime:
                    fmt = date_format
                s = "" if fmt is None else self.attr(fmt)
            else:
                s = xf.get(id(fmt)) or self.attr(fmt)
            if t is str and len(v) <= _MAX_PLAIN and not _NOT_PLAIN.search(v):
                parts.append(f'<c r="{cols[j]}{rs}"{s} t="inlineStr"><is><t>{v}</t></is></c>')
            elif (t is int or t is float) and math.isfinite(v):
                parts.append(f'<c r="{cols[j]}{rs}"{s}><v>{v:.16G}</v></c>')
            else:
                xml = self.cell(j, rs, v, fmt)
                if xml is None:
                    write_plain(self.ws, r, values, formats, date_format)
                    return
                parts.append(xml)
            if first < 0:
                first = j
            last = j
        if parts:  # else nothing to write: xlsxwriter writes no empty row
            self.emit(r, "".join(parts), first, last)


    def table(self, r0: int, columns: Sequence[Sequence[Any]],
              formats: Sequence[Any] | None = None, date_format: Any = None) -> None:
        """Rows ``r0``, ``r0 + 1``, … holding ``columns[j][i]`` in column ``j`` of row ``i``
        with ``formats[j]``: the same file as :meth:`row` on each row in turn.

        Rendered column by column (a text's or a number's XML once per distinct value, a
        date's serial once per date) and written in runs of rows. A row holding a cell
        that its column cannot render plainly goes through :meth:`row`; so does every row
        of a column mixing kinds.
        """
        n = len(columns[0]) if columns else 0
        if not n:
            return
        if not self.begin(r0):
            for i in range(n):
                self.row(r0 + i, [c[i] for c in columns], formats, date_format)
            return
        fmts = [formats[j] if formats is not None else None for j in range(len(columns))]
        kinds = [set(map(type, c)) for c in columns]
        nones = [type(None) in k for k in kinds]
        used = [bool(k - {type(None)}) for k in kinds]
        # xlsxwriter numbers formats in the order cells first use them: walk the rows
        # (usually the first one does) until every format of the table has its number
        wanted = {id(f) for f, u in zip(fmts, used, strict=True) if f is not None and u}
        if date_format is not None and any(f is None and (date in k or datetime in k)
                                           for k, f in zip(kinds, fmts, strict=True)):
            wanted.add(id(date_format))
        for i in range(n):
            if all(k in self._xf for k in wanted):
                break
            for c, f in zip(columns, fmts, strict=True):
                v = c[i]
                if v is not None:
                    self.attr(f if f is not None or type(v) not in (date, datetime)
                              else date_format)
        rss = [str(r0 + i + 1) for i in range(n)]
        odd: set[int] = set()
        rendered = []
        self.col(len(columns) - 1)
        for j, (c, f) in enumerate(zip(columns, fmts, strict=True)):
            cells, bad = self._column(self._cols[j], rss, c, f, date_format, kinds[j])
            rendered.append(cells)
            odd.update(bad)
        ends = not nones[0] and not nones[-1]  # every row spans the first to the last column
        last_col = len(columns) - 1
        row_info = self.ws.row_info
        run: list[str] = []  # rows ready to write, from run_start
        run_start, lo, hi = r0, last_col, 0
        for i, cells in enumerate(zip(*rendered, strict=True)):
            r = r0 + i
            if i in odd or r in row_info or (not run and not self.begin(r)):
                self._write_run(run, run_start, lo, hi)
                run, lo, hi = [], last_col, 0
                self.row(r, [c[i] for c in columns], formats, date_format)
                continue
            if ends:
                first, last = 0, last_col
            else:
                held = [j for j in range(len(columns)) if used[j] and columns[j][i] is not None]
                if not held:  # nothing to write: xlsxwriter writes no empty row
                    self._write_run(run, run_start, lo, hi)
                    run, lo, hi = [], last_col, 0
                    continue
                first, last = held[0], held[-1]
            if not run:
                run_start = r
            run.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
            lo, hi = min(lo, first), max(hi, last)
        self._write_run(run, run_start, lo, hi)

    def _write_run(self, rows: list[str], r: int, first_col: int, last_col: int) -> None:
        """Rows ``r`` … ``r + len(rows) - 1`` as ready XML (after :meth:`begin` said yes for
        row ``r``), their cells within columns ``first_col`` to ``last_col``: what
        :meth:`emit` on each would do."""
        if not rows:
            return
        ws = self.ws
        ws._check_dimensions(r, first_col)
        ws._check_dimensions(r + len(rows) - 1, last_col)
        ws.fh.write("".join(rows))
        ws.previous_row = r + len(rows)
        self.streamed += len(rows)

    def _column(self, letters: str, rss: Sequence[str], cells: Sequence[Any], fmt: Any,
                date_format: Any, kinds: set[type]) -> tuple[list[str], list[int]]:
        """The XML of each cell of one column (``""`` for ``None``), and the rows it cannot
        render as :meth:`row` would (those get ``""`` too). ``kinds``: the cells' types."""
        kinds = kinds - {type(None)}
        head = f'<c r="{letters}'
        distinct = set(cells)
        distinct.discard(None)
        tails: dict[Any, str] = {}
        if kinds <= {str}:
            for v in distinct:
                t = self.tail(v, fmt)
                if t is not None:
                    tails[v] = t
        elif kinds <= {int, float}:
            s = self.attr(fmt)
            if all(math.isfinite(v) for v in distinct):
                # 0, 0.0 and -0.0 are one key, yet -0.0 is written "-0": zeros per cell
                for v in distinct:
                    tails[v] = f'"{s}><v>{v:.16G}</v></c>'
                return [head + rs + (tails[v] if v else f'"{s}><v>{v:.16G}</v></c>')
                        if v is not None else "" for rs, v in zip(rss, cells, strict=True)], []
            return [""] * len(cells), list(range(len(cells)))  # NaN or infinity: row()
        elif kinds <= {date, datetime} and (fmt is not None or date_format is not None):
            s = self.attr(fmt if fmt is not None else date_format)
            serials = self._serials
            for v in distinct:
                if v not in serials:
                    serials[v] = f"{self.ws._convert_date_time(v):.16G}"
                tails[v] = f'"{s}><v>{serials[v]}</v></c>'
        else:
            return [""] * len(cells), list(range(len(cells)))
        if len(tails) == len(distinct):  # every value renders plainly
            tails[None] = ""
            return [head + rs + tails[v] if v is not None else ""
                    for rs, v in zip(rss, cells, strict=True)], []
        return ([head + rs + tails[v] if v in tails and v is not None else ""
                 for rs, v in zip(rss, cells, strict=True)],
                [i for i, v in enumerate(cells) if v is not None and v not in tails])


def write_plain(ws: Any, r: int, values: Sequence[Any], formats: Sequence[Any] | None = None,
                date_format: Any = None) -> None:
    """Row ``r`` through xlsxwriter's public calls (the reference :class:`RowStream`
    matches): ``str`` as text, ``bool``, ``date`` as a date (``date_format`` when it has
    no format), numbers, ``None`` blank."""
    for j, v in enumerate(values):
        fmt = formats[j] if formats is not None else None
        if v is None:
            continue
        if fmt is None and isinstance(v, date):
            fmt = date_format
        if isinstance(v, str):
            ws.write_string(r, j, v, fmt)
        elif isinstance(v, bool):
            ws.write_boolean(r, j, v, fmt)
        elif isinstance(v, date):
            ws.write_datetime(r, j, v, fmt)
        else:
            ws.write_number(r, j, v, fmt)
