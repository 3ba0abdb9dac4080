"""One check per hard rule ID, listed once in :data:`CHECKS`.

Each check reads :class:`~asn_scheduler.checker.facts.Facts` (the roster lined up with
the problem, the calendar and the policy in force) and returns ``Violation`` records:
who (unit, NIP, building), which day, and how much (``amount``, in the rule's natural
unit, documented per check). Penalties grow with the amount.

Where one wrong cell would break two rules for one cause, it is reported once, under the
rule that tells the planner what to change:

- C2 is checked on working days only (on other days any code but ``LIBUR`` is C1).
- On a unit-day outside the scenario's window or region whose regime allows no WFH, the
  WFH are E1 only (not S1, S2, L1, F2–F4): the date or region is outside the circular.
- S2 is not reported where S1 already holds every WFH (a direct-service unit's cap is 0
  *because* of S1).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from asn_scheduler import fmt
from asn_scheduler.checker.facts import ABSENCE_KINDS, Facts
from asn_scheduler.checker.report import RosterProblem
from asn_scheduler.domain.enums import Code
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.data import role_need
from asn_scheduler.rules.violation import Violation
from asn_scheduler.rules.weekly import F1, WeeklyCap, exempt_rows
from asn_scheduler.scenario.office_days import describe as describe_office_days

Check = Callable[[Facts], list[Violation]]


def _code_label(c: int) -> str:
    return Code(c).name if c >= 0 else "?"


# ---- C1 ---------------------------------------------------------------------------------
MSG_C1_OFF = Msg("Bukan hari kerja unit ({why}): kode harus LIBUR, tertulis {code}",
                 "Not a working day of the unit ({why_en}): the code must be LIBUR, found {code}")
MSG_C1_WORK = Msg("Hari kerja unit: LIBUR tidak boleh; isi WFO, WFH atau kode cuti",
                  "A working day of the unit: LIBUR is not allowed; use WFO, WFH or an "
                  "absence code")


def check_c1(f: Facts) -> list[Violation]:
    """C1, amount 1 per cell: a non-working day of the unit that is not ``LIBUR``, or a
    working day that is ``LIBUR``."""
    out: list[Violation] = []
    libur = f.codes == int(Code.LIBUR)
    off = ~f.work & f.known & ~libur
    work_libur = f.work & libur
    emps, units = f.problem.employees, f.problem.units
    for i, d in zip(*np.nonzero(off | work_libur), strict=True):
        e, day = emps[i], f.dates[d]
        if off[i, d]:
            name = f.unit_holiday_names.get((e.unit_code, day)) or f.holiday_names.get(day)
            msg = MSG_C1_OFF.format(
                why=f"libur: {name}" if name else "di luar hari operasional",
                why_en=f"holiday: {name}" if name else "outside operating days",
                code=_code_label(int(f.codes[i, d])))
        else:
            msg = MSG_C1_WORK
        out.append(Violation("C1", msg, unit=units[f.unit_idx[i]].code, nip=e.nip, day=day))
    return out


# ---- C2 ---------------------------------------------------------------------------------
MSG_C2 = Msg("Tercatat {kind} di lembar Cuti, tetapi dijadwalkan {code}; tulis {want}",
             "Recorded as {kind_en} in sheet Cuti but rostered {code}; write {want}")
MSG_UNRECORDED = Msg(
    "{n} hari kerja berkode absen ({code}) tanpa catatan di lembar Cuti (pertama {day}); "
    "dianggap tidak hadir",
    "{n} working day(s) coded as absent ({code}) with no record in sheet Cuti (first {day}); "
    "taken as absent")


def check_c2(f: Facts) -> list[Violation]:
    """C2, amount 1 per cell: a working day recorded as absent (sheet Cuti) that the
    roster gives as WFO or WFH."""
    out: list[Violation] = []
    bad = (f.cuti > 0) & f.work & (f.wfo | f.wfh)
    emps, units = f.problem.employees, f.problem.units
    for i, d in zip(*np.nonzero(bad), strict=True):
        kind = ABSENCE_KINDS[int(f.cuti[i, d]) - 1]
        msg = MSG_C2.format(kind=kind.label_id, kind_en=kind.label_en,
                            code=_code_label(int(f.codes[i, d])), want=kind.code.name)
        out.append(Violation("C2", msg, unit=units[f.unit_idx[i]].code, nip=emps[i].nip,
                             day=f.dates[d]))
    return out


def unrecorded_absences(f: Facts) -> list[RosterProblem]:
    """Warnings, one per person: absence codes on working days that sheet Cuti does not
    record. Allowed (a hand-made roster may know of leave the sheet lacks); such cells
    count as absent."""
    out: list[RosterProblem] = []
    extra = (f.codes >= int(Code.CUTI)) & (f.cuti == 0) & f.work
    for i in np.flatnonzero(extra.any(axis=1)):
        cols = np.flatnonzero(extra[i])
        first = f.dates[cols[0]]
        out.append(RosterProblem(
            "unrecorded_absence",
            MSG_UNRECORDED.format(n=len(cols), code=_code_label(int(f.codes[i, cols[0]])),
                                  day=first.isoformat()),
            nip=f.problem.employees[i].nip, day=first, severity="warning"))
    return out


# ---- per-cell WFH bans: S1, L1, F2, F3, F4 ----------------------------------------------
MSG_BAN = {
    "S1": Msg("Unit layanan langsung: semua pegawai WFO, tertulis WFH",
              "Direct-service unit: everyone WFO, found WFH"),
    "L1": Msg("Pejabat tingkat senior (aturan L1) harus WFO, tertulis WFH",
              "A senior official (rule L1) must be WFO, found WFH"),
    "F2": Msg("Pegawai dengan hukuman disiplin tidak boleh WFH",
              "Staff under a disciplinary sanction may not work from home"),
    "F3": Msg("Pegawai baru (kurang dari {days} hari di jabatan) tidak boleh WFH",
              "A new employee (under {days} days in the position) may not work from home"),
    "F4": Msg("Pegawai yang tidak boleh kerja fleksibel tidak boleh WFH",
              "Staff not eligible for flexible work may not work from home"),
    "K1": Msg("Hari wajib kantor ({days}): semua pegawai yang hadir WFO, tertulis WFH",
              "A compulsory office day ({days}): everyone present is WFO, found WFH"),
}


def _ban(rule: str) -> Check:
    def check(f: Facts) -> list[Violation]:
        e1_ed = f.e1_ud[f.unit_idx]
        bad = f.wfh & f.blocks[rule] & ~e1_ed
        emps, units = f.problem.employees, f.problem.units
        out: list[Violation] = []
        for i, d in zip(*np.nonzero(bad), strict=True):
            u = int(f.unit_idx[i])
            msg = MSG_BAN[rule]
            if rule == "F3":
                msg = msg.format(days=f.policy(u, d).new_employee_days)
            elif rule == "K1":
                msg = msg.format(days=describe_office_days(f.policy(u, d).office_days))
            out.append(Violation(rule, msg, unit=units[u].code, nip=emps[i].nip,
                                 day=f.dates[d]))
        return out

    check.__name__ = f"check_{rule.lower()}"
    check.__doc__ = (f"{rule}, amount 1 per cell: a WFH that {rule} forbids under the policy "
                     "in force (E1 unit-days excepted, see the module doc).")
    return check


check_s1 = _ban("S1")
_check_l1_every = _ban("L1")

MSG_L1_LEVEL = Msg("Tidak ada pejabat {level} di kantor ({n} hadir, semua WFH); minimal satu "
                   "per tingkat harus WFO",
                   "No {level_en} official in the office ({n} present, all WFH); at least one "
                   "per level must be WFO")


def check_l1(f: Facts) -> list[Violation]:
    """L1, amount 1 per cell or per level-day. Under ``senior_rule = every``: a senior
    official WFH. Under ``one_per_level`` (SE 19/2020): a date on which officials of a
    senior level are present (agency-wide, under that policy) and none is WFO."""
    out = _check_l1_every(f)
    level = f.level_rank
    pol_ed = f.pol_ud[f.unit_idx]
    e1_ed = f.e1_ud[f.unit_idx]
    for k, (_, p) in enumerate(f.sources):
        if not (p.senior_levels_wfo > 0 and p.senior_rule == "one_per_level"):
            continue
        levels = {e.position_type for e, m in zip(f.problem.employees, f.senior_mask(k),
                                                   strict=True) if m}
        for lv in sorted(levels, key=lambda x: x.rank):
            here = (level == lv.rank)[:, None] & (pol_ed == k) & f.active & ~e1_ed
            present = here.sum(axis=0)
            in_office = (here & f.wfo).sum(axis=0)
            for d in np.flatnonzero((present > 0) & (in_office == 0)):
                out.append(Violation("L1", MSG_L1_LEVEL.format(
                    level=lv.label_id, level_en=lv.label_en, n=int(present[d])),
                    day=f.dates[d]))
    return out


check_f2 = _ban("F2")
check_f3 = _ban("F3")
check_f4 = _ban("F4")
check_k1 = _ban("K1")


# ---- S2 ---------------------------------------------------------------------------------
MSG_S2 = Msg("WFH {wfh} orang, batas {cap} ({pct:g}% dari {active} pegawai hadir, dibulatkan ke "
             "bawah)",
             "{wfh} WFH, the cap is {cap} ({pct:g}% of {active} present staff, rounded down)")


def check_s2(f: Facts) -> list[Violation]:
    """S2, per unit-day, amount = WFH − cap (people over the cap)."""
    over = f.working_ud & ~f.e1_ud & ~f.s1_ud & (f.wfh_ud > f.cap_ud)
    out: list[Violation] = []
    for u, d in zip(*np.nonzero(over), strict=True):
        wfh, cap = int(f.wfh_ud[u, d]), int(f.cap_ud[u, d])
        msg = MSG_S2.format(wfh=wfh, cap=cap, pct=float(f.cap_pct_ud[u, d]),
                            active=int(f.active_ud[u, d]))
        out.append(Violation("S2", msg, unit=f.problem.units[u].code, day=f.dates[d],
                             amount=wfh - cap))
    return out


# ---- S3 ---------------------------------------------------------------------------------
MSG_S3 = Msg("Peran {role}: {wfo} pemegang di kantor, perlu {need}",
             "Role {role}: {wfo} holder(s) in the office, {need} needed")
MSG_S3_SHORT = Msg("Peran {role}: minimal {minimum} di kantor, hanya {active} pemegang hadir "
                   "(semua harus WFO)",
                   "Role {role}: at least {minimum} in the office, only {active} holder(s) "
                   "present (all must be WFO)")


def _s3_applies(f: Facts, u: int, d: int) -> bool:
    return bool(f.working_ud[u, d]) and f.policy(u, d).role_minimums


def check_s3(f: Facts) -> list[Violation]:
    """S3, per unit-day-role, amount = in-office holders missing (need − WFO holders);
    the need is :func:`role_need` (all active holders when fewer than the minimum)."""
    out: list[Violation] = []
    for u, role, minimum, _h, active, wfo in f.roles:
        unit = f.problem.units[u]
        # the need never exceeds the minimum, so only days below it can break S3
        for d in np.flatnonzero(wfo < minimum):
            if not _s3_applies(f, u, d):
                continue
            need = role_need(unit, role, int(active[d]))
            if wfo[d] < need:
                out.append(Violation("S3", MSG_S3.format(role=role, wfo=int(wfo[d]), need=need),
                                     unit=unit.code, day=f.dates[d], amount=need - int(wfo[d])))
    return out


def role_shortfalls(f: Facts) -> list[Violation]:
    """S3 shortfalls (reported, not violations): a role minimum above the holders present,
    amount = minimum − active holders."""
    out: list[Violation] = []
    for u, role, minimum, _h, active, _wfo in f.roles:
        unit = f.problem.units[u]
        for d in np.flatnonzero(active < minimum):
            if _s3_applies(f, u, d):
                out.append(Violation(
                    "S3", MSG_S3_SHORT.format(role=role, minimum=minimum, active=int(active[d])),
                    unit=unit.code, day=f.dates[d], amount=minimum - int(active[d])))
    return out


# ---- F1 ---------------------------------------------------------------------------------
MSG_F1 = Msg("{wfh} hari WFH dalam minggu {week}, paling banyak {limit}",
             "{wfh} WFH days in week {week}, at most {limit}")


def check_weekly(cap: WeeklyCap) -> Check:
    """The check of a hard weekly cap (:mod:`asn_scheduler.rules.weekly`; F1): per person
    per ISO week, amount = WFH days over the week's limit. Only WFH on days whose policy
    sets a limit count; the staff the cap exempts (F1: field duty) are not checked.
    ``day`` is the date of the first WFH over the limit. A roster that starts or ends
    mid-week is checked on the days it has."""

    def check(f: Facts) -> list[Violation]:
        counted = f.wfh & (f.weekly_limit_ud(cap) >= 0)[f.unit_idx]
        counted[exempt_rows(cap, f.problem.employees)] = False
        out: list[Violation] = []
        emps, units = f.problem.employees, f.problem.units
        limit = f.weekly_limit_uw(cap)[f.unit_idx]                # (E, W)
        weekly = f.per_week(counted)                              # (E, W)
        over = (limit >= 0) & (weekly > limit)
        for i, w in zip(*np.nonzero(over), strict=True):
            cols = np.flatnonzero(counted[i] & (f.week_of == w))
            lim = int(limit[i, w])
            first = f.dates[cols[lim]]
            monday = date.fromordinal(first.toordinal() - first.weekday())
            out.append(Violation(
                cap.rule, Msg(MSG_F1.id.format(wfh=int(weekly[i, w]),
                                               week=fmt.week(monday, "id"), limit=lim),
                              MSG_F1.en.format(wfh=int(weekly[i, w]),
                                               week=fmt.week(monday, "en"), limit=lim)),
                unit=units[f.unit_idx[i]].code, nip=emps[i].nip, day=first,
                amount=int(weekly[i, w]) - lim))
        return out

    check.__name__ = f"check_{cap.rule.lower()}"
    return check


check_f1 = check_weekly(F1)


# ---- B1 ---------------------------------------------------------------------------------
MSG_B1 = Msg("{wfo} pegawai WFO, kapasitas gedung {capacity}",
             "{wfo} staff in the office, building capacity {capacity}")


def building_occupancy(f: Facts) -> list[tuple[str, int, np.ndarray, np.ndarray, np.ndarray]]:
    """Per building housing a unit: ``(name, capacity, WFO per date, B1 applies per date,
    an ordinary office day per date)``.

    B1 applies on a date when, for a unit housed there, the policy in force turns
    ``building_capacity`` on and a flexible-work regime applies that day (a working day
    inside the scenario, or under a baseline that allows the unit WFH: not E1's). Where
    every housed unit is under a regime without WFH (an ordinary office day), everyone is
    in by law and no roster can empty a seat; an over-full building is then reported, not
    a violation (rules.md, decisions); so too on a unit's compulsory office day (K1),
    when nobody can be sent home either. The count includes every unit housed there
    (seats are seats)."""
    out = []
    cap_src = np.array([p.building_capacity for _, p in f.sources], dtype=bool)
    flexible = f.working_ud & ~f.e1_ud
    for b in f.problem.buildings:
        us = [u for u, unit in enumerate(f.problem.units) if unit.building == b.name]
        if not us:
            continue
        wfo = f.wfo_ud[us].sum(axis=0)
        on_u = cap_src[f.pol_ud[us]] & f.working_ud[us]
        on = on_u.any(axis=0)
        applies = (on_u & flexible[us] & ~f.office_ud[us]).any(axis=0)
        out.append((b.name, b.capacity, wfo, applies, on & ~applies))
    return out


def check_b1(f: Facts) -> list[Violation]:
    """B1, per building per date, amount = WFO − capacity (seats over)."""
    out: list[Violation] = []
    for name, capacity, wfo, applies, _office in building_occupancy(f):
        for d in np.flatnonzero(applies & (wfo > capacity)):
            out.append(Violation("B1", MSG_B1.format(wfo=int(wfo[d]), capacity=capacity),
                                 day=f.dates[d], building=name, amount=int(wfo[d]) - capacity))
    return out


MSG_B1_OFFICE = Msg("{wfo} pegawai WFO pada hari kerja kantor biasa (tanpa rezim kerja "
                    "fleksibel, semua wajib WFO), kapasitas gedung {capacity}: kurang {n} kursi",
                    "{wfo} staff in the office on an ordinary office day (no flexible-work "
                    "regime, everyone is in by law), building capacity {capacity}: {n} seats "
                    "short")


def office_day_overflows(f: Facts) -> list[Violation]:
    """B1 shortfalls (reported, not violations), per building per ordinary office day on
    which the WFO exceed the seats; amount = seats short."""
    out: list[Violation] = []
    for name, capacity, wfo, _applies, office in building_occupancy(f):
        for d in np.flatnonzero(office & (wfo > capacity)):
            n = int(wfo[d]) - capacity
            out.append(Violation("B1", MSG_B1_OFFICE.format(wfo=int(wfo[d]), capacity=capacity,
                                                             n=n),
                                 day=f.dates[d], building=name, amount=n))
    return out


# ---- P1 ---------------------------------------------------------------------------------
MSG_P1 = Msg("WFO {wfo} orang, paling banyak {ceiling} ({pct:g}% dari {active} pegawai hadir)",
             "{wfo} in the office, at most {ceiling} ({pct:g}% of {active} present staff)")


def check_p1(f: Facts) -> list[Violation]:
    """P1, per unit-day under a pandemic table, amount = WFO − ceiling."""
    ceiling = f.ceiling_ud
    over = f.working_ud & (ceiling >= 0) & (f.wfo_ud > ceiling)
    out: list[Violation] = []
    units = f.problem.units
    for u, d in zip(*np.nonzero(over), strict=True):
        policy = f.policy(u, d)
        pct = policy.wfo_max.pct(units[u], f.dates[d]) if policy.wfo_max else 0.0
        msg = MSG_P1.format(wfo=int(f.wfo_ud[u, d]), ceiling=int(ceiling[u, d]), pct=pct,
                            active=int(f.active_ud[u, d]))
        out.append(Violation("P1", msg, unit=units[u].code, day=f.dates[d],
                             amount=int(f.wfo_ud[u, d] - ceiling[u, d])))
    return out


# ---- E1 ---------------------------------------------------------------------------------
MSG_E1 = Msg("{wfh} WFH di luar rentang tanggal atau wilayah {scenario}; yang berlaku {regime}, "
             "tanpa WFH untuk unit ini",
             "{wfh} WFH outside the date window or region of {scenario}; {regime} applies, "
             "with no WFH for this unit")


def check_e1(f: Facts) -> list[Violation]:
    """E1, per unit-day outside the scenario's window or region whose regime in force
    allows the unit no WFH, amount = WFH count."""
    bad = f.e1_ud & (f.wfh_ud > 0)
    out: list[Violation] = []
    for u, d in zip(*np.nonzero(bad), strict=True):
        msg = MSG_E1.format(wfh=int(f.wfh_ud[u, d]), scenario=f.scenario.id,
                            regime=f.policy_name(u, d))
        out.append(Violation("E1", msg, unit=f.problem.units[u].code, day=f.dates[d],
                             amount=int(f.wfh_ud[u, d])))
    return out


CHECKS: dict[str, Check] = {
    "C1": check_c1,
    "C2": check_c2,
    "S1": check_s1,
    "S2": check_s2,
    "S3": check_s3,
    "L1": check_l1,
    "F1": check_f1,
    "F2": check_f2,
    "F3": check_f3,
    "F4": check_f4,
    "B1": check_b1,
    "P1": check_p1,
    "E1": check_e1,
    "K1": check_k1,
}
"""One check per hard rule ID, in the order of the registry (a test holds them equal)."""
