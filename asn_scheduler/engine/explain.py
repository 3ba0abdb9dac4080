"""Why the hard rules cannot all hold, in plain words (Bahasa Indonesia first).

Two layers:

1. :func:`prechecks` — cheap counting tests on a part's data that are *sound* (a hit is
   certainly infeasible): more staff held in the office than a P1 ceiling allows (P1 vs
   S1/L1/F2–F4), a P1 minimum WFH above the WFH cap (P1 vs S2) or above what role cover
   leaves (P1 vs S3), a building smaller than the WFO its units cannot avoid (B1 vs …), a
   week whose P1 minimum WFH exceeds the staff's F1 allowance (P1 vs F1). For a part with
   no decision cell they are exact.
2. :func:`conflicts_from_cores` — the solver's infeasible cores over (rule, place, date)
   assumption groups, when no precheck fires.

A role minimum above the holders present is not a conflict (S3: all active holders are
WFO and the shortfall is reported).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

import numpy as np

from asn_scheduler.domain.enums import Code
from asn_scheduler.engine.context import DECIDE, REASONS
from asn_scheduler.engine.decompose import f1_room
from asn_scheduler.engine.part import CoreGroup, PartData
from asn_scheduler.engine.result import Conflict
from asn_scheduler.i18n import Msg
from asn_scheduler.rules.registry import HARD_RULE_IDS

FIX: dict[str, Msg] = {
    "C1": Msg("periksa hari operasional unit dan lembar Libur",
              "check the unit's operating days and sheet Libur"),
    "C2": Msg("periksa lembar Cuti", "check sheet Cuti"),
    "S1": Msg("periksa Kategori Layanan unit (Layanan Langsung selalu WFO)",
              "check the unit's Kategori Layanan (direct services are always WFO)"),
    "S2": Msg("naikkan Batas WFH (%) unit atau batas WFH skenario",
              "raise the unit's Batas WFH (%) or the scenario's WFH cap"),
    "S3": Msg("kurangi Minimal Peran Hadir unit atau tambah pemegang peran",
              "lower the unit's Minimal Peran Hadir or add role holders"),
    "L1": Msg("periksa Jenis Jabatan pejabat senior (dua level struktural tertinggi WFO), "
              "atau tetapkan tingkat senior instansi (senior_levels)",
              "check the senior officials' Jenis Jabatan (the top two structural levels "
              "are WFO), or name the agency's senior levels (senior_levels)"),
    "F1": Msg("naikkan batas hari fleksibel per minggu skenario",
              "raise the scenario's flexible days per week"),
    "F2": Msg("periksa kolom Hukuman Disiplin", "check column Hukuman Disiplin"),
    "F3": Msg("periksa kolom TMT Jabatan (pegawai baru tidak WFH)",
              "check column TMT Jabatan (new employees do not WFH)"),
    "F4": Msg("periksa kolom Boleh Kerja Fleksibel", "check column Boleh Kerja Fleksibel"),
    "B1": Msg("tambah Kapasitas gedung atau pindahkan unit ke gedung lain",
              "raise the building's Kapasitas or move a unit to another building"),
    "P1": Msg("periksa level PPKM/zona wilayah unit (batas WFO) pada skenario",
              "check the unit's PPKM level/zone (the WFO ceiling) in the scenario"),
    "E1": Msg("periksa rentang tanggal dan wilayah skenario",
              "check the scenario's date window and region"),
}

MSG_HELD = Msg(
    "Batas WFO unit {unit} {ceiling} orang, tetapi {held} pegawai wajib di kantor ({why}); "
    "{n} hari",
    "Unit {unit} may have at most {ceiling} in the office, but {held} staff must be there "
    "({why}); {n} day(s)")
MSG_P1_S2 = Msg(
    "Unit {unit}: batas WFO {ceiling} orang mengharuskan {need} WFH, tetapi batas WFH hanya "
    "{cap}; {n} hari",
    "Unit {unit}: the WFO ceiling of {ceiling} requires {need} WFH, but the WFH cap is only "
    "{cap}; {n} day(s)")
MSG_P1_S3 = Msg(
    "Unit {unit}: batas WFO {ceiling} orang, tetapi pegawai wajib dan minimal peran "
    "memerlukan {need} di kantor; {n} hari",
    "Unit {unit}: the WFO ceiling is {ceiling}, but held staff and role minimums need {need} "
    "in the office; {n} day(s)")
MSG_B1 = Msg(
    "Gedung {building}: kapasitas {cap} kursi, tetapi paling sedikit {need} pegawai harus "
    "WFO ({why}); {n} hari",
    "Building {building}: {cap} seats, but at least {need} staff must be in the office "
    "({why}); {n} day(s)")
MSG_P1_F1 = Msg(
    "Unit {unit}: batas WFO mengharuskan {need} hari WFH dalam seminggu, tetapi jatah "
    "fleksibel pegawai hanya {supply} hari",
    "Unit {unit}: the WFO ceiling requires {need} WFH days in a week, but the staff's "
    "flexible allowance is only {supply} days")
MSG_B1_F1 = Msg(
    "Unit {unit}: jatah kursi gedung mengharuskan {need} hari WFH dalam seminggu, tetapi "
    "jatah fleksibel pegawai hanya {supply} hari",
    "Unit {unit}: its share of the building's seats requires {need} WFH days in a week, but "
    "the staff's flexible allowance is only {supply} days")
MSG_CORE = Msg("Aturan {rules} tidak dapat dipenuhi bersamaan di {where}",
               "Rules {rules} cannot all hold at {where}")

WHY = {
    "S1": Msg("layanan langsung", "direct service"),
    "L1": Msg("pejabat senior", "senior officials"),
    "F2": Msg("hukuman disiplin", "discipline"),
    "F3": Msg("pegawai baru", "new employees"),
    "F4": Msg("tidak boleh kerja fleksibel", "not eligible for flexible work"),
    "E1": Msg("di luar skenario", "outside the scenario"),
    "S3": Msg("minimal peran", "role minimums"),
    "S2": Msg("batas WFH", "WFH cap"),
}


def _order(rules: set[str]) -> tuple[str, ...]:
    return tuple(r for r in HARD_RULE_IDS if r in rules)


def _why(counts: Counter[str]) -> Msg:
    """``"layanan langsung 120, pejabat senior 5"``: who must be in, by rule, largest first."""
    parts = [(WHY[r], n) for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
             if r in WHY and n > 0]
    return Msg(", ".join(f"{m.id} {n}" for m, n in parts),
               ", ".join(f"{m.en} {n}" for m, n in parts))


def fix_for(rules: Sequence[str]) -> Msg:
    """What to change, one clause per rule."""
    fixes = [FIX[r] for r in rules if r in FIX]
    return Msg("; ".join(f.id for f in fixes) + ".", "; ".join(f.en for f in fixes) + ".")


class _Collector:
    """Conflicts keyed by (rules, unit, building), days accumulated, first figures kept."""

    def __init__(self, data: PartData, dates: Sequence[date]):
        self.data, self.dates = data, dates
        self.found: dict[tuple, tuple[Msg, dict, list[int], Counter[str]]] = {}

    def add(self, why: Counter[str], extra_rules: set[str], unit: int, building: str, day: int,
            msg: Msg, **figures: object) -> None:
        """One unit-day (or building-day) conflict; ``why`` counts the staff each rule
        keeps in the office (the figures of the first day are the ones shown)."""
        key = (_order({r for r, n in why.items() if n > 0} | extra_rules), unit, building)
        got = self.found.setdefault(key, (msg, figures, [], why))
        got[2].append(day)

    def conflicts(self) -> list[Conflict]:
        out = []
        for (rules, unit, building), (msg, figures, days, counts) in self.found.items():
            code = self.data.unit_codes[unit] if unit >= 0 else None
            why = _why(counts)
            fields = dict(unit=code, building=building, n=len(set(days)), **figures)
            text = Msg(msg.id.format(why=why.id, **fields), msg.en.format(why=why.en, **fields))
            out.append(Conflict(rules, text, fix_for(rules), unit=code, building=building or None,
                                days=tuple(self.dates[d] for d in sorted(set(days)))))
        return out


def prechecks(data: PartData, dates: Sequence[date]) -> list[Conflict]:
    """Sound counting tests on ``data`` (module doc); empty when none fires."""
    col = _Collector(data, dates)
    n_units = data.working.shape[0]
    held_cell = (data.fixed == int(Code.WFO)) & (data.reason > 0)
    decision = data.fixed == DECIDE
    open_day = data.working & ~data.pinned_day
    held = np.zeros(data.working.shape, dtype=np.int64)
    dec = np.zeros_like(held)
    extra = np.zeros_like(held)
    for u in range(n_units):
        rows = data.unit_rows(u)
        held[u] = held_cell[rows].sum(axis=0)
        dec[u] = decision[rows].sum(axis=0)
    for rn in data.roles:
        have = held_cell[rn.holders].sum(axis=0) if rn.holders.size else 0
        extra[rn.unit] = np.maximum(extra[rn.unit], rn.need - have)
    for u in range(n_units):
        rows = data.unit_rows(u)
        for d in np.flatnonzero(open_day[u] & (data.ceiling[u] >= 0)):
            ceiling, active = int(data.ceiling[u, d]), int(data.active[u, d])
            why = Counter(REASONS[r] for r in data.reason[rows, d][held_cell[rows, d]])
            if held[u, d] > ceiling:
                col.add(why, {"P1"}, u, "", d, MSG_HELD, ceiling=ceiling, held=int(held[u, d]))
            elif active - ceiling > data.cap[u, d] and data.cap[u, d] < dec[u, d]:
                col.add(Counter(), {"P1", "S2"}, u, "", d, MSG_P1_S2, ceiling=ceiling,
                        need=active - ceiling, cap=int(data.cap[u, d]))
            elif held[u, d] + extra[u, d] > ceiling:
                why["S3"] = int(extra[u, d])
                col.add(why, {"P1"}, u, "", d, MSG_P1_S3, ceiling=ceiling,
                        need=int(held[u, d] + extra[u, d]))
    most_wfh = np.minimum(data.cap, dec)
    min_wfo = np.maximum(held + np.maximum(extra, 0), data.active - most_wfh)
    for s in data.seats:
        for d in np.flatnonzero((s.cap >= 0) & ~data.pinned_day):
            need = int(min_wfo[s.units, d].sum())
            if need <= s.cap[d]:
                continue
            why: Counter[str] = Counter()
            for u in s.units:
                rows = data.unit_rows(int(u))
                why.update(REASONS[r] for r in data.reason[rows, d][held_cell[rows, d]])
                must = held[u, d] + max(extra[u, d], 0)
                why["S3"] += max(int(extra[u, d]), 0)
                why["S2"] += max(int(data.active[u, d] - most_wfh[u, d] - must), 0)
            col.add(why, {"B1"}, -1, s.name, d, MSG_B1, cap=int(s.cap[d]), need=need)
    _f1_vs_p1(data, col, decision, open_day)
    return col.conflicts()


def _f1_vs_p1(data: PartData, col: _Collector, decision: np.ndarray,
              open_day: np.ndarray) -> None:
    """A week whose forced WFH (P1 ceiling, or a unit's own seat quota) on the days F1
    counts exceeds what F1 lets the unit's staff have."""
    quota = {int(s.units[0]): s.cap for s in data.seats if s.units.size == 1}
    for u in range(data.working.shape[0]):
        rows = data.unit_rows(u)
        need_p1 = np.where(data.ceiling[u] >= 0, data.active[u] - data.ceiling[u], 0)
        need_b1 = (np.where(quota[u] >= 0, data.active[u] - quota[u], 0) if u in quota
                   else np.zeros_like(need_p1))
        need_day = np.maximum(np.maximum(need_p1, need_b1), 0)
        for w in range(data.f1_limit.shape[1]):
            limit = int(data.f1_limit[u, w])
            days = (data.week == w) & open_day[u] & data.f1_counts[u] & (need_day > 0)
            if limit < 0 or not days.any():
                continue
            cols = np.flatnonzero(days)
            need = int(need_day[cols].sum())
            supply = f1_room(data.fixed[rows], data.field_duty[rows], cols, limit)
            if need > supply:
                rule = "P1" if (need_p1[cols] >= need_b1[cols]).all() else "B1"
                col.add(Counter(), {rule, "F1"}, u, "", int(cols[0]),
                        MSG_P1_F1 if rule == "P1" else MSG_B1_F1, need=need, supply=supply)


def conflicts_from_cores(data: PartData, dates: Sequence[date],
                         cores: Sequence[Sequence[CoreGroup]]) -> list[Conflict]:
    """One conflict per distinct (rules, place) among the cores, days merged."""
    merged: dict[tuple, set[int]] = {}
    for core in cores:
        rules = _order({g.rule for g in core})
        units = sorted({g.unit for g in core if g.unit >= 0})
        buildings = sorted({g.building for g in core if g.building})
        key = (rules, tuple(units), tuple(buildings))
        merged.setdefault(key, set()).update(d for g in core for d in g.days)
    out = []
    for (rules, units, buildings), days in merged.items():
        codes = [data.unit_codes[u] for u in units]
        where_id = ", ".join([f"unit {c}" for c in codes] + [f"gedung {b}" for b in buildings])
        where_en = ", ".join([f"unit {c}" for c in codes] + [f"building {b}" for b in buildings])
        msg = Msg(MSG_CORE.id.format(rules="+".join(rules), where=where_id),
                  MSG_CORE.en.format(rules="+".join(rules), where=where_en))
        out.append(Conflict(rules, msg, fix_for(rules), unit=codes[0] if len(codes) == 1 else None,
                            building=buildings[0] if len(buildings) == 1 else None,
                            days=tuple(dates[d] for d in sorted(days))))
    return out
