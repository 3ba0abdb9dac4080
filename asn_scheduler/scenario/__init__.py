"""Scenarios (one per circular) as data: policy parameters, window, baseline."""

from asn_scheduler.scenario.loader import ScenarioError as ScenarioError
from asn_scheduler.scenario.loader import list_scenarios as list_scenarios
from asn_scheduler.scenario.loader import load_scenario as load_scenario
from asn_scheduler.scenario.loader import scenario_names as scenario_names
from asn_scheduler.scenario.loader import scenarios_dir as scenarios_dir
from asn_scheduler.scenario.model import OFFICE_POLICY as OFFICE_POLICY
from asn_scheduler.scenario.model import Policy as Policy
from asn_scheduler.scenario.model import Scenario as Scenario
from asn_scheduler.scenario.model import WfoMax as WfoMax
from asn_scheduler.scenario.model import Window as Window
