"""``asn-scheduler generate``: a synthetic agency as an input workbook."""

from __future__ import annotations

import math
import time
from collections import Counter
from datetime import datetime

import click

from asn_scheduler.cli.common import Failure, guarded, lang_option
from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.domain.model import Period, Problem
from asn_scheduler.i18n import Lang, Msg

_DATE = click.DateTime(["%Y-%m-%d", "%d/%m/%Y"])

SUMMARY = Msg(
    "{name}\n"
    "  pegawai : {staff}\n"
    "  unit    : {units} ({cats})\n"
    "  gedung  : {buildings} ({binding} dengan kapasitas mengikat)\n"
    "  cuti/DL/diklat : {absences} baris\n"
    "  periode : {period}\n"
    "Ditulis ke {out} dalam {seconds:.1f} detik (buat {gen:.1f} d, tulis {write:.1f} d).",
    "{name}\n"
    "  staff   : {staff}\n"
    "  units   : {units} ({cats})\n"
    "  buildings : {buildings} ({binding} with binding capacity)\n"
    "  leave/travel/training : {absences} rows\n"
    "  period  : {period}\n"
    "Written to {out} in {seconds:.1f} s (generate {gen:.1f} s, write {write:.1f} s).",
)
NO_PERIOD = Msg("tidak ada (lembar Periode tidak ditulis)", "none (no Periode sheet)")
UNITS_RANGE = Msg(
    "--units untuk {n} pegawai harus antara {lo} dan {hi} (unit berisi {a}–{b} pegawai).",
    "--units for {n} staff must be between {lo} and {hi} (units hold {a}–{b} staff).")
BAD_ARGS = Msg("Tidak dapat membuat instansi: {e}", "Cannot generate the agency: {e}")


def summary(problem: Problem, out: str, gen: float, write: float, lang: Lang) -> str:
    """The text printed after a run."""
    size = Counter(e.unit_code for e in problem.employees)
    units = Counter(u.category for u in problem.units)
    cats = ", ".join(f"{c.label(lang)} {units[c]}" for c in ServiceCategory if units[c])
    staff_in: Counter[str] = Counter()
    for u in problem.units:
        if u.building is not None:
            staff_in[u.building] += size[u.code]
    binding = sum(b.capacity < staff_in[b.name] for b in problem.buildings)
    period = (f"{problem.period.start:%d/%m/%Y} – {problem.period.end:%d/%m/%Y}"
              if problem.period else NO_PERIOD.get(lang))
    return SUMMARY.format(
        name=problem.name, staff=len(problem.employees), units=len(problem.units), cats=cats,
        buildings=len(problem.buildings), binding=binding, absences=len(problem.absences),
        period=period, out=out, seconds=gen + write, gen=gen, write=write).get(lang)


@click.command("generate")
@click.option("--staff", type=click.IntRange(min=8), required=True,
              help="Jumlah pegawai / number of staff.")
@click.option("--units", type=click.IntRange(min=1), default=None,
              help="Jumlah unit (bawaan ±1 per 30 pegawai) / number of units.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Benih acak; sama benih = instansi sama / random seed.")
@click.option("--region", "regions", multiple=True, default=("DKI Jakarta",),
              show_default=True, help="Provinsi unit (boleh berulang) / province, repeatable.")
@click.option("--start", type=_DATE, default=None,
              help="Tanggal pertama (bawaan 01/03/2026) / first date.")
@click.option("--end", type=_DATE, default=None,
              help="Tanggal terakhir (bawaan 31/03/2026) / last date.")
@click.option("--no-period", is_flag=True,
              help="Tanpa lembar Periode (tanggal dari skenario) / no Periode sheet.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Buku kerja keluaran .xlsx / output workbook.")
@lang_option
@guarded
def command(staff: int, units: int | None, seed: int, regions: tuple[str, ...],
            start: datetime | None, end: datetime | None, no_period: bool, output: str,
            lang: Lang) -> None:
    """Buat instansi sintetis yang realistis sebagai buku kerja masukan.

    Generate a realistic synthetic agency as an input workbook: units with Indonesian
    names, staff with valid NIPs, roles, teams, leave and office buildings whose
    capacity binds yet stays feasible under every shipped scenario. The same seed gives
    the same workbook.

    \b
    Exit codes:
      0  workbook written (a summary is printed)
      1  the file cannot be written
      2  usage error (e.g. --units out of range, --start without --end)

    \b
    Example:
      asn-scheduler generate --staff 400 -o contoh-400.xlsx
      asn-scheduler generate --staff 65000 --seed 7 -o besar.xlsx
      asn-scheduler generate --staff 1200 --region "DKI Jakarta" --region "Jawa Barat" \\
          --start 2026-03-02 --end 2026-03-27 -o dua-provinsi.xlsx
    """
    from asn_scheduler.cli.solve import require_xlsx
    from asn_scheduler.domain.model import MAX_PERIOD_DAYS
    from asn_scheduler.excel.input_writer import write_input_workbook
    from asn_scheduler.generate import MAX_STAFF, generate_agency
    from asn_scheduler.synth.feasibility import MARCH_2026
    from asn_scheduler.synth.units import MAX_SIZE, MIN_SIZE

    if staff > MAX_STAFF:
        raise click.UsageError(Msg(
            f"--staff paling banyak {MAX_STAFF:,} (diminta {staff:,}).".replace(",", "."),
            f"--staff is at most {MAX_STAFF:,} (asked for {staff:,}).").get(lang))
    require_xlsx(output, "-o", lang)
    first = start.date() if start else MARCH_2026.start
    last = end.date() if end else (MARCH_2026.end if start is None else None)
    if last is None or last < first:
        raise click.UsageError(Msg(
            "Berikan --start dan --end bersama, dengan --end tidak sebelum --start.",
            "Give --start and --end together, --end not before --start.").get(lang))
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        raise click.UsageError(Msg(
            f"Periode paling lama {MAX_PERIOD_DAYS} hari ({first}..{last}).",
            f"The period is at most {MAX_PERIOD_DAYS} days ({first}..{last}).").get(lang))
    if units is not None and not math.ceil(staff / MAX_SIZE) <= units <= staff // MIN_SIZE:
        raise click.UsageError(UNITS_RANGE.format(
            n=staff, lo=math.ceil(staff / MAX_SIZE), hi=staff // MIN_SIZE,
            a=MIN_SIZE, b=MAX_SIZE).get(lang))
    from asn_scheduler.domain.regions import RegionError, canonical

    try:  # the workbook must pass its own Wilayah check
        regions = tuple(canonical(r) for r in regions)
    except RegionError as exc:
        raise click.UsageError(f"{exc.problem.get(lang)} {exc.fix.get(lang)}") from None
    t0 = time.perf_counter()
    try:
        problem = generate_agency(staff, units=units, seed=seed, regions=regions,
                                  period=Period(first, last), with_period=not no_period)
    except ValueError as exc:
        raise Failure(BAD_ARGS.format(e=exc).get(lang)) from None
    t1 = time.perf_counter()
    write_input_workbook(problem, output)   # the workbook is always in the contract's Indonesian
    t2 = time.perf_counter()
    click.echo(summary(problem, output, t1 - t0, t2 - t1, lang))
