"""The scenario a run uses: the shipped (or given) scenario with the workbook's settings
and the command line's ``--set`` applied, the command line winning, and the notes a
planner should see about regions.

The order of precedence, later winning: the scenario file, sheet ``Level PPKM`` (as
``wfo_max.periods``), the scenario keys of sheet ``Pengaturan``, then ``--set`` in the
order given. Every override is recorded on the scenario (``Scenario.overrides``): it is
part of the scenario hash, the summary and the Info Run sheet.
"""

from __future__ import annotations

from collections.abc import Sequence

from asn_scheduler.domain.model import PpkmLevel, Problem
from asn_scheduler.i18n import Msg
from asn_scheduler.scenario.loader import ScenarioError, load_scenario
from asn_scheduler.scenario.model import Override, Scenario
from asn_scheduler.scenario.overrides import OverrideKeyError, check_key, parse_set

LEVEL_SHEET = "Level PPKM"
SETTINGS_SHEET = "Pengaturan"


def sheet_overrides(problem: Problem | None) -> list[Override]:
    """The scenario parameter keys of ``problem.settings`` (the sheet's other keys, such as
    ``agency_name``, are not scenario parameters), in sheet row order."""
    if problem is None:
        return []
    out = []
    for key, value in problem.settings.items():
        try:
            canon = check_key(key)
        except OverrideKeyError:
            continue
        out.append(Override(canon, value, SETTINGS_SHEET, problem.settings_rows.get(key)))
    return sorted(out, key=lambda o: o.row or 0)


def periods_text(levels: Sequence[PpkmLevel]) -> str:
    """``Wilayah:MULAI..SELESAI:LEVEL; …`` (the ``wfo_max.periods`` text form)."""
    return "; ".join(f"{x.region}:{x.start.isoformat() if x.start else ''}.."
                     f"{x.end.isoformat() if x.end else ''}:{x.level}" for x in levels)


def scenario_for_run(name: str | Scenario, problem: Problem | None = None,
                     sets: Sequence[str] = ()) -> tuple[Scenario, list[Msg]]:
    """The scenario for a run, and notes for the planner.

    ``name`` is a scenario ID or path (a :class:`Scenario` is returned as it is, with the
    region notes); ``sets`` are ``KEY=VALUE`` texts from ``--set``.

    Raises
    ------
    ScenarioError
        A ``--set`` without ``=``, with an unknown key (did you mean…) or an invalid value.
    InputError
        An invalid value from the workbook (with its sheet and row).
    """
    if isinstance(name, Scenario):
        return name, region_notes(problem, name)
    notes: list[Msg] = []
    try:
        cli = [parse_set(s) for s in sets]
    except OverrideKeyError as exc:
        raise ScenarioError(exc.msg) from None
    overrides = sheet_overrides(problem)
    if problem is not None and problem.ppkm_levels:
        plain = load_scenario(name)
        wm = plain.policy.wfo_max
        if wm is not None and wm.kind == "ppkm":
            overrides.insert(0, Override("wfo_max.periods", periods_text(problem.ppkm_levels),
                                         LEVEL_SHEET, problem.ppkm_levels[0].row))
        else:
            notes.append(Msg(
                "Lembar Level PPKM diabaikan: skenario {s} tidak memakai tabel PPKM.",
                "Sheet Level PPKM ignored: scenario {s} has no PPKM table.").format(s=plain.id))
    scenario = load_scenario(name, [*overrides, *cli])
    return scenario, notes + region_notes(problem, scenario)


def region_notes(problem: Problem | None, scenario: Scenario) -> list[Msg]:
    """Warnings about units whose blank ``Wilayah`` decides something: outside every
    region-scoped window of the scenario's chain, or "luar Jawa–Bali" at the default
    level under a PPKM table."""
    if problem is None:
        return []
    blank = [u.code for u in problem.units if not (u.region or "").strip()]
    if not blank:
        return []
    shown = ", ".join(blank[:8]) + (f" (+{len(blank) - 8})" if len(blank) > 8 else "")
    notes = []
    s: Scenario | None = scenario
    while s is not None:
        if s.window is not None and s.window.regions:
            notes.append(Msg(
                "{n} unit tanpa Wilayah ({u}) berada di luar wilayah skenario {s} ({r}) dan "
                "tidak mendapat aturannya; isi kolom Wilayah di lembar Unit.",
                "{n} unit(s) without Wilayah ({u}) are outside the region of scenario {s} "
                "({r}) and do not get its rules; fill in column Wilayah in sheet Unit.").format(
                n=len(blank), u=shown, s=s.id, r=", ".join(sorted(s.window.regions))))
        wm = s.policy.wfo_max
        if wm is not None and wm.kind == "ppkm":
            notes.append(Msg(
                "{n} unit tanpa Wilayah ({u}) dihitung luar Jawa–Bali dengan level PPKM "
                "bawaan {lv} pada skenario {s}; isi kolom Wilayah di lembar Unit.",
                "{n} unit(s) without Wilayah ({u}) count as outside Jawa–Bali at the default "
                "PPKM level {lv} under scenario {s}; fill in column Wilayah in sheet Unit."
            ).format(n=len(blank), u=shown, lv=wm.default_level, s=s.id))
        s = s.baseline
    return notes
