"""Run part solves across processes (or in this one when that is faster).

Workers are forked from this process where the platform allows (Linux): they start in
milliseconds and, unlike ``spawn``/``forkserver``, do not re-import the caller's main
script (an unguarded script would otherwise run again in every worker). Elsewhere a
``forkserver`` that has imported the solver is used. Small jobs stay in-process. Results
come back by part index, so the order of completion never changes the roster.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from asn_scheduler.engine.part import PartData, PartOutcome

POOL_MIN_CELLS = 5_000
"""Below this many decision cells in all, solving in-process beats starting a pool."""

_SOLVER_MODULE = "asn_scheduler.solver.cpsat"


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _solve(data: PartData, budget: float, seed: int, effort: float) -> PartOutcome:
    from asn_scheduler.solver.cpsat import solve_part

    return solve_part(data, budget, seed, effort)


def run_parts(datas: Sequence[PartData], budgets: Sequence[float], seed: int, workers: int,
              on_done: Callable[[int], None] | None = None, effort: float = float("inf")
              ) -> list[PartOutcome]:
    """Solve every part; ``on_done(n)`` after each, with the count finished so far.
    ``effort``: see :func:`~asn_scheduler.solver.cpsat.solve_part`.

    ``datas`` should come largest first: with a pool, big parts start early and small ones
    fill the gaps.
    """
    out: list[PartOutcome | None] = [None] * len(datas)
    cells = sum(d.n_decisions for d in datas)
    if workers <= 1 or len(datas) <= 1 or cells < POOL_MIN_CELLS:
        for i, (d, b) in enumerate(zip(datas, budgets, strict=True)):
            out[i] = _solve(d, b, seed, effort)
            if on_done:
                on_done(i + 1)
        return out  # type: ignore[return-value]
    if "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
    else:  # pragma: no cover - not Linux
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([_SOLVER_MODULE])
    with ProcessPoolExecutor(max_workers=min(workers, len(datas)), mp_context=ctx) as pool:
        pending: dict[Future, int] = {}
        for i, (d, b) in enumerate(zip(datas, budgets, strict=True)):
            pending[pool.submit(_solve, d, b, seed, effort)] = i
        done_n = 0
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for f in finished:
                out[pending.pop(f)] = f.result()
                done_n += 1
                if on_done:
                    on_done(done_n)
    return out  # type: ignore[return-value]
