"""Soft-goal figures of a roster (Q0–Q4), the daily summaries and per-person reasons.

Records: :class:`PersonFigures` per employee (input order), :class:`UnitDay` per unit per
date, :class:`BuildingDay` per building per date, and the :class:`Quality` totals. Notable
soft losses become soft ``Violation`` records: Q1 for a person outside their fair band
(``amount`` = days outside it), Q3 for a WFH run over ``max_consecutive_wfh`` (``amount``
= days beyond the limit).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from asn_scheduler.checker.facts import Facts
from asn_scheduler.checker.fairness import Fairness, fairness, senior_rooms
from asn_scheduler.checker.hard import building_occupancy
from asn_scheduler.checker.report import BuildingDay, PersonFigures, Quality, UnitDay
from asn_scheduler.checker.rotation import Runs, Teams, person_pattern_changes, team_days, wfh_runs
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.data import role_need
from asn_scheduler.rules.quality_defs import band_distance, fair_band
from asn_scheduler.rules.violation import Violation

WITHIN_ONE_DAY = 1.0 + 1e-9

# Reasons, Indonesian and English; {n} is a number of days.
REASON = {
    "absent": Msg("cuti/dinas {n} hari", "absent {n} days"),
    "S1": Msg("layanan langsung (S1) {n} hari", "direct service (S1) {n} days"),
    "L1": Msg("pejabat struktural tertinggi (L1) {n} hari", "senior official (L1) {n} days"),
    "F2": Msg("hukuman disiplin (F2) {n} hari", "disciplinary sanction (F2) {n} days"),
    "F3": Msg("pegawai baru (F3) {n} hari", "new employee (F3) {n} days"),
    "F4": Msg("tidak boleh kerja fleksibel (F4) {n} hari",
              "not eligible for flexible work (F4) {n} days"),
    "K1": Msg("hari wajib kantor (K1) {n} hari", "compulsory office day (K1) {n} days"),
    "cap0": Msg("batas WFH unit 0% {n} hari", "unit WFH cap 0% {n} days"),
    "round0": Msg("batas WFH {pct:g}% dari {a} pegawai hadir dibulatkan ke bawah menjadi 0 "
                  "orang {n} hari", "a {pct:g}% WFH cap of {a} present staff rounds down to "
                  "0 people {n} days"),
    "E1": Msg("di luar rentang/wilayah skenario {n} hari",
              "outside the scenario's window/region {n} days"),
    "role": Msg("dipertahankan di kantor: minimal peran {role} {n} hari",
                "kept in the office: role minimum {role} {n} days"),
    "duty": Msg("piket pejabat senior (L1, satu per tingkat) {n} hari",
                "senior official on duty (L1, one per level) {n} days"),
}
# The order in which a blocking rule is named (as rules.data.wfh_block decides).
_REASON_ORDER = ("S1", "L1", "F4", "F2", "F3", "K1")

MSG_Q1 = Msg("WFH {wfh} hari, bagian adil {share:.2f} (rentang wajar {lo}–{hi})",
             "{wfh} WFH days, fair share {share:.2f} (fair band {lo}–{hi})")
MSG_Q3 = Msg("{n} hari WFH berturut-turut mulai {day}, paling banyak {limit}",
             "{n} WFH days in a row from {day}, at most {limit}")


@dataclass(frozen=True)
class QualityOutput:
    """Everything this module reports on one roster."""

    persons: tuple[PersonFigures, ...]
    unit_days: tuple[UnitDay, ...]
    building_days: tuple[BuildingDay, ...]
    quality: Quality
    findings: tuple[Violation, ...]


def assess(f: Facts) -> QualityOutput:
    """All soft-goal figures, records and soft findings of the roster in ``f``."""
    fair = fairness(f)
    runs = wfh_runs(f.wfh, f.work, f.scenario.max_consecutive_wfh)
    patterns = person_pattern_changes(f)
    teams = team_days(f)
    prefs, honoured = _preferences(f)
    reasons = _reasons(f, fair)
    persons = _persons(f, fair, runs, patterns, prefs, honoured, reasons)
    quality = _totals(f, fair, runs, patterns, teams, prefs, honoured)
    findings = _q1_findings(f, fair) + _q3_findings(f, runs)
    return QualityOutput(persons, unit_days(f), building_days(f), quality, tuple(findings))


def _preferences(f: Facts) -> tuple[np.ndarray, np.ndarray]:
    """Per person: available days on a preferred weekday, and of those the WFH days."""
    prefer = np.zeros((f.n_emp, 7), dtype=bool)
    for i, e in enumerate(f.problem.employees):
        for wd in e.preferred_wfh_days:
            prefer[i, wd] = True
    weekday = np.array([d.weekday() for d in f.dates], dtype=np.intp)
    on_pref = f.available & prefer[:, weekday]
    return on_pref.sum(axis=1), (on_pref & f.wfh).sum(axis=1)


def _reasons(f: Facts, fair: Fairness) -> list[tuple[str, str]]:
    """Per person, ``(Indonesian, English)``: what kept them from WFH (absence, the first
    blocking rule of each day, a zero cap, a binding role minimum)."""
    counts: dict[str, np.ndarray] = {"absent": (f.work & f.absent).sum(axis=1)}
    left = f.active.copy()
    for rule in _REASON_ORDER:
        hit = left & f.blocks[rule]
        counts[rule] = hit.sum(axis=1)
        left &= ~hit
    cap0 = left & (f.cap_ud == 0)[f.unit_idx]
    e1 = f.e1_ud[f.unit_idx]
    rounded = (f.cap_pct_ud > 0)[f.unit_idx]  # a cap above 0% that floor() takes to 0 people
    counts["E1"] = (cap0 & e1).sum(axis=1)
    counts["cap0"] = (cap0 & ~e1 & ~rounded).sum(axis=1)
    round0 = cap0 & ~e1 & rounded
    counts["round0"] = round0.sum(axis=1)
    role_days: dict[int, list[tuple[str, int]]] = {}
    below = (fair.deviation < -0.5) | fair.role_limited  # a role lowered the share itself
    for u, role, _minimum, holders, active, wfo in f.roles:
        unit = f.problem.units[u]
        binding = np.zeros(len(f.dates), dtype=bool)
        for d in np.flatnonzero(f.working_ud[u] & (wfo > 0)):
            if f.policy(u, d).role_minimums and wfo[d] <= role_need(unit, role, int(active[d])):
                binding[d] = True
        kept = (f.wfo[holders] & f.available[holders] & binding).sum(axis=1)
        for h, n in zip(holders.tolist(), kept.tolist(), strict=True):
            if n and below[h]:
                role_days.setdefault(h, []).append((role, n))
    duty_days = np.zeros(f.n_emp, dtype=np.int64)
    for rows, _room in senior_rooms(f):
        in_office = f.wfo[rows] & f.active[rows]
        alone = in_office & (in_office.sum(axis=0) == 1) & f.available[rows]
        duty_days[rows] += alone.sum(axis=1)
    counts["duty"] = np.where(below, duty_days, 0)
    order = ("absent", *_REASON_ORDER, "cap0", "round0", "E1", "duty")
    table = {k: counts[k].tolist() for k in order}
    out: list[tuple[str, str]] = []
    # most people share their counts: the texts of a plain row of counts are made once
    plain: dict[tuple[int, ...], tuple[str, str]] = {}
    at_round0 = order.index("round0")
    for i, row in enumerate(zip(*(table[k] for k in order), strict=True)):
        if not row[at_round0] and i not in role_days:
            texts = plain.get(row)
            if texts is None:
                msgs = [REASON[k].format(n=n) for k, n in zip(order, row, strict=True) if n]
                texts = plain[row] = ("; ".join(m.id for m in msgs),
                                      "; ".join(m.en for m in msgs))
            out.append(texts)
            continue
        msgs = [REASON[k].format(n=table[k][i], **_rounding(f, round0, i) if k == "round0"
                                 else {}) for k in order if table[k][i]]
        msgs += [REASON["role"].format(role=r, n=n) for r, n in role_days.get(i, ())]
        out.append(("; ".join(m.id for m in msgs), "; ".join(m.en for m in msgs)))
    return out


def _rounding(f: Facts, round0: np.ndarray, i: int) -> dict[str, object]:
    """The cap and the present staff of person ``i``'s unit on their first day whose cap
    rounds down to 0 people (for the reason text)."""
    d = int(np.flatnonzero(round0[i])[0])
    u = int(f.unit_idx[i])
    return {"pct": float(f.cap_pct_ud[u, d]), "a": int(f.active_ud[u, d])}


def _persons(f: Facts, fair: Fairness, runs: Runs, patterns: np.ndarray, prefs: np.ndarray,
             honoured: np.ndarray, reasons: list[tuple[str, str]]) -> tuple[PersonFigures, ...]:
    emps, units = f.problem.employees, f.problem.units
    cols = {
        "working": f.work.sum(axis=1), "absent": (f.work & f.absent).sum(axis=1),
        "available": fair.available_days, "wfh": fair.wfh_days,
        "wfo": (f.wfo & f.known).sum(axis=1), "share": np.round(fair.fair_share, 6),
        "dev": np.round(fair.deviation, 6), "prefs": prefs, "honoured": honoured,
        "longest": runs.longest, "patterns": patterns, "unit": f.unit_idx,
    }
    c = {k: v.tolist() for k, v in cols.items()}
    return tuple(
        PersonFigures(
            nip=e.nip, name=e.name, unit=units[c["unit"][i]].code,
            working_days=c["working"][i], absent_days=c["absent"][i],
            available_days=c["available"][i], wfh_days=c["wfh"][i], wfo_days=c["wfo"][i],
            fair_share=c["share"][i], deviation=c["dev"][i],
            preferred_days=c["prefs"][i], preferred_honoured=c["honoured"][i],
            longest_wfh_run=c["longest"][i], pattern_changes=c["patterns"][i],
            reason=reasons[i][0], reason_en=reasons[i][1])
        for i, e in enumerate(emps))


def unit_days(f: Facts) -> tuple[UnitDay, ...]:
    """One record per unit per checked date. ``cap``, ``cap_pct`` and ``wfo_ceiling`` are
    ``None`` on a non-working day (and ``wfo_ceiling`` where no P1 table applies)."""
    working = f.working_ud.tolist()
    active, wfo, wfh = f.active_ud.tolist(), f.wfo_ud.tolist(), f.wfh_ud.tolist()
    absent, cap, pct = f.absent_ud.tolist(), f.cap_ud.tolist(), f.cap_pct_ud.tolist()
    ceiling, scope, pol = f.ceiling_ud.tolist(), f.in_scope_ud.tolist(), f.pol_ud.tolist()
    names = [n for n, _ in f.sources]
    out: list[UnitDay] = []
    for u, unit in enumerate(f.problem.units):
        for d, day in enumerate(f.dates):
            w = working[u][d]
            out.append(UnitDay(
                unit=unit.code, day=day, working=w, active=active[u][d], wfo=wfo[u][d],
                wfh=wfh[u][d], absent=absent[u][d], cap=cap[u][d] if w else None,
                cap_pct=pct[u][d] if w else None,
                wfo_ceiling=ceiling[u][d] if w and ceiling[u][d] >= 0 else None,
                in_scope=scope[u][d], policy=names[pol[u][d]]))
    return tuple(out)


def building_days(f: Facts) -> tuple[BuildingDay, ...]:
    """One record per building per checked date (buildings no unit uses show 0 WFO)."""
    used = {name: wfo for name, _c, wfo, _a, _o in building_occupancy(f)}
    out: list[BuildingDay] = []
    for b in f.problem.buildings:
        wfo = used.get(b.name)
        counts = wfo.tolist() if wfo is not None else [0] * len(f.dates)
        out.extend(BuildingDay(b.name, day, counts[d], b.capacity)
                   for d, day in enumerate(f.dates))
    return tuple(out)


def _totals(f: Facts, fair: Fairness, runs: Runs, patterns: np.ndarray, teams: Teams,
            prefs: np.ndarray, honoured: np.ndarray) -> Quality:
    elig = fair.eligible
    dev = fair.deviation[elig]
    spread = 0.0
    for rows in f.unit_rows:
        d = fair.deviation[rows[elig[rows]]]
        if d.size:
            spread = max(spread, float(d.max() - d.min()))
    km = np.array([e.commute_km if e.commute_km is not None else np.nan
                   for e in f.problem.employees], dtype=float)
    commuter = ~np.isnan(km)
    wfh = fair.wfh_days
    return Quality(
        wfh_days=int(wfh.sum()),
        wfo_days=int((f.wfo & f.known).sum()),
        wfh_goal_days=fair.goal_days,
        max_abs_deviation=round(float(np.abs(dev).max()), 6) if dev.size else 0.0,
        mean_abs_deviation=round(float(np.abs(dev).mean()), 6) if dev.size else 0.0,
        max_unit_spread=round(spread, 6),
        within_one_day_share=(float((np.abs(dev) <= WITHIN_ONE_DAY).mean())
                              if dev.size else 1.0),
        preferred_days=int(prefs.sum()),
        preferred_honoured=int(honoured.sum()),
        longest_wfh_run=int(runs.longest.max(initial=0)),
        runs_over_limit=int(runs.over.sum()),
        pattern_changes=int(patterns.sum()),
        team_shared_days=int(teams.shared.sum()),
        team_days=int(teams.counted.sum()),
        commute_trips_avoided=int(2 * wfh[commuter].sum()),
        commute_km_avoided=round(float(2 * (wfh[commuter] * km[commuter]).sum()), 6),
    )


def _q1_findings(f: Facts, fair: Fairness) -> list[Violation]:
    """Q1: eligible staff outside their fair band (``amount`` = days outside it)."""
    out: list[Violation] = []
    emps, units = f.problem.employees, f.problem.units
    for i in np.flatnonzero(fair.eligible & maybe_outside_band(fair.wfh_days, fair.fair_share)):
        wfh, share = int(fair.wfh_days[i]), float(fair.fair_share[i])
        miss = band_distance(wfh, share)
        if miss:
            lo, hi = fair_band(share)
            out.append(Violation("Q1", MSG_Q1.format(wfh=wfh, share=share, lo=lo, hi=hi),
                                 unit=units[f.unit_idx[i]].code, nip=emps[i].nip,
                                 amount=float(miss)))
    return out


def maybe_outside_band(wfh_days: np.ndarray, share: np.ndarray) -> np.ndarray:
    """A numpy pre-filter for :func:`band_distance` over all staff: ``False`` only where the
    person is surely inside their fair band (``band_distance`` decides for the rest)."""
    near_int = np.abs(share - np.round(share)) <= 1e-6
    inside = ~near_int & (np.floor(share) <= wfh_days) & (wfh_days <= np.ceil(share))
    inside |= near_int & (wfh_days == np.round(share))
    return ~inside


def _q3_findings(f: Facts, runs: Runs) -> list[Violation]:
    """Q3: WFH runs over ``max_consecutive_wfh`` (``amount`` = days beyond the limit)."""
    limit = f.scenario.max_consecutive_wfh
    emps, units = f.problem.employees, f.problem.units
    return [Violation("Q3", MSG_Q3.format(n=n, day=f.dates[d].isoformat(), limit=limit),
                      unit=units[f.unit_idx[i]].code, nip=emps[i].nip, day=f.dates[d],
                      amount=float(n - limit))
            for i, d, n in runs.long_runs]
