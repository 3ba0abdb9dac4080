"""asn-scheduler: fair, rule-checked WFH/WFO rosters for Indonesian civil servants.

The public API is re-exported here; everything else is internal.
"""

from asn_scheduler._version import __version__ as __version__
from asn_scheduler.domain import (
    Absence as Absence,
)
from asn_scheduler.domain import (
    AbsenceKind as AbsenceKind,
)
from asn_scheduler.domain import (
    Building as Building,
)
from asn_scheduler.domain import (
    CalendarOverride as CalendarOverride,
)
from asn_scheduler.domain import (
    Code as Code,
)
from asn_scheduler.domain import (
    Discipline as Discipline,
)
from asn_scheduler.domain import (
    Employee as Employee,
)
from asn_scheduler.domain import (
    Period as Period,
)
from asn_scheduler.domain import (
    PositionLevel as PositionLevel,
)
from asn_scheduler.domain import (
    Problem as Problem,
)
from asn_scheduler.domain import (
    Roster as Roster,
)
from asn_scheduler.domain import (
    Sector as Sector,
)
from asn_scheduler.domain import (
    ServiceCategory as ServiceCategory,
)
from asn_scheduler.domain import (
    Unit as Unit,
)
from asn_scheduler.domain.problems import InputError as InputError
from asn_scheduler.domain.problems import InputProblem as InputProblem
from asn_scheduler.engine import Cancelled as Cancelled
from asn_scheduler.engine import Result as Result
from asn_scheduler.engine import Settings as Settings
from asn_scheduler.engine import Status as Status
from asn_scheduler.engine import replan as replan
from asn_scheduler.engine import solve as solve
from asn_scheduler.rules import RULES as RULES
from asn_scheduler.rules import Violation as Violation
from asn_scheduler.scenario import Scenario as Scenario
from asn_scheduler.scenario import list_scenarios as list_scenarios
from asn_scheduler.scenario import load_scenario as load_scenario
from asn_scheduler.scope import ScopeNote as ScopeNote
from asn_scheduler.scope import scope_notes as scope_notes
