"""One agency's outcome in a batch: a small, picklable record (a summary row)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

HAS_ROSTER = ("OPTIMAL", "FEASIBLE")
STATUSES = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "TIME_LIMIT", "INVALID", "INPUT_ERROR", "ERROR")
"""The engine's statuses, then ``INPUT_ERROR`` (the workbook cannot be used, or gives no
dates) and ``ERROR`` (the task crashed or its worker died more often than allowed)."""
LASTING = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "INPUT_ERROR")
"""Outcomes that depend only on the input, scenario and options, so a re-run may reuse
them (TIME_LIMIT, INVALID and ERROR are tried again)."""


@dataclass(frozen=True, slots=True)
class AgencyOutcome:
    """What a batch did with one agency.

    ``roster`` and ``detail`` are paths relative to the output folder (the roster workbook;
    the issues workbook, the explanation or the error text). ``wfh_share`` maps a service
    category's value (``layanan_langsung`` …) to WFH person-days over active person-days.
    ``seconds`` is the task's wall time (reading, solving, checking, writing) and
    ``cpu_seconds`` the processor time it used (the engine's child processes included), which
    a busy machine does not inflate; ``peak_mib``
    the peak resident memory of the process that ran it during the task (the worker's own
    baseline included). ``resumed``: taken from the manifest of an earlier run.
    ``previous``: the previous roster the agency chained from (a path as given), if any.
    """

    agency: str
    input: str
    status: str
    staff: int = 0
    units: int = 0
    days: int = 0
    wfh_share: dict[str, float] = field(default_factory=dict)
    fairness_max_gap: float | None = None
    fairness_within_one_day: float | None = None
    preferred_days: int = 0
    preferred_honoured: int = 0
    hard_violations: int | None = None
    seconds: float = 0.0
    cpu_seconds: float | None = None
    peak_mib: float | None = None
    roster: str | None = None
    detail: str | None = None
    reason: str = ""
    worker: str = ""
    resumed: bool = False
    previous: str | None = None

    @property
    def has_roster(self) -> bool:
        return self.status in HAS_ROSTER

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (the manifest's and ``--json``'s form)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgencyOutcome:
        """The outcome a manifest recorded (unknown keys ignored, so old manifests load)."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
