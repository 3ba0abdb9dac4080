"""Run part solves across processes (or in this one when that is faster).

Workers are forked from this process where the platform allows (Linux): they start in
milliseconds and, unlike ``spawn``/``forkserver``, do not re-import the caller's main
script (an unguarded script would otherwise run again in every worker). Elsewhere a
``forkserver`` that has imported the solver is used. Small jobs, and ``workers=1``
always, stay in-process (no pool: a caller that is itself a worker process, e.g. a Dask
worker, cannot start one). Results come back by part index, so the order of completion
never changes the roster. A ``cancel`` check runs between parts.

Stopping: on any exception in the parent (Ctrl-C, SIGTERM turned into
:class:`~asn_scheduler.interrupt.Terminated`, a failed part) the workers are killed and
reaped at once (:func:`stop_pool`); on Linux a worker also dies when its parent is killed
outright (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from asn_scheduler.engine.settings import Settings
from asn_scheduler.interrupt import SIGNALS
from asn_scheduler.parts.data import PartData, PartOutcome

Cancel = Callable[[], bool] | threading.Event
"""Asked between parts: a callable returning True, or an event that is set, stops the run."""


class Cancelled(Exception):
    """The run was cancelled (its ``cancel`` check said so); no roster."""


def _stop_asked(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


_SOLVER_MODULE = "asn_scheduler.engine.stages"
_PR_SET_PDEATHSIG = 1
MAX_POOL = 64
"""Most worker processes ever started (``--workers 100000`` would otherwise fork one per
part: thousands at 65,000 staff). Results come back by part index, so the count never
changes the roster."""


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _solve(data: PartData, budget: float, settings: Settings, effort: float,
           deadline: float) -> PartOutcome:
    if settings.part_solver == "highs":
        from asn_scheduler.engine.highs_stages import solve_part_highs

        return solve_part_highs(data, budget, settings, deadline=deadline)
    from asn_scheduler.engine.stages import solve_part

    return solve_part(data, budget, settings, effort=effort, deadline=deadline)


def run_parts(datas: Sequence[PartData], budgets: Sequence[float], settings: Settings,
              workers: int, on_done: Callable[[int], None] | None = None,
              effort: float = float("inf"), cancel: Cancel | None = None,
              deadline: float = float("inf")) -> list[PartOutcome]:
    """Solve every part; ``on_done(n)`` after each, with the count finished so far.
    ``effort`` and ``deadline`` (``time.monotonic()``, the same clock in every process):
    see :func:`~asn_scheduler.engine.stages.solve_part`.

    ``datas`` should come largest first: with a pool, big parts start early and small ones
    fill the gaps.

    Raises
    ------
    Cancelled
        When ``cancel`` asks to stop (checked before each part and after each finishes;
        parts not yet started are dropped).
    """
    out: list[PartOutcome | None] = [None] * len(datas)
    cells = sum(d.n_decisions for d in datas)
    if workers <= 1 or len(datas) <= 1 or cells < settings.pool_min_cells:
        for i, (d, b) in enumerate(zip(datas, budgets, strict=True)):
            if _stop_asked(cancel):
                raise Cancelled
            out[i] = _solve(d, b, settings, effort, deadline)
            if on_done:
                on_done(i + 1)
        return out  # type: ignore[return-value]
    if "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
    else:  # pragma: no cover - not Linux
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([_SOLVER_MODULE])
    pool = ProcessPoolExecutor(max_workers=min(workers, len(datas), MAX_POOL), mp_context=ctx,
                               initializer=_worker_init, initargs=(os.getpid(),))
    try:
        pending: dict[Future, int] = {}
        for i, (d, b) in enumerate(zip(datas, budgets, strict=True)):
            pending[pool.submit(_solve, d, b, settings, effort, deadline)] = i
        done_n = 0
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED, timeout=0.2)
            if _stop_asked(cancel):
                raise Cancelled  # the handler below kills the running solves
            for f in finished:
                out[pending.pop(f)] = f.result()
                done_n += 1
                if on_done:
                    on_done(done_n)
    except BaseException:
        # Ctrl-C, SIGTERM (Terminated) or a failed part: waiting for the running solves,
        # as leaving a ``with`` block would, can take the whole time limit
        stop_pool(pool)
        raise
    pool.shutdown()
    return out  # type: ignore[return-value]


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and kill the workers at once (they hold nothing that
    needs cleaning up), then reap them: no orphan keeps solving."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(timeout=5)


def _worker_init(parent: int) -> None:
    """In each worker: Ctrl-C and SIGTERM are the parent's to handle (it kills the workers),
    and on Linux a worker dies with its parent even when that is killed outright."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for s in SIGNALS:
        signal.signal(s, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:  # the parent died before prctl took effect
                os._exit(1)
