"""Results as the pages and the API show them: plain JSON-able data in both languages.

Computed once, in the job's process, from the library's own objects (``Result``,
``CheckReport``, the comparison table), and stored as ``result.json`` in the job folder,
so a page never re-solves and the app process never imports the solver.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from asn_scheduler.i18n import Msg
from asn_scheduler.rules.registry import RULES
from asn_scheduler.web.worker import bi, problem_rows

SAMPLES_PER_RULE = 20
"""Violations listed per rule on the page; the workbooks list them all."""


def _v(v: Any) -> dict[str, str]:
    return bi(Msg(v.text("id"), v.text("en")))


def compliance(report: Any) -> list[dict[str, Any]]:
    """Per rule of the registry: ID, label, legal basis, hard or soft, breaches found and
    the first :data:`SAMPLES_PER_RULE` of them."""
    by_rule: dict[str, list[Any]] = {}
    for v in report.violations:
        by_rule.setdefault(v.rule, []).append(v)
    rows = []
    for info in RULES:
        found = by_rule.get(info.id, [])
        hard = [v for v in found if v.hard] if info.hard else found
        rows.append({"id": info.id, "hard": info.hard,
                     "label": bi(Msg(info.label.id.replace("{n}", "N"),
                                     info.label.en.replace("{n}", "N"))),
                     "basis": info.basis, "count": len(hard),
                     "samples": [_v(v) for v in hard[:SAMPLES_PER_RULE]]})
    return rows


def _roster(problem: Any, roster: Any, persons: Sequence[Any]) -> dict[str, Any]:
    """The roster by unit: dates, and per unit its people with one code per date."""
    row_of = {n: i for i, n in enumerate(roster.nips)}
    fig = {p.nip: p for p in persons}
    units = []
    by_unit: dict[str, list[Any]] = {}
    for e in problem.employees:
        by_unit.setdefault(e.unit_code, []).append(e)
    for u in problem.units:
        people = []
        for e in by_unit.get(u.code, []):
            i = row_of.get(e.nip)
            if i is None:
                continue
            p = fig.get(e.nip)
            people.append({
                "row": i, "nip": e.nip, "name": e.name, "position": e.position,
                "codes": [roster.label(i, j) for j in range(len(roster.dates))],
                "wfh": p.wfh_days if p else None, "wfo": p.wfo_days if p else None,
                "fair": round(p.fair_share, 2) if p else None,
                "deviation": round(p.deviation, 2) if p else None,
                "preferred": p.preferred_days if p else 0,
                "honoured": p.preferred_honoured if p else 0,
                "reason": {"id": p.reason, "en": p.reason_en} if p else {"id": "", "en": ""},
            })
        units.append({"code": u.code, "name": u.name, "category": bi(
            Msg(u.category.label("id"), u.category.label("en"))),
            "building": u.building or "", "people": people})
    return {"dates": [d.isoformat() for d in roster.dates], "units": units}


def _occupancy(report: Any) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for b in report.building_days:
        row = out.setdefault(b.building, {"building": b.building, "capacity": b.capacity,
                                          "days": []})
        row["days"].append({"day": b.day.isoformat(), "wfo": b.wfo, "capacity": b.capacity})
    return list(out.values())


def _stage(s: Any) -> dict[str, Any]:
    """One goal stage: its label, value, bound and whether it is proven (``None`` for a
    value the solve skipped)."""
    from asn_scheduler.rules.registry import RULE_BY_ID

    def num(x: float) -> float | None:
        return None if math.isnan(x) else round(x, 2)

    info = RULE_BY_ID.get(s.goal)
    label = info.label if info else Msg(s.goal, s.goal)
    return {"goal": s.goal, "label": bi(Msg(label.id.replace("{n}", "N"),
                                            label.en.replace("{n}", "N"))),
            "objective": num(s.objective), "bound": num(s.bound), "proven": s.proven,
            "gap": None if s.proven or math.isnan(s.gap) else round(s.gap, 4)}


def chain_digest(result: Any) -> dict[str, Any] | None:
    """What a chained roster carried (``None`` when it carried nothing): the carried days,
    the staff they cover, and the fairness balance (WFH days minus the fair share, the
    independent checker's figures) brought forward and carried on: how many are a day or
    more short of it and over it, and by how much at most (in each language's format)."""
    from asn_scheduler import fmt

    carried = getattr(result, "carried", None)
    if carried is None or not carried.dates:
        return None

    def balance(values: Any) -> dict[str, Any]:
        known = [float(v) for v in values if not math.isnan(float(v))]
        short = [-v for v in known if v <= -1.0]
        over = [v for v in known if v >= 1.0]

        def text(x: float) -> dict[str, str]:
            return {lang: fmt.number(x, lang, 1) for lang in ("id", "en")}

        return {"short": len(short), "short_max": text(max(short, default=0.0)),
                "over": len(over), "over_max": text(max(over, default=0.0))}

    return {"days": len(carried.dates), "from": carried.dates[0].isoformat(),
            "to": carried.dates[-1].isoformat(), "staff": int(carried.present.sum()),
            "brought": balance(carried.brought_forward),
            "carried_on": balance(carried.carried_on)}


def solve_digest(result: Any, input_warnings: Sequence[Any],
                 coverage: Sequence[Msg], notes: Sequence[Msg] = ()) -> dict[str, Any]:
    """What the result page shows of a solve; ``notes`` are the run's own (the scenario
    parameters' region notes), shown before the engine's."""
    from asn_scheduler.compare import category_shares
    from asn_scheduler.event_gain import overrides_text
    from asn_scheduler.scenario.describe import short_basis

    sc = result.scenario
    out: dict[str, Any] = {
        "kind": "solve", "status": result.status.value,
        "status_label": {"id": result.status.label("id"), "en": result.status.label("en")},
        "has_roster": result.status.has_roster,
        "runtime": round(result.runtime, 1), "parts": len(result.parts),
        "scenario": {"id": sc.id, "title": bi(sc.title), "basis": short_basis(sc.basis),
                     "basis_full": sc.basis, "url": sc.basis_url},
        "dates": [result.dates[0].isoformat(), result.dates[-1].isoformat(), len(result.dates)],
        "best_effort": bool(result.best_effort),
        "overrides": {"id": overrides_text(sc, "id"), "en": overrides_text(sc, "en")},
        "chain": chain_digest(result),
        "notes": [bi(w) for w in (*notes, *result.warnings)],
        "coverage": [bi(m) for m in coverage],
        "input_warnings": problem_rows(list(input_warnings)),
        "conflicts": [{"rules": list(c.rules), "message": bi(c.message), "fix": bi(c.fix),
                       "unit": c.unit, "building": c.building,
                       "days": [d.isoformat() for d in c.days]} for c in result.conflicts],
        "stages": [_stage(s) for s in result.stages],
    }
    rep = result.report
    if rep is None:
        return out
    q = rep.quality
    out["figures"] = {
        "shares": [{"label": bi(Msg(c.label("id"), c.label("en"))), "share": s}
                   for c, s in category_shares(result.problem, rep).items()],
        "max_dev": q.max_abs_deviation, "mean_dev": q.mean_abs_deviation,
        "within_one": q.within_one_day_share,
        "preferred": q.preferred_days, "honoured": q.preferred_honoured,
        "trips": q.commute_trips_avoided, "km": q.commute_km_avoided,
        "hard": len(rep.hard_violations), "wfh_days": q.wfh_days, "wfo_days": q.wfo_days,
    }
    out["compliance"] = compliance(rep)
    out["occupancy"] = _occupancy(rep)
    out["roster"] = _roster(result.problem, result.roster, rep.persons)
    return out


def check_digest(report: Any, sc: Any, roster: Any, warnings: Sequence[Any]) -> dict[str, Any]:
    """What the result page shows of a hand-made roster's check."""
    from asn_scheduler.scenario.describe import short_basis

    errors = [p for p in report.roster_problems if p.severity == "error"]
    return {
        "kind": "check", "compliant": report.compliant, "hard": len(report.hard_violations),
        "staff": len(roster.nips), "days": len(roster.dates),
        "scenario": {"id": sc.id, "title": bi(sc.title), "basis": short_basis(sc.basis)},
        "compliance": compliance(report),
        "roster_problems": [bi(Msg(p.text("id"), p.text("en"))) for p in errors[:50]],
        "roster_problem_count": len(errors),
        "shortfalls": [_v(v) for v in report.shortfalls[:20]],
        "input_warnings": problem_rows(list(warnings)),
    }


def _title(key: str, fallback: Any) -> dict[str, str]:
    from asn_scheduler.scenario import ScenarioError, load_scenario

    try:
        return bi(load_scenario(key.split("#")[0]).title)
    except ScenarioError:
        return {"id": str(fallback), "en": str(fallback)}


def comparison_digest(table: Any, notes: Sequence[Msg]) -> dict[str, Any]:
    """What the result page shows of a comparison: one row per figure, a column per
    scenario, values already formatted."""
    from asn_scheduler.compare import figure_text
    from asn_scheduler.excel.comparison_writer import DATES_FROM, figure_label

    records = table.to_dict("records")
    rows = []
    for col in table.columns:
        if col in {"basis", "hash"}:
            continue
        (lab_id, kind), (lab_en, _) = figure_label(col, "id"), figure_label(col, "en")
        cells = []
        for key, rec in zip(table.index, records, strict=True):
            value = rec.get(col)
            if col == "title":  # the table holds the Indonesian title: give both
                cells.append(_title(str(key), value))
                continue
            if col == "dates_from" and value in DATES_FROM:
                cells.append(bi(DATES_FROM[value]))
                continue
            cells.append({"id": figure_text(value, kind, "id"),
                          "en": figure_text(value, kind, "en")})
        rows.append({"label": {"id": lab_id, "en": lab_en}, "cells": cells})
    return {"kind": "compare", "scenarios": [str(s) for s in table.index], "rows": rows,
            "notes": [bi(n) for n in notes]}
