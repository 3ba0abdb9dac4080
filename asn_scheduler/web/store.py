"""Jobs and uploads on disk: the data folder is the web app's only state.

Layout under ``data_dir``::

    uploads/<wid>/input.xlsx, validation.json       an uploaded workbook and its check
    jobs/<id>/job.json                              lifecycle, written by the app only
    jobs/<id>/progress.json, outcome.json, …        written by the job's process only

Splitting the writers keeps them from racing: the app owns ``job.json`` (queued, running,
done, failed, cancelled, interrupted), the job's process owns what it reports. Every
write is atomic (a temporary file, then :func:`os.replace`). IDs come from
:func:`secrets.token_urlsafe` and are checked against :data:`ID_RE` before they touch a
path, so a crafted ID can never leave the folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ID_RE = re.compile(r"^[A-Za-z0-9_-]{32}$")
"""What :func:`new_id` makes: 24 random bytes as URL-safe base64 (192 bits)."""

ACTIVE = ("queued", "running")
FINAL = ("done", "failed", "cancelled", "interrupted")


def new_id() -> str:
    """An unguessable ID (192 random bits)."""
    return secrets.token_urlsafe(24)


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON atomically (readers never see half a file)."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, default=str)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def read_json(path: Path) -> Any:
    """The JSON at ``path``, or ``None`` when it does not exist (yet)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Store:
    """The data folder. Methods taking an ID return ``None`` for an unknown or malformed
    one: callers answer 404 and never learn which."""

    root: Path

    def __post_init__(self) -> None:
        for sub in ("uploads", "jobs"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------------ uploads
    def new_upload(self) -> tuple[str, Path]:
        """A fresh upload folder (ID, path); the files go to its ``in/`` folder."""
        wid = new_id()
        folder = self.root / "uploads" / wid
        (folder / "in").mkdir(mode=0o700, parents=True)
        return wid, folder

    def upload_dir(self, wid: str) -> Path | None:
        """The folder of upload ``wid`` when it exists."""
        if not ID_RE.match(wid):
            return None
        folder = self.root / "uploads" / wid
        return folder if folder.is_dir() else None

    # ------------------------------------------------------------------ jobs
    def create_job(self, kind: str, params: dict[str, Any],
                   files: dict[str, Path]) -> tuple[str, Path]:
        """A queued job of ``kind`` with ``params``; ``files`` (name → source) are
        hard-linked (or copied across file systems) into its ``in/`` folder, apart from
        what the job writes."""
        jid = new_id()
        folder = self.root / "jobs" / jid
        (folder / "in").mkdir(mode=0o700, parents=True)
        for name, src in files.items():
            try:
                os.link(src, folder / "in" / name)
            except OSError:
                shutil.copyfile(src, folder / "in" / name)
        now = time.time()
        write_json(folder / "job.json", {"id": jid, "kind": kind, "status": "queued",
                                         "created": now, "updated": now, "params": params})
        return jid, folder

    def job_dir(self, jid: str) -> Path | None:
        """The folder of job ``jid`` when it exists."""
        if not ID_RE.match(jid):
            return None
        folder = self.root / "jobs" / jid
        return folder if (folder / "job.json").is_file() else None

    def job(self, jid: str) -> dict[str, Any] | None:
        """Job ``jid`` as the page and the API show it: ``job.json`` with the process's
        ``progress`` and ``outcome`` merged in."""
        folder = self.job_dir(jid)
        if folder is None:
            return None
        job = read_json(folder / "job.json")
        if job is None:
            return None
        job["progress"] = read_json(folder / "progress.json") or {}
        job["outcome"] = read_json(folder / "outcome.json")
        return job

    def set_status(self, jid: str, status: str, **extra: Any) -> None:
        """Move job ``jid`` to ``status`` (the app's side only)."""
        folder = self.job_dir(jid)
        if folder is None:
            return
        job = read_json(folder / "job.json") or {}
        job.update(extra, status=status, updated=time.time())
        write_json(folder / "job.json", job)

    def jobs(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every job (for the app's own bookkeeping: never shown to anyone)."""
        for folder in sorted((self.root / "jobs").iterdir()):
            job = read_json(folder / "job.json") if ID_RE.match(folder.name) else None
            if job is not None:
                yield folder.name, job

    def mark_interrupted(self) -> list[str]:
        """At start-up: jobs left queued or running by a previous run are interrupted
        (their processes are gone). Returns their IDs."""
        out = []
        for jid, job in self.jobs():
            if job.get("status") in ACTIVE:
                self.set_status(jid, "interrupted")
                out.append(jid)
        return out

    def sweep(self, retention_s: float, keep: set[str] | frozenset[str] = frozenset()) -> int:
        """Delete uploads and jobs older than ``retention_s`` seconds (except ``keep``,
        the jobs still running). Returns how many folders went."""
        cutoff = time.time() - retention_s
        gone = 0
        for sub in ("uploads", "jobs"):
            for folder in (self.root / sub).iterdir():
                if folder.name in keep:
                    continue
                try:
                    old = folder.stat().st_mtime < cutoff
                except FileNotFoundError:
                    continue
                if old:
                    shutil.rmtree(folder, ignore_errors=True)
                    gone += 1
        return gone
