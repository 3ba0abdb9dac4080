"""Machine-readable summaries of ``solve``, ``check`` and ``batch`` (``--json``).

One dict per run, JSON-ready (no NaN: an unknown figure is ``null``), shaped by the JSON
Schemas of :mod:`asn_scheduler.report_schema` and documented in docs/JSON.md. The CLI
prints them; the web API can return the same. Bump :data:`SCHEMA_VERSION` on any change
that is not a new optional key.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_scheduler._version import __version__
from asn_scheduler.i18n import Lang

if TYPE_CHECKING:
    from asn_scheduler.batch.runner import BatchResult
    from asn_scheduler.checker.report import CheckReport
    from asn_scheduler.domain.model import Problem
    from asn_scheduler.domain.problems import InputProblem
    from asn_scheduler.domain.roster import Roster
    from asn_scheduler.engine.result import Result
    from asn_scheduler.scenario.model import Scenario

SCHEMA_VERSION = 1


def _num(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


def _path(p: str | Path | None) -> str | None:
    return None if p is None else str(p)


def _envelope(kind: str, status: str, ok: bool, lang: Lang) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kind": kind, "tool": "asn-scheduler",
            "version": __version__, "lang": lang, "status": status, "ok": ok,
            "exit_code": 0 if ok else 1}


def _scenario(sc: Scenario | None) -> dict[str, Any] | None:
    return None if sc is None else {"id": sc.id, "hash": sc.hash}


def problems_json(problems: Sequence[InputProblem], lang: Lang = "id") -> list[dict[str, Any]]:
    """The input problem table, one object per row (``row`` as Excel shows it)."""
    return [{"sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value,
             "problem": p.problem.get(lang), "fix": p.fix.get(lang), "severity": p.severity}
            for p in problems]


def input_error_json(kind: str, problems: Sequence[InputProblem], *, input_path: str | Path,
                     scenario: Scenario | None = None, lang: Lang = "id",
                     roster_path: str | Path | None = None) -> dict[str, Any]:
    """The summary of a ``solve`` or ``check`` stopped by problems in a workbook."""
    out = _envelope(kind, "INPUT_ERROR", False, lang)
    out.update(input=_path(input_path), scenario=_scenario(scenario),
               problems=problems_json(problems, lang))
    if kind == "check":
        out["roster"] = _path(roster_path)
    return out


def solve_json(result: Result, *, input_path: str | Path, output: str | Path | None,
               lang: Lang = "id") -> dict[str, Any]:
    """The summary of a solve: status, period, WFH share per service category, fairness
    and the other quality figures, each goal's objective and bound, hard violations, the
    conflicts when there is no roster, where the roster went (``null`` when none)."""
    from asn_scheduler.compare import category_shares

    ok = result.status.has_roster
    out = _envelope("solve", result.status.value, ok, lang)
    d = result.dates
    out.update(
        input=_path(input_path), output=_path(output) if ok else None,
        scenario=_scenario(result.scenario),
        period={"start": d[0].isoformat(), "end": d[-1].isoformat(), "days": len(d)},
        seed=result.seed, runtime_s=round(result.runtime, 3),
        staff=len(result.problem.employees), units=len(result.problem.units),
        parts=len(result.parts), wfh_share={}, quality=None, hard_violations=None,
        stages=[{"goal": s.goal, "objective": _num(s.objective), "bound": _num(s.bound),
                 "proven": s.proven, "seconds": round(s.seconds, 3)} for s in result.stages],
        conflicts=[{"rules": list(c.rules), "unit": c.unit, "building": c.building,
                    "days": [x.isoformat() for x in c.days], "message": c.message.get(lang),
                    "fix": c.fix.get(lang)} for c in result.conflicts],
        warnings=[w.get(lang) for w in result.warnings])
    rep = result.report
    if rep is not None:
        q = rep.quality
        out["wfh_share"] = {c.value: round(s, 6)
                            for c, s in category_shares(result.problem, rep).items()}
        out["quality"] = {
            "wfh_days": q.wfh_days, "wfo_days": q.wfo_days, "wfh_goal_days": q.wfh_goal_days,
            "max_abs_deviation": q.max_abs_deviation,
            "mean_abs_deviation": q.mean_abs_deviation,
            "within_one_day_share": q.within_one_day_share,
            "preferred_days": q.preferred_days, "preferred_honoured": q.preferred_honoured,
            "commute_trips_avoided": q.commute_trips_avoided,
            "commute_km_avoided": q.commute_km_avoided}
        out["hard_violations"] = len(rep.hard_violations)
    return out


def check_json(problem: Problem, scenario: Scenario, roster: Roster, report: CheckReport, *,
               input_path: str | Path, roster_path: str | Path, output: str | Path | None,
               lang: Lang = "id") -> dict[str, Any]:
    """The summary of an audit: compliant or not, hard violations per rule ID and each
    one (who, where, when), the roster's own problems, shortfalls counted."""
    ok = report.compliant
    out = _envelope("check", "COMPLIANT" if ok else "NOT_COMPLIANT", ok, lang)
    out.update(
        input=_path(input_path), roster=_path(roster_path), output=_path(output),
        scenario=_scenario(scenario), staff=len(roster.nips), dates=len(roster.dates),
        rule_counts=dict(report.rule_counts), hard_violations=len(report.hard_violations),
        violations=[{"rule": v.rule, "unit": v.unit, "nip": v.nip, "building": v.building,
                     "day": v.day.isoformat() if v.day else None, "amount": v.amount,
                     "message": v.message.get(lang)} for v in report.hard_violations],
        roster_problems=[{"kind": p.kind, "nip": p.nip,
                          "day": p.day.isoformat() if p.day else None,
                          "severity": p.severity, "message": p.message.get(lang)}
                         for p in report.roster_problems],
        shortfalls=len(report.shortfalls))
    return out


def batch_json(result: BatchResult) -> dict[str, Any]:
    """The summary of a batch: counts, where the summary files are, one object per agency
    (the columns of the summary CSV, ``wfh_share`` as an object)."""
    lang: Lang = result.options.lang  # type: ignore[assignment]
    ok = result.ok
    outcomes = result.outcomes
    out = _envelope("batch", "OK" if ok else "FAILED", ok, lang)
    out.update(
        outdir=str(result.outdir), scenario={"id": result.options.scenario,
                                             "hash": result.options.scenario_hash},
        agencies=len(outcomes), with_roster=sum(o.has_roster for o in outcomes),
        failed=sum(not o.has_roster for o in outcomes), resumed=result.resumed,
        staff_rostered=sum(o.staff for o in outcomes if o.has_roster),
        elapsed_s=round(result.elapsed, 3), workers=result.workers, files=dict(result.files),
        results=[o.as_dict() for o in outcomes])
    return out


def _clean(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


def dumps(summary: dict[str, Any]) -> str:
    """The summary as one JSON document (keys in insertion order; a non-finite number,
    which JSON cannot hold, becomes ``null``)."""
    return json.dumps(_clean(summary), ensure_ascii=False, indent=2, allow_nan=False)
