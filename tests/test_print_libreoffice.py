"""The bundled sample's March 2026 roster printed by a real LibreOffice (headless, to
PDF): the print sheet gives one unit per page block with Indonesian weekdays in the
header, and every page carries the legend, the page number and the signature block;
the template's ``Petunjuk`` prints on one or two pages.

Needs ``soffice`` and poppler's ``pdftotext``; skipped with the reason otherwise.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from test_libreoffice import SOFFICE, convert

from asn_scheduler.engine import solve
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.excel.roster_writer import write_roster_workbook
from asn_scheduler.excel.template import write_template
from asn_scheduler.publish import Imprint
from asn_scheduler.scenario import load_scenario

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "contoh-pemkot.xlsx"
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)"),
]


def pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    problem = read_workbook(SAMPLE).problem
    result = solve(problem, load_scenario("permenpanrb-4-2025"), start=date(2026, 3, 1),
                   end=date(2026, 3, 31), effort=0, workers=1)
    book = write_roster_workbook(result, folder / "maret.xlsx", imprint=Imprint(
        agency="Pemerintah Provinsi DKI Jakarta", place="Jakarta", title="Sekretaris Daerah"))
    (pdf,) = convert(book, "pdf", folder / "pdf", folder / "profile")
    return problem, pages(pdf), pdf


def test_one_unit_per_page_block_with_weekdays(printed):
    problem, text, _pdf = printed
    sheet = [t for t in text if "Jadwal Kerja WFO/WFH — Unit:" in t]
    assert len(sheet) >= len(problem.units)
    seen = Counter()
    for page in sheet:
        (unit,) = re.findall(r"Jadwal Kerja WFO/WFH — Unit: (.+?) \(", page)
        seen[unit] += 1
        assert page.count("Jadwal Kerja WFO/WFH") == 1        # one block per page
        assert "Pemerintah Provinsi DKI Jakarta" in page and "Maret 2026" in page
        assert all(wd in page for wd in ("Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"))
        assert "19*" in page and "Hari Suci Nyepi" in page   # a holiday, marked and named
    assert set(seen) == {u.name for u in problem.units}


def test_legend_page_number_and_signature_on_every_printed_page(printed):
    _problem, text, _pdf = printed
    sheet = [t for t in text if "Jadwal Kerja WFO/WFH — Unit:" in t]
    for page in sheet:
        assert "Keterangan: WFO = di kantor" in page and "DIK = diklat" in page
        assert re.search(r"Halaman \d+ dari \d+", page)
        assert "Jakarta, …" in page and "Sekretaris Daerah" in page and "NIP …" in page


def test_the_template_instructions_print_on_a_page_or_two(tmp_path):
    path = tmp_path / "templat.xlsx"
    write_template(path)
    (pdf,) = convert(path, "pdf", tmp_path / "pdf", tmp_path / "profile")
    text = pages(pdf)
    guide = [t for t in text if "Penjelasan" in t]
    assert 1 <= len(guide) <= 2
    assert "Petunjuk pengisian" in guide[0] and "Hari Operasional" in "".join(guide)


def test_a_31_day_month_prints_at_7_pt_or_more(printed):
    """The sheet's text is 8 pt in 15 pt rows; LibreOffice fits the page width by scaling
    both, so the row pitch on paper gives the scale: 8 pt × pitch / 15 ≥ 7 pt."""
    _problem, text, pdf = printed
    page = next(i for i, t in enumerate(text) if "Jadwal Kerja WFO/WFH — Unit:" in t) + 1
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], check=True, capture_output=True, text=True).stdout
    # the row numbers 1 and 2 in the first column (the NIP column is left out for 31 days)
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(\d+)<', html)
    left = min(float(x) for x, _y, _w in words)
    tops = {w: float(y) for x, y, w in words if float(x) < left + 15 and w in ("1", "2")}
    pitch = tops["2"] - tops["1"]
    assert 8 * pitch / 15 >= 7.0, pitch
