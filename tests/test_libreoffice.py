"""The workbooks open in a real LibreOffice: every sheet converts, the Jadwal contract
survives, and a roster saved again by LibreOffice Calc reads back unchanged.

Needs ``soffice`` (CI installs ``libreoffice-calc``); skipped with the reason otherwise.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from test_roster_workbook import DATES, TRICKY_NAMES, sample_result

from asn_scheduler.compare import comparison_table
from asn_scheduler.excel.comparison_writer import write_comparison_workbook
from asn_scheduler.excel.roster_reader import read_roster_workbook
from asn_scheduler.excel.roster_writer import write_roster_workbook
from asn_scheduler.i18n import Msg
from asn_scheduler.rules import Violation

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                       "apt-get install libreoffice-calc to run these tests"),
]

# CSV export of every sheet (last token -1), UTF-8, comma, double quotes, cells as shown
# (token 9), so number formats are checked too.
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,true,false,false,-1"


def convert(src: Path, target: str, outdir: Path, profile: Path) -> list[Path]:
    """Run ``soffice --convert-to target``; the files it wrote."""
    outdir.mkdir(exist_ok=True)
    before = set(outdir.iterdir())
    # a private profile: no clash with another LibreOffice running on the machine
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=180)
    return sorted(set(outdir.iterdir()) - before)


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="module")
def roster_book(tmp_path_factory):
    result = sample_result([Violation("S2", Msg("WFH melebihi batas", "WFH over the cap"),
                                      unit="ADM", day=DATES[0])])
    path = write_roster_workbook(result, tmp_path_factory.mktemp("lo") / "jadwal.xlsx")
    return path, result


def test_every_sheet_opens_and_jadwal_keeps_the_contract(roster_book, profile, tmp_path):
    path, result = roster_book
    files = convert(path, CSV_ALL_SHEETS, tmp_path / "csv", profile)
    names = sorted(f.stem.removeprefix("jadwal-") for f in files)
    assert names == sorted(["Jadwal", "Cetak", "Ringkasan Harian", "Kepatuhan", "Pelanggaran",
                            "Keadilan", "Gedung", "Info Run", "Keterangan", "Terbit"])
    with (tmp_path / "csv" / "jadwal-Jadwal.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["NIP", "Nama", "Kode Unit", *(d.isoformat() for d in DATES)]
    emps, roster = result.problem.employees, result.roster
    # NIPs keep all 18 digits (text, not a rounded number), names stay literal text
    assert [r[0] for r in rows[1:]] == [e.nip for e in emps]
    assert [r[1] for r in rows[1:len(TRICKY_NAMES) + 1]] == TRICKY_NAMES
    assert [r[3:] for r in rows[1:]] == [[roster.label(i, j) for j in range(len(DATES))]
                                         for i in range(len(emps))]
    with (tmp_path / "csv" / "jadwal-Kepatuhan.csv").open(encoding="utf-8", newline="") as f:
        s2 = next(r for r in csv.reader(f) if r and r[0] == "S2")
    assert s2[3:5] == ["GAGAL", "1"]


def test_converts_to_pdf(roster_book, profile, tmp_path):
    path, _ = roster_book
    (pdf,) = convert(path, "pdf", tmp_path / "pdf", profile)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


def test_a_roster_saved_again_by_calc_reads_back_unchanged(roster_book, profile, tmp_path):
    """A planner opens the roster in LibreOffice Calc and saves it: nothing is lost."""
    path, result = roster_book
    (resaved,) = convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved", profile)
    back = read_roster_workbook(resaved, result.problem)
    assert back == result.roster
    assert back.label(2, 4) == "SAKIT"


def test_comparison_workbook_opens(profile, tmp_path):
    table = comparison_table({"se-17-2023": sample_result()}, dates_from="period")
    path = write_comparison_workbook(table, tmp_path / "banding.xlsx")
    files = convert(path, CSV_ALL_SHEETS, tmp_path / "csv", profile)
    assert sorted(f.stem for f in files) == ["banding-Info Run", "banding-Perbandingan"]
    text = (tmp_path / "csv" / "banding-Perbandingan.csv").read_text(encoding="utf-8")
    assert "Porsi WFH: Administrasi Pemerintahan" in text and "25.0%" in text
