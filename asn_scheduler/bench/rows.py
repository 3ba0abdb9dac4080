"""One benchmark row per cell: its columns, the figures taken from a solve or a checker
report, and the CSV file they are written to and compared from.

A row is a plain ``dict`` keyed by :data:`COLUMNS`; a figure that does not apply (the
hand split has no solver stages) or was not measured is ``None`` (an empty CSV cell).
Times are wall seconds, memory MiB, gaps fractions (0.005 = 0.5%).
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from asn_scheduler.checker.report import CheckReport
from asn_scheduler.domain.roster import Roster
from asn_scheduler.rules.registry import HARD_RULE_IDS

Row = dict[str, Any]

GOALS: tuple[str, ...] = ("Q0", "Q1", "Q2", "Q3", "Q4")
STAGES: tuple[str, ...] = ("read", "build", "solve", "check", "write")
"""Timed stages: ``read`` (read and validate the input workbook), ``build`` (compile,
decompose, make the models), ``solve`` (the part solves and any explanation), ``check``
(the independent checker), ``write`` (the roster workbook)."""

COLUMNS: tuple[str, ...] = (
    "size", "scenario", "method", "status", "seed", "time_limit", "effort", "staff", "days",
    "parts", "variables", "constraints",
    "t_startup", *(f"t_{s}" for s in STAGES), "t_total", "io_floor", "solve_io",
    "peak_mib", "mem_source",
    *(f"{g.lower()}_{k}" for g in GOALS for k in ("objective", "bound", "gap", "proven")),
    "wfh_days", "wfh_goal_days", "fair_max_dev", "fair_mean_dev", "fair_within_1",
    "pref_days", "pref_honoured",
    "hard_total", *(f"v_{r}" for r in HARD_RULE_IDS), "roster_sha", "note",
)
"""Every CSV column, in order. ``t_total`` runs from the start of ``read`` to the end of
``write`` (the user's ``asn-scheduler solve`` less interpreter start-up, which is
``t_startup``); ``io_floor`` = read + write; ``solve_io`` = (build + solve + check) / I/O
floor. ``qN_gap`` is the relative gap between the goal's objective and bound summed over
parts (0 when proven; empty when a part skipped the goal, so the bound is unknown)."""

SOLVER_METHODS = ("parts", "mono", "highs")
KEY = ("size", "scenario", "method")


def empty_row(size: int, scenario: str, method: str) -> Row:
    """A row with only its key filled."""
    row: Row = dict.fromkeys(COLUMNS)
    row.update(size=size, scenario=scenario, method=method)
    return row


def _finite(x: float) -> float | None:
    return None if x is None or math.isnan(x) else float(x)


def solver_figures(result: Any) -> Row:
    """Status, model size, engine stage times and per-goal figures of an engine
    :class:`~asn_scheduler.engine.result.Result`."""
    t = result.timings
    row: Row = {
        "status": result.status.value, "staff": len(result.problem.employees),
        "days": len(result.dates), "parts": len(result.parts),
        "variables": sum(p.variables for p in result.parts),
        "constraints": sum(p.constraints for p in result.parts),
        "t_build": t.get("build"),
        "t_solve": t.get("solve", 0.0) + t.get("explain", 0.0) if "solve" in t else None,
        "t_check": t.get("check"),
    }
    for st in result.stages:
        if st.goal not in GOALS:
            continue
        g = st.goal.lower()
        bound = _finite(st.bound)
        gap = 0.0 if st.proven else None if bound is None else st.gap
        row.update({f"{g}_objective": _finite(st.objective), f"{g}_bound": bound,
                    f"{g}_gap": gap, f"{g}_proven": int(st.proven)})
    return row


def quality_figures(report: CheckReport | None) -> Row:
    """WFH used, fairness and hard violations (total and per rule) from a checker report."""
    if report is None:
        return {}
    q = report.quality
    row: Row = {
        "wfh_days": q.wfh_days, "wfh_goal_days": q.wfh_goal_days,
        "fair_max_dev": round(q.max_abs_deviation, 4),
        "fair_mean_dev": round(q.mean_abs_deviation, 4),
        "fair_within_1": round(q.within_one_day_share, 4),
        "pref_days": q.preferred_days, "pref_honoured": q.preferred_honoured,
        "hard_total": len(report.hard_violations),
    }
    row.update({f"v_{r}": report.rule_counts.get(r, 0) for r in HARD_RULE_IDS})
    return row


def roster_digest(roster: Roster | None) -> str | None:
    """A short hash of the roster's codes: equal digests, equal rosters (determinism)."""
    if roster is None:
        return None
    h = hashlib.sha256(repr((roster.nips, roster.dates)).encode())
    h.update(roster.codes.tobytes())
    return h.hexdigest()[:12]


def derived(row: Row) -> Row:
    """``row`` with ``t_total``'s neighbours filled: the I/O floor and solve/I/O ratio."""
    read, write = row.get("t_read"), row.get("t_write")
    if read is not None and write is not None:
        row["io_floor"] = read + write
        engine = [row.get(k) for k in ("t_build", "t_solve", "t_check")]
        if all(v is not None for v in engine) and row["io_floor"] > 0:
            row["solve_io"] = sum(engine) / row["io_floor"]
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
    return str(value)


def write_csv(rows: Iterable[Row], path: Path) -> None:
    """Write ``rows`` with the :data:`COLUMNS` header (atomically)."""
    from asn_scheduler.excel._atomic import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for row in rows:
            w.writerow([_cell(row.get(c)) for c in COLUMNS])


def _parse(text: str) -> Any:
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def read_csv(path: Path) -> list[Row]:
    """Rows of a bench CSV (this version's or an older one: unknown columns are kept,
    missing ones are ``None``); numbers parsed, empty cells ``None``."""
    with open(path, newline="", encoding="utf-8") as fh:
        return [{**dict.fromkeys(COLUMNS), **{k: _parse(v) for k, v in r.items() if k}}
                for r in csv.DictReader(fh)]


def by_key(rows: Sequence[Row]) -> dict[tuple[Any, ...], Row]:
    """Rows keyed by (size, scenario, method)."""
    return {tuple(r[k] for k in KEY): r for r in rows}
