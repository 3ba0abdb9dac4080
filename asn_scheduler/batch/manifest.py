"""What a batch run is keyed on, and the small manifest that makes it resumable.

Each agency that reached a lasting outcome (a roster, an input problem, an infeasible or
undated problem) gets ``manifest/<agency>.json``, written atomically *after* its other
outputs: it names the input's SHA-256, the scenario's hash, the options that shape the
roster and the version, plus the SHA-256 of every file it wrote. A re-run skips the
agency only when all of these still match, so a changed input, scenario, option or
version, or an output edited or deleted since, makes it run again. Errors (a crash, a
worker killed too often) get no manifest: they are tried again on the next run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from asn_scheduler._version import __version__
from asn_scheduler.excel._atomic import atomic_path

MANIFEST_VERSION = 1
ROSTERS, FAILURES, MANIFESTS = "jadwal", "gagal", "manifest"
"""Sub-folders of the output folder: rosters, why an agency failed, manifests."""
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything a batch applies to every agency (one frozen value, sent to the workers).

    ``scenario`` is a shipped scenario's name or an absolute path to a TOML file (which the
    workers must be able to read); ``scenario_hash`` is :attr:`Scenario.hash` as the
    client loaded it, so a worker that resolves a different file refuses to run.
    ``solver_processes`` is the engine's process count inside a task (1: in-process, the
    only choice in a daemonic worker); it does not change the roster. ``sets`` are
    ``KEY=VALUE`` scenario parameters for every agency (as ``solve --set``; the hash is
    of the scenario with them applied). ``previous``: an absolute folder of last period's
    rosters (:func:`~asn_scheduler.batch.inputs.previous_for`), ``None`` for no chaining.
    """

    scenario: str
    scenario_hash: str
    start: date | None = None
    end: date | None = None
    time_limit: float = 60.0
    seed: int = 0
    effort: float = 1.0
    lang: str = "id"
    paper: str = "A4"
    solver_processes: int = 1
    sets: tuple[str, ...] = ()
    previous: str | None = None

    def key(self) -> dict[str, Any]:
        """What the roster and its workbook depend on (not ``solver_processes``), as JSON."""
        d = dataclasses.asdict(self)
        d.pop("solver_processes")
        d.pop("scenario")  # a name or a path: the hash is what matters
        # the folder's path does not shape a roster: each agency's manifest holds the
        # hash of the previous roster it chained from; whether the batch chains does
        d["previous"] = self.previous is not None
        d["sets"] = list(self.sets)
        d["start"] = self.start.isoformat() if self.start else None
        d["end"] = self.end.isoformat() if self.end else None
        d["version"] = __version__
        return d


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def manifest_path(outdir: Path, agency: str) -> Path:
    """Where the agency's manifest lives."""
    return outdir / MANIFESTS / f"{agency}.json"


def write_manifest(outdir: Path, agency: str, input_sha256: str, options: BatchOptions,
                   outcome: dict[str, Any], files: list[str],
                   previous_sha256: str | None = None) -> None:
    """Write the agency's manifest atomically; ``files`` are paths relative to ``outdir``
    that the outcome depends on (hashed now); ``previous_sha256``: the previous roster the
    agency chained from (``None``: none)."""
    data = {
        "manifest_version": MANIFEST_VERSION,
        "agency": agency,
        "input_sha256": input_sha256,
        "previous_sha256": previous_sha256,
        "options": options.key(),
        "files": {f: file_sha256(outdir / f) for f in files},
        "outcome": outcome,
    }
    path = manifest_path(outdir, agency)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True),
                       encoding="utf-8")


def current_outcome(outdir: Path, agency: str, input_sha256: str, options: BatchOptions,
                    previous_sha256: str | None = None) -> dict[str, Any] | None:
    """The recorded outcome when the agency's manifest matches this input, previous
    roster, scenario, options and version and every file it names is still as written;
    else ``None``."""
    path = manifest_path(outdir, agency)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(data, dict) or data.get("manifest_version") != MANIFEST_VERSION
            or data.get("input_sha256") != input_sha256 or data.get("options") != options.key()
            or data.get("previous_sha256") != previous_sha256):
        return None
    files = data.get("files")
    if not isinstance(files, dict):
        return None
    for rel, sha in files.items():
        target = outdir / rel
        if not target.is_file() or file_sha256(target) != sha:
            return None
    outcome = data.get("outcome")
    return outcome if isinstance(outcome, dict) else None
