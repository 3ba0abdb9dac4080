"""Termination signals as exceptions, so a stopped run unwinds like a failed one.

By default SIGTERM (and SIGHUP, a closed terminal) kill the process on the spot: a
temporary output stays behind and the solver's worker processes run on as orphans.
Inside :func:`signals_as_exceptions` they raise :class:`Terminated` instead, as SIGINT
raises ``KeyboardInterrupt``, so every ``finally`` and ``except BaseException`` on the way
out runs: :func:`~asn_scheduler.excel._atomic.atomic_path` removes its temporary file and
:func:`~asn_scheduler.engine.parallel.run_parts` kills its workers.

Signal handlers can only be set in the main thread; elsewhere (a web server's worker
thread) the context manager changes nothing.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                if s is not None)


class Terminated(BaseException):
    """The process was asked to stop by a signal (``signum``); like ``KeyboardInterrupt``
    it is a ``BaseException``, so ordinary ``except Exception`` handlers let it pass."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's convention for a process ended by a signal: 128 + its number."""
        return 128 + self.signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` in the main thread.

    Nested uses are fine; each restores the handlers it found. A handler someone else
    installed (not the default) is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for s in SIGNALS:
        current = signal.getsignal(s)
        if current in (signal.SIG_DFL, None) or current is _raise:
            previous[s] = signal.signal(s, _raise)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
