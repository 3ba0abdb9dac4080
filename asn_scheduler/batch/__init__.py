"""Batch runs: many agencies, one task each, on Dask (a local cluster or a real one).

The library behind ``asn-scheduler batch``: :func:`find_inputs` names the agencies,
:func:`run_batch` runs them and writes a roster per agency, why the others failed, and a
summary. Dask is imported only when a batch runs (extra ``batch``).
"""

from asn_scheduler.batch.inputs import AgencyInput as AgencyInput
from asn_scheduler.batch.inputs import BatchInputError as BatchInputError
from asn_scheduler.batch.inputs import find_inputs as find_inputs
from asn_scheduler.batch.manifest import BatchOptions as BatchOptions
from asn_scheduler.batch.outcome import AgencyOutcome as AgencyOutcome
from asn_scheduler.batch.runner import BatchProgress as BatchProgress
from asn_scheduler.batch.runner import BatchResult as BatchResult
from asn_scheduler.batch.runner import run_batch as run_batch
