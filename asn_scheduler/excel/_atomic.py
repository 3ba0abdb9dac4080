"""Atomic output: an interrupted or failed write never leaves a half-written file or
replaces a good one.

* The output is written to a hidden temporary file in the target's folder and moved over
  the target with :func:`os.replace` (atomic on one file system) only when complete.
* Any exception, Ctrl-C (``KeyboardInterrupt``) and SIGTERM/SIGHUP (turned into
  :class:`~asn_scheduler.interrupt.Terminated` while the block runs) remove the temporary
  file and leave the target as it was.
* Only a regular file (or a name not yet taken) is ever replaced: a directory, a device
  (``/dev/null``), a FIFO or a socket is refused with :class:`OutputRefused` before anything
  is written, even when reached through a symbolic link.
* The temporary name stays within the 255-byte limit of a file name, whatever the length
  of the target's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from asn_scheduler.i18n import Msg
from asn_scheduler.interrupt import signals_as_exceptions

NAME_MAX = 255
_RANDOM = 8   # characters tempfile adds
_TMP_SUFFIX = ".tmp"


class OutputRefused(OSError):
    """An output path that must not be written: not a regular file. ``msg`` says why in
    both languages."""

    def __init__(self, path: Path, msg: Msg):
        super().__init__(errno.EINVAL, msg.en, str(path))
        self.msg = msg


def check_target(target: str | os.PathLike[str]) -> None:
    """Raise :class:`OutputRefused` unless ``target`` is absent or a regular file
    (followed through symbolic links). The CLI calls this before any work; every write
    calls it again."""
    target = Path(target)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OutputRefused(target, Msg(f"Jalur keluaran {target} melewati sesuatu yang bukan "
                                        "folder.",
                                        f"The output path {target} goes through something "
                                        "that is not a folder.")) from None
    if not stat.S_ISREG(mode):
        what = _KINDS.get(stat.S_IFMT(mode), Msg("bukan berkas biasa", "not a regular file"))
        raise OutputRefused(target, Msg(
            f"Keluaran {target} adalah {what.id}, bukan berkas biasa; tidak akan ditimpa.",
            f"The output {target} is {what.en}, not a regular file; it is never replaced."))


_KINDS = {stat.S_IFDIR: Msg("folder", "a folder"), stat.S_IFCHR: Msg("perangkat", "a device"),
          stat.S_IFBLK: Msg("perangkat", "a device"), stat.S_IFIFO: Msg("FIFO/pipa", "a FIFO"),
          stat.S_IFSOCK: Msg("soket", "a socket")}


def temp_affixes(name: str) -> tuple[str, str]:
    """``(prefix, suffix)`` for the hidden temporary beside a target called ``name``: the
    name's stem and suffix, cut (on a character boundary) so that prefix + 8 random
    characters + suffix fit in :data:`NAME_MAX` bytes."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    suffix = f".{ext}" if ext and len(f".{ext}".encode()) <= 16 else _TMP_SUFFIX
    room = NAME_MAX - _RANDOM - len(suffix.encode()) - 2  # "." before, "-" after the stem
    stem_bytes = stem.encode()[:room]
    return f".{stem_bytes.decode('utf-8', 'ignore')}-", suffix


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target``.

    Raises
    ------
    OutputRefused
        ``target`` exists and is not a regular file.
    FileNotFoundError
        Its folder does not exist.
    """
    target = Path(target)
    check_target(target)
    folder = target.resolve().parent
    if not folder.is_dir():
        raise FileNotFoundError(2, "folder does not exist", str(folder))
    prefix, suffix = temp_affixes(target.name)
    with signals_as_exceptions():
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        tmp_path = Path(tmp)
        try:
            os.close(fd)
            # mkstemp makes the file owner-only; an output gets the usual umask permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            yield tmp_path
            check_target(target)  # it may have been swapped for a device meanwhile
            os.replace(tmp_path, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp_path.unlink()
            raise
