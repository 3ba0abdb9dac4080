"""Scenarios described for people: short legal basis, window, region, a rule summary, and
whether a scenario covers an agency's dates and units.

Shared by ``asn-scheduler scenarios`` and the web page, so both say the same thing.
Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from asn_scheduler.domain.enums import ServiceCategory
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.regions import display_name
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.scenario.model import Scenario

_INSTRUMENT = re.compile(r"(Surat Edaran|Peraturan) Menteri PANRB Nomor (\d+) Tahun (\d{4})")
_LETTER = re.compile(r"Surat Menteri PANRB Nomor (\S+)")


def short_basis(basis: str) -> str:
    """``SE MenPANRB 17/2023`` / ``PermenPANRB 4/2025`` from a full legal title, else the
    title itself."""
    m = _INSTRUMENT.search(basis)
    if m is None:
        letter = _LETTER.search(basis)
        return f"Surat MenPANRB {letter.group(1)}" if letter else basis
    kind = "SE MenPANRB" if m.group(1) == "Surat Edaran" else "PermenPANRB"
    return f"{kind} {m.group(2)}/{m.group(3)}"


def dates_text(sc: Scenario, lang: Lang) -> str:
    """The scenario's date window (``always`` without one)."""
    if sc.window is None:
        return Msg("selalu", "always").get(lang)
    return ", ".join(f"{a.isoformat()}..{b.isoformat() if b else ''}"
                     for a, b in sc.window.ranges)


def region_text(sc: Scenario, lang: Lang) -> str:
    """The provinces the scenario covers (``national`` without a region scope)."""
    if sc.window is None or not sc.window.regions:
        return Msg("nasional", "national").get(lang)
    return ", ".join(display_name(r) for r in sorted(sc.window.regions))


def rule_summary(sc: Scenario) -> list[Msg]:
    """A few lines saying what the scenario's own policy sets (rule IDs in brackets)."""
    p = sc.policy
    out: list[Msg] = []
    if p.direct_service_wfo:
        out.append(Msg("[S1] Layanan langsung 100% WFO", "[S1] Direct services 100% WFO"))
    caps = [(c, v) for c, v in p.wfh_cap_pct.items() if c is not ServiceCategory.LAYANAN_LANGSUNG]
    if caps:
        out.append(Msg("[S2] WFH paling banyak " + ", ".join(
            f"{v:g}% {c.label('id')}" for c, v in caps) + " per unit per hari",
            "[S2] WFH at most " + ", ".join(f"{v:g}% {c.label('en')}" for c, v in caps)
            + " per unit per day"))
    if p.senior_levels_wfo:
        out.append(Msg(f"[L1] {p.senior_levels_wfo} tingkat struktural tertinggi WFO",
                       f"[L1] the top {p.senior_levels_wfo} structural levels WFO"))
    if p.max_flex_days_per_week is not None:
        out.append(Msg(f"[F1] paling banyak {p.max_flex_days_per_week} hari fleksibel per minggu",
                       f"[F1] at most {p.max_flex_days_per_week} flexible days a week"))
    if p.eligibility:
        ids = "/".join(sorted(p.eligibility))
        out.append(Msg(f"[{ids}] syarat WFH: tanpa hukuman disiplin, bukan pegawai baru, "
                       "jabatan boleh fleksibel",
                       f"[{ids}] WFH eligibility: no disciplinary sanction, not a new "
                       "employee, a position allowed flexible work"))
    if p.wfo_max is not None:
        kind = Msg("level PPKM", "PPKM level") if p.wfo_max.kind == "ppkm" else Msg(
            "zona risiko", "risk zone")
        out.append(Msg(f"[P1] batas WFO menurut {kind.id}", f"[P1] WFO ceiling by {kind.en}"))
    base = sc.baseline.id if sc.baseline else "kantor"
    out.append(Msg(f"[E1] di luar tanggal/wilayah: {base}", f"[E1] outside its dates/region: "
                   f"{'office' if base == 'kantor' else base}"))
    return out


def coverage(problem: Problem, sc: Scenario, dates: Sequence[date]) -> list[Msg]:
    """Warnings when ``sc`` does not cover every date in ``dates`` or every unit of
    ``problem`` (rule E1: outside, its baseline applies). Empty when it covers all."""
    if sc.window is None:
        return []
    base = sc.baseline.id if sc.baseline else "kantor (WFO)"
    out: list[Msg] = []
    outside = [d for d in dates if not sc.window.contains(d)]
    if outside and dates:
        out.append(Msg(
            f"{len(outside)} dari {len(dates)} tanggal ({outside[0].isoformat()} …) di luar "
            f"jendela skenario ({dates_text(sc, 'id')}); di sana berlaku {base}.",
            f"{len(outside)} of {len(dates)} dates ({outside[0].isoformat()} …) are outside "
            f"the scenario's window ({dates_text(sc, 'en')}); {base} applies there."))
    units = [u for u in problem.units if not sc.window.covers_region(u.region)]
    if units:
        names = ", ".join(u.code for u in units[:5]) + (" …" if len(units) > 5 else "")
        out.append(Msg(
            f"{len(units)} dari {len(problem.units)} unit di luar wilayah skenario "
            f"({region_text(sc, 'id')}): {names}; bagi mereka berlaku {base}.",
            f"{len(units)} of {len(problem.units)} units are outside the scenario's region "
            f"({region_text(sc, 'en')}): {names}; {base} applies to them."))
    return out
