"""One benchmark cell, run in a fresh process: ``python -m asn_scheduler.bench.cell SPEC``.

``SPEC`` is a JSON object (see :func:`run_cell`). The process runs the cell, writes its
row as JSON to ``spec["result"]`` and exits 0; a failure is a row too, keeping what was
measured before it (status ``ERROR`` or ``SOLVER_BUG``, the exception's class and stage
in ``note``). Nothing personal is printed: on an error only the exception's class and the
code locations of its traceback go to stderr.

A fresh process per cell keeps peak memory per cell (a 65,000-staff cell does not inherit
a 10,000-staff cell's heap) and lets the runner kill a cell that outgrows its memory.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from asn_scheduler.bench.matrix import Cell
from asn_scheduler.bench.memory import PROC, rusage_mib
from asn_scheduler.bench.rows import Row, quality_figures, roster_digest, solver_figures
from asn_scheduler.engine.settings import Settings

# What ``asn-scheduler solve`` has imported before it reads the workbook. OR-Tools is not
# among them: the engine loads it on the first solve (in the forked workers when it uses
# a pool), so for the user as for the bench that cost falls in the solve stage.
_PRELOAD = ("asn_scheduler.engine", "asn_scheduler.excel.reader",
            "asn_scheduler.excel.roster_writer", "asn_scheduler.scenario")


_PEER = Settings(part_solver="highs")
"""The HiGHS peer: the engine's read, decomposition, check and write, each part's goals
solved as MILPs by HiGHS (:mod:`asn_scheduler.engine.highs_stages`)."""


def pipeline(spec: dict[str, Any], scenario: Any, row: Row) -> None:
    """What ``asn-scheduler solve IN.xlsx -s X -o OUT.xlsx`` does, timed per stage: read
    and validate the workbook, solve (compile, parts, explain, check), write the roster
    workbook. The dates come from the workbook's ``Periode`` sheet, as for the user.

    Fills ``row`` as it goes (``stage`` names the stage running), so a failure keeps
    what was measured before it."""
    from asn_scheduler.engine import solve
    from asn_scheduler.excel.reader import read_workbook
    from asn_scheduler.excel.roster_writer import write_roster_workbook

    cell = Cell(spec["size"], spec["scenario"], spec["method"])
    out = Path(spec["out_dir"]) / f"roster-{cell.stem}.xlsx"
    row["stage"] = "read"
    t0 = time.perf_counter()
    problem = read_workbook(spec["input"]).problem
    t1 = time.perf_counter()
    row.update(t_read=t1 - t0, stage="solve")
    result = solve(problem, scenario, time_limit=spec["time_limit"], seed=spec["seed"],
                   workers=spec.get("workers"), monolithic=spec["method"] == "mono",
                   settings=_PEER if spec["method"] == "highs" else None,
                   effort=spec.get("effort", 1.0) if spec["method"] == "parts" else 1.0)
    t2 = time.perf_counter()
    row.update(solver_figures(result))
    row.update(quality_figures(result.report), roster_sha=roster_digest(result.roster))
    if result.status.has_roster:
        row["stage"] = "write"
        write_roster_workbook(result, out, lang=spec.get("lang", "id"))
        t3 = time.perf_counter()
        row.update(t_write=t3 - t2, t_total=t3 - t0)
        if not spec.get("keep"):
            out.unlink()
    del row["stage"]


def hand(spec: dict[str, Any], scenario: Any, row: Row) -> None:
    """Reference (a): the A/B hand split, scored by the checker, into ``row``. Only its
    build time is timed (reading the input is the same as for the solver rows)."""
    from asn_scheduler.bench.handsplit import hand_split
    from asn_scheduler.checker import check
    from asn_scheduler.engine import resolve_dates
    from asn_scheduler.excel.reader import read_workbook

    problem = read_workbook(spec["input"]).problem
    dates = resolve_dates(problem, scenario)
    t0 = time.perf_counter()
    roster = hand_split(problem, scenario, dates)
    t_build = time.perf_counter() - t0
    report = check(problem, scenario, roster, dates=dates)
    row.update(status="COMPLIANT" if report.compliant else "NONCOMPLIANT",
               staff=len(problem.employees), days=len(dates), t_build=t_build,
               roster_sha=roster_digest(roster), **quality_figures(report))


def run_cell(spec: dict[str, Any]) -> Row:
    """Run the cell ``spec`` describes and return its row (without memory figures, which
    the runner measures from outside). Never raises for a failure inside the cell: the
    row keeps what was measured, with status ``SOLVER_BUG``, ``OUT_OF_MEMORY`` or
    ``ERROR`` and a ``note`` naming the exception's class, the stage and the solver's
    status (an error's class and code locations also go to stderr; never its message,
    which may quote personal data).

    ``spec`` keys: ``size``, ``scenario`` (name or path), ``method`` (``parts``, ``mono``,
    ``highs``, ``ab``), ``input`` (the input workbook), ``seed``, ``time_limit``,
    ``effort`` (optional, default 1; see :class:`~asn_scheduler.bench.runner.Settings`),
    ``workers`` (or ``None``), ``out_dir`` (where the roster workbook is written, then
    deleted unless ``keep``), ``lang``.
    """
    from asn_scheduler.engine import SolverBug
    from asn_scheduler.scenario import load_scenario

    scenario = load_scenario(spec["scenario"])
    row: Row = {}
    try:
        (hand if spec["method"] == "ab" else pipeline)(spec, scenario, row)
    except SolverBug as exc:
        row.update(status="SOLVER_BUG", note=f"{len(exc.violations)} hard violations")
    except MemoryError:
        row.update(status="OUT_OF_MEMORY", note="MemoryError")
    except Exception as exc:
        tb = "".join(traceback.format_tb(exc.__traceback__))
        print(f"{type(exc).__name__}\n{tb}", file=sys.stderr)
        solver = f", solver {row['status']}" if row.get("status") else ""
        row.update(status="ERROR",
                   note=f"{type(exc).__name__} in {row.get('stage', 'setup')}{solver}")
    row.pop("stage", None)
    return row


def _limit_memory(max_mib: float | None) -> None:
    """Without ``/proc`` the runner cannot watch memory: cap the address space instead
    (a coarse guard: address space exceeds resident memory)."""
    if max_mib is None or PROC.is_dir():
        return
    import resource

    limit = int(max_mib * 2**20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the cell of ``argv[0]`` (JSON) and write its row as JSON."""
    spec = json.loads((argv if argv is not None else sys.argv[1:])[0])
    # imported before the clock starts: start-up (t_startup) is reported apart
    for module in _PRELOAD:
        importlib.import_module(module)

    ready = time.time()
    _limit_memory(spec.get("max_mib"))
    row = run_cell(spec)
    own, kids = rusage_mib()
    row.update(ready_at=ready, rusage_mib=own + kids)
    tmp = Path(spec["result"] + ".tmp")
    tmp.write_text(json.dumps(row), encoding="utf-8")
    os.replace(tmp, spec["result"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
