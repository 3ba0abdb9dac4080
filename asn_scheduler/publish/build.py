"""Build a :class:`~asn_scheduler.publish.model.Publication` from a solved or audited
roster (the library side of ``solve --pdf`` and of the roster workbook's print sheets)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asn_scheduler.domain.calendar import Calendar
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.publish.model import Imprint, Person, Publication, UnitInfo
from asn_scheduler.scenario.model import Scenario

if TYPE_CHECKING:
    from asn_scheduler.engine.result import Result


def problem_imprint(problem: Problem, given: Imprint | None = None) -> Imprint:
    """The imprint of ``problem``: ``given`` (command-line options) over the input's
    ``Pengaturan`` settings, the agency's name falling back to the input file's name.

    ``Problem.settings`` (``Mapping[str, str]``) is read when the problem has it.
    """
    settings = getattr(problem, "settings", None) or {}
    base = Imprint.from_settings(settings)
    if not base.agency:
        base = Imprint(agency=problem.name).over(base)
    return base if given is None else given.over(base)


def publication(problem: Problem, scenario: Scenario, roster: Roster,
                imprint: Imprint | None = None) -> Publication:
    """The publication of ``roster`` for ``problem`` under ``scenario``.

    Parameters
    ----------
    problem, scenario, roster
        The roster's rows are matched to ``problem``'s staff by NIP (names and units
        come from ``problem``; a NIP not in it keeps a blank name).
    imprint
        Agency name and signatory given by the caller; blank fields fall back to the
        problem's settings and file name (:func:`problem_imprint`).
    """
    by_nip = {e.nip: e for e in problem.employees}
    people = tuple(
        Person(nip, by_nip[nip].name, by_nip[nip].unit_code) if nip in by_nip
        else Person(nip, "", "") for nip in roster.nips)
    units = tuple(UnitInfo(u.code, u.name or u.code) for u in problem.units)
    holidays = Calendar(roster.dates, problem.overrides).holidays
    return Publication(problem_imprint(problem, imprint), scenario.id, scenario.title,
                       scenario.basis, roster, people, units, holidays)


def result_publication(result: Result, imprint: Imprint | None = None) -> Publication:
    """The publication of a solve's (or re-plan's) roster; ``result.roster`` must exist."""
    if result.roster is None:
        raise ValueError(f"a {result.status.value} result has no roster to publish")
    return publication(result.problem, result.scenario, result.roster, imprint)
