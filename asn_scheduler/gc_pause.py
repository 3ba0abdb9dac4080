"""Pause Python's cyclic garbage collector while a stage builds many lasting objects.

Reading, checking and writing a 65,000-person workbook keep a million or more objects
alive (the input's cells, the problem, the roster's report rows). Each object a stage
keeps counts towards the collector's next run, and every full run walks the whole heap:
at 65,000 staff the collector took 2.1 of the read's 3.7 s of CPU, 1.2 of the check's
2.4 s and 0.5 of the write's 5.5 s, finding next to nothing (these stages make almost no
reference cycles; reference counting frees the rest as before).

:func:`gc_paused` turns the collector off for the ``with`` block and back on after the
last of any nested or concurrent blocks (a web server reads in threads), only if it was
on at the start. Nothing else changes: same objects, same results.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off inside the block; on again when the outermost block
    ends, if it was on when that block began. Safe to nest and to use from threads."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
