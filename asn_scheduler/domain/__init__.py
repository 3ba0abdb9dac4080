"""Domain core: plain validated objects. Imports no pandas, openpyxl or ortools."""

from asn_scheduler.domain.enums import AbsenceKind as AbsenceKind
from asn_scheduler.domain.enums import Code as Code
from asn_scheduler.domain.enums import Discipline as Discipline
from asn_scheduler.domain.enums import OverrideKind as OverrideKind
from asn_scheduler.domain.enums import PositionLevel as PositionLevel
from asn_scheduler.domain.enums import Sector as Sector
from asn_scheduler.domain.enums import ServiceCategory as ServiceCategory
from asn_scheduler.domain.enums import Weekday as Weekday
from asn_scheduler.domain.model import Absence as Absence
from asn_scheduler.domain.model import Building as Building
from asn_scheduler.domain.model import CalendarOverride as CalendarOverride
from asn_scheduler.domain.model import Employee as Employee
from asn_scheduler.domain.model import Period as Period
from asn_scheduler.domain.model import Problem as Problem
from asn_scheduler.domain.model import ProblemError as ProblemError
from asn_scheduler.domain.model import Unit as Unit
from asn_scheduler.domain.roster import Roster as Roster
