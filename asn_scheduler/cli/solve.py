"""``asn-scheduler solve``: input workbook + scenario → roster workbook.

Also home of the pieces ``replan`` and ``compare`` share: the progress display, the
engine-error edge and the end-of-run summary.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import click

from asn_scheduler.cli.common import (
    Failure,
    guarded,
    lang_option,
    problems_table,
    scenario_option,
    solve_options,
)
from asn_scheduler.cli.json_output import emit, json_input_errors, json_option
from asn_scheduler.i18n import Lang, Msg

_STAGES = {
    "compile": Msg("menyusun model", "building the model"),
    "solve": Msg("menyelesaikan", "solving"),
    "explain": Msg("mencari penyebab", "explaining"),
    "check": Msg("memeriksa", "checking"),
    "done": Msg("selesai", "done"),
}
_WARNINGS = Msg("Peringatan di buku kerja ({n}):", "Warnings in the workbook ({n}):")
_NO_ROSTER = {
    "INFEASIBLE": Msg("Tidak ada jadwal yang memenuhi semua aturan wajib. Penyebab:",
                      "No roster can meet every hard rule. Why:"),
    "TIME_LIMIT": Msg("Tidak ada jadwal ditemukan dalam batas waktu; naikkan --time-limit.",
                      "No roster found within the time limit; raise --time-limit."),
    "INVALID": Msg("Model ditolak solver (galat program; laporkan ke pengembang).",
                   "The solver rejected the model (a bug; please report it)."),
}
_NO_FILE = Msg("Tidak ada berkas yang ditulis.", "No file was written.")
_BUG = Msg("Galat program: pemeriksa independen menemukan pelanggaran pada jadwal dari "
           "solver. Tidak ada berkas yang ditulis; laporkan ke pengembang.\n{detail}",
           "Program bug: the independent checker found violations in the solver's roster. "
           "No file was written; please report it.\n{detail}")


def as_date(value: datetime | date | None) -> date | None:
    """click's ``DateTime`` value as a date."""
    return value.date() if isinstance(value, datetime) else value


class ProgressDisplay:
    """Progress on stderr: a line rewritten in place on a terminal (stage, parts solved,
    elapsed seconds, best bound when the engine gives one); silent otherwise, so logs
    and pipes get only the final line from :meth:`finish`."""

    def __init__(self, lang: Lang, stream: TextIO | None = None, prefix: str = ""):
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.lang, self.prefix = lang, prefix
        self.t0 = time.perf_counter()
        self.parts = (0, 0)
        self._width = 0

    def __call__(self, event: Any) -> None:
        self.parts = (event.parts_done, event.parts_total)
        if not self.tty:
            return
        stage = _STAGES.get(event.stage, Msg(event.stage, event.stage)).get(self.lang)
        parts = Msg("bagian", "parts").get(self.lang)
        text = f"{self.prefix}{stage}: {event.parts_done}/{event.parts_total} {parts}, " \
               f"{event.elapsed:.1f} s"
        bound = getattr(event, "bound", None)
        if bound is not None:
            text += f", {Msg('batas terbaik', 'best bound').get(self.lang)} {bound:g}"
        pad = max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def finish(self, status: str) -> None:
        """The one line printed whatever the stream: status, parts, seconds."""
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
        done, total = self.parts
        sec = time.perf_counter() - self.t0
        if total:
            line = Msg("{p}{s}: {d}/{t} bagian dalam {sec:.1f} s\n",
                       "{p}{s}: {d}/{t} parts in {sec:.1f} s\n")
        else:
            line = Msg("{p}{s} ({sec:.1f} s)\n", "{p}{s} ({sec:.1f} s)\n")
        self.stream.write(line.format(p=self.prefix, s=status, d=done, t=total,
                                      sec=sec).get(self.lang))
        self.stream.flush()


@contextlib.contextmanager
def engine_errors(lang: Lang) -> Iterator[None]:
    """Engine errors at the CLI edge: no roster dates → usage error (exit 2); a solver
    bug caught by the checker → exit 1 with a plain message, no traceback."""
    from asn_scheduler.engine import PeriodError, SolverBug

    try:
        yield
    except PeriodError as exc:
        raise click.UsageError(exc.msg.get(lang)) from None
    except SolverBug as exc:
        detail = "\n".join(v.text(lang) for v in exc.violations[:10])
        raise Failure(_BUG.format(detail=detail).get(lang)) from None


_SAME = Msg("-o tidak boleh menimpa berkas masukan ({p}).",
            "-o must not overwrite an input file ({p}).")
_NO_FOLDER = Msg("Folder untuk -o tidak ada: {p}", "The folder for -o does not exist: {p}")


def check_output(output: Path | None, inputs: tuple[Path, ...], lang: Lang) -> None:
    """Refuse, before any work, an output that would overwrite an input file or whose
    folder does not exist (usage errors, exit 2)."""
    if output is None:
        return
    target = output.resolve()
    for given in inputs:
        if target == given.resolve():
            raise click.UsageError(_SAME.format(p=given).get(lang))
    if not target.parent.is_dir():
        raise click.UsageError(_NO_FOLDER.format(p=target.parent).get(lang))


def read_input(path: Path, lang: Lang) -> Any:
    """The input workbook's problem; its warnings printed on stderr."""
    from asn_scheduler.excel.reader import read_workbook

    read = read_workbook(path)
    if read.warnings:
        click.echo(_WARNINGS.format(n=len(read.warnings)).get(lang), err=True)
        click.echo(problems_table(read.warnings[:20], lang), err=True)
        if len(read.warnings) > 20:
            click.echo(f"… (+{len(read.warnings) - 20})", err=True)
    return read.problem


def no_roster(result: Any, lang: Lang) -> Failure:
    """The exit-1 failure for a result without a roster, with its explanation."""
    lines = [f"{result.status.value}: {_NO_ROSTER[result.status.value].get(lang)}"]
    lines += [c.text(lang) for c in result.conflicts]
    lines.append(_NO_FILE.get(lang))
    return Failure("\n".join(lines))


def summary(result: Any, lang: Lang, output: Path | None) -> str:
    """The end-of-run summary: status, dates, WFH share per service category, fairness,
    preferences, commute saved, hard violations, where the workbook went."""
    from asn_scheduler.compare import category_shares

    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    rep = result.report
    dates = result.dates
    lines = [f"{L('Status', 'Status')}: {result.status.value} ({result.runtime:.1f} s, "
             f"{len(result.parts)} {L('bagian', 'parts')})",
             f"{L('Skenario', 'Scenario')}: {result.scenario.id} · "
             f"{dates[0].isoformat()}..{dates[-1].isoformat()} ({len(dates)} "
             f"{L('hari', 'days')})"]
    if rep is not None:
        lines.append(L("Porsi WFH per kategori layanan:", "WFH share per service category:"))
        shares = category_shares(result.problem, rep)
        width = max((len(c.label(lang)) for c in shares), default=0)
        lines += [f"  {c.label(lang).ljust(width)}  {s:6.1%}" for c, s in shares.items()]
        q = rep.quality
        lines.append(Msg("Keadilan: selisih maks {mx:.1f} hari dari bagian adil; {w:.0%} pegawai "
                         "dalam 1 hari", "Fairness: largest gap {mx:.1f} days from the fair "
                         "share; {w:.0%} of staff within 1 day").format(
            mx=q.max_abs_deviation, w=q.within_one_day_share).get(lang))
        if q.preferred_days:
            lines.append(Msg("Hari WFH pilihan dipenuhi: {h}/{p}",
                             "Preferred WFH days honoured: {h}/{p}").format(
                h=q.preferred_honoured, p=q.preferred_days).get(lang))
        if q.commute_trips_avoided:
            lines.append(Msg("Perjalanan dihemat: {t} ({km:,.0f} km)",
                             "Commute trips avoided: {t} ({km:,.0f} km)").format(
                t=q.commute_trips_avoided, km=q.commute_km_avoided).get(lang))
        lines.append(Msg("Pelanggaran aturan wajib: {n}", "Hard-rule violations: {n}").format(
            n=len(rep.hard_violations)).get(lang))
    for w in result.warnings:
        lines.append(f"{L('Catatan', 'Note')}: {w.get(lang)}")
    if output is not None:
        lines.append(Msg("Jadwal ditulis ke {p}", "Roster written to {p}").format(
            p=output).get(lang))
    return "\n".join(lines)


def output_option(help_id: str, help_en: str, required: bool = True) -> Callable:
    """``-o/--output PATH`` (an .xlsx to write)."""
    return click.option("-o", "--output", "output", required=required,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help=f"{help_id} / {help_en}")


paper_option = click.option("--paper", type=click.Choice(["A4", "F4"]), default="A4",
                            show_default=True,
                            help="Ukuran kertas cetak / print paper size (F4 = Folio).")


@click.command("solve")
@click.argument("input_path", metavar="INPUT.xlsx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@scenario_option()
@solve_options
@output_option("Buku kerja jadwal yang ditulis", "roster workbook to write")
@paper_option
@click.option("--effort", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="Upaya untuk pilihan hari, rotasi dan tim (kelipatan; jumlah WFH dan "
                   "keadilan selalu dibuktikan) / effort on preferences, rotation and teams "
                   "(a multiple; WFH days and fairness are always proven).")
@json_option
@lang_option
@guarded
@json_input_errors("solve")
def command(input_path: Path, scenario: str, start: datetime | None, end: datetime | None,
            time_limit: float, seed: int, workers: int | None, output: Path, paper: str,
            effort: float, lang: Lang, as_json: bool = False) -> None:
    """Buat jadwal WFH/WFO yang adil dan patuh aturan / build a fair, compliant roster.

    Reads INPUT.xlsx (see `asn-scheduler template`), solves under the scenario, has the
    independent checker re-verify every rule, and writes the roster workbook (sheet
    Jadwal first, then summary, compliance, fairness, buildings and run information).
    Dates: --start/--end, else sheet Periode, else the scenario's own window.

    \b
    Exit codes:
      0  roster written
      1  input problem, or no feasible roster (the conflicts are printed; no file written)
      2  usage error (unknown option or scenario, no dates)

    \b
    Example:
      asn-scheduler solve data/contoh-pemkot.xlsx -s se-17-2023 -o jadwal.xlsx
      asn-scheduler solve pemkot.xlsx -s permenpanrb-4-2025 --start 2026-03-02 \\
          --end 2026-03-27 --time-limit 120 --seed 1 --effort 10 -o jadwal-maret.xlsx
      asn-scheduler solve pemkot.xlsx -s se-17-2023 -o jadwal.xlsx --json > ringkasan.json
    """
    from asn_scheduler.engine import solve
    from asn_scheduler.excel.roster_writer import write_roster_workbook
    from asn_scheduler.report_json import solve_json
    from asn_scheduler.scenario import load_scenario

    check_output(output, (input_path,), lang)
    sc = load_scenario(scenario)
    problem = read_input(input_path, lang)
    display = ProgressDisplay(lang)
    with engine_errors(lang):
        result = solve(problem, sc, start=as_date(start), end=as_date(end),
                       time_limit=time_limit, seed=seed, workers=workers, progress=display,
                       effort=effort)
    display.finish(result.status.value)
    if not result.status.has_roster:
        if as_json:
            emit(solve_json(result, input_path=input_path, output=None, lang=lang))
        raise no_roster(result, lang)
    write_roster_workbook(result, output, lang=lang, paper=paper)  # type: ignore[arg-type]
    click.echo(summary(result, lang, output), err=as_json)
    if as_json:
        emit(solve_json(result, input_path=input_path, output=output, lang=lang))


