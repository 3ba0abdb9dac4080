"""Atomic output: an interrupted or failed write never leaves a half-written file or
replaces a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target``.

    The temporary file lives in the same folder so :func:`os.replace` is atomic. On any
    exception (including KeyboardInterrupt) the temporary file is removed and ``target``
    is left as it was.
    """
    target = Path(target)
    folder = target.resolve().parent
    if not folder.is_dir():
        raise FileNotFoundError(2, "folder does not exist", str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=folder)
    os.close(fd)
    # mkstemp makes the file owner-only; an output should get the usual umask permissions
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise
