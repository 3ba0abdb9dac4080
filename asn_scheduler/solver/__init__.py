"""The CP-SAT adapter: the only package that imports ``ortools``, and it imports nothing
from the engine that drives it.

One builder per hard rule (:data:`HARD_BUILDERS`) and per soft goal
(:data:`GOAL_BUILDERS`); :func:`run_stage` solves one stage of a part and
:func:`explain_part` finds infeasible cores. The engine (``engine/stages.py``) decides
the stages; it hands over plain numpy data (:class:`asn_scheduler.parts.data.PartData`)
and gets plain data back.
"""

from asn_scheduler.solver.builders import HARD_BUILDERS as HARD_BUILDERS
from asn_scheduler.solver.cpsat import explain_part as explain_part
from asn_scheduler.solver.cpsat import run_stage as run_stage
from asn_scheduler.solver.goals import GOAL_BUILDERS as GOAL_BUILDERS
