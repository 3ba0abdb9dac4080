"""One home per rule (issue 13): what a planner is told about a rule, which scenario
parameters drive it and when it is in force are read from the rule object."""

from __future__ import annotations

import dataclasses

from worlds import admin_unit, world

from asn_scheduler.domain import Building
from asn_scheduler.engine.explain import FIX, WHY
from asn_scheduler.rules.registry import HARD_RULE_IDS, RULE_BY_ID, RULES, rules_of_param
from asn_scheduler.scenario.loader import load_scenario
from asn_scheduler.scenario.model import Policy


def test_every_hard_rule_says_what_to_change_in_both_languages():
    for rid in HARD_RULE_IDS:
        fix = RULE_BY_ID[rid].fix
        assert fix is not None and fix.id and fix.en and fix.id != fix.en, rid
    assert {r.id: r.fix for r in RULES if r.fix is not None} == FIX
    assert set(WHY) <= set(HARD_RULE_IDS)


def test_scenario_parameters_name_the_rules_they_drive():
    assert rules_of_param("max_flex_days_per_week") == "F1"
    assert rules_of_param("eligibility") == "F2-F4"
    assert rules_of_param("goals") == "Q0-Q4"
    assert rules_of_param("title") == ""
    names = {f.name for f in dataclasses.fields(Policy)}
    unknown = {p for r in RULES for p in r.params} - names - {"window", "goals",
                                                              "max_consecutive_wfh"}
    assert not unknown, unknown  # a parameter the scenario files do not have


def test_in_force_follows_the_policies_and_the_agency():
    unit, staff = admin_unit("A", 3)
    plain = world(staff, [unit])
    housed = world(staff, [dataclasses.replace(unit, building="G")],
                   buildings=[Building("G", 2)])
    sc = load_scenario("se-58-2020")
    on = dataclasses.replace(sc.policy, building_capacity=True)
    off = dataclasses.replace(sc.policy, building_capacity=False)
    b1 = RULE_BY_ID["B1"].in_force
    assert b1([on], housed) and not b1([off], housed) and not b1([on], plain)
    assert RULE_BY_ID["C1"].in_force([off], plain)  # the rest always apply
