"""The benchmark harness behind ``asn-scheduler bench``.

A fixed matrix of generated agencies (1,000; 10,000; 65,000 staff; one month) under
``se-17-2023`` and ``permenpanrb-4-2025``, each cell run in a fresh process and timed per
stage (read, build, solve, check, write) with its peak memory, model size, status, the
gap of every goal, and the checker's quality figures — beside three references measured in
the same run: the planner's A/B hand split, one monolithic CP-SAT model, and the HiGHS
peer (the same part models as MILPs, :mod:`asn_scheduler.engine.highs_stages`). Results go to
CSV and markdown; :mod:`~asn_scheduler.bench.targets` asserts the issue's targets.

Modules: :mod:`.matrix` (cells, periods, cached inputs), :mod:`.cell` (one cell, in its
process), :mod:`.runner` (processes, memory guard), :mod:`.memory` (PSS sampler),
:mod:`.handsplit` (reference a), :mod:`.rows` (columns, CSV), :mod:`.table` and
:mod:`.report` (table, markdown), :mod:`.targets`, :mod:`.compare` (``--against``).
"""

from asn_scheduler.bench.compare import compare as compare
from asn_scheduler.bench.compare import compare_text as compare_text
from asn_scheduler.bench.handsplit import hand_split as hand_split
from asn_scheduler.bench.matrix import Cell as Cell
from asn_scheduler.bench.matrix import bench_period as bench_period
from asn_scheduler.bench.matrix import matrix as matrix
from asn_scheduler.bench.rows import COLUMNS as COLUMNS
from asn_scheduler.bench.rows import read_csv as read_csv
from asn_scheduler.bench.runner import Settings as Settings
from asn_scheduler.bench.runner import run_matrix as run_matrix
from asn_scheduler.bench.table import text_table as text_table
from asn_scheduler.bench.targets import TARGETS as TARGETS
from asn_scheduler.bench.targets import evaluate as evaluate
from asn_scheduler.bench.targets import targets_text as targets_text
