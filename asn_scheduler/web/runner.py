"""The app's job pool: one process per running job, a bounded queue, time limits, cancel.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: a worker that dies (out of
memory, a segfault in a native library) breaks the whole executor and every job in it,
and a running task cannot be cancelled or timed out. Here each job gets its own process
from a ``forkserver`` that has already imported the library (starts in milliseconds, no
fork of the server's threads), at most ``workers`` at a time; a supervisor thread starts
queued jobs, ends those over their time limit or cancelled, and records how each ended.
A job's crash is that job's failure only.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from asn_scheduler.web.store import Store, read_json

log = logging.getLogger("asn_scheduler.web")


class QueueFull(Exception):
    """More jobs are waiting than the queue holds ("antrean penuh")."""


@dataclass
class _Running:
    process: Any
    started: float
    cancel: bool = False


@dataclass
class JobRunner:
    """Runs jobs from ``store`` with ``workers`` processes, ``max_queue`` waiting at most,
    each ended after ``job_timeout`` seconds of running. :meth:`start` before use,
    :meth:`stop` at shutdown (running jobs are then marked interrupted)."""

    store: Store
    workers: int = 2
    max_queue: int = 16
    job_timeout: float = 600.0
    retention_s: float = 24 * 3600.0
    poll_s: float = 0.1
    _queue: deque[str] = field(default_factory=deque)
    _running: dict[str, _Running] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _ctx: Any = None

    def start(self) -> None:
        """Mark jobs a previous run left unfinished as interrupted, sweep old files, and
        start the supervisor."""
        self.store.mark_interrupted()
        self.store.sweep(self.retention_s)
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["asn_scheduler.web.worker", "asn_scheduler.engine",
                                          "asn_scheduler.excel.roster_writer"])
        self._thread = threading.Thread(target=self._loop, name="asn-jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End every running job (marked interrupted) and the supervisor."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            for jid, run in self._running.items():
                self._end(run.process)
                self.store.set_status(jid, "interrupted")
            self._running.clear()
            for jid in self._queue:
                self.store.set_status(jid, "interrupted")
            self._queue.clear()

    def submit(self, jid: str) -> int:
        """Queue job ``jid``; returns its place in the queue (0 = starts now).

        Raises
        ------
        QueueFull
            When ``max_queue`` jobs are already waiting.
        """
        with self._lock:
            waiting = len(self._queue)
            if waiting >= self.max_queue:
                self.store.set_status(jid, "failed", reason="queue_full")
                raise QueueFull
            self._queue.append(jid)
            return max(0, waiting + len(self._running) + 1 - self.workers)

    def cancel(self, jid: str) -> bool:
        """Cancel job ``jid`` if queued or running; ``False`` when it had already ended."""
        with self._lock:
            if jid in self._queue:
                self._queue.remove(jid)
                self.store.set_status(jid, "cancelled")
                return True
            run = self._running.get(jid)
            if run is not None:
                run.cancel = True
                return True
        return False

    def position(self, jid: str) -> int | None:
        """How many queued jobs are ahead of ``jid`` (``None`` unless queued)."""
        with self._lock:
            try:
                return self._queue.index(jid)
            except ValueError:
                return None

    def running_ids(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._running) | frozenset(self._queue)

    # ------------------------------------------------------------------ supervisor
    def _loop(self) -> None:
        last_sweep = time.monotonic()
        while not self._stop.wait(self.poll_s):
            try:
                self._tick()
                if time.monotonic() - last_sweep > 300:
                    last_sweep = time.monotonic()
                    self.store.sweep(self.retention_s, keep=self.running_ids())
            except Exception:  # the supervisor must outlive any one job
                log.exception("job supervisor error")

    def _tick(self) -> None:
        with self._lock:
            now = time.monotonic()
            for jid, run in list(self._running.items()):
                p = run.process
                if run.cancel or now - run.started > self.job_timeout:
                    self._end(p)
                    reason = "cancelled" if run.cancel else "timeout"
                    self.store.set_status(jid, "cancelled" if run.cancel else "failed",
                                          reason=reason)
                    log.info("job ended: %s", reason)
                    del self._running[jid]
                elif not p.is_alive():
                    p.join()
                    self._finish(jid, p.exitcode)
                    del self._running[jid]
            while self._queue and len(self._running) < self.workers:
                jid = self._queue.popleft()
                folder = self.store.job_dir(jid)
                if folder is None:
                    continue
                from asn_scheduler.web.worker import run_job

                p = self._ctx.Process(target=run_job, args=(str(folder),), name="asn-job")
                p.start()
                self._running[jid] = _Running(p, time.monotonic())
                self.store.set_status(jid, "running", started=time.time())

    def _finish(self, jid: str, exitcode: int | None) -> None:
        folder = self.store.job_dir(jid)
        outcome = read_json(folder / "outcome.json") if folder else None
        if outcome is None:
            self.store.set_status(jid, "failed", reason="crashed", exitcode=exitcode)
            log.warning("job process crashed (exit code %s)", exitcode)
        else:
            self.store.set_status(jid, "done" if outcome.get("ok") else "failed",
                                  reason=None if outcome.get("ok") else "error")

    @staticmethod
    def _end(process: Any) -> None:
        """Terminate a job's process and the solver processes it forked (the job leads
        its own process group: see :func:`~asn_scheduler.web.worker.run_job`)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except (ProcessLookupError, PermissionError):
                with contextlib.suppress(Exception):
                    process.kill() if sig == signal.SIGKILL else process.terminate()
            process.join(timeout=3)
            if not process.is_alive():
                return
