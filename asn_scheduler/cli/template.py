"""``asn-scheduler template``: write a blank input workbook to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from asn_scheduler.cli.common import Failure, guarded, lang_option
from asn_scheduler.excel.template import write_template
from asn_scheduler.i18n import Lang, Msg

_EXISTS = Msg("{path} sudah ada; tambahkan --force untuk menimpanya.",
              "{path} already exists; add --force to overwrite it.")
_DONE = Msg("Templat ditulis ke {path}. Isi lalu periksa dengan: asn-scheduler validate {path}",
            "Template written to {path}. Fill it in, then check it with: "
            "asn-scheduler validate {path}")


@click.command("template")
@click.argument("out", metavar="OUT.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--force", is_flag=True,
              help="Timpa berkas yang sudah ada / overwrite an existing file.")
@lang_option
@guarded
def command(out: Path, force: bool, lang: Lang) -> None:
    """Tulis buku kerja input kosong dengan petunjuk pengisian.

    Write a blank input workbook: the contract's sheets and headers, dropdowns for fixed
    lists, NIP columns formatted as text, and a Petunjuk sheet describing every column.
    An existing file is kept unless --force is given.

    \b
    Example:
      asn-scheduler template pegawai.xlsx
      asn-scheduler template input.xlsx --lang en --force
    """
    from asn_scheduler.cli.solve import require_xlsx

    require_xlsx(out, "OUT.xlsx", lang)
    if out.exists() and not force:
        raise Failure(_EXISTS.format(path=out).get(lang))
    write_template(out, lang)
    click.echo(_DONE.format(path=out).get(lang))
