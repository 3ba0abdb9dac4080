"""Where the tasks run: a local Dask cluster sized to the machine, or a running one.

Locally: :class:`distributed.LocalCluster` with worker *processes* (the solver holds the
GIL), one thread each, ``workers × solver_processes ≤ cores``, a memory limit per worker
(Dask's nanny restarts a worker past it; its task is then retried elsewhere). Remotely:
``tcp://HOST:8786`` of a scheduler started with ``dask scheduler`` (see docs/BATCH.md);
its workers must have asn-scheduler installed and see the same files.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from asn_scheduler.engine.parallel import default_workers
from asn_scheduler.i18n import Msg

MSG_NO_DASK = Msg("Perintah batch memerlukan Dask: pip install 'asn-scheduler[batch]'.",
                  "The batch command needs Dask: pip install 'asn-scheduler[batch]'.")
MSG_TOO_MANY = Msg("--workers {w} × --solver-processes {p} melebihi {c} inti mesin ini.",
                   "--workers {w} × --solver-processes {p} exceeds this machine's {c} cores.")


MSG_NO_SCHEDULER = Msg("Tidak dapat terhubung ke penjadwal Dask {a}: {e}",
                       "Cannot connect to the Dask scheduler {a}: {e}")
CONNECT_TIMEOUT = "20s"


class ClusterError(RuntimeError):
    """Dask is missing, the local cluster asked for is larger than the machine (``usage``),
    or the scheduler cannot be reached."""

    def __init__(self, msg: Msg, usage: bool = False):
        self.msg, self.usage = msg, usage
        super().__init__(msg.get("en"))


def local_workers(workers: int | None, solver_processes: int) -> int:
    """How many local workers: ``workers``, or as many as fit the cores.

    Raises
    ------
    ClusterError
        ``workers × solver_processes`` exceeds the cores (they would only fight for them).
    """
    cores = default_workers()
    if workers is None:
        return max(1, cores // solver_processes)
    if workers * solver_processes > cores:
        raise ClusterError(MSG_TOO_MANY.format(w=workers, p=solver_processes, c=cores),
                           usage=True)
    return workers


def dask_config(retries: int, solver_processes: int) -> dict[str, Any]:
    """Dask settings a batch runs under: a worker that dies (killed, out of memory)
    costs its task ``retries`` more tries, then the task is reported, not retried forever;
    worker processes may start the engine's pool only when asked to
    (``solver_processes > 1``; Dask starts them daemonic, which forbids children)."""
    return {
        "distributed.scheduler.allowed-failures": retries,
        "distributed.worker.daemon": solver_processes <= 1,
        "distributed.worker.memory.spill": False,   # results are tiny; nothing to spill
        "distributed.worker.memory.target": False,
    }


@contextlib.contextmanager
def open_client(*, scheduler: str | None, workers: int | None, solver_processes: int,
                retries: int, memory_limit: str | float | None = "auto") -> Iterator[Any]:
    """A :class:`distributed.Client`: to ``scheduler`` when given, else to a new
    :class:`~distributed.LocalCluster` closed on exit.

    Raises
    ------
    ClusterError
        Dask is not installed, the local cluster would exceed the cores, or the scheduler
        cannot be reached within :data:`CONNECT_TIMEOUT`.
    """
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(MSG_NO_DASK) from None
    with dask.config.set(dask_config(retries, solver_processes)):
        if scheduler is not None:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ClusterError(MSG_NO_SCHEDULER.format(a=scheduler, e=exc)) from None
            with client:
                yield client
            return
        n = local_workers(workers, solver_processes)
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          memory_limit=memory_limit, dashboard_address=None,
                          env={"OMP_NUM_THREADS": "1"}) as cluster, Client(cluster) as client:
            yield client


def worker_pids(client: Any) -> dict[str, int]:
    """Each worker's address and process ID (to watch them, or to test a crash)."""
    return client.run(os.getpid)
