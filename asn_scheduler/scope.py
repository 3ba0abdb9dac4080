"""Where and when a scenario applies to this agency's roster, in plain words (rule E1).

A circular has a date window and sometimes a region (SE 17/2023: DKI Jakarta, 28 Aug–
7 Sep 2023). Outside them its baseline applies (normal office work, or PermenPANRB
4/2025 for SE 2/2026), so a roster of a Central Java regency for March 2026 under
SE 17/2023 is simply "everyone in the office", which must never pass for a normal
result. :func:`scope_notes` says so for ``solve``, ``compare``, ``check`` and the web
page alike. It only *reads* the scenario's own window and region checks
(:meth:`~asn_scheduler.scenario.model.Window.contains`,
:meth:`~asn_scheduler.scenario.model.Window.covers_region`): region matching lives there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from asn_scheduler import fmt
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.regions import display_name
from asn_scheduler.i18n import Lang, Msg
from asn_scheduler.scenario.model import Scenario

NoteKind = Literal["none_apply", "dates", "units", "period_sheet"]

OFFICE = Msg("kerja normal di kantor (Perpres 21/2023): semua pegawai WFO, tanpa WFH",
             "normal office work (Perpres 21/2023): everyone WFO, no WFH")

_NONE_APPLY = Msg(
    "Skenario {s} tidak berlaku untuk jadwal ini: {why}. Yang berlaku di seluruh jadwal "
    "adalah {base}; angka WFH jadwal ini mencerminkan itu, bukan {s}.",
    "Scenario {s} does not apply to this roster: {why}. What applies on every date is "
    "{base}; this roster's WFH figures reflect that, not {s}.")
_WHY_DATES = Msg("ia hanya berlaku {window}, sedangkan jadwal {dates}",
                 "it applies only {window}, while the roster runs {dates}")
_WHY_REGION = Msg("ia hanya berlaku di {regions}, sedangkan unit di {theirs}",
                  "it applies only in {regions}, while the units are in {theirs}")
_DATES = Msg(
    "{s} hanya berlaku {window}: {n} dari {total} tanggal jadwal di luar rentang itu "
    "({out}); pada tanggal itu berlaku {base}.",
    "{s} applies only {window}: {n} of the roster's {total} dates fall outside it ({out}); "
    "on those dates {base} applies.")
_UNITS = Msg(
    "{s} hanya berlaku di {regions}: {n} dari {total} unit di luar wilayah itu ({units}); "
    "bagi unit itu berlaku {base}.",
    "{s} applies only in {regions}: {n} of {total} units are outside it ({units}); for those "
    "units {base} applies.")
_NO_REGION = Msg("tanpa Wilayah", "no Wilayah")
_PERIOD_SHEET = Msg(
    "Tanggal jadwal diambil dari lembar Periode ({dates}), bukan dari rentang {s} sendiri "
    "({window}). Untuk memakai rentang skenario, hapus lembar Periode atau beri --start/--end.",
    "The roster dates come from sheet Periode ({dates}), not from {s}'s own window "
    "({window}). To use the scenario's window, delete sheet Periode or give --start/--end.")


@dataclass(frozen=True, slots=True)
class ScopeNote:
    """One thing a planner must know about the scenario's reach.

    ``kind``: ``none_apply`` (the scenario reaches no unit on any roster date: the roster is
    its baseline), ``dates`` (some dates outside its window), ``units`` (some units outside
    its region), ``period_sheet`` (sheet Periode chose dates other than the scenario's).
    ``days`` and ``units`` list what is outside.
    """

    kind: NoteKind
    message: Msg
    days: tuple[date, ...] = ()
    units: tuple[str, ...] = ()

    def text(self, lang: Lang = "id") -> str:
        """The note in ``lang``."""
        return self.message.get(lang)


def baseline_text(scenario: Scenario) -> Msg:
    """What applies outside the scenario's window and region: its baseline's title, or
    normal office work."""
    base = scenario.baseline
    if base is None:
        return OFFICE
    return Msg(f"{base.id} ({base.title.id})", f"{base.id} ({base.title.en})")


def _window_text(scenario: Scenario) -> Msg:
    ranges = scenario.window.ranges if scenario.window else ()
    parts_id, parts_en = [], []
    for a, b in ranges:
        if b is None:
            parts_id.append(f"sejak {fmt.day(a, 'id')}")
            parts_en.append(f"from {fmt.day(a, 'en')}")
        else:
            parts_id.append(fmt.day_range(a, b, "id"))
            parts_en.append(fmt.day_range(a, b, "en"))
    return Msg(" dan ".join(parts_id), " and ".join(parts_en))


def _listed(items: Sequence[str], most: int = 6) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" … (+{len(items) - most})" if len(items) > most else "")


def scope_notes(problem: Problem, scenario: Scenario, dates: Sequence[date],
                dates_from: str | None = None) -> list[ScopeNote]:
    """What a planner must be told about ``scenario``'s reach over ``problem`` on ``dates``.

    Empty when the scenario applies to every unit on every date (or has no window).
    ``dates_from`` is where the dates came from (``"period"`` for sheet Periode, as in
    :func:`dates_source`); a Periode that leaves out the scenario's
    own dates is named as the cause.

    A ``none_apply`` note comes alone with, when it applies, the ``period_sheet`` note:
    listing every date and unit outside would only repeat it.
    """
    w = scenario.window
    if w is None or not dates:
        return []
    sid = scenario.id
    base = baseline_text(scenario)
    window = _window_text(scenario)
    out_days = tuple(d for d in dates if not w.contains(d))
    units = problem.units
    out_units = tuple(u for u in units if not w.covers_region(u.region))
    notes: list[ScopeNote] = []
    own = scenario.default_period
    if dates_from == "period" and own is not None and len(out_days) == len(dates):
        span = {lang: fmt.day_range(dates[0], dates[-1], lang) for lang in ("id", "en")}
        notes.append(ScopeNote("period_sheet", Msg(
            _PERIOD_SHEET.id.format(s=sid, window=window.id, dates=span["id"]),
            _PERIOD_SHEET.en.format(s=sid, window=window.en, dates=span["en"])),
            days=out_days))
    regions = sorted(w.regions)
    region_id = " / ".join(display_name(r) for r in regions)
    theirs = sorted({u.region or "" for u in out_units})
    theirs_id = _listed([t or _NO_REGION.id for t in theirs])
    theirs_en = _listed([t or _NO_REGION.en for t in theirs])
    none_apply = len(out_days) == len(dates) or (units and len(out_units) == len(units))
    if none_apply:
        span = {lang: fmt.day_range(dates[0], dates[-1], lang) for lang in ("id", "en")}
        whys: list[Msg] = []
        if len(out_days) == len(dates):
            whys.append(Msg(_WHY_DATES.id.format(window=window.id, dates=span["id"]),
                            _WHY_DATES.en.format(window=window.en, dates=span["en"])))
        if units and len(out_units) == len(units):
            whys.append(Msg(_WHY_REGION.id.format(regions=region_id, theirs=theirs_id),
                            _WHY_REGION.en.format(regions=region_id, theirs=theirs_en)))
        why = Msg("; ".join(m.id for m in whys), "; ".join(m.en for m in whys))
        msg = Msg(_NONE_APPLY.id.format(s=sid, why=why.id, base=base.id),
                  _NONE_APPLY.en.format(s=sid, why=why.en, base=base.en))
        notes.insert(0, ScopeNote("none_apply", msg, days=out_days,
                                  units=tuple(u.code for u in out_units)))
        return notes
    if out_days:
        notes.append(ScopeNote("dates", Msg(
            _DATES.id.format(s=sid, window=window.id, n=len(out_days), total=len(dates),
                             out=fmt.runs(out_days, "id"), base=base.id),
            _DATES.en.format(s=sid, window=window.en, n=len(out_days), total=len(dates),
                             out=fmt.runs(out_days, "en"), base=base.en)), days=out_days))
    if out_units:
        codes = _listed([u.code for u in out_units])
        notes.append(ScopeNote("units", Msg(
            _UNITS.id.format(s=sid, regions=region_id, n=len(out_units), total=len(units),
                             units=f"{codes}; {theirs_id}", base=base.id),
            _UNITS.en.format(s=sid, regions=region_id, n=len(out_units), total=len(units),
                             units=f"{codes}; {theirs_en}", base=base.en)),
            units=tuple(u.code for u in out_units)))
    return notes


def in_force(rule: str, problem: Problem, scenario: Scenario) -> bool:
    """Whether ``scenario`` (or a baseline under it) can make hard rule ``rule`` bite at all
    for ``problem`` (the rule object's own test, :mod:`asn_scheduler.rules.registry`). A
    rule not in force neither passes nor fails: reports say "tidak berlaku"."""
    from asn_scheduler.rules.registry import RULE_BY_ID

    policies, sc = [], scenario
    while sc is not None:
        policies.append(sc.policy)
        sc = sc.baseline
    return RULE_BY_ID[rule].in_force(policies, problem)


def dates_source(problem: Problem, start: date | None, end: date | None) -> str:
    """Where the dates of a solve came from: ``start/end``, ``period`` (the workbook's
    sheet Periode) or ``scenario`` (each scenario's own window)."""
    if start is not None or end is not None:
        return "start/end"
    return "period" if problem.period is not None else "scenario"
