"""The smallest change that makes an infeasible part feasible, and its best-effort roster.

For each part with conflicts, :func:`relax_parts` asks the solver for the least excess
over the building seats (B1) and WFO ceilings (P1) that every other hard rule leaves
(:mod:`asn_scheduler.solver.relax`). :func:`sharpen` turns it into words a planner acts
on: "Gedung X needs at least 8 seats a day (now 5)", a number proven to be the smallest
that works, instead of a lower bound or a guess. The same solve gives the roster that
breaks the fewest rules (``solve --best-effort``).

Fixes are ordered for a planner: the workbook's data first (seats, role holders, who is
held in the office and why), then the agency's own settings (a unit's ``Batas WFH (%)``,
its ``Minimal Peran Hadir``); the regulation (a circular's cap, the weekly limit, its
dates and region) is never offered as a fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from asn_scheduler.engine.result import Conflict
from asn_scheduler.engine.settings import Settings
from asn_scheduler.i18n import Msg
from asn_scheduler.parts.data import PartData

if TYPE_CHECKING:
    from asn_scheduler.solver.relax import Excess, Relaxation, RoleCut

PLANNER_FIX: dict[str, Msg] = {
    "B1": Msg("tambah Kapasitas gedung (lembar Gedung) atau pindahkan unit ke gedung lain "
              "(kolom Gedung di lembar Unit)",
              "raise the building's Kapasitas (sheet Gedung) or move a unit to another "
              "building (column Gedung, sheet Unit)"),
    "S3": Msg("turunkan Minimal Peran Hadir unit (lembar Unit) bila layanannya tetap berjalan",
              "lower the unit's Minimal Peran Hadir (sheet Unit) if its service still runs"),
    "L1": Msg("periksa Jenis Jabatan pejabat senior (dua level struktural tertinggi selalu WFO)",
              "check the senior officials' Jenis Jabatan (the top two structural levels are "
              "always WFO)"),
    "S1": Msg("periksa Kategori Layanan unit (Layanan Langsung selalu WFO)",
              "check the unit's Kategori Layanan (direct services are always WFO)"),
    "F2": Msg("periksa kolom Hukuman Disiplin", "check column Hukuman Disiplin"),
    "F3": Msg("periksa kolom TMT Jabatan (pegawai baru tidak WFH)",
              "check column TMT Jabatan (new employees do not WFH)"),
    "F4": Msg("periksa kolom Boleh Kerja Fleksibel", "check column Boleh Kerja Fleksibel"),
    "C1": Msg("periksa Hari Operasional unit dan lembar Libur",
              "check the unit's Hari Operasional and sheet Libur"),
    "C2": Msg("periksa lembar Cuti", "check sheet Cuti"),
    "S2": Msg("bila instansi menetapkan Batas WFH (%) unit lebih ketat dari skenario, "
              "longgarkan batas itu (lembar Unit)",
              "if the agency set a unit Batas WFH (%) stricter than the scenario, loosen it "
              "(sheet Unit)"),
}
"""What a planner can change for each rule, data first then agency settings. F1, P1 and
E1 are the regulation itself (the weekly limit, a PPKM table, a circular's dates and
region): they have no planner fix."""
ORDER = ("B1", "S3", "L1", "S1", "F2", "F3", "F4", "C1", "C2", "S2")

MSG_SEATS = Msg(
    "Perubahan terkecil: gedung {b} perlu paling sedikit {need} kursi per hari (kini {cap}; "
    "tambah {extra}). Angka ini dihitung tepat: dengan {need} kursi ada jadwal yang "
    "memenuhi semua aturan wajib, dengan {less} tidak ada",
    "Smallest change: building {b} needs at least {need} seats a day (now {cap}; add "
    "{extra}). The number is exact: with {need} seats a roster meets every hard rule, with "
    "{less} none does")
MSG_SEATS_BEST = Msg(
    "Perubahan terkecil yang ditemukan: gedung {b} perlu {need} kursi per hari (kini {cap}; "
    "tambah {extra}); belum terbukti terkecil dalam batas waktu",
    "Smallest change found: building {b} needs {need} seats a day (now {cap}; add {extra}); "
    "not proven smallest within the time limit")
MSG_CEILING = Msg(
    "Perubahan terkecil: di unit {u}, paling sedikit {extra} pegawai lagi per hari harus dapat "
    "WFH agar batas WFO {cap} orang terpenuhi (periksa siapa yang tertahan di kantor)",
    "Smallest change: in unit {u}, at least {extra} more staff a day must be able to work "
    "from home to meet the WFO ceiling of {cap} (check who is held in the office)")


def fix_for(rules: Sequence[str]) -> Msg:
    """What a planner can change for a conflict of ``rules``: data first, then agency
    settings; never the regulation. Empty when only the regulation is involved."""
    fixes = [PLANNER_FIX[r] for r in ORDER if r in rules]
    if not fixes:
        return Msg("tidak ada yang dapat diubah di buku kerja; lihat penyebab di atas",
                   "nothing in the workbook can change this; see the cause above")
    return Msg("; ".join(f.id for f in fixes) + ".", "; ".join(f.en for f in fixes) + ".")


def relax_parts(datas: Sequence[PartData], parts: Sequence[int], cfg: Settings
                ) -> dict[int, Relaxation]:
    """The least-excess relaxation of each part in ``parts`` that has one."""
    from asn_scheduler.solver.relax import least_excess

    out: dict[int, Relaxation] = {}
    each = _budget(cfg, len(parts))
    for i in parts:
        got = least_excess(datas[i], budget=each, seed=cfg.seed)
        if got is not None and got.excess:
            out[i] = got
    return out


RELAX_SHARE = 0.2
"""Share of the time limit the exact fixes may take, over all infeasible parts together
(each of the two searches, seats and role cover); a part gets at least
:data:`RELAX_FLOOR` seconds, and parts past the share keep their generic fixes."""
RELAX_FLOOR = 1.0


def _budget(cfg: Settings, parts: int) -> float:
    """Each part's budget in *deterministic* seconds, fixed by the counts and settings
    alone, so the same input gives the same fixes and best-effort roster under any load
    (issue 14: no wall clock decides anything but the run's own --time-limit)."""
    total = RELAX_SHARE * cfg.time_limit
    return max(RELAX_FLOOR, total / max(parts, 1)) / cfg.wall_per_dtime


def role_cuts(datas: Sequence[PartData], conflicts: Mapping[int, list[Conflict]],
              cfg: Settings) -> dict[int, list[RoleCut]]:
    """For each part whose conflicts involve S3: the smallest cut of its role minimums that
    makes it feasible, when that alone can (:func:`~asn_scheduler.solver.relax.least_role_cut`)."""
    from asn_scheduler.solver.relax import least_role_cut

    out: dict[int, list[RoleCut]] = {}
    todo = [i for i, found in conflicts.items() if any("S3" in c.rules for c in found)]
    each = _budget(cfg, len(todo))
    for i in todo:
        got = least_role_cut(datas[i], budget=each, seed=cfg.seed)
        if got:
            out[i] = got
    return out


MSG_ROLE = Msg(
    "Atau turunkan Minimal Peran Hadir '{role}' unit {u} dari {need} menjadi {left}{exact}",
    "Or lower unit {u}'s Minimal Peran Hadir for '{role}' from {need} to {left}{exact}")
_EXACT = Msg(", angka terkecil yang cukup", ", the smallest that works")


def _role_text(data: PartData, cuts: Sequence[RoleCut]) -> Msg:
    parts = [MSG_ROLE.format(role=c.role, u=data.unit_codes[c.unit], need=c.need,
                             left=c.need - c.cut, exact=_EXACT.id if c.proven else "")
             for c in cuts]
    parts_en = [MSG_ROLE.format(role=c.role, u=data.unit_codes[c.unit], need=c.need,
                                left=c.need - c.cut, exact=_EXACT.en if c.proven else "")
                for c in cuts]
    return Msg(". ".join(p.id for p in parts), ". ".join(p.en for p in parts_en))


def _exact(x: Excess, proven: bool) -> Msg:
    if x.rule == "B1":
        msg = MSG_SEATS if proven else MSG_SEATS_BEST
        return msg.format(b=x.place, need=x.limit + x.extra, cap=x.limit, extra=x.extra,
                          less=x.limit + x.extra - 1)
    return MSG_CEILING.format(u=x.place, extra=x.extra, cap=x.limit)


MSG_EXACT_NOTE = Msg(
    ". Dihitung hari per hari; dengan semua aturan wajib bersama (termasuk batas mingguan), "
    "gedung ini perlu {need} kursi",
    ". Counted day by day; with every hard rule together (weekly limits included), the "
    "building needs {need} seats")
"""Appended to a building conflict: its figure is a day-by-day lower bound, the exact need
can be higher, and the message and the fix must never disagree."""
MSG_SEE_ABOVE = Msg("Perubahan terkecil untuk {b}: lihat di atas",
                    "Smallest change for {b}: see above")


def _bears(c: Conflict, unit_building: Mapping[str, str | None],
           own_cap: frozenset[str]) -> list[str]:
    """The conflict's rules whose planner fix can help here: S2 only where a unit of the
    conflict has its own ``Batas WFH (%)`` (else the cap is the regulation's)."""
    if c.unit is not None:
        units = {c.unit}
    else:
        units = {u for u, b in unit_building.items() if b is not None and b == c.building}
    return [r for r in c.rules if r != "S2" or units & own_cap]


def sharpen(datas: Sequence[PartData], conflicts: Mapping[int, list[Conflict]],
            relaxed: Mapping[int, Relaxation], unit_building: Mapping[str, str | None],
            dates: Sequence[date], own_cap: frozenset[str] = frozenset(),
            roles: Mapping[int, Sequence[RoleCut]] | None = None
            ) -> dict[int, list[Conflict]]:
    """``conflicts`` with planner fixes (:func:`fix_for`) that bear on them (``own_cap``:
    units with their own ``Batas WFH (%)``), and, where a part's relaxation gives one, the
    exact smallest change leading the fix of the first conflict it bears on (a B1 conflict
    of that building or of one of its units; a P1 conflict of that unit); later ones
    point back to it."""
    out: dict[int, list[Conflict]] = {}
    for i, found in conflicts.items():
        rx = relaxed.get(i)
        sharp = []
        said: set[tuple[str, str]] = set()
        for c in found:
            fix = fix_for(_bears(c, unit_building, own_cap))
            lead = []
            exact_note: Msg | None = None
            if rx is not None:
                for x in rx.excess:
                    if x.rule not in c.rules:
                        continue
                    here = (c.building == x.place if x.rule == "B1" and c.building
                            else unit_building.get(c.unit or "") == x.place if x.rule == "B1"
                            else c.unit == x.place)
                    if here:
                        key = (x.rule, x.place)
                        lead.append(MSG_SEE_ABOVE.format(b=x.place) if key in said
                                    else _exact(x, rx.proven))
                        said.add(key)
                        if x.rule == "B1" and c.building == x.place and rx.proven:
                            exact_note = MSG_EXACT_NOTE.format(need=x.limit + x.extra)
            if lead:
                fix = Msg(". ".join(m.id for m in lead) + ". Atau: " + fix.id,
                          ". ".join(m.en for m in lead) + ". Or: " + fix.en)
            cuts = [x for x in (roles or {}).get(i, ()) if "S3" in c.rules
                    and (c.unit is None or datas[i].unit_codes[x.unit] == c.unit)]
            if cuts and ("S3", "") not in said:
                said.add(("S3", ""))
                extra = _role_text(datas[i], cuts)
                fix = Msg(f"{fix.id} {extra.id}.", f"{fix.en} {extra.en}.")
            message = c.message if exact_note is None else Msg(
                f"{c.message.id}{exact_note.id}", f"{c.message.en}{exact_note.en}")
            sharp.append(replace(c, message=message, fix=fix))
        out[i] = sharp
    return out
