"""What runs inside a job's own process: the same library calls as the CLI.

:func:`run_job` reads ``job.json`` from the job folder, reports its stage in
``progress.json`` (validating → solving k/n parts → checking → writing) and ends with
``outcome.json``: ``{"ok": true, ...}`` with the page's figures (``result.json``) and the
files written, or ``{"ok": false, "error": {...}, "problems": [...]}``. A crash leaves no
outcome; the app then marks the job failed on its own. Nothing here logs personal data.
"""

from __future__ import annotations

import contextlib
import os
import time
import traceback
from datetime import date
from pathlib import Path
from typing import Any

from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.web.store import read_json, write_json

ROSTER = "jadwal.xlsx"
REPORT = "kepatuhan.xlsx"
COMPARISON = "perbandingan.xlsx"
PDF = "jadwal.pdf"
PERSONAL = "jadwal-saya.pdf"
CALENDARS = "kalender.zip"
INPUT = "input.xlsx"
"""The input's name when the upload gave none (uploads keep their own, made safe)."""


def bi(msg: Msg) -> dict[str, str]:
    """A message in both languages, as stored for the pages."""
    return {"id": msg.id, "en": msg.en}


def problem_rows(problems: list[Any]) -> list[dict[str, Any]]:
    """Input problems as stored: both languages of problem and fix."""
    return [{"sheet": p.sheet or "", "row": p.row, "column": p.column or "", "value": p.value,
             "problem": bi(p.problem), "fix": bi(p.fix), "severity": p.severity}
            for p in problems]


class _Reporter:
    """Writes ``progress.json``, at most every 0.3 s unless the stage changes."""

    def __init__(self, folder: Path):
        self.path = folder / "progress.json"
        self.t0 = time.monotonic()
        self.last = ("", -1.0)

    def __call__(self, stage: str, done: int = 0, total: int = 0, **extra: Any) -> None:
        now = time.monotonic()
        if stage == self.last[0] and now - self.last[1] < 0.3 and done != total:
            return
        self.last = (stage, now)
        write_json(self.path, {"stage": stage, "done": done, "total": total,
                               "elapsed": round(now - self.t0, 1), **extra})


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def scenario_for(name: str, params: dict[str, Any], problem: Any = None) -> tuple[Any, list[Msg]]:
    """The scenario a job runs under, and notes for the planner: the shipped scenario with
    the workbook's sheet ``Pengaturan`` (when ``problem`` is given) and the job's
    ``params["set"]`` (``KEY=VALUE`` as ``solve --set`` takes them) applied, as the CLI
    does (:func:`asn_scheduler.scenario.run.scenario_for_run`)."""
    from asn_scheduler.scenario.run import scenario_for_run

    return scenario_for_run(name, problem, params.get("set") or ())


def run_job(folder_name: str) -> None:
    """Run the job in ``folder_name`` to its end; never raises for a job's own failure."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)  # one group with the solver's own processes, ended together
    folder = Path(folder_name)
    job = read_json(folder / "job.json")
    report = _Reporter(folder)
    try:
        outcome = _KINDS[job["kind"]](folder, job["params"], report)
    except Exception as exc:  # the job fails alone, with a plain message
        outcome = _failure(exc)
    report("done", 1, 1)
    write_json(folder / "outcome.json", outcome)


def _failure(exc: Exception) -> dict[str, Any]:
    from asn_scheduler.domain.problems import InputError
    from asn_scheduler.engine import PeriodError, SolverBug
    from asn_scheduler.scenario.loader import ScenarioError

    if isinstance(exc, InputError):
        return {"ok": False, "error": bi(Msg("Buku kerja memiliki masalah.",
                                             "The workbook has problems.")),
                "problems": problem_rows(exc.problems)}
    if isinstance(exc, PeriodError | ScenarioError):
        return {"ok": False, "error": bi(exc.msg)}
    if isinstance(exc, SolverBug):
        return {"ok": False, "error": bi(Msg(
            "Galat program: pemeriksa independen menemukan pelanggaran pada jadwal dari "
            "solver. Laporkan ke pengembang.",
            "Program bug: the independent checker found violations in the solver's "
            "roster. Please report it.")),
            "detail": [bi(Msg(v.text("id"), v.text("en"))) for v in exc.violations[:10]]}
    # an unexpected error: the type only (a message could quote personal data)
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
    return {"ok": False, "error": bi(Msg(
        f"Galat program ({type(exc).__name__} {where}); laporkan ke pengembang.",
        f"Program error ({type(exc).__name__} {where}); please report it.")),
        # for the developers: where it happened, without the message (no personal data)
        "trace": [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in tb]}


def uploaded(folder: Path, params: dict[str, Any], role: str = "input") -> Path:
    """The uploaded file playing ``role`` (``input`` or ``roster``) in a job's folder."""
    return folder / "in" / params.get("files", {}).get(role, INPUT)


def _read(folder: Path, params: dict[str, Any], report: _Reporter) -> Any:
    from asn_scheduler.excel.reader import read_workbook

    report("validating")
    return read_workbook(uploaded(folder, params))


def _solve(folder: Path, params: dict[str, Any], report: _Reporter) -> dict[str, Any]:
    from asn_scheduler.domain.problems import InputError
    from asn_scheduler.engine import resolve_dates, solve
    from asn_scheduler.excel.previous_reader import read_previous
    from asn_scheduler.excel.roster_writer import write_roster_workbook
    from asn_scheduler.scenario.describe import coverage
    from asn_scheduler.web.digest import solve_digest

    read = _read(folder, params, report)
    sc, notes = scenario_for(params["scenario"], params, read.problem)
    start, end = _date(params.get("start")), _date(params.get("end"))
    dates = resolve_dates(read.problem, sc, start, end)
    warnings = coverage(read.problem, sc, dates)
    previous, prev_warnings = [], []
    for name in params.get("previous") or ():
        try:
            got, more = read_previous([folder / "in" / name], read.problem)
        except InputError as exc:
            return {"ok": False, "error": bi(Msg(
                "Jadwal sebelumnya {f} memiliki masalah.",
                "The previous roster {f} has problems.").format(f=name)),
                "problems": problem_rows(exc.problems)}
        previous += got
        prev_warnings += more
    previous.sort(key=lambda r: r.roster.dates[0])  # oldest first, as read_previous gives

    def progress(ev: Any) -> None:
        stage = {"compile": "solving", "solve": "solving", "explain": "explaining",
                 "check": "checking", "done": "checking"}.get(ev.stage, "solving")
        report(stage, ev.parts_done, ev.parts_total)

    report("solving")
    result = solve(read.problem, sc, start=start, end=end,
                   time_limit=float(params.get("time_limit", 60.0)),
                   seed=int(params.get("seed", 0)), workers=int(params.get("workers", 1)),
                   effort=float(params.get("effort", 1.0)), progress=progress,
                   previous=previous, best_effort=bool(params.get("best_effort")))
    files = []
    lang: Lang = params.get("lang", "id")
    paper = params.get("paper", "A4")
    if result.best_effort:
        from asn_scheduler.excel.best_effort import write_best_effort_workbook

        report("writing")
        write_best_effort_workbook(result, folder / ROSTER, lang=lang, paper=paper)
        files.append(ROSTER)
    elif result.status.has_roster:
        report("writing")
        write_roster_workbook(result, folder / ROSTER, lang=lang, paper=paper)
        files.append(ROSTER)
        try:
            files += _publish(result, folder, lang, paper)
        except Exception as exc:  # the roster stands; say what is missing (type only)
            notes.append(Msg(
                f"PDF dan kalender tidak dapat dibuat (galat program {type(exc).__name__}; "
                "laporkan ke pengembang); buku kerja jadwal tidak terpengaruh.",
                f"The PDFs and calendars could not be made (program error "
                f"{type(exc).__name__}; please report it); the roster workbook is not "
                "affected."))
    write_json(folder / "result.json",
               solve_digest(result, [*read.warnings, *prev_warnings], warnings, notes))
    return {"ok": True, "status": result.status.value, "files": files}


def _publish(result: Any, folder: Path, lang: Lang, paper: str) -> list[str]:
    """The publication files of a roster, made with the job: the per-unit PDF, the
    "jadwal saya" pages and the calendars (.zip of one .ics per person). Made here, in the
    job's own process, because the result is in memory, the work is bounded by the job's
    time limit and the pool's size, and the page then serves finished files."""
    from asn_scheduler.publish import result_publication
    from asn_scheduler.publish.ics import write_calendars
    from asn_scheduler.publish.pdf import write_roster_pdf
    from asn_scheduler.publish.personal import write_personal_pdf

    pub = result_publication(result)
    write_roster_pdf(pub, folder / PDF, lang=lang, paper=paper)
    write_personal_pdf(pub, folder / PERSONAL, lang=lang, paper=paper)
    write_calendars(pub, folder / CALENDARS, lang=lang)
    return [PDF, PERSONAL, CALENDARS]


def _check(folder: Path, params: dict[str, Any], report: _Reporter) -> dict[str, Any]:
    from asn_scheduler.checker import check
    from asn_scheduler.excel.roster_reader import read_roster
    from asn_scheduler.excel.roster_writer import write_check_workbook
    from asn_scheduler.web.digest import check_digest

    read = _read(folder, params, report)
    sc, _notes = scenario_for(params["scenario"], params, read.problem)
    report("checking")
    roster_path = uploaded(folder, params, "roster")
    got = read_roster(roster_path, read.problem)
    rep = check(read.problem, sc, got.roster, dates=got.roster.dates)
    report("writing")
    write_check_workbook(read.problem, sc, got.roster, rep, folder / REPORT,
                         lang=params.get("lang", "id"), source=roster_path.name,
                         paper=params.get("paper", "A4"))
    write_json(folder / "result.json", check_digest(rep, sc, got.roster, got.warnings))
    return {"ok": True, "status": "COMPLIANT" if rep.compliant else "NOT_COMPLIANT",
            "files": [REPORT]}


def _compare(folder: Path, params: dict[str, Any], report: _Reporter) -> dict[str, Any]:
    from asn_scheduler.compare import comparison_table, dates_source, solve_scenarios
    from asn_scheduler.excel.comparison_writer import NOT_COMPARABLE, write_comparison_workbook
    from asn_scheduler.web.digest import comparison_digest

    read = _read(folder, params, report)
    names: list[str] = params["scenarios"]
    loaded = [scenario_for(n, params, read.problem)[0] for n in names]
    start, end = _date(params.get("start")), _date(params.get("end"))
    results = {}
    for k, sc in enumerate(loaded):
        report("solving", k, len(loaded), scenario=sc.id)
        one = solve_scenarios(read.problem, [sc], start=start, end=end,
                              time_limit=float(params.get("time_limit", 60.0)),
                              seed=int(params.get("seed", 0)),
                              workers=int(params.get("workers", 1)))
        (res,) = one.values()
        key, n = sc.id, 1
        while key in results:
            n += 1
            key = f"{sc.id}#{n}"
        results[key] = res
    report("writing", len(loaded), len(loaded))
    source = dates_source(read.problem, start, end)
    table = comparison_table(results, dates_from=source)
    notes = [NOT_COMPARABLE] if source == "scenario" else []
    write_comparison_workbook(table, folder / COMPARISON, lang=params.get("lang", "id"),
                              source=uploaded(folder, params).name, seed=int(params.get("seed", 0)),
                              time_limit=float(params.get("time_limit", 60.0)), notes=notes)
    write_json(folder / "result.json", comparison_digest(table, notes))
    return {"ok": True, "status": "DONE", "files": [COMPARISON]}


_KINDS = {"solve": _solve, "check": _check, "compare": _compare}
