"""``asn-scheduler publish`` and ``solve --pdf``: from the roster workbook alone to PDFs
and calendars, the options that set agency and signatory, exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from publishing import march_problem, march_publication
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.excel.roster_publication import read_publication
from asn_scheduler.excel.roster_writer import RosterBook, write_book
from asn_scheduler.scenario import load_scenario

FAST = ["--time-limit", "5", "--workers", "1"]


def run(*args: object):
    # a wide terminal: the checks read messages, which the CLI wraps to the terminal width
    return CliRunner(env={"COLUMNS": "400"}).invoke(main, [str(a) for a in args])


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    pub = march_publication()
    book = RosterBook(march_problem(), load_scenario("permenpanrb-4-2025"), pub.roster)
    return write_book(book, tmp_path_factory.mktemp("pub") / "jadwal.xlsx")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_publish_writes_every_output_from_the_roster_workbook(roster, tmp_path):
    result = run("publish", roster, "--pdf", tmp_path / "jadwal.pdf", "--per-unit",
                 tmp_path / "unit", "--personal", tmp_path / "saya.pdf", "--ics",
                 tmp_path / "kalender.zip", "--agency-name", "Pemkot Contoh",
                 "--sign-place", "Bandung", "--sign-title", "Sekretaris Daerah")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"PDF jadwal per unit ditulis ke {tmp_path / 'jadwal.pdf'} (3 halaman)",
        f"2 PDF per unit ditulis ke {tmp_path / 'unit'}",
        f"Jadwal saya (41 pegawai) ditulis ke {tmp_path / 'saya.pdf'}",
        f"41 kalender pribadi (.ics) ditulis ke {tmp_path / 'kalender.zip'}",
    ]
    pdf = text(tmp_path / "jadwal.pdf")
    assert "Pemkot Contoh" in pdf and "Bandung, " in pdf and "Sekretaris Daerah" in pdf
    assert sorted(p.name for p in (tmp_path / "unit").iterdir()) == ["ADM.pdf", "SOLO.pdf"]
    assert len(zipfile.ZipFile(tmp_path / "kalender.zip").namelist()) == 41


def test_publish_needs_an_output_and_never_overwrites_its_input(roster):
    result = run("publish", roster)
    assert result.exit_code == 2 and "--pdf, --per-unit, --personal atau --ics" in result.output
    result = run("publish", roster, "--pdf", roster)
    assert result.exit_code == 2 and "tidak boleh menimpa" in result.output


def test_solve_pdf_must_not_be_the_roster_workbook(tmp_path):
    src = write_workbook(tmp_path / "pemkot.xlsx", valid_sheets())
    out = tmp_path / "jadwal.xlsx"
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, "--pdf", out, *FAST)
    assert result.exit_code == 2 and "--pdf dan -o harus berkas yang berbeda" in result.output
    assert not out.exists()


def test_publish_refuses_a_file_that_is_not_a_roster_workbook(tmp_path):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("NIP;Nama\n1;Budi\n")
    result = run("publish", bad, "--pdf", tmp_path / "x.pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "teks atau CSV" in result.output and not (tmp_path / "x.pdf").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_solve_pdf_and_the_workbook_carry_agency_and_signatory(tmp_path):
    src = write_workbook(tmp_path / "pemkot.xlsx", valid_sheets())
    out, pdf = tmp_path / "jadwal.xlsx", tmp_path / "jadwal.pdf"
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, "--pdf", pdf, *FAST,
                 "--sign-name", "Dr. Ani Wijaya", "--sign-nip", "197001011995031001")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith(f"PDF jadwal per unit ditulis ke {pdf}")
    back = read_publication(out)
    assert back.imprint.agency == "pemkot"          # no Pengaturan: the input's name
    assert back.imprint.name == "Dr. Ani Wijaya" and back.imprint.nip == "197001011995031001"
    assert "Dr. Ani Wijaya" in text(pdf) and "pemkot" in text(pdf)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_samples_march_roster_publishes_each_unit_and_person(tmp_path):
    """The bundled sample (335 staff, 20 units), March 2026: the PDF holds every unit's
    name on its pages and every person, with their NIP, exactly once on their unit's."""
    from asn_scheduler.excel.reader import read_workbook

    sample = Path(__file__).resolve().parents[1] / "data" / "contoh-pemkot.xlsx"
    out = tmp_path / "maret.xlsx"
    result = run("solve", sample, "-s", "permenpanrb-4-2025", "--start", "2026-03-01",
                 "--end", "2026-03-31", "--effort", "0", "-o", out, *FAST)
    assert result.exit_code == 0, result.output
    assert run("publish", out, "--pdf", tmp_path / "m.pdf").exit_code == 0
    pages = text(tmp_path / "m.pdf").split("\f")[:-1]
    problem = read_workbook(sample).problem
    for unit in problem.units:
        mine = [p for p in pages if f"Unit: {unit.name} ({unit.code})" in p]
        assert mine, unit.code
        body = "\n".join(mine)
        for e in problem.employees:
            n = len(re.findall(rf"{re.escape(e.name)}\s+{e.nip}", body))
            assert n == (1 if e.unit_code == unit.code else 0), (e.name, unit.code)
