"""One agency as one task: a pure function of its inputs that writes its outputs
atomically and returns a small :class:`AgencyOutcome`.

It runs in a Dask worker (or anywhere): read the workbook, solve with the engine
in-process (or with ``solver_processes`` processes where the worker may start them),
write the roster, or write why there is none; then the manifest, last. An input problem,
an infeasible problem or missing dates are outcomes, not exceptions; anything else
raises, so that Dask retries the task.
"""

from __future__ import annotations

import contextlib
import glob
import os
import socket
import threading
import time
from pathlib import Path

from asn_scheduler.batch.inputs import AgencyInput, previous_for
from asn_scheduler.batch.manifest import (
    FAILURES,
    MANIFESTS,
    ROSTERS,
    BatchOptions,
    file_sha256,
    manifest_path,
    write_manifest,
)
from asn_scheduler.batch.outcome import LASTING, AgencyOutcome
from asn_scheduler.engine.result import NO_ROSTER_WHY
from asn_scheduler.excel._atomic import atomic_path
from asn_scheduler.i18n import Lang, Msg

SAMPLE_SECONDS = 0.05
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

_PROBLEMS = Msg("{n} masalah di buku kerja (lihat {f})", "{n} problem(s) in the workbook (see {f})")
_BUG = Msg("Galat program: pemeriksa menemukan {n} pelanggaran pada jadwal solver (lihat {f}); "
           "laporkan ke pengembang.",
           "Program bug: the checker found {n} violation(s) in the solver's roster (see {f}); "
           "please report it.")
_NO_DATES = Msg("Tidak ada tanggal: {m}", "No dates: {m}")
_PREV_PROBLEMS = Msg("{n} masalah di jadwal sebelumnya {p} (lihat {f})",
                     "{n} problem(s) in the previous roster {p} (see {f})")
_UNCHAINED = Msg("Tanpa jadwal sebelumnya ({a}.xlsx tidak ada di --previous): disusun tanpa "
                 "sambungan dari periode lalu.",
                 "No previous roster ({a}.xlsx is not in --previous): solved without "
                 "chaining from the period before.")
_NO_ROSTER = Msg("Tidak ada jadwal: {s} (lihat {f})", "No roster: {s} (see {f})")


def _rss() -> int:
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class PeakMemory:
    """Peak resident memory of this process while the ``with`` block runs, sampled every
    :data:`SAMPLE_SECONDS` by a background thread (``ru_maxrss`` would give the process's
    lifetime peak, not this task's)."""

    def __init__(self) -> None:
        self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, _rss())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())

    @property
    def mib(self) -> float:
        return round(self.peak / 2**20, 1)


def _cpu() -> float:
    """Processor seconds of this process and its finished children (the engine's pool)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (and a newline) to ``path`` atomically, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")


def _remove_stale(outdir: Path, agency: str, keep: set[str]) -> None:
    """Remove this agency's outputs of an earlier run that this outcome does not name
    (a roster from an older input stays only if this run wrote a new one)."""
    for rel in (f"{ROSTERS}/{agency}.xlsx", f"{FAILURES}/{agency}-masalah.xlsx",
                f"{FAILURES}/{agency}-penyebab.txt", f"{FAILURES}/{agency}-galat.txt"):
        if rel not in keep:
            with contextlib.suppress(FileNotFoundError):
                (outdir / rel).unlink()


_TEMP_RANDOM = 8
"""Length of the random part of :func:`tempfile.mkstemp` names (atomic_path's temporaries)."""


def remove_orphans(outdir: Path, agency: str) -> None:
    """Remove the hidden temporary files an earlier try of this agency left when its worker
    was killed mid-write (``atomic_path`` cleans up on any exception, but nothing runs on
    SIGKILL). Only names of exactly this agency's length are touched, so agency ``x``
    never removes a temporary of agency ``x-2`` running beside it."""
    for sub, suffix in ((ROSTERS, ".xlsx"), (FAILURES, ".xlsx"), (FAILURES, ".txt"),
                        (MANIFESTS, ".json")):
        for stem in (agency, f"{agency}-masalah", f"{agency}-penyebab", f"{agency}-galat"):
            prefix = f".{stem}-"
            folder = outdir / sub
            if not folder.is_dir():
                continue
            for p in folder.glob(f"{glob.escape(prefix)}*{suffix}"):
                if len(p.name) == len(prefix) + _TEMP_RANDOM + len(suffix):
                    with contextlib.suppress(FileNotFoundError):
                        p.unlink()


def run_agency(item: AgencyInput, options: BatchOptions, outdir: str) -> AgencyOutcome:
    """Run one agency of a batch and record it (see the module docstring).

    A :class:`~asn_scheduler.engine.SolverBug` is returned as an ``ERROR`` outcome (a
    retry would give the same roster).

    Raises
    ------
    Exception
        Anything but an input problem, an infeasible problem, missing dates or a solver
        bug (a full disk, a scenario file that differs on this worker): Dask retries it.
    """
    remove_orphans(Path(outdir), item.agency)
    with PeakMemory() as mem:
        t0, c0 = time.perf_counter(), _cpu()
        out, files = _run(item, options, Path(outdir))
        seconds, cpu = round(time.perf_counter() - t0, 3), round(_cpu() - c0, 3)
    out = AgencyOutcome(**{**out.as_dict(), "seconds": seconds, "cpu_seconds": cpu,
                           "peak_mib": mem.mib,
                           "worker": f"{socket.gethostname()}:{os.getpid()}"})
    root = Path(outdir)
    _remove_stale(root, item.agency, set(files))
    if out.status in LASTING:
        write_manifest(root, item.agency, out_sha(item), options, out.as_dict(), files,
                       previous_sha(item, options))
    else:
        with contextlib.suppress(FileNotFoundError):
            manifest_path(root, item.agency).unlink()
    return out


def out_sha(item: AgencyInput) -> str:
    """The input's SHA-256 (hashed again after the run: a file replaced while it ran is
    recorded as what is there now, so the next run redoes it if it differs)."""
    return file_sha256(item.path)


def previous_sha(item: AgencyInput, options: BatchOptions) -> str | None:
    """The SHA-256 of the previous roster the agency chains from (``None``: none)."""
    path = previous_for(item.agency, options.previous)
    return file_sha256(path) if path is not None else None


def _run(item: AgencyInput, options: BatchOptions, outdir: Path
         ) -> tuple[AgencyOutcome, list[str]]:
    from asn_scheduler.domain.problems import InputError
    from asn_scheduler.engine import PeriodError, SolverBug, solve
    from asn_scheduler.excel.issues import write_issues_workbook
    from asn_scheduler.excel.previous_reader import read_previous
    from asn_scheduler.excel.reader import read_workbook
    from asn_scheduler.excel.roster_writer import write_roster_workbook
    from asn_scheduler.scenario.run import scenario_for_run

    lang: Lang = options.lang  # type: ignore[assignment]
    prev_path = previous_for(item.agency, options.previous)
    base = AgencyOutcome(agency=item.agency, input=item.path.name, status="ERROR",
                         previous=str(prev_path) if prev_path else None)
    sc, _notes = scenario_for_run(options.scenario, None, options.sets)
    if sc.hash != options.scenario_hash:
        raise RuntimeError(f"scenario {options.scenario!r} on this worker has hash {sc.hash}, "
                           f"the batch was started with {options.scenario_hash}")
    rel = f"{FAILURES}/{item.agency}-masalah.xlsx"
    try:
        problem = read_workbook(item.path).problem
        # the workbook's Pengaturan sheet, then --set, as `solve` applies them
        sc, _notes = scenario_for_run(options.scenario, problem, options.sets)
    except InputError as exc:
        (outdir / FAILURES).mkdir(parents=True, exist_ok=True)
        write_issues_workbook(exc.problems, outdir / rel, lang=lang)
        reason = _PROBLEMS.format(n=len(exc.errors), f=rel).get(lang)
        return _with(base, status="INPUT_ERROR", detail=rel, reason=reason), [rel]
    staff = dict(staff=len(problem.employees), units=len(problem.units))
    try:
        previous = read_previous([prev_path], problem)[0] if prev_path else []
    except InputError as exc:
        (outdir / FAILURES).mkdir(parents=True, exist_ok=True)
        write_issues_workbook(exc.problems, outdir / rel, lang=lang)
        reason = _PREV_PROBLEMS.format(n=len(exc.errors), p=prev_path.name, f=rel).get(lang)
        return _with(base, status="INPUT_ERROR", detail=rel, reason=reason, **staff), [rel]
    if options.previous is not None and prev_path is None:
        base = _with(base, reason=_UNCHAINED.format(a=item.agency).get(lang))
    try:
        result = solve(problem, sc, start=options.start, end=options.end,
                       time_limit=options.time_limit, seed=options.seed,
                       workers=options.solver_processes, effort=options.effort,
                       previous=previous)
    except SolverBug as exc:
        # a bug, not worth a retry; its violations name NIPs, which must reach the file
        # the planner asked for and never Dask's logs (where a raised exception would go)
        rel = f"{FAILURES}/{item.agency}-galat.txt"
        write_text(outdir / rel, "\n".join(v.text(lang) for v in exc.violations))
        reason = _BUG.format(n=len(exc.violations), f=rel).get(lang)
        return _with(base, detail=rel, reason=reason, **staff), [rel]
    except PeriodError as exc:
        rel = f"{FAILURES}/{item.agency}-penyebab.txt"
        write_text(outdir / rel, exc.msg.get(lang))
        reason = _NO_DATES.format(m=exc.msg.get(lang)).get(lang)
        return _with(base, status="INPUT_ERROR", detail=rel, reason=reason, **staff), [rel]
    status = result.status.value
    if not result.status.has_roster:
        rel = f"{FAILURES}/{item.agency}-penyebab.txt"
        lines = [f"{status}: {NO_ROSTER_WHY[status].get(lang)}",
                 *(c.text(lang) for c in result.conflicts)]
        write_text(outdir / rel, "\n".join(lines))
        reason = _NO_ROSTER.format(s=status, f=rel).get(lang)
        return _with(base, status=status, detail=rel, reason=reason, days=len(result.dates),
                     **staff), [rel]
    if prev_path is not None and getattr(result, "carried", None) is None and result.warnings:
        # given a previous roster the engine could not chain from (it says why first)
        base = _with(base, reason=result.warnings[0].get(lang))
    rel = f"{ROSTERS}/{item.agency}.xlsx"
    (outdir / ROSTERS).mkdir(parents=True, exist_ok=True)
    write_roster_workbook(result, outdir / rel, lang=lang, paper=options.paper)  # type: ignore[arg-type]
    return _with(base, status=status, roster=rel, days=len(result.dates),
                 **roster_figures(result), **staff), [rel]


def roster_figures(result: object) -> dict[str, object]:
    """The summary figures of a result with a roster: WFH share per service category,
    fairness, preferences honoured, hard violations (0 unless the engine has a bug)."""
    from asn_scheduler.compare import category_shares

    rep = result.report  # type: ignore[attr-defined]
    q = rep.quality
    return dict(
        wfh_share={c.value: round(s, 4)
                   for c, s in category_shares(result.problem, rep).items()},  # type: ignore[attr-defined]
        fairness_max_gap=round(q.max_abs_deviation, 3),
        fairness_within_one_day=round(q.within_one_day_share, 4),
        preferred_days=q.preferred_days, preferred_honoured=q.preferred_honoured,
        hard_violations=len(rep.hard_violations))


def _with(base: AgencyOutcome, **changes: object) -> AgencyOutcome:
    return AgencyOutcome(**{**base.as_dict(), **changes})
