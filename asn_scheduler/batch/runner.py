"""``run_batch``: every agency through the same library call, on a Dask cluster.

Agencies whose manifest is current are taken as they are (no cluster is even started
when all are); the rest are submitted largest file first, one task each, and gathered as
they finish. A task that raises is retried ``retries`` times (Dask ``retries=``), a task
whose worker dies as often (``allowed-failures``) is given up; both are then reported as
``ERROR`` with the cause written to ``gagal/<agency>-galat.txt``. The summary workbook and
CSV are written last, atomically, in input order.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn_scheduler.batch.cluster import local_workers, open_client
from asn_scheduler.batch.inputs import AgencyInput
from asn_scheduler.batch.manifest import FAILURES, BatchOptions, current_outcome, file_sha256
from asn_scheduler.batch.outcome import AgencyOutcome
from asn_scheduler.batch.report import write_summary
from asn_scheduler.batch.task import previous_sha, run_agency, write_text
from asn_scheduler.i18n import Msg

_ERROR = Msg("Galat: {e} (lihat {f})", "Error: {e} (see {f})")
_KILLED = Msg("pekerja mati {n} kali saat menjalankannya (memori habis atau dihentikan)",
              "its worker died {n} times while running it (out of memory or killed)")


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """A progress event: agencies finished (resumed ones included) of all, staff in the
    finished ones, seconds since the start, and the estimated seconds left (from the input
    bytes still to run at the rate so far; ``None`` before the first task ends)."""

    done: int
    total: int
    staff_done: int
    elapsed: float
    remaining: float | None
    last: AgencyOutcome | None = None


@dataclass(frozen=True)
class BatchResult:
    """A finished batch: one outcome per agency in input order, where the summary went."""

    outcomes: tuple[AgencyOutcome, ...]
    options: BatchOptions
    outdir: Path
    elapsed: float
    workers: int
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Every agency got a roster."""
        return all(o.has_roster for o in self.outcomes)

    @property
    def resumed(self) -> int:
        return sum(o.resumed for o in self.outcomes)


def run_batch(items: Sequence[AgencyInput], options: BatchOptions, outdir: str | Path, *,
              scheduler: str | None = None, workers: int | None = None, retries: int = 2,
              memory_limit: str | float | None = "auto",
              progress: Callable[[BatchProgress], None] | None = None,
              on_client: Callable[[Any], None] | None = None) -> BatchResult:
    """Run every agency of ``items`` under ``options``, writing into ``outdir``.

    ``scheduler``: a running Dask scheduler's address; else a local cluster of ``workers``
    processes (default: cores // ``options.solver_processes``) with ``memory_limit`` each.
    ``retries``: extra tries for a task that fails or whose worker dies. ``on_client`` is
    called with the Dask client once the tasks are submitted (for tests and monitors).

    Raises
    ------
    ClusterError
        Dask is missing, or the local cluster would exceed the cores.
    """
    if scheduler is None:
        local_workers(workers, options.solver_processes)   # refuse before writing anything
    root = Path(outdir)
    root.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    outcomes: dict[str, AgencyOutcome] = {}
    todo: list[AgencyInput] = []
    for item in items:
        recorded = current_outcome(root, item.agency, file_sha256(item.path), options,
                                   previous_sha(item, options))
        if recorded is None:
            todo.append(item)
        else:
            outcomes[item.agency] = AgencyOutcome.from_dict({**recorded, "resumed": True})
    meter = _Meter(len(items), todo, t0, progress)
    for o in outcomes.values():
        meter.finished(o, 0)
    n_workers = 0
    if todo:
        with open_client(scheduler=scheduler, workers=workers,
                         solver_processes=options.solver_processes, retries=retries,
                         memory_limit=memory_limit) as client:
            n_workers = len(client.scheduler_info()["workers"])
            outcomes.update(_run_on(client, todo, options, root, retries, meter, on_client))
    ordered = tuple(outcomes[i.agency] for i in items)
    files = write_summary(ordered, options, root)
    return BatchResult(ordered, options, root, time.perf_counter() - t0, n_workers, files)


def _run_on(client: Any, todo: list[AgencyInput], options: BatchOptions, root: Path,
            retries: int, meter: _Meter, on_client: Callable[[Any], None] | None
            ) -> dict[str, AgencyOutcome]:
    from distributed import as_completed

    sizes = {i.agency: i.size for i in todo}
    futures = {}
    for item in sorted(todo, key=lambda i: (-sizes[i.agency], i.agency)):
        fut = client.submit(run_agency, item, options, str(root), key=f"agency-{item.agency}",
                            retries=retries, pure=False)
        futures[fut] = item
    if on_client is not None:
        on_client(client)
    out: dict[str, AgencyOutcome] = {}
    for fut in as_completed(futures):
        item = futures[fut]
        if fut.status == "finished":
            outcome = fut.result()
        else:
            outcome = _failed(item, fut.exception(), fut.traceback(), root, options, retries)
        out[item.agency] = outcome
        meter.finished(outcome, sizes[item.agency])
        fut.release()
    return out


def _failed(item: AgencyInput, exc: BaseException | None, tb: Any, root: Path,
            options: BatchOptions, retries: int) -> AgencyOutcome:
    """The ERROR outcome of a task given up, with its cause written down (the traceback
    goes to the file for the developers, one line to the summary)."""
    from distributed import KilledWorker

    rel = f"{FAILURES}/{item.agency}-galat.txt"
    if isinstance(exc, KilledWorker):
        short = _KILLED.format(n=retries + 1).get(options.lang)
        text = short
    else:
        short = f"{type(exc).__name__}: {exc}"
        text = "".join(traceback.format_exception(type(exc), exc, tb)) if exc else short
    write_text(root / rel, text)
    return AgencyOutcome(agency=item.agency, input=item.path.name, status="ERROR", detail=rel,
                         reason=_ERROR.format(e=short, f=rel).get(options.lang))


class _Meter:
    """Counts finished agencies and turns them into :class:`BatchProgress` events."""

    def __init__(self, total: int, todo: list[AgencyInput], t0: float,
                 progress: Callable[[BatchProgress], None] | None):
        self.total, self.t0, self.progress = total, t0, progress
        self.done = self.staff = 0
        self.bytes_todo = sum(i.size for i in todo)
        self.bytes_done = 0

    def finished(self, outcome: AgencyOutcome, size: int) -> None:
        self.done += 1
        self.staff += outcome.staff
        self.bytes_done += size
        if self.progress is None:
            return
        elapsed = time.perf_counter() - self.t0
        remaining = (elapsed * (self.bytes_todo - self.bytes_done) / self.bytes_done
                     if self.bytes_done else None)
        self.progress(BatchProgress(self.done, self.total, self.staff, elapsed, remaining,
                                    outcome))
