"""The independent checker: every rule re-verified on a finished roster, whoever made it.

Plain Python and numpy over the roster's codes; it reads the problem, the scenario and
:mod:`asn_scheduler.rules.data` (what a rule means), never a solver object. ``solve()``
runs it on every roster it returns, and ``asn-scheduler check`` on hand-made ones.

Example
-------
>>> report = check(problem, scenario, roster)          # doctest: +SKIP
>>> report.compliant, report.rule_counts["S2"]          # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from asn_scheduler.checker.facts import Facts as Facts
from asn_scheduler.checker.facts import derive as derive
from asn_scheduler.checker.hard import CHECKS as CHECKS
from asn_scheduler.checker.hard import (
    office_day_overflows,
    role_shortfalls,
    unrecorded_absences,
)
from asn_scheduler.checker.quality import assess
from asn_scheduler.checker.report import BuildingDay as BuildingDay
from asn_scheduler.checker.report import CheckReport as CheckReport
from asn_scheduler.checker.report import PersonFigures as PersonFigures
from asn_scheduler.checker.report import Quality as Quality
from asn_scheduler.checker.report import RosterProblem as RosterProblem
from asn_scheduler.checker.report import UnitDay as UnitDay
from asn_scheduler.domain.model import Problem
from asn_scheduler.domain.roster import Roster
from asn_scheduler.gc_pause import gc_paused
from asn_scheduler.scenario.model import Scenario


@gc_paused()
def check(problem: Problem, scenario: Scenario, roster: Roster, *,
          dates: Sequence[date] | None = None) -> CheckReport:
    """Check ``roster`` against every hard rule and measure the soft goals.

    Parameters
    ----------
    problem, scenario
        The staff, units, absences, buildings, calendar overrides, and the rules in force.
    roster
        Codes per employee per date, made by the solver or by hand.
    dates
        The dates the roster must cover; default the problem's period, else the
        roster's own dates.

    Returns
    -------
    CheckReport
        ``violations``: the hard-rule breaches of :data:`CHECKS` in registry order, then
        the soft findings (Q1, Q3); ``shortfalls`` (not breaches): role minimums above
        the holders present (S3), buildings over-full on ordinary office days (B1);
        ``roster_problems``: rows, dates or cells that do not match the problem (errors
        make the roster non-compliant; unrecorded absences are warnings); per-person,
        unit-day and building-day figures and the quality totals.
        The report is the same for the same inputs.
    """
    facts = derive(problem, scenario, roster, dates)
    hard = [v for check_rule in CHECKS.values() for v in check_rule(facts)]
    soft = assess(facts)
    return CheckReport(
        violations=tuple(hard) + soft.findings,
        persons=soft.persons,
        unit_days=soft.unit_days,
        building_days=soft.building_days,
        quality=soft.quality,
        shortfalls=tuple(role_shortfalls(facts)) + tuple(office_day_overflows(facts)),
        roster_problems=tuple(facts.roster_problems) + tuple(unrecorded_absences(facts)),
    )


__all__ = ["CHECKS", "BuildingDay", "CheckReport", "Facts", "PersonFigures", "Quality",
           "RosterProblem", "UnitDay", "check", "derive"]
