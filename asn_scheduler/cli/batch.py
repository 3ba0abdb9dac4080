"""``asn-scheduler batch``: many agencies' workbooks → a roster each, on Dask."""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from asn_scheduler.cli.common import (
    Failure,
    guarded,
    lang_option,
    run_scenario,
    scenario_option,
    set_option,
)
from asn_scheduler.cli.json_output import emit, json_option
from asn_scheduler.cli.solve import as_date, paper_option
from asn_scheduler.i18n import Lang, Msg

_DATE = click.DateTime(["%Y-%m-%d", "%d/%m/%Y"])
_LINE = Msg("{d}/{t} instansi, {s:,} pegawai, {e:.0f} s{eta}",
            "{d}/{t} agencies, {s:,} staff, {e:.0f} s{eta}")
_ETA = Msg(", sisa ±{r:.0f} s", ", about {r:.0f} s left")
_ONE = Msg("[{d}/{t}] {a}: {st} ({sec:.1f} s){why}", "[{d}/{t}] {a}: {st} ({sec:.1f} s){why}")
_RESUMED = Msg(", dari run sebelumnya", ", from an earlier run")
_DONE = Msg("Selesai: {ok}/{n} instansi dengan jadwal ({staff:,} pegawai), {bad} gagal, "
            "{res} dari run sebelumnya; {sec:.1f} s dengan {w} pekerja.",
            "Done: {ok}/{n} agencies with a roster ({staff:,} staff), {bad} failed, "
            "{res} from an earlier run; {sec:.1f} s on {w} worker(s).")
_FAILED = Msg("Instansi tanpa jadwal:", "Agencies without a roster:")
_WRITTEN = Msg("Ringkasan ditulis ke {x} dan {c}", "Summary written to {x} and {c}")
_NOT_ALL = Msg("{n} instansi tidak mendapat jadwal (lihat ringkasan).",
               "{n} agencies got no roster (see the summary).")


class BatchDisplay:
    """Progress on stderr: on a terminal one line rewritten in place (agencies done of
    all, staff done, elapsed, estimate); otherwise one line per finished agency."""

    def __init__(self, lang: Lang):
        self.lang = lang
        self.tty = sys.stderr.isatty()
        self._width = 0

    def __call__(self, p: Any) -> None:
        if not self.tty:
            o = p.last
            why = f" — {o.reason}" if o.reason else ""
            sec = o.seconds
            st = o.status + (_RESUMED.get(self.lang) if o.resumed else "")
            click.echo(_ONE.format(d=p.done, t=p.total, a=o.agency, st=st, sec=sec,
                                   why=why).get(self.lang), err=True)
            return
        eta = "" if p.remaining is None else _ETA.format(r=p.remaining).get(self.lang)
        text = _LINE.format(d=p.done, t=p.total, s=p.staff_done, e=p.elapsed,
                            eta=eta).get(self.lang)
        sys.stderr.write("\r" + text + " " * max(0, self._width - len(text)))
        sys.stderr.flush()
        self._width = len(text)

    def close(self) -> None:
        if self.tty and self._width:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUTS...")
@scenario_option()
@set_option
@click.option("--start", type=_DATE, default=None,
              help="Tanggal pertama untuk semua instansi / first date for every agency.")
@click.option("--end", type=_DATE, default=None, help="Tanggal terakhir / last date.")
@click.option("-o", "--output", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder keluaran (dibuat bila belum ada) / output folder (created).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Penjadwal Dask yang sudah berjalan (bawaan: klaster lokal) / a running "
                   "Dask scheduler (default: a local cluster).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Pekerja lokal (bawaan: inti ÷ --solver-processes) / local workers.")
@click.option("--solver-processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Proses solver per instansi / engine processes per agency.")
@click.option("--memory-limit", default="auto", show_default=True,
              help="Batas memori per pekerja lokal, mis. 2GiB / memory limit per local worker.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Ulangan bila tugas galat atau pekerja mati / retries of a failed task.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Batas waktu solver per instansi (detik) / solver time limit per agency.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Benih acak; sama benih = jadwal sama / random seed.")
@click.option("--effort", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="Seperti `solve --effort` / as `solve --effort`.")
@click.option("--previous", "previous", default=None,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder jadwal periode lalu, AGENCY.xlsx per instansi (atau folder keluaran "
                   "batch lalu) / folder of last period's rosters, AGENCY.xlsx each (or the "
                   "last batch's output folder).")
@paper_option
@json_option
@lang_option
@guarded
def command(inputs: tuple[str, ...], scenario: str, sets: tuple[str, ...],
            start: datetime | None, end: datetime | None, outdir: Path, scheduler: str | None,
            workers: int | None, solver_processes: int, memory_limit: str, retries: int,
            time_limit: float, seed: int, effort: float, previous: Path | None, paper: str,
            as_json: bool, lang: Lang) -> None:
    """Jadwal untuk banyak instansi sekaligus, di Dask / rosters for many agencies on Dask.

    INPUTS are folders (their *.xlsx) or glob patterns; each workbook is one agency and
    one task. Without --scheduler a local Dask cluster runs them (worker processes, one
    thread each); with it, a running cluster does (docs/BATCH.md). Writes into OUTDIR:
    jadwal/AGENCY.xlsx per agency with a roster (the same as `solve` gives), for the
    others gagal/AGENCY-masalah.xlsx (input problems), -penyebab.txt (why no roster)
    or -galat.txt (an error), and ringkasan.xlsx + ringkasan.csv. A re-run skips the
    agencies whose input, scenario and options are unchanged (manifest/AGENCY.json).
    --set KEY=VALUE applies to every agency (after its own sheet Pengaturan, as in
    `solve`). --previous DIR chains each agency's roster from DIR/AGENCY.xlsx (or
    DIR/jadwal/AGENCY.xlsx: last run's OUTDIR), as `solve --previous`; an agency with
    none there is solved unchained, with a note in the summary.

    \b
    Exit codes:
      0  every agency got a roster
      1  some agency did not (see the summary), or Dask cannot be used
      2  usage error (nothing matches INPUTS, unknown scenario or --set key, too many
         workers)

    \b
    Example:
      asn-scheduler batch data/provinsi/ -s permenpanrb-4-2025 --start 2026-03-02 \\
          --end 2026-03-13 -o hasil/
      asn-scheduler batch data/provinsi/ -s permenpanrb-4-2025 --start 2026-03-16 \\
          --end 2026-03-27 --previous hasil/ --set office_days=Senin -o hasil-2/
      asn-scheduler batch 'data/**/*.xlsx' -s se-2-2026 -o hasil/ \\
          --scheduler tcp://10.0.0.5:8786 --json > hasil.json
    """
    from asn_scheduler.batch import BatchInputError, BatchOptions, find_inputs, run_batch
    from asn_scheduler.batch.cluster import ClusterError
    from asn_scheduler.report_json import batch_json

    if (start is None) != (end is None):
        raise click.UsageError(Msg("Berikan --start dan --end bersama.",
                                   "Give --start and --end together.").get(lang))
    try:
        items = find_inputs(inputs)
    except BatchInputError as exc:
        raise click.UsageError(exc.msg.get(lang)) from None
    sc = run_scenario(scenario, None, sets, lang)  # an unknown key fails here, once
    name = scenario if not Path(scenario).is_file() else str(Path(scenario).resolve())
    options = BatchOptions(scenario=name, scenario_hash=sc.hash, start=as_date(start),
                           end=as_date(end), time_limit=time_limit, seed=seed, effort=effort,
                           lang=lang, paper=paper, solver_processes=solver_processes,
                           sets=tuple(sets),
                           previous=str(previous.resolve()) if previous else None)
    display = BatchDisplay(lang)
    # the nanny's restarts and shutdown notices are Dask's business; the summary says
    # what happened to each agency
    logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        result = run_batch(items, options, outdir, scheduler=scheduler, workers=workers,
                           retries=retries, memory_limit=memory_limit, progress=display)
    except ClusterError as exc:
        if exc.usage:
            raise click.UsageError(exc.msg.get(lang)) from None
        raise Failure(exc.msg.get(lang)) from None
    finally:
        display.close()
    out = result.outcomes
    ok = sum(o.has_roster for o in out)
    lines = [_DONE.format(ok=ok, n=len(out), staff=sum(o.staff for o in out if o.has_roster),
                          bad=len(out) - ok, res=result.resumed, sec=result.elapsed,
                          w=result.workers).get(lang)]
    failed = [o for o in out if not o.has_roster]
    if failed:
        lines.append(_FAILED.get(lang))
        lines += [f"  {o.agency}: {o.status} — {o.reason}" for o in failed]
    lines.append(_WRITTEN.format(x=result.files["summary_xlsx"],
                                 c=result.files["summary_csv"]).get(lang))
    click.echo("\n".join(lines), err=as_json)
    if as_json:
        emit(batch_json(result))
    if not result.ok:
        raise Failure(_NOT_ALL.format(n=len(failed)).get(lang))
