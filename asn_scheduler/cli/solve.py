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
    run_scenario,
    scenario_option,
    set_option,
    solve_options,
    wrap,
)
from asn_scheduler.cli.json_output import emit, json_input_errors, json_option
from asn_scheduler.cli.publish import (
    check_targets,
    imprint_from,
    imprint_options,
    pdf_option,
    write_outputs,
)
from asn_scheduler.engine.result import NO_ROSTER_WHY
from asn_scheduler.i18n import Lang, Msg

_STAGES = {
    "compile": Msg("menyusun model", "building the model"),
    "solve": Msg("menyelesaikan", "solving"),
    "explain": Msg("mencari penyebab", "explaining"),
    "check": Msg("memeriksa", "checking"),
    "done": Msg("selesai", "done"),
}
_WARNINGS = Msg("Peringatan di buku kerja ({n}):", "Warnings in the workbook ({n}):")
_PDF_IS_OUTPUT = Msg("--pdf dan -o harus berkas yang berbeda.",
                     "--pdf and -o must be different files.")
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
        """The one line printed whatever the stream: status (in words), the parts that went
        through the solver, seconds."""
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
        from asn_scheduler import fmt

        done, total = self.parts
        sec = fmt.number(time.perf_counter() - self.t0, self.lang, 1)
        if total:
            line = Msg("{p}{s}: {d} dari {t} bagian lewat solver selesai dalam {sec} s\n",
                       "{p}{s}: {d} of {t} parts through the solver done in {sec} s\n")
        else:
            line = Msg("{p}{s} ({sec} s)\n", "{p}{s} ({sec} s)\n")
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


_NOT_XLSX = Msg(
    "{opt} menulis buku kerja Excel, jadi namanya harus berakhiran .xlsx (bukan '{p}'): "
    "berkas .xlsx dengan nama {ext} tidak akan terbuka dengan benar. Contoh: {opt} {stem}.xlsx",
    "{opt} writes an Excel workbook, so its name must end in .xlsx (not '{p}'): an .xlsx file "
    "named {ext} would not open correctly. For example: {opt} {stem}.xlsx")


def require_xlsx(path: Path | str, option: str, lang: Lang) -> None:
    """Refuse (usage error, exit 2) an output workbook not named ``.xlsx``: writing an xlsx
    as ``jadwal.csv`` gives a file no program opens as the planner expects."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise click.UsageError(_NOT_XLSX.format(opt=option, p=path.name,
                                                ext=path.suffix or "''",
                                                stem=path.stem).get(lang))


def check_output(output: Path | None, inputs: tuple[Path, ...], lang: Lang) -> None:
    """Refuse, before any work, an output that is not named ``.xlsx`` (it would be an xlsx
    under another name, e.g. ``jadwal.csv``), would overwrite an input file, or whose folder
    does not exist (usage errors, exit 2)."""
    if output is None:
        return
    require_xlsx(output, "-o", lang)
    target = output.resolve()
    for given in inputs:
        if target == given.resolve():
            raise click.UsageError(_SAME.format(p=given).get(lang))
    if not target.parent.is_dir():
        raise click.UsageError(_NO_FOLDER.format(p=target.parent).get(lang))
    from asn_scheduler.excel._atomic import OutputRefused, check_target

    try:
        check_target(output)
    except OutputRefused as exc:
        raise click.UsageError(exc.msg.get(lang)) from None


def read_input(path: Path, lang: Lang) -> Any:
    """The input workbook's problem; its warnings printed on stderr."""
    from asn_scheduler.excel.reader import read_workbook

    read = read_workbook(path)
    if read.warnings:
        click.echo(_WARNINGS.format(n=len(read.warnings)).get(lang), err=True)
        click.echo(problems_table(read.warnings[:20], lang), err=True)
        if len(read.warnings) > 20:
            from asn_scheduler.cli.problem_table import full_table_hint

            click.echo(f"… (+{len(read.warnings) - 20})", err=True)
            click.echo(full_table_hint(str(path), lang), err=True)
    return read.problem


previous_option = click.option(
    "--previous", "previous", multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Jadwal yang diterbitkan sebelumnya (berkas .xlsx atau foldernya; boleh diulang) / "
         "the previously published roster (an .xlsx or its folder; repeatable).")


def read_previous_rosters(paths: tuple[Path, ...], problem: Any, lang: Lang) -> list[Any]:
    """The previous rosters for ``problem`` (empty without ``paths``); the readers'
    warnings printed on stderr."""
    if not paths:
        return []
    from asn_scheduler.excel.previous_reader import read_previous

    rosters, warnings = read_previous(paths, problem)
    if warnings:
        click.echo(_WARNINGS.format(n=len(warnings)).get(lang), err=True)
        click.echo(problems_table(warnings[:20], lang), err=True)
    return rosters


def scope_lines(result: Any, lang: Lang) -> list[str]:
    """The scenario's reach (rule E1), one ``PERINGATAN:`` line per note."""
    head = Msg("PERINGATAN", "WARNING").get(lang)
    return [wrap(f"{head}: {n.text(lang)}") for n in getattr(result, "scope", ())]


def no_roster(result: Any, lang: Lang) -> Failure:
    """The exit-1 failure for a result without a roster, with its explanation."""
    lines = scope_lines(result, lang)
    lines.append(f"{result.status.label(lang)}: {NO_ROSTER_WHY[result.status.value].get(lang)}")
    lines += [wrap(c.text(lang)) for c in result.conflicts]
    lines += [wrap(f"{Msg('Catatan', 'Note').get(lang)}: {w.get(lang)}")
              for w in result.warnings]
    lines.append(_NO_FILE.get(lang))
    return Failure("\n".join(lines))


_BEST = Msg(
    "Tidak ada jadwal yang memenuhi semua aturan wajib. Jadwal upaya terbaik ditulis ke {p}: "
    "ia melanggar {rules} sesedikit mungkin ({n} pelanggaran; aturan lain terpenuhi), setiap "
    "sel yang melanggar bergaris merah dengan catatan. Penyebab dan perbaikannya:",
    "No roster meets every hard rule. The best-effort roster is written to {p}: it breaks "
    "{rules} as little as possible ({n} violation(s); every other rule holds), each offending "
    "cell with a red border and a note. Causes and fixes:")


def best_effort_failure(result: Any, output: Path, lang: Lang) -> Failure:
    """Exit 1 after writing a best-effort roster: what it breaks, why, and the fixes."""
    broken = result.report.hard_violations
    rules = ", ".join(dict.fromkeys(v.rule for v in broken))
    lines = [wrap(_BEST.format(p=output, rules=rules, n=len(broken)).get(lang))]
    lines += [wrap(c.text(lang)) for c in result.conflicts]
    return Failure("\n".join(lines))


def parts_text(result: Any, lang: Lang) -> str:
    """``13 bagian, 4 lewat solver``: the same counts the progress line ends with."""
    solved = sum(1 for p in result.parts if p.status not in ("FIXED", "INFEASIBLE"))
    return Msg("{t} bagian, {s} lewat solver", "{t} parts, {s} through the solver").format(
        t=len(result.parts), s=solved).get(lang)


def summary(result: Any, lang: Lang, output: Path | None) -> str:
    """The end-of-run summary: status, dates, the scenario's reach, WFH share per service
    category, fairness, preferences, commute saved, hard violations, where the workbook
    went. Figures in the language's own format (``25.323 km``, ``4,1 hari``)."""
    from asn_scheduler import fmt
    from asn_scheduler.compare import category_shares

    L = lambda i, e: Msg(i, e).get(lang)  # noqa: E731
    rep = result.report
    dates = result.dates
    be = L(" · JADWAL UPAYA TERBAIK", " · BEST-EFFORT ROSTER") if result.best_effort else ""
    lines = [f"{L('Status', 'Status')}: {result.status.label(lang)}{be} "
             f"· {fmt.number(result.runtime, lang, 1)} s · {parts_text(result, lang)}",
             f"{L('Skenario', 'Scenario')}: {result.scenario.id} · "
             f"{fmt.day_range(dates[0], dates[-1], lang)} ({len(dates)} "
             f"{L('hari', 'days')})"]
    lines += run_notes(result, lang)
    lines += scope_lines(result, lang)
    if rep is not None:
        lines.append(L("Porsi WFH per kategori layanan:", "WFH share per service category:"))
        shares = category_shares(result.problem, rep)
        width = max((len(c.label(lang)) for c in shares), default=0)
        lines += [f"  {c.label(lang).ljust(width)}  {fmt.percent(s, lang):>6}"
                  for c, s in shares.items()]
        q = rep.quality
        lines.append(Msg("Keadilan: selisih maks {mx} hari dari bagian adil; {w} pegawai "
                         "dalam 1 hari", "Fairness: largest gap {mx} days from the fair "
                         "share; {w} of staff within 1 day").format(
            mx=fmt.number(q.max_abs_deviation, lang, 1),
            w=fmt.percent(q.within_one_day_share, lang, 0)).get(lang))
        if q.preferred_days:
            lines.append(Msg("Hari WFH pilihan dipenuhi: {h} dari {p}",
                             "Preferred WFH days honoured: {h} of {p}").format(
                h=fmt.number(q.preferred_honoured, lang),
                p=fmt.number(q.preferred_days, lang)).get(lang))
        if q.commute_trips_avoided:
            lines.append(Msg("Perjalanan dihemat: {t} ({km} km)",
                             "Commute trips avoided: {t} ({km} km)").format(
                t=fmt.number(q.commute_trips_avoided, lang),
                km=fmt.number(q.commute_km_avoided, lang)).get(lang))
        lines.append(Msg("Pelanggaran aturan wajib: {n}", "Hard-rule violations: {n}").format(
            n=fmt.number(len(rep.hard_violations), lang)).get(lang))
    for w in result.warnings:
        lines.append(wrap(f"{L('Catatan', 'Note')}: {w.get(lang)}"))
    if output is not None:
        lines.append(Msg("Jadwal ditulis ke {p}", "Roster written to {p}").format(
            p=output).get(lang))
    return "\n".join(lines)


def run_notes(result: Any, lang: Lang) -> list[str]:
    """Summary lines on how the scenario was set for this run: every override with its
    source, and what an event window added over its baseline."""
    from asn_scheduler.event_gain import event_gain, gain_text, overrides_text

    lines = overrides_text(result.scenario, lang)
    if result.report is not None:
        gain = event_gain(result.problem, result.scenario, result.report)
        if gain is not None:
            lines.append(gain_text(gain, lang))
    return lines


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
@set_option
@solve_options
@output_option("Buku kerja jadwal yang ditulis", "roster workbook to write")
@paper_option
@pdf_option
@imprint_options
@click.option("--effort", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="Upaya untuk pilihan hari, rotasi dan tim (kelipatan; jumlah WFH dan "
                   "keadilan selalu dibuktikan) / effort on preferences, rotation and teams "
                   "(a multiple; WFH days and fairness are always proven).")
@previous_option
@click.option("--horizon-days", type=click.IntRange(min=1, max=366), default=None,
              help="Berapa hari jadwal sebelumnya ikut dihitung untuk keadilan (bawaan 92) / "
                   "how many previous days count for fairness (default 92).")
@click.option("--best-effort", is_flag=True, default=False,
              help="Bila tidak ada jadwal yang memenuhi semua aturan wajib, tulis jadwal yang "
                   "paling sedikit melanggar kapasitas gedung (B1) dan batas WFO (P1), setiap "
                   "pelanggaran ditandai; keluar dengan kode 1 / when no roster meets every "
                   "hard rule, write the one that exceeds building seats (B1) and WFO "
                   "ceilings (P1) least, every breach flagged; exit 1.")
@json_option
@lang_option
@guarded
@json_input_errors("solve")
def command(input_path: Path, scenario: str, sets: tuple[str, ...], start: datetime | None,
            end: datetime | None, time_limit: float, seed: int, workers: int | None,
            output: Path, paper: str, pdf: Path | None, effort: float,
            previous: tuple[Path, ...], horizon_days: int | None, best_effort: bool,
            lang: Lang, as_json: bool = False, **imprint: str | None) -> None:
    """Buat jadwal WFH/WFO yang adil dan patuh aturan / build a fair, compliant roster.

    Reads INPUT.xlsx (see `asn-scheduler template`), solves under the scenario, has the
    independent checker re-verify every rule, and writes the roster workbook (sheet
    Jadwal first, then summary, compliance, fairness, buildings and run information).
    Dates: --start/--end, else sheet Periode, else the scenario's own window.
    --pdf also writes the per-unit pages as a PDF (see `asn-scheduler publish`);
    --agency-name and --sign-* set the printed title and signature block.
    --previous (a published roster workbook or a folder of them, repeatable) chains this
    roster from the one before: the ISO week they share obeys the weekly cap, WFH runs and
    fairness continue across the boundary.

    \b
    Exit codes:
      0  roster written
      1  input problem, or no feasible roster (the conflicts are printed; no file written,
         or with --best-effort the roster that breaks the fewest rules, flagged)
      2  usage error (unknown option or scenario, no dates)

    \b
    Example:
      asn-scheduler solve data/contoh-pemkot.xlsx -s se-17-2023 -o jadwal.xlsx
      asn-scheduler solve pemkot.xlsx -s permenpanrb-4-2025 --start 2026-03-02 \\
          --end 2026-03-27 --time-limit 120 --seed 1 --effort 10 -o jadwal-maret.xlsx
      asn-scheduler solve pemkot.xlsx -s permenpanrb-4-2025 --start 2026-03-02 \\
          --end 2026-03-27 --set wfh_cap_pct.administrasi_pemerintahan=30 \\
          --set office_days=Senin -o jadwal-maret.xlsx
      asn-scheduler solve pemkot.xlsx -s se-17-2023 -o jadwal.xlsx --json > ringkasan.json
    """
    from asn_scheduler.engine import Settings, solve
    from asn_scheduler.excel.roster_writer import write_roster_workbook
    from asn_scheduler.report_json import solve_json

    check_output(output, (input_path, *previous), lang)
    check_targets([pdf], input_path, lang)
    if pdf is not None and pdf.resolve() == output.resolve():
        raise click.UsageError(_PDF_IS_OUTPUT.get(lang))
    run_scenario(scenario, None, sets, lang)  # an unknown scenario or key fails before reading
    problem = read_input(input_path, lang)
    sc = run_scenario(scenario, problem, sets, lang)
    prev = read_previous_rosters(previous, problem, lang)
    settings = Settings(time_limit=time_limit, seed=seed, workers=workers, effort=effort)
    display = ProgressDisplay(lang)
    with engine_errors(lang):
        result = solve(problem, sc, start=as_date(start), end=as_date(end), settings=settings,
                       progress=display, previous=prev, horizon_days=horizon_days,
                       best_effort=best_effort)
    display.finish(result.status.label(lang))
    if result.best_effort:
        from asn_scheduler.excel.best_effort import write_best_effort_workbook

        write_best_effort_workbook(result, output, lang=lang, paper=paper)  # type: ignore[arg-type]
        click.echo(summary(result, lang, None), err=as_json)
        if as_json:
            emit(solve_json(result, input_path=input_path, output=output, lang=lang))
        raise best_effort_failure(result, output, lang)
    if not result.status.has_roster:
        if as_json:
            emit(solve_json(result, input_path=input_path, output=None, lang=lang))
        raise no_roster(result, lang)
    given = imprint_from(imprint)
    write_roster_workbook(result, output, lang=lang, paper=paper,  # type: ignore[arg-type]
                          imprint=given)
    click.echo(summary(result, lang, output), err=as_json)
    if pdf is not None:
        from asn_scheduler.publish import result_publication

        for line in write_outputs(result_publication(result, given), lang=lang, paper=paper,
                                  pdf=pdf):
            click.echo(line, err=as_json)
    if as_json:
        emit(solve_json(result, input_path=input_path, output=output, lang=lang))


