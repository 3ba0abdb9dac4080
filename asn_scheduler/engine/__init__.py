"""The roster engine: compile, decompose, solve, explain, re-plan.

Imports no solver at module level: CP-SAT (``asn_scheduler.solver``) loads on the first
solve, so the rest of the package works without ``ortools``.
"""

from asn_scheduler.domain.roster import CellChange as CellChange
from asn_scheduler.engine.context import PeriodError as PeriodError
from asn_scheduler.engine.context import resolve_dates as resolve_dates
from asn_scheduler.engine.parallel import Cancelled as Cancelled
from asn_scheduler.engine.replan import ReplanResult as ReplanResult
from asn_scheduler.engine.replan import replan as replan
from asn_scheduler.engine.result import Conflict as Conflict
from asn_scheduler.engine.result import PartStats as PartStats
from asn_scheduler.engine.result import Result as Result
from asn_scheduler.engine.result import StageResult as StageResult
from asn_scheduler.engine.result import Status as Status
from asn_scheduler.engine.settings import Settings as Settings
from asn_scheduler.engine.solve import Progress as Progress
from asn_scheduler.engine.solve import SolverBug as SolverBug
from asn_scheduler.engine.solve import solve as solve
