"""Run the matrix: each cell in a fresh process, its memory watched from outside.

Cells run one after another (never two at once: they would share the cores and spoil each
other's times). The runner starts the cell in its own session, samples the memory of the
cell's process tree (:class:`~asn_scheduler.bench.memory.TreeSampler`), and kills the
tree — only that session, which it started — when the cell passes its memory limit
(status ``OUT_OF_MEMORY``) or its wall-clock limit (``KILLED``). The row keeps whatever
was measured.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from asn_scheduler.bench.matrix import Cell, bench_period, ensure_input, input_path
from asn_scheduler.bench.memory import TreeSampler
from asn_scheduler.bench.rows import Row, derived, empty_row
from asn_scheduler.scenario.loader import load_scenario

MONO_MAX_MIB = 12_288.0
"""Default memory limit of the monolithic reference (a prototype took 8 GB at 65,000)."""


@dataclass(frozen=True)
class Settings:
    """What every cell of a run shares.

    ``mono_max_mib``: the monolithic reference is killed above it. ``cell_timeout``:
    seconds before any cell is killed (default ``300 + 5 × time_limit``). ``effort``: the
    engine's effort on Q2–Q4 (``asn-scheduler solve --effort``; 0 skips them), for the
    engine's cells only: the monolithic reference has one budget for every goal.
    """

    time_limit: float = 60.0
    effort: float = 1.0
    seed: int = 0
    workers: int | None = None
    out_dir: Path = Path("benchmarks/results")
    cache_dir: Path = Path("benchmarks/.cache")
    keep: bool = False
    lang: str = "id"
    mono_max_mib: float = MONO_MAX_MIB
    cell_timeout: float | None = None

    @property
    def timeout(self) -> float:
        return self.cell_timeout if self.cell_timeout is not None else 300 + 5 * self.time_limit


def _kill(proc: subprocess.Popen) -> None:
    """Kill the cell's session (its process and the workers it forked)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def run_cell_process(cell: Cell, input_path: Path, settings: Settings) -> Row:
    """Run ``cell`` in a fresh ``python -m asn_scheduler.bench.cell`` and return its row,
    with peak memory (MiB, PSS of the process tree; source in ``mem_source``) and the
    start-up time (interpreter and imports). Never raises for a failed cell: the row's
    status says what happened (``ERROR``, ``KILLED``, ``OUT_OF_MEMORY`` …)."""
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    result = settings.out_dir / f".cell-{os.getpid()}-{cell.stem}.json"
    result.unlink(missing_ok=True)
    limit = settings.mono_max_mib if cell.method == "mono" else None
    spec = {"size": cell.size, "scenario": cell.scenario, "method": cell.method,
            "input": str(input_path), "seed": settings.seed,
            "time_limit": settings.time_limit, "effort": settings.effort,
            "workers": settings.workers, "out_dir": str(settings.out_dir),
            "keep": settings.keep, "lang": settings.lang,
            "result": str(result), "max_mib": limit}
    launched = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "asn_scheduler.bench.cell", json.dumps(spec)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            start_new_session=True)
    sampler = TreeSampler(proc.pid, limit, lambda _mib: _kill(proc)).start()
    killed = False
    t0 = time.perf_counter()
    try:
        proc.wait(timeout=settings.timeout)
    except subprocess.TimeoutExpired:
        killed = True
        _kill(proc)
        proc.wait()
    except BaseException:  # Ctrl-C: do not leave a cell running
        _kill(proc)
        proc.wait()
        raise
    finally:
        sampler.stop()

    row = empty_row(cell.size, cell.scenario, cell.method)
    # ``wall`` (launch to exit) is for progress lines only: not a CSV column
    row.update(seed=settings.seed, time_limit=settings.time_limit,
               effort=settings.effort if cell.method == "parts" else None,
               wall=time.perf_counter() - t0)
    got: Row = {}
    if result.is_file():
        got = json.loads(result.read_text(encoding="utf-8"))
        result.unlink()
    ready, rusage = got.pop("ready_at", None), got.pop("rusage_mib", None)
    row.update(got)
    if ready is not None:
        row["t_startup"] = max(0.0, ready - launched)
    if sampler.peak_mib is not None:
        row.update(peak_mib=round(sampler.peak_mib, 1), mem_source=sampler.source)
    elif rusage is not None:
        row.update(peak_mib=round(rusage, 1), mem_source="rusage")
    if killed or sampler.exceeded or proc.returncode:
        # a killed cell cannot clean up: remove its half-written roster (atomic_path's file)
        for tmp in settings.out_dir.glob(f".roster-{cell.stem}-*"):
            tmp.unlink(missing_ok=True)
    if sampler.exceeded:
        row.update(status="OUT_OF_MEMORY", note=f"killed above {limit:.0f} MiB")
    elif killed:
        row.update(status="KILLED", note=f"killed after {settings.timeout:.0f} s")
    elif not got:
        row.update(status="KILLED" if proc.returncode < 0 else "ERROR",
                   note=f"exit code {proc.returncode}")
    if cell.method == "ab":  # quality only: its memory is not a figure of the comparison
        row.update(peak_mib=None, mem_source=None)
    return derived(row)


def run_matrix(cells: Sequence[Cell], settings: Settings,
               on_event: Callable[[str, int, Cell, Row | None], None] | None = None
               ) -> list[Row]:
    """Every cell's row, in ``cells`` order. Input workbooks are generated first (and
    cached) for each (size, scenario period). ``on_event(kind, index, cell, row)`` is
    called with ``"input"`` before an input is generated, ``"start"`` before a cell and
    ``"done"`` (with its row) after it."""
    names = dict.fromkeys(c.scenario for c in cells)
    periods = {sc: bench_period(load_scenario(sc)) for sc in names}
    inputs: dict[tuple[int, str], Path] = {}
    for i, c in enumerate(cells):
        key = (c.size, c.scenario)
        if key not in inputs:
            period = periods[c.scenario]
            if on_event and not input_path(settings.cache_dir, c.size, settings.seed,
                                           period).is_file():
                on_event("input", i, c, None)
            inputs[key], _ = ensure_input(settings.cache_dir, c.size, settings.seed, period)
    rows = []
    for i, c in enumerate(cells):
        if on_event:
            on_event("start", i, c, None)
        row = run_cell_process(c, inputs[(c.size, c.scenario)], settings)
        rows.append(row)
        if on_event:
            on_event("done", i, c, row)
    return rows
