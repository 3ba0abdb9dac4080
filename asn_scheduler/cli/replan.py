"""``asn-scheduler replan``: re-plan a published roster from a date, keeping earlier
dates and changing as few later cells as possible."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from asn_scheduler.cli.common import (
    Failure,
    guarded,
    lang_option,
    problems_table,
    run_scenario,
    scenario_option,
    set_option,
    wrap,
)
from asn_scheduler.cli.solve import (
    ProgressDisplay,
    check_output,
    engine_errors,
    no_roster,
    output_option,
    paper_option,
    read_input,
    summary,
)
from asn_scheduler.i18n import Lang, Msg

if TYPE_CHECKING:
    from asn_scheduler.compare import CellChange
    from asn_scheduler.domain.model import Problem

SHOWN = 20  # changes listed on screen; the workbook's Perubahan sheet has them all

_CHANGED = Msg("{n} sel berubah dibanding jadwal yang diterbitkan:",
               "{n} cell(s) changed against the published roster:")
_UNCHANGED = Msg("Tidak ada sel yang berubah.", "No cell changed.")
_MORE = Msg("  … dan {n} lainnya (lembar Perubahan)", "  … and {n} more (sheet Changes)")
_OUTSIDE = Msg("--from {d} di luar tanggal jadwal yang diterbitkan ({a}..{b}).",
               "--from {d} is outside the published roster's dates ({a}..{b}).")


@click.command("replan")
@click.argument("input_path", metavar="INPUT.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("published_path", metavar="PUBLISHED.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@scenario_option()
@set_option
@click.option("--from", "from_date", required=True, type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
              help="Tanggal pertama yang boleh berubah / first date that may change.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Batas waktu solver (detik) / solver time limit.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Benih acak; sama benih = jadwal sama / random seed.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Proses paralel (bawaan: jumlah inti) / parallel processes.")
@output_option("Buku kerja jadwal baru", "new roster workbook")
@paper_option
@lang_option
@guarded
def command(input_path: Path, published_path: Path, scenario: str, sets: tuple[str, ...],
            from_date: datetime,
            time_limit: float, seed: int, workers: int | None, output: Path, paper: str,
            lang: Lang) -> None:
    """Rencanakan ulang jadwal yang sudah terbit / re-plan a published roster.

    INPUT.xlsx holds the updated staff and leave (e.g. a new sick leave); PUBLISHED.xlsx is
    the roster people already have (its sheet Jadwal). Dates before --from keep their
    published codes; from --from on, the roster is solved again changing as few cells as
    possible (goal Q5). The changes are printed, marked in the new workbook (red border
    and a note with the old code) and listed on its Perubahan sheet.

    \b
    Exit codes:
      0  new roster written
      1  input problem, or no feasible roster (the conflicts are printed; no file written)
      2  usage error (unknown option or scenario, --from outside the roster)

    \b
    Example:
      asn-scheduler replan pemkot.xlsx jadwal.xlsx -s permenpanrb-4-2025 \\
          --from 2026-03-09 -o jadwal-revisi.xlsx
    """
    from asn_scheduler.compare import roster_changes
    from asn_scheduler.engine import Settings, replan
    from asn_scheduler.engine.replan import kept_mismatches
    from asn_scheduler.excel.previous_reader import read_carried
    from asn_scheduler.excel.roster_reader import read_roster
    from asn_scheduler.excel.roster_writer import write_roster_workbook
    check_output(output, (input_path, published_path), lang)
    run_scenario(scenario, None, sets, lang)  # an unknown scenario or key fails before reading
    problem = read_input(input_path, lang)
    sc = run_scenario(scenario, problem, sets, lang)
    read = read_roster(published_path, problem)
    published = read.roster
    if read.warnings:
        click.echo(problems_table(read.warnings, lang), err=True)
    carried = read_carried(published_path, problem)
    day = from_date.date()
    first, last = published.dates[0], published.dates[-1]
    if not first <= day <= last:
        raise click.UsageError(_OUTSIDE.format(d=day, a=first, b=last).get(lang))
    mismatched = kept_mismatches(problem, sc, published, day)
    if mismatched:
        click.echo(mismatch_text(problem, mismatched, lang))
    display = ProgressDisplay(lang)
    with engine_errors(lang):
        result = replan(problem, sc, published, from_date=day, previous=carried,
                        settings=Settings(time_limit=time_limit, seed=seed, workers=workers))
    display.finish(result.status.label(lang))
    if not result.status.has_roster:
        raise no_roster(result, lang)
    changes = roster_changes(published, result.roster)
    write_roster_workbook(result, output, lang=lang, published=published,
                          paper=paper)  # type: ignore[arg-type]
    click.echo(changes_text(problem, changes, lang))
    click.echo(summary(result, lang, output))
    if any(ch.day < day for ch in changes):  # pragma: no cover - the engine pins them
        raise Failure(Msg("Rencana ulang mengubah tanggal sebelum --from (kesalahan program; "
                          "mohon laporkan, lihat docs/SECURITY.md).",
                          "The re-plan changed a date before --from (a program error; please "
                          "report it, see docs/SECURITY.md).").get(lang))


_MISMATCH = Msg(
    "PERINGATAN: {n} hari sebelum --from berbeda antara jadwal terbit (tetap dipakai apa "
    "adanya) dan cuti di buku kerja masukan:",
    "WARNING: {n} day(s) before --from differ between the published roster (kept as it is) "
    "and the leave in the input workbook:")
_MISMATCH_LINE = Msg("  {d}  {who}: jadwal {kept}, buku kerja {mine}",
                     "  {d}  {who}: roster {kept}, workbook {mine}")
_MISMATCH_FIX = Msg(
    "Bila buku kerja yang benar, perbaiki jadwal terbit untuk hari itu (atau mulai --from "
    "lebih awal); bila jadwal yang benar, perbaiki lembar Cuti.",
    "If the workbook is right, correct the published roster for those days (or start --from "
    "earlier); if the roster is right, correct sheet Cuti.")


def mismatch_text(problem: Problem, found: list, lang: Lang) -> str:
    """The warning for kept days that disagree with the input's leave (first
    :data:`SHOWN`)."""
    emp = {e.nip: e for e in problem.employees}
    lines = [_MISMATCH.format(n=len(found)).get(lang)]
    for m in found[:SHOWN]:
        e = emp.get(m.nip)
        who = f"{m.nip} {e.name}" if e else m.nip
        lines.append(_MISMATCH_LINE.format(d=m.day.isoformat(), who=who, kept=m.published,
                                           mine=m.input).get(lang))
    if len(found) > SHOWN:
        lines.append(Msg("  … dan {n} lainnya", "  … and {n} more").format(
            n=len(found) - SHOWN).get(lang))
    lines.append(wrap(_MISMATCH_FIX.get(lang)))
    return "\n".join(lines)


def changes_text(problem: Problem, changes: list[CellChange], lang: Lang) -> str:
    """The count of changed cells and the first :data:`SHOWN` of them."""
    if not changes:
        return _UNCHANGED.get(lang)
    emp = {e.nip: e for e in problem.employees}
    lines = [_CHANGED.format(n=len(changes)).get(lang)]
    for ch in changes[:SHOWN]:
        e = emp.get(ch.nip)
        who = f"{ch.nip} {e.name} ({e.unit_code})" if e else ch.nip
        lines.append(f"  {ch.day.isoformat()}  {who}: {ch.before} → {ch.after}")
    if len(changes) > SHOWN:
        lines.append(_MORE.format(n=len(changes) - SHOWN).get(lang))
    return "\n".join(lines) + "\n"
