"""Every rule ID of the registry has a solver builder, a checker check, a label and a test
of its own; the builders are listed in registry order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asn_scheduler.rules import HARD_RULE_IDS, RULES, SOFT_GOAL_IDS
from asn_scheduler.solver.builders import HARD_BUILDERS
from asn_scheduler.solver.goals import GOAL_BUILDERS

TESTS = Path(__file__).parent
IDS = [r.id for r in RULES]


def test_every_hard_rule_has_one_builder_in_registry_order():
    assert list(HARD_BUILDERS) == list(HARD_RULE_IDS)
    for rid, b in HARD_BUILDERS.items():
        assert b.fix is not None or b.constrain is not None, rid


def test_every_soft_goal_has_one_builder_in_registry_order():
    assert list(GOAL_BUILDERS) == list(SOFT_GOAL_IDS)


def test_every_hard_rule_has_a_checker_check():
    checker = pytest.importorskip("asn_scheduler.checker",
                                  reason="the checker (asn_scheduler.checker.CHECKS) is not "
                                         "there yet")
    assert list(checker.CHECKS) == list(HARD_RULE_IDS)


@pytest.mark.parametrize("rid", IDS)
def test_every_rule_has_a_label_in_both_languages(rid):
    rule = next(r for r in RULES if r.id == rid)
    assert rule.label.id.strip() and rule.label.en.strip() and rule.basis.strip()


@pytest.mark.parametrize("rid", IDS)
def test_every_rule_has_a_test_of_its_own(rid):
    # a test function whose name carries the ID as a word: test_s2_…, test_f2_f3_f4_…
    pattern = re.compile(rf"^def test_\w*?(?<![a-z0-9]){rid.lower()}(?![0-9])\w*\(", re.M)
    found = [p.name for p in TESTS.glob("test_*.py") if pattern.search(p.read_text("utf-8"))]
    assert found, f"no test named after {rid}"
