"""Rule IDs, labels, legal bases, and the Violation record."""

from asn_scheduler.rules.registry import HARD_RULE_IDS as HARD_RULE_IDS
from asn_scheduler.rules.registry import RULE_BY_ID as RULE_BY_ID
from asn_scheduler.rules.registry import RULES as RULES
from asn_scheduler.rules.registry import SOFT_GOAL_IDS as SOFT_GOAL_IDS
from asn_scheduler.rules.registry import RuleInfo as RuleInfo
from asn_scheduler.rules.violation import Violation as Violation
