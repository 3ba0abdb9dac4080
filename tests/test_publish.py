"""Publishing a roster: the shared page layout, the print data the roster workbook
carries and reads back, the per-unit and personal PDFs, and the personal calendars.

On a 31-day month (March 2026, with its holidays) with a 40-person unit (two pages) and
a 1-person unit; PDFs are read back with poppler's ``pdftotext``/``pdffonts``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from publishing import DATES, HARD_NAMES, IMPRINT, day, march_problem, march_publication

from asn_scheduler.domain import Code
from asn_scheduler.excel.roster_publication import read_publication
from asn_scheduler.excel.roster_writer import RosterBook, write_book
from asn_scheduler.publish import Imprint, problem_imprint
from asn_scheduler.publish import layout as lay
from asn_scheduler.publish.ics import event_uid, person_calendar, read_days, write_calendars
from asn_scheduler.publish.pdf import rows_per_page, write_roster_pdf, write_unit_pdfs
from asn_scheduler.publish.personal import write_personal_pdf
from asn_scheduler.scenario import load_scenario

POPPLER = shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext -layout)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def pub():
    return march_publication()


# ---- layout ---------------------------------------------------------------------------

def test_indonesian_weekdays_and_month_from_babel():
    assert lay.day_header(date(2026, 3, 2), "id") == ("Sen", "2")
    assert [lay.day_header(day(n), "id")[0] for n in range(1, 8)] == [
        "Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"]
    assert lay.day_header(date(2026, 3, 2), "en") == ("Mon", "2")
    assert lay.month_title(DATES, "id") == "Maret 2026"
    assert lay.month_title([date(2023, 8, 28), date(2023, 9, 7)], "id") == \
        "28 Agustus 2023 – 7 September 2023"


def test_a_month_is_one_block_and_longer_periods_split_by_month():
    assert lay.date_blocks(DATES) == [DATES]
    two = [date(2026, 3, 1).fromordinal(date(2026, 3, 1).toordinal() + k) for k in range(61)]
    blocks = lay.date_blocks(two)
    assert [len(b) for b in blocks] == [31, 30] and blocks[1][0] == date(2026, 4, 1)


def test_pages_one_block_per_unit_continuing_with_numbering(pub):
    pages = lay.pages(pub, 34)
    assert [(p.unit.code, p.part, p.parts, len(p.rows), p.first) for p in pages] == [
        ("ADM", 1, 2, 34, 0), ("ADM", 2, 2, 6, 34), ("SOLO", 1, 1, 1, 0)]
    assert sum(len(p.rows) for p in pages) == len(pub.people)
    assert "lanjutan 2/2" in lay.page_title(pub, pages[1], "id")[1]


def test_signature_block_blank_by_default_and_configurable(pub):
    blank = lay.signature_lines(Imprint(), "id")
    assert blank[0].startswith("…") and blank[-1].startswith("NIP …")
    lines = lay.signature_lines(IMPRINT, "id")
    assert lines[0].startswith("Bandung, ") and lines[1] == "Sekretaris Daerah"
    assert lines[-2:] == ["Dr. Siti Aminah, M.Si.", "NIP 197001011995031001"]


def test_imprint_from_settings_else_file_name_and_options_win():
    problem = march_problem().replace(name="pemkot-contoh")
    assert problem_imprint(problem).agency == "pemkot-contoh"
    # Problem.settings (sheet Pengaturan) when the reader provides it
    object.__setattr__(problem, "settings", {"agency_name": "Pemkot Bogor",
                                             "sign_title": "Sekda", "unrelated": "x"})
    got = problem_imprint(problem, Imprint(sign_date="2 Maret 2026", title="Wali Kota"))
    assert (got.agency, got.title, got.sign_date) == ("Pemkot Bogor", "Wali Kota",
                                                      "2 Maret 2026")


# ---- the roster workbook carries what publishing needs --------------------------------

@pytest.fixture(scope="module")
def roster_xlsx(tmp_path_factory):
    problem = march_problem()
    pub = march_publication()
    book = RosterBook(problem, load_scenario("permenpanrb-4-2025"), pub.roster,
                      imprint=IMPRINT)
    return write_book(book, tmp_path_factory.mktemp("wb") / "jadwal.xlsx")


def test_publish_reads_everything_back_from_the_roster_workbook(roster_xlsx, pub):
    back = read_publication(roster_xlsx)
    assert back.roster == pub.roster and back.roster.label(2, 9) == "SAKIT"
    assert back.people == pub.people           # names kept literally, hard ones too
    assert back.imprint == IMPRINT
    assert [(u.code, u.name) for u in back.units] == [("ADM", "Unit ADM"), ("SOLO", "Unit SOLO")]
    assert back.title == pub.title and back.basis == pub.basis and back.scenario == pub.scenario
    assert dict(back.holidays) == dict(pub.holidays) and day(19) in back.holidays


def test_a_bare_jadwal_sheet_still_publishes(tmp_path, pub):
    """A roster made by another tool: no Terbit sheet; agency = file name, units by code,
    national holidays."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Jadwal"
    ws.append(["NIP", "Nama", "Kode Unit", *(d.isoformat() for d in DATES)])
    for i, p in enumerate(pub.people[:3]):
        ws.append([p.nip, p.name, p.unit_code,
                   *(pub.roster.label(i, j) for j in range(len(DATES)))])
    wb.save(tmp_path / "dari-aplikasi-lain.xlsx")
    back = read_publication(tmp_path / "dari-aplikasi-lain.xlsx")
    assert back.imprint.agency == "dari-aplikasi-lain"
    assert [u.name for u in back.units] == ["ADM"]
    assert "Nyepi" in back.holidays[day(19)]
    assert back.roster.codes.tolist() == pub.roster.codes[:3].tolist()


def test_print_sheet_is_set_up_per_unit_with_footer_on_every_page(roster_xlsx):
    wb = openpyxl.load_workbook(roster_xlsx)
    jadwal = wb["Jadwal"]
    assert [c.value for c in jadwal[1]][3:] == [d.isoformat() for d in DATES]  # untouched
    ws = wb["Cetak"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    titles = [i for i, r in enumerate(rows) if str(r[0] or "").startswith("Jadwal Kerja")]
    assert len(titles) == 3  # ADM over two pages (24 rows each), SOLO on its own
    assert [b.id for b in ws.row_breaks.brk] == [titles[1] - 1, titles[2] - 1]
    header = rows[titles[0] + 2]
    assert header[:2] == ["No", "Nama"] and header[2] == "Min\n1" and header[3] == "Sen\n2"
    assert "Kam\n19*" in header            # a holiday, named under the block
    assert any("Hari Suci Nyepi" in str(r[0] or "") for r in rows)
    foot = ws.oddFooter
    assert "WFO = di kantor" in foot.left.text and "&P" in foot.center.text.replace("&[Page]", "&P")
    assert "Sekretaris Daerah" in foot.right.text and "NIP 197001011995031001" in foot.right.text


# ---- PDF ------------------------------------------------------------------------------

@needs_poppler
def test_pdf_pages_hold_each_unit_and_each_person_once(tmp_path, pub):
    path = write_roster_pdf(pub, tmp_path / "jadwal.pdf")
    pages = pdf_pages(path)
    plan = lay.pages(pub, rows_per_page("A4"))
    assert len(pages) == len(plan) == 3
    for text, page in zip(pages, plan, strict=True):
        assert text.count(f"Unit: {page.unit.name}") == 1
        assert "Pemerintah Kota Contoh" in text and "Maret 2026" in text
        assert "Sen" in text and "Keterangan: WFO = di kantor" in text
        assert "Sekretaris Daerah" in text and "NIP 197001011995031001" in text
        for r, p in enumerate(pub.people):
            found = len(re.findall(rf"{re.escape(p.name)}\s+{p.nip}", text))
            assert found == (1 if r in page.rows else 0), (p.name, page.unit.code)
    assert "Halaman 3 dari 3" in pages[2]


@needs_poppler
def test_pdf_embeds_its_font_and_is_reproducible(tmp_path, pub):
    a = write_roster_pdf(pub, tmp_path / "a.pdf")
    b = write_roster_pdf(pub, tmp_path / "b.pdf")
    assert a.read_bytes() == b.read_bytes()
    fonts = subprocess.run(["pdffonts", str(a)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("TrueType" in " ".join(r) and "yes" in r for r in rows)


@needs_poppler
def test_one_pdf_per_unit_and_a_one_person_unit(tmp_path, pub):
    files = write_unit_pdfs(pub, tmp_path / "unit")
    assert [f.name for f in files] == ["ADM.pdf", "SOLO.pdf"]
    (solo,) = pdf_pages(files[1])
    assert "Satu Orang" in solo and "Unit: Unit SOLO" in solo and HARD_NAMES[0] not in solo


@needs_poppler
def test_jadwal_saya_one_page_per_person_with_their_totals(tmp_path, pub):
    path = write_personal_pdf(pub, tmp_path / "saya.pdf")
    pages = pdf_pages(path)
    assert len(pages) == len(pub.people)
    codes = pub.roster.codes
    for r in (0, 1, 40):
        p = pub.people[r]
        assert p.name in pages[r] and f"NIP {p.nip}" in pages[r]
        wfo, wfh = int((codes[r] == int(Code.WFO)).sum()), int((codes[r] == int(Code.WFH)).sum())
        assert f"WFO {wfo} hari · WFH {wfh} hari" in pages[r]
    assert "CUTI" in pages[1] and "SAKIT" in pages[2]


# ---- iCalendar ------------------------------------------------------------------------

def _expected_days(pub, r: int) -> dict[date, str]:
    out = {}
    for j, d in enumerate(pub.dates):
        code = Code(int(pub.roster.codes[r, j]))
        if code is not Code.LIBUR or d in pub.holidays:
            out[d] = pub.roster.label(r, j)
    return out


def test_every_calendar_parses_back_to_the_roster_days(tmp_path, pub):
    names = write_calendars(pub, tmp_path / "kalender.zip")
    with zipfile.ZipFile(tmp_path / "kalender.zip") as z:
        assert sorted(z.namelist()) == sorted(names) and len(names) == len(pub.people)
        for r, name in enumerate(names):
            assert read_days(z.read(name)) == _expected_days(pub, r)
    folder = write_calendars(pub, tmp_path / "ics")
    assert (tmp_path / "ics" / folder[1]).read_bytes()  # the folder form too
    cal = person_calendar(pub, 0)
    holiday = [e for e in cal.walk("VEVENT") if e.decoded("dtstart") == day(19)]
    assert str(holiday[0]["summary"]) == "Libur: Hari Suci Nyepi"


def test_uids_are_stable_across_republishing_and_hide_the_nip(pub):
    t1, t2 = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 5, tzinfo=UTC)
    first = person_calendar(pub, 3, stamp=t1)
    codes = pub.roster.codes.copy()
    j = pub.dates.index(day(2))
    codes[3, j] = int(Code.WFH) if codes[3, j] != Code.WFH else int(Code.WFO)
    changed = pub.__class__(pub.imprint, pub.scenario, pub.title, pub.basis,
                            pub.roster.with_codes(codes), pub.people, pub.units, pub.holidays)
    second = person_calendar(changed, 3, stamp=t2)
    uids = lambda cal: {str(e["uid"]): e for e in cal.walk("VEVENT")}  # noqa: E731
    a, b = uids(first), uids(second)
    assert a.keys() == b.keys()          # the calendar app updates, nothing duplicates
    uid = event_uid(pub.people[3].nip, day(2))
    assert str(a[uid]["summary"]) != str(b[uid]["summary"])
    assert all(pub.people[3].nip not in u for u in a)


def test_calendar_text_is_escaped_by_the_library(pub):
    data = person_calendar(pub, 2).to_ical().decode()
    assert "X-WR-CALNAME:Jadwal kerja <b>Budi</b> & Co" in data
    assert "\\;" not in data.split("X-WR-CALNAME")[0]


def test_a_roster_too_big_to_print_from_excel_points_to_the_pdfs(tmp_path, monkeypatch):
    from asn_scheduler.excel import roster_print

    monkeypatch.setattr(roster_print, "MAX_PRINT_PAGES", 2)   # the fixture needs 3 pages
    pub = march_publication()
    book = RosterBook(march_problem(), load_scenario("permenpanrb-4-2025"), pub.roster)
    ws = openpyxl.load_workbook(write_book(book, tmp_path / "besar.xlsx"))["Cetak"]
    assert ws.max_row == 1 and "--per-unit" in ws["A1"].value and "(3 halaman)" in ws["A1"].value
    assert read_publication(tmp_path / "besar.xlsx").roster == pub.roster


@needs_poppler
def test_english_pages_on_f4_paper(tmp_path, pub):
    path = write_roster_pdf(pub, tmp_path / "f4.pdf", lang="en", paper="F4")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (330, 216)  # landscape
    first = pdf_pages(path)[0]
    assert "WFO/WFH Work Roster — Unit: Unit ADM" in first and "March 2026" in first
    assert "Mon" in first and "Legend: WFO = in the office" in first and "Page 1 of" in first


def test_control_and_bidi_characters_never_reach_a_page_or_calendar():
    """Through the project's one escaping path (asn_scheduler.safety_text)."""
    pub = march_publication(Imprint(agency="Pemkot\u202eevil", title="Sek\x07da"))
    person = pub.people[0]
    bad = pub.__class__(pub.imprint, pub.scenario, pub.title, pub.basis, pub.roster,
                        (type(person)(person.nip, "Ani\x1b[31m\u202e", person.unit_code),
                         *pub.people[1:]), pub.units, pub.holidays)
    texts = [bad.people[0].name, bad.imprint.agency, bad.imprint.title]
    assert all("\ufffd" in t and not re.search("[\x00-\x08\x1b\u202e]", t) for t in texts)
    data = person_calendar(bad, 0).to_ical().decode()
    assert "\x1b" not in data and "\u202e" not in data
