"""``asn-scheduler validate``: check an input workbook and summarise it."""

from __future__ import annotations

from pathlib import Path

import click

from asn_scheduler.cli.common import guarded, lang_option, problems_table
from asn_scheduler.domain.problems import InputError, InputProblem
from asn_scheduler.excel.issues import write_issues_workbook
from asn_scheduler.excel.reader import read_workbook
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.summary import summarise

_WARNINGS = Msg("Peringatan ({n}):", "Warnings ({n}):")
_OK = Msg("Buku kerja dapat dipakai.", "The workbook can be used.")
_ISSUES = Msg("Daftar masalah ditulis ke {path}", "Problem list written to {path}")
_SAME_FILE = Msg("--issues-out tidak boleh sama dengan berkas input.",
                 "--issues-out must not be the input file.")


@click.command("validate")
@click.argument("input_path", metavar="INPUT.xlsx",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--issues-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tulis semua masalah ke buku kerja ini / write every problem to this "
                   "workbook.")
@lang_option
@guarded
def command(input_path: Path, issues_out: Path | None, lang: Lang) -> None:
    """Periksa buku kerja input dan tampilkan ringkasannya.

    Check an input workbook: every problem is listed at once with sheet, row, column,
    value, what is wrong and how to fix it. Exit 0 when the workbook can be used (with a
    summary and any warnings), 1 when it has problems.

    \b
    Example:
      asn-scheduler validate data/pemkot.xlsx
      asn-scheduler validate data/pemkot.xlsx --lang en --issues-out masalah.xlsx
    """
    if issues_out is not None and _same_file(issues_out, input_path):
        raise click.UsageError(_SAME_FILE.get(lang))
    if issues_out is not None:
        from asn_scheduler.cli.solve import require_xlsx

        require_xlsx(issues_out, "--issues-out", lang)
    try:
        result = read_workbook(input_path)
    except InputError as exc:
        if issues_out is not None:
            _write_issues(exc.problems, issues_out, lang)
        raise
    click.echo(summarise(result.problem, lang))
    if result.warnings:
        click.echo("\n" + _WARNINGS.format(n=len(result.warnings)).get(lang))
        click.echo(problems_table(result.warnings, lang))
    if issues_out is not None:
        _write_issues(result.warnings, issues_out, lang)
    click.echo("\n" + _OK.get(lang))


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _write_issues(problems: list[InputProblem], path: Path, lang: Lang) -> None:
    write_issues_workbook(problems, path, lang)
    click.echo(_ISSUES.format(path=path).get(lang), err=True)
