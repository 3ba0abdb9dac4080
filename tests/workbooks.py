"""Build input workbooks for tests with openpyxl from ``{sheet: [rows]}``.

``valid_sheets()`` is a small, valid agency (three staff, two units, one building, one
leave, a period and a holiday override) as plain lists that tests copy and break;
``write_workbook`` saves any such dict. Row 1 of each list is the header; Excel row
numbers are therefore list index + 1.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Sheets = dict[str, list[list[Any]]]

# Valid NIPs: the regulation's example and two more in the same form.
NIP_HEAD = "197001012000011001"    # born 1970-01-01, TMT 2000-01, male, serial 001
NIP_SITI = "198609262015052002"    # born 1986-09-26, TMT 2015-05, female, serial 002
NIP_BUDI = "199203152019031003"    # born 1992-03-15, TMT 2019-03, male, serial 003

STAFF_HEADER = ["NIP", "Nama", "Kode Unit", "Jenis Jabatan", "Boleh Kerja Fleksibel",
                "Hukuman Disiplin", "TMT Jabatan", "Peran", "Hari WFH Pilihan", "NIP Atasan",
                "Tugas Lapangan", "Jarak Rumah (km)"]
UNIT_HEADER = ["Kode Unit", "Nama Unit", "Kategori Layanan", "Sektor", "Wilayah", "Gedung",
               "Batas WFH (%)", "Minimal Peran Hadir", "Hari Operasional"]


def valid_sheets() -> Sheets:
    """A fresh copy of the small valid workbook."""
    return copy.deepcopy(_VALID)


_VALID: Sheets = {
    "Pegawai": [
        STAFF_HEADER,
        [NIP_HEAD, "Hendra Wijaya", "SETDA", "JPT Pratama", "Ya", "Tidak", "01/02/2020", "",
         "", "", "Tidak", 8],
        [NIP_SITI, "Siti Rahmawati", "SETDA", "Fungsional", "Ya", "Tidak", "02/03/2024",
         "loket", "Jumat", NIP_HEAD, "Tidak", 12.5],
        [NIP_BUDI, "Budi Santoso", "DUKCAPIL", "Pelaksana", "Tidak", "Tidak", "15/07/2022",
         "loket", "", NIP_HEAD, "Ya", 3],
    ],
    "Unit": [
        UNIT_HEADER,
        ["SETDA", "Sekretariat Daerah", "Dukungan Pimpinan", "Non-esensial", "Jawa Barat",
         "Gedung Utama", 50, "", "Senin-Jumat"],
        ["DUKCAPIL", "Dinas Kependudukan", "Layanan Langsung", "", "Jawa Barat",
         "Gedung Utama", "", "loket=1", "Senin-Sabtu"],
    ],
    "Cuti": [
        ["NIP", "Mulai", "Selesai", "Jenis"],
        [NIP_SITI, "02/03/2026", "04/03/2026", "Cuti Tahunan"],
    ],
    "Gedung": [
        ["Gedung", "Kapasitas"],
        ["Gedung Utama", 120],
    ],
    "Periode": [
        ["Mulai", "Selesai"],
        ["02/03/2026", "13/03/2026"],
    ],
    "Libur": [
        ["Tanggal", "Jenis", "Keterangan"],
        ["09/03/2026", "Libur", "HUT Kota"],
    ],
}


def write_workbook(path: Path, sheets: Sheets) -> Path:
    """Save ``sheets`` (name → rows, header first) as an xlsx at ``path``; cells are written
    as given (str stays text, numbers numbers, dates dates)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def set_cell(sheets: Sheets, sheet: str, row: int, header: str, value: Any) -> Sheets:
    """Set the cell of Excel row ``row`` under ``header`` (extending the row if needed)."""
    cols = sheets[sheet][0]
    idx = cols.index(header)
    line = sheets[sheet][row - 1]
    line.extend([""] * (idx + 1 - len(line)))
    line[idx] = value
    return sheets


def big_nip(i: int) -> str:
    """A valid, unique NIP for employee ``i`` of a large agency (i < 999 × 12,000)."""
    from datetime import date, timedelta

    born = date(1965, 1, 1) + timedelta(days=i % 12000)
    return f"{born:%Y%m%d}{born.year + 25:04d}{i % 12 + 1:02d}{1 + i % 2}{i // 12000 % 999 + 1:03d}"


def write_big_workbook(path: Path, n: int, per_unit: int = 50) -> Path:
    """A valid workbook of ``n`` staff in units of ``per_unit``, streamed with xlsxwriter
    (openpyxl would take far longer to write 65,000 rows)."""
    import xlsxwriter

    units = [f"U{k:05d}" for k in range((n + per_unit - 1) // per_unit)]
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Pegawai")
    ws.write_row(0, 0, STAFF_HEADER)
    for i in range(n):
        level = "JPT Pratama" if i == 0 else ("Administrator" if i % per_unit == 0
                                             else ("Fungsional", "Pelaksana")[i % 2])
        ws.write_row(i + 1, 0, [big_nip(i), f"Pegawai {i}", units[i // per_unit], level, "Ya",
                                "Tidak", f"{1 + i % 28:02d}/{1 + i % 12:02d}/2020",
                                "loket" if i % 7 == 0 else "", "Jumat" if i % 3 == 0 else "",
                                "", "Tidak", float(i % 40)])
    wu = wb.add_worksheet("Unit")
    wu.write_row(0, 0, UNIT_HEADER)
    for k, code in enumerate(units):
        wu.write_row(k + 1, 0, [code, f"Unit {code}", "Administrasi Pemerintahan", "",
                                "Jawa Barat", "", 50, "", "Senin-Jumat"])
    wb.close()
    return path


def column_text(output: str, header: str) -> str:
    """The text of one column of a problem table as printed (cells wrapped over lines are
    joined): everything below the header line, from the header's offset to the next gap of
    two spaces."""
    lines = output.splitlines()
    top = next(i for i, line in enumerate(lines) if header in line.split())
    at = lines[top].index(header)
    parts = [line[at:].split("  ")[0].strip() for line in lines[top + 2:] if len(line) > at]
    return " ".join(p for p in parts if p)
