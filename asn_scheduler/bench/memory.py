"""Peak memory of a process tree: a cell process and the solver workers it forks.

Sampled from ``/proc`` every ~0.1 s. Per process, **PSS** from ``/proc/<pid>/smaps_rollup``
(forked workers share copy-on-write pages with their parent: summing RSS would count those
pages once per worker), else RSS from ``/proc/<pid>/statm``. Without ``/proc`` the sampler
records nothing and the caller falls back to ``resource.getrusage`` (:func:`rusage_mib`).
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

PROC = Path("/proc")
INTERVAL = 0.1
MAX_OVERHEAD = 0.05
"""Sampling may take at most this share of one core: the kernel walks every page for
``smaps_rollup`` (10–15 ms per GiB here), so the interval stretches with the sweep's
cost: 0.1 s below ~0.4 GiB, ~0.5 s at 2 GiB, ~2 s at 8 GiB."""
_PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20 if hasattr(os, "sysconf") else 4096 / 2**20


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (``/proc/<pid>/task/*/children``, else a ``/proc`` scan)."""
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:  # the process is gone
        return []
    out: list[int] = []
    for t in tasks:
        try:
            out += [int(c) for c in (t / "children").read_text().split()]
        except FileNotFoundError:
            if not t.exists():  # the thread ended meanwhile
                continue
            # a kernel without CONFIG_PROC_CHILDREN: scan every process's parent
            return [p for p, parent in _parents().items() if parent == pid]
        except OSError:
            continue
    return out


def _parents() -> dict[int, int]:
    found = {}
    for d in PROC.iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            # the command name may hold spaces and parentheses: the fields follow the last ')'
            found[int(d.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
    return found


def tree(root: int) -> list[int]:
    """``root`` and all its descendants alive now."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children(pid)
    return out


def process_mib(pid: int) -> tuple[float, str] | None:
    """(MiB, ``"pss"`` or ``"rss"``) of one process; ``None`` when it is gone or
    ``/proc`` cannot tell."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024, "pss"
    except OSError:
        pass
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * _PAGE_MIB, "rss"
    except (OSError, IndexError, ValueError):
        return None


def tree_mib(root: int) -> tuple[float, str] | None:
    """Memory of ``root``'s whole tree now: the sum over its processes, and the weakest
    source used (``rss`` if any process could only give RSS)."""
    got = [m for m in (process_mib(p) for p in tree(root)) if m is not None]
    if not got:
        return None
    return sum(m for m, _ in got), "rss" if any(s == "rss" for _, s in got) else "pss"


class TreeSampler:
    """Samples a process tree's memory in a background thread until :meth:`stop`.

    ``limit_mib`` and ``on_exceed``: called once (from the sampling thread) when the tree's
    memory passes the limit, e.g. to kill it. ``peak_mib`` is ``None`` when no sample
    could be taken.
    """

    def __init__(self, root: int, limit_mib: float | None = None,
                 on_exceed: Callable[[float], None] | None = None):
        self.root = root
        self.limit_mib, self.on_exceed = limit_mib, on_exceed
        self.peak_mib: float | None = None
        self.source = ""
        self.exceeded = False
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-memory", daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        if not PROC.is_dir():
            return
        while True:
            t0 = time.perf_counter()
            got = tree_mib(self.root)
            if got is not None:
                self.samples += 1
                mib, source = got
                if self.peak_mib is None or mib > self.peak_mib:
                    self.peak_mib = mib
                if source == "rss" or not self.source:
                    self.source = source
                if (self.limit_mib is not None and mib > self.limit_mib
                        and not self.exceeded):
                    self.exceeded = True
                    if self.on_exceed is not None:
                        self.on_exceed(mib)
            cost = time.perf_counter() - t0
            if self._stop.wait(max(INTERVAL, cost / MAX_OVERHEAD - cost)):
                return


def rusage_mib() -> tuple[float, float]:
    """(this process's, its largest waited-for child's) peak RSS in MiB, from
    ``resource.getrusage`` (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    unit = 1 / 2**20 if sys.platform == "darwin" else 1 / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit
    return own, kids
