"""The CP-SAT adapter: the only package that imports ``ortools``.

One builder per hard rule (:data:`HARD_BUILDERS`) and per soft goal
(:data:`GOAL_BUILDERS`); :func:`solve_part` runs a part's lexicographic stages and
:func:`explain_part` finds infeasible cores. The engine hands over plain numpy data
(:class:`asn_scheduler.parts.data.PartData`) and gets plain data back.
"""

from asn_scheduler.solver.builders import HARD_BUILDERS as HARD_BUILDERS
from asn_scheduler.solver.cpsat import explain_part as explain_part
from asn_scheduler.solver.cpsat import solve_part as solve_part
from asn_scheduler.solver.goals import GOAL_BUILDERS as GOAL_BUILDERS
