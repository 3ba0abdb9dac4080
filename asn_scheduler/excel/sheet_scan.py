"""Measure every sheet of an xlsx from its XML before a parser builds it in memory.

python-calamine builds a sheet as one dense rectangle from A1 to the last cell with a
value: one stray value in ``XFD1048576`` asks for 17 billion cells (the process aborts
trying to allocate 512 GB, which no ``except`` can catch). :func:`scan_workbook` therefore
streams each sheet part (1 MiB at a time, the zip already checked by
:func:`~asn_scheduler.excel.safety.check_workbook_file`) and refuses, with the sheet, the
cell and the fix, anything beyond the documented limits:

* :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS` columns and :data:`MAX_CELLS` cells in the
  rectangle calamine would build (only cells that can hold a value count: an empty
  styled cell or a row's height alone builds nothing);
* :data:`MAX_SHARED_STRINGS_BYTES` of shared-string XML and :data:`MAX_TEXT_BYTES` of text
  in one run (a cell's text; Excel itself stops at 32,767 characters).

The same pass finds what calamine reports as an empty cell although the planner typed
something: error values (``#REF!``, ``#DIV/0!``) and formulas saved without their value
(a file written by a program that does not calculate). :class:`SheetFacts` hands them to
the readers so they can say so instead of "empty".

Cost: a few regular-expression passes in C over the bytes; a part that holds formulas,
error values or cells without a position is parsed exactly with ``iterparse``.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError, XMLPullParser, fromstring

from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.i18n import Msg

MAX_ROWS = 300_000
MAX_COLUMNS = 1_024
MAX_CELLS = 8_000_000
"""About 110 bytes per cell once read (calamine, then Python objects): under 1 GiB. That is
65,000 staff × 120 dates, or 20,000 staff × a whole year, in one sheet."""
MAX_SHARED_STRINGS_BYTES = 128 * 2**20
MAX_TEXT_BYTES = 128 * 2**10
CHUNK = 2**20

# a cell that can hold a value: not self-closing (its attributes never contain '/')
_VALUED = re.compile(rb'<c r="([A-Z]{1,4})(\d{1,9})"[^>/]*>')

ERROR_VALUE = "error"
NO_VALUE = "formula"


@dataclass(frozen=True)
class SheetFacts:
    """What the scan learnt of one sheet: its used rectangle (rows and columns from A1 to
    the last cell with a value) and the cells calamine shows as empty for a reason,
    ``(row, col)`` 0-based → ``("error", "#REF!")`` or ``("formula", "=A1*2")``."""

    rows: int = 0
    cols: int = 0
    marks: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)


def scan_workbook(path: str | Path) -> dict[str, SheetFacts]:
    """:class:`SheetFacts` of every worksheet of ``path``, by sheet name.

    Raises
    ------
    InputError
        A sheet beyond the limits of this module, a text run or shared-string table over
        its limit, or a workbook whose sheet list cannot be read.
    """
    path = Path(path)
    try:
        return _scan(path)
    except (ParseError, KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        detail = (str(exc) or type(exc).__name__)[:80]
        _refuse(None, None, path.name, Msg(f"Buku kerja tidak dapat dibaca ({detail}).",
                                           f"The workbook cannot be read ({detail})."),
                Msg("Buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi.",
                    "Open it in Excel, save it again as .xlsx, and try again."))
        raise  # unreachable: _refuse raises


def _scan(path: Path) -> dict[str, SheetFacts]:
    with zipfile.ZipFile(path) as zf:
        names = {i.filename: i for i in zf.infolist()}
        check_directory(path.name, list(names.values()))
        for name, info in names.items():
            if name.lower() == "xl/sharedstrings.xml":
                _scan_text_runs(zf, info, None)
        facts = {sheet: _scan_sheet(zf, names[part], sheet)
                 for sheet, part in _sheet_parts(zf, names) if part in names}
        mapped = {part for _, part in _sheet_parts(zf, names)}
        for name, info in names.items():  # a sheet part the relations do not lead to
            if name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml") \
                    and name not in mapped:
                _scan_sheet(zf, info, name)
        return facts


def check_directory(file_name: str, infos: list[zipfile.ZipInfo]) -> None:
    """The limits the zip directory alone shows (the shared-string table's size), so
    :func:`~asn_scheduler.excel.safety.check_workbook_file` can refuse before inflating."""
    for info in infos:
        if info.filename.lower() == "xl/sharedstrings.xml" and \
                info.file_size > MAX_SHARED_STRINGS_BYTES:
            _refuse(None, None, file_name, Msg(
                f"Tabel teks bersama terlalu besar ({info.file_size // 2**20} MiB; batas "
                f"{MAX_SHARED_STRINGS_BYTES // 2**20} MiB).",
                f"The shared text table is too large ({info.file_size // 2**20} MiB; the "
                f"limit is {MAX_SHARED_STRINGS_BYTES // 2**20} MiB)."), _FIX_TEXT)


def _sheet_parts(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]
                 ) -> Iterator[tuple[str, str]]:
    """(sheet name, zip member) of every worksheet, from workbook.xml and its relations."""
    book = next((n for n in names if n.lower() == "xl/workbook.xml"), None)
    rels = next((n for n in names if n.lower() == "xl/_rels/workbook.xml.rels"), None)
    if book is None or rels is None:
        return
    targets = {}
    for rel in fromstring(zf.read(rels)).iter():
        if rel.tag.endswith("Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            targets[rel.get("Id")] = target
    lower = {n.lower(): n for n in names}
    for sheet in fromstring(zf.read(book)).iter():  # any namespace (transitional or strict)
        if sheet.tag.rpartition("}")[2] == "sheet":
            rid = next((v for k, v in sheet.attrib.items() if k.rpartition("}")[2] == "id"
                        and k.startswith("{")), "")
            target = targets.get(rid, "")
            yield sheet.get("name", ""), lower.get(target.lower(), target)


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str | None
            ) -> Iterator[bytes]:
    """The part in pieces that each end just after a ``>`` (no tag is cut in two)."""
    carry = b""
    with zf.open(info) as part:
        while chunk := part.read(CHUNK):
            data = carry + chunk
            cut = data.rfind(b">") + 1
            carry = data[cut:]
            if len(carry) > MAX_TEXT_BYTES:
                _too_long(sheet)
            if cut:
                yield data[:cut]
    if carry:
        yield carry


def _scan_text_runs(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str | None) -> None:
    for chunk in _chunks(zf, info, sheet):
        _check_runs(chunk, sheet)


def _check_runs(chunk: bytes, sheet: str | None) -> None:
    """Refuse a run of more than :data:`MAX_TEXT_BYTES` bytes without a tag in ``chunk``.

    Any such run contains a whole aligned window of half that length, so one ``find`` per
    window (which stops at the first ``<``, a few bytes in) finds every candidate; only a
    candidate is measured exactly. Runs never cross chunks: each chunk ends at a ``>``.
    """
    half = MAX_TEXT_BYTES // 2
    for p in range(0, len(chunk) - half + 1, half):
        if chunk.find(b"<", p, p + half) == -1:
            end = chunk.find(b"<", p)
            if (len(chunk) if end < 0 else end) - chunk.rfind(b"<", 0, p) - 1 > MAX_TEXT_BYTES:
                _too_long(sheet)


def _scan_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> SheetFacts:
    """The quick scan: valued cells' positions from their ``r`` attribute; a part whose
    cells are not all written ``<c r="…"`` (a prefix, no position) or that holds formulas
    or error values gets the exact :func:`_parse_sheet` instead.

    Per chunk, the last valued cell gives a candidate extent (rows come in order in any
    file a program writes) and one regular-expression search looks for a valued cell
    beyond it; only when there is one are the chunk's cells all read. So an ordinary sheet
    costs a search, not a list of every cell, and a disordered one is still exact.
    """
    rows = cols = 0
    for chunk in _chunks(zf, info, sheet):
        if (b"<f" in chunk or b't="e"' in chunk or b":c " in chunk or b"<c>" in chunk
                or chunk.count(b"<c ") != chunk.count(b'<c r="')):
            return _parse_sheet(zf, info, sheet)
        _check_runs(chunk, sheet)
        pos = len(chunk)
        while (pos := chunk.rfind(b'<c r="', 0, pos)) >= 0:
            last = _VALUED.match(chunk, pos)
            if last is not None:
                rows, cols = max(rows, int(last[2])), max(cols, _col_number(last[1]))
                break
        if pos >= 0 and _beyond(rows, cols).search(chunk) is not None:
            found = _VALUED.findall(chunk)
            rows = max(rows, max(map(int, {r for _, r in found})))
            cols = max(cols, max(map(_col_number, {c for c, _ in found})))
        _check_extent(sheet, rows, cols)
    return SheetFacts(rows, cols)


@functools.lru_cache(maxsize=64)
def _beyond(rows: int, cols: int) -> re.Pattern[bytes]:
    """A valued cell (as :data:`_VALUED`) in a row after ``rows`` or a column after
    ``cols``; a row number with a leading zero counts as beyond (it is rare and then read
    exactly)."""
    return re.compile(rb'<c r="(?:(?:' + _letters_above(cols) + rb')\d{1,9}|[A-Z]{1,4}(?:'
                      + _number_above(rows) + rb'))"[^>/]*>')


def _number_above(n: int) -> bytes:
    """Alternatives matching the decimal integers above ``n`` (up to 9 digits), and any
    with a leading zero."""
    digits = str(n)
    alts = [rb"0\d*", b"[1-9]\\d{%d,8}" % len(digits)] if len(digits) < 9 else [rb"0\d*"]
    for i, d in enumerate(digits):
        if d != "9":
            rest = len(digits) - i - 1
            alts.append(digits[:i].encode() + b"[%d-9]" % (int(d) + 1)
                        + (b"\\d{%d}" % rest if rest else b""))
    return b"|".join(alts)


def _letters_above(n: int) -> bytes:
    """Alternatives matching the column letters after column ``n`` (1 = A), up to 4
    letters."""
    name = _col_name(n) if n > 0 else ""
    alts = [b"[A-Z]{%d,4}" % (len(name) + 1)] if len(name) < 4 else []
    for i, ch in enumerate(name):
        if ch != "Z":
            rest = len(name) - i - 1
            alts.append(name[:i].encode() + b"[%s-Z]" % chr(ord(ch) + 1).encode()
                        + (b"[A-Z]{%d}" % rest if rest else b""))
    return b"|".join(alts) or b"(?!)"


def _parse_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> SheetFacts:
    """The exact scan: every cell with its position (given or implied), error values and
    formulas without a value. Only for parts the quick scan found these in."""
    marks: dict[tuple[int, int], tuple[str, str]] = {}
    rows = cols = 0
    row_no, col_no = 0, 0
    parser = XMLPullParser(events=("start", "end"))
    for chunk in _chunks(zf, info, sheet):
        parser.feed(chunk)
        for event, el in parser.read_events():
            tag = el.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    r = el.get("r")
                    row_no = int(r) if r and r.isdigit() else row_no + 1
                    col_no = 0
                elif tag == "c":
                    ref = el.get("r")
                    col_no = _ref_col(ref) if ref else col_no + 1
                continue
            if tag == "c":
                value = formula = None  # None: no such element (an empty one is "")
                for child in el:
                    name = child.tag.rpartition("}")[2]
                    if name == "v" or name == "is":
                        value = "".join(child.itertext())
                    elif name == "f":
                        formula = child.text or ""
                if value or formula is not None:
                    rows, cols = max(rows, row_no), max(cols, col_no)
                    _check_extent(sheet, rows, cols)
                key = (row_no - 1, col_no - 1)
                if el.get("t") == "e":
                    marks[key] = (ERROR_VALUE, value or "#N/A")
                elif formula is not None and not value and el.get("t") != "str":
                    # no <v>, or an empty one: only a text result (t="str") can be empty
                    marks[key] = (NO_VALUE, f"={formula}"[:60])
                el.clear()
            elif tag == "row":
                el.clear()
    return SheetFacts(rows, cols, marks)


def _ref_col(ref: str) -> int:
    letters = ref.rstrip("0123456789").encode()
    return _col_number(letters) if letters.isalpha() else 0


def _col_number(letters: bytes) -> int:
    n = 0
    for b in letters.upper():
        n = n * 26 + b - 64
    return n


def _col_name(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _check_extent(sheet: str, rows: int, cols: int) -> None:
    if rows <= MAX_ROWS and cols <= MAX_COLUMNS and rows * cols <= MAX_CELLS:
        return
    last = f"{_col_name(cols)}{rows}"
    _refuse(sheet, None, last, Msg(
        f"Lembar terlalu luas: data sampai sel {last} ({rows:,} baris × {cols:,} kolom; "
        f"batas {MAX_ROWS:,} baris, {MAX_COLUMNS:,} kolom, {MAX_CELLS:,} sel).",
        f"The sheet is too large: data reaches cell {last} ({rows:,} rows × {cols:,} "
        f"columns; the limits are {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns, "
        f"{MAX_CELLS:,} cells)."),
        Msg("Biasanya ada isi tersasar jauh di bawah/kanan data: tekan Ctrl+End di Excel, "
            "hapus baris dan kolom kosong di luar data (pilih → Hapus), simpan, coba lagi.",
            "Usually something stray sits far below or right of the data: press Ctrl+End "
            "in Excel, delete the rows and columns outside the data (select → Delete), "
            "save and try again."))


_FIX_TEXT = Msg("Hapus teks yang sangat panjang (mis. tempelan dokumen) dari buku kerja, "
                "simpan, lalu coba lagi.",
                "Remove the very long text (e.g. a pasted document) from the workbook, save, "
                "and try again.")


def _too_long(sheet: str | None) -> None:
    _refuse(sheet, None, "", Msg(
        f"Ada teks lebih dari {MAX_TEXT_BYTES // 2**10} KiB dalam satu sel (Excel sendiri "
        "membatasi 32.767 karakter).",
        f"A cell holds more than {MAX_TEXT_BYTES // 2**10} KiB of text (Excel itself stops "
        "at 32,767 characters)."), _FIX_TEXT)


def _refuse(sheet: str | None, row: int | None, value: str, problem: Msg, fix: Msg) -> None:
    raise InputError([InputProblem(sheet, row, None, value, problem, fix)])
