"""``asn-scheduler publish``: a roster workbook → printable PDFs and personal calendars.

Also home of the agency/signatory options ``solve`` shares (``--agency-name``,
``--sign-*``) and of :func:`write_outputs`, which ``solve --pdf`` uses too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from asn_scheduler.cli.common import guarded, lang_option
from asn_scheduler.i18n import Lang, Msg

F = TypeVar("F", bound=Callable[..., Any])

_IMPRINT_OPTIONS = (
    ("--agency-name", "agency", "Nama instansi di kepala halaman", "agency name in page titles"),
    ("--sign-place", "place", "Tempat penandatanganan", "place of signing"),
    ("--sign-date", "sign_date", "Tanggal penandatanganan (teks)", "date of signing (text)"),
    ("--sign-title", "title", "Jabatan pejabat yang menyetujui", "approving official's title"),
    ("--sign-name", "name", "Nama pejabat yang menyetujui", "approving official's name"),
    ("--sign-nip", "nip", "NIP pejabat yang menyetujui", "approving official's NIP"),
)

_NOTHING = Msg("Pilih sedikitnya satu keluaran: --pdf, --per-unit, --personal atau --ics.",
               "Choose at least one output: --pdf, --per-unit, --personal or --ics.")
_SAME = Msg("Keluaran tidak boleh menimpa berkas masukan ({p}).",
            "An output must not overwrite the input file ({p}).")
_NO_FOLDER = Msg("Folder untuk {p} tidak ada.", "The folder for {p} does not exist.")
_WROTE = {
    "pdf": Msg("PDF jadwal per unit ditulis ke {p} ({n} halaman)",
               "Per-unit roster PDF written to {p} ({n} pages)"),
    "per_unit": Msg("{n} PDF per unit ditulis ke {p}", "{n} per-unit PDFs written to {p}"),
    "personal": Msg("Jadwal saya ({n} pegawai) ditulis ke {p}",
                    "My-roster pages ({n} staff) written to {p}"),
    "ics": Msg("{n} kalender pribadi (.ics) ditulis ke {p}",
               "{n} personal calendars (.ics) written to {p}"),
}


def imprint_options(f: F) -> F:
    """``--agency-name`` and ``--sign-place/-date/-title/-name/-nip``."""
    for flag, _attr, help_id, help_en in reversed(_IMPRINT_OPTIONS):
        f = click.option(flag, default=None, metavar="TEKS",
                         help=f"{help_id} / {help_en}.")(f)
    return f


def imprint_from(options: dict[str, Any]) -> Any:
    """The :class:`~asn_scheduler.publish.Imprint` of the options given (blank = unset)."""
    from asn_scheduler.publish import Imprint

    values = {}
    for flag, attr, _i, _e in _IMPRINT_OPTIONS:
        value = options.get(flag.lstrip("-").replace("-", "_"))
        if value:
            values[attr] = " ".join(str(value).split())
    return Imprint(**values)


def pdf_option(f: F) -> F:
    """``--pdf FILE``: the per-unit roster pages as one PDF."""
    return click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help="PDF jadwal per unit / per-unit roster PDF.")(f)


def check_targets(targets: list[Path | None], source: Path, lang: Lang) -> None:
    """Refuse (usage error) a target that is the input file or whose folder is missing."""
    for target in targets:
        if target is None:
            continue
        if target.resolve() == source.resolve():
            raise click.UsageError(_SAME.format(p=source).get(lang))
        if not target.resolve().parent.is_dir():
            raise click.UsageError(_NO_FOLDER.format(p=target).get(lang))


def write_outputs(pub: Any, *, lang: Lang, paper: str, pdf: Path | None = None,
                  per_unit: Path | None = None, personal: Path | None = None,
                  ics: Path | None = None) -> list[str]:
    """Write the chosen publication files; one line per output for the user."""
    from asn_scheduler.publish.ics import write_calendars
    from asn_scheduler.publish.layout import pages
    from asn_scheduler.publish.pdf import rows_per_page, write_roster_pdf, write_unit_pdfs
    from asn_scheduler.publish.personal import write_personal_pdf, write_personal_pdfs

    lines = []
    if pdf is not None:
        write_roster_pdf(pub, pdf, lang=lang, paper=paper)
        n = len(pages(pub, rows_per_page(paper)))
        lines.append(_WROTE["pdf"].format(p=pdf, n=n).get(lang))
    if per_unit is not None:
        files = write_unit_pdfs(pub, per_unit, lang=lang, paper=paper)
        lines.append(_WROTE["per_unit"].format(p=per_unit, n=len(files)).get(lang))
    if personal is not None:
        if personal.suffix.lower() == ".pdf":
            write_personal_pdf(pub, personal, lang=lang, paper=paper)
        else:
            write_personal_pdfs(pub, personal, lang=lang, paper=paper)
        lines.append(_WROTE["personal"].format(p=personal, n=len(pub.people)).get(lang))
    if ics is not None:
        names = write_calendars(pub, ics, lang=lang)
        lines.append(_WROTE["ics"].format(p=ics, n=len(names)).get(lang))
    return lines


@click.command("publish")
@click.argument("roster_path", metavar="JADWAL.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pdf_option
@click.option("--per-unit", "per_unit", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder: satu PDF per unit / folder: one PDF per unit.")
@click.option("--personal", type=click.Path(path_type=Path), default=None,
              help="Jadwal saya: satu halaman per pegawai; berkas .pdf, atau folder untuk satu "
                   "PDF per pegawai / one page per person: a .pdf, or a folder for one PDF each.")
@click.option("--ics", type=click.Path(path_type=Path), default=None,
              help="Kalender pribadi .ics per pegawai: folder atau berkas .zip / personal "
                   ".ics calendars: a folder or a .zip.")
@click.option("--paper", type=click.Choice(["A4", "F4"]), default="A4", show_default=True,
              help="Ukuran kertas / paper size (F4 = Folio).")
@imprint_options
@lang_option
@guarded
def command(roster_path: Path, pdf: Path | None, per_unit: Path | None,
            personal: Path | None, ics: Path | None, paper: str, lang: Lang,
            **options: Any) -> None:
    """Terbitkan jadwal: PDF per unit, jadwal saya, kalender .ics / publish a roster.

    Reads the roster workbook that `asn-scheduler solve` wrote (or any workbook with a
    Jadwal sheet: NIP, Nama, Kode Unit, one column per date) and writes the per-unit
    pages as a PDF, one PDF per unit, a one-page "jadwal saya" per person, and one
    iCalendar file per person. The agency's name, unit names, scenario and signatory come
    from the workbook (set at solve time); the options below override them.

    \b
    Exit codes:
      0  files written
      1  the workbook cannot be read (every problem listed; nothing written)
      2  usage error (no output chosen, an output over the input)

    \b
    Example:
      asn-scheduler publish jadwal.xlsx --pdf jadwal.pdf --ics kalender.zip
      asn-scheduler publish jadwal.xlsx --per-unit unit/ --personal saya.pdf \\
          --sign-place Jakarta --sign-title "Sekretaris Daerah" --sign-name "Dr. Ani"
    """
    from asn_scheduler.excel.roster_publication import read_publication

    if not any(x is not None for x in (pdf, per_unit, personal, ics)):
        raise click.UsageError(_NOTHING.get(lang))
    check_targets([pdf, personal, ics], roster_path, lang)
    pub = read_publication(roster_path)
    pub = dataclasses.replace(pub, imprint=imprint_from(options).over(pub.imprint))
    for line in write_outputs(pub, lang=lang, paper=paper, pdf=pdf, per_unit=per_unit,
                              personal=personal, ics=ics):
        click.echo(line)
