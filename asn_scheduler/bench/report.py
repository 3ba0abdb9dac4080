"""The bench's files: the CSV (:mod:`asn_scheduler.bench.rows`) and a markdown report
with the same table, the machine it ran on, the notes and the targets section."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn_scheduler._version import __version__
from asn_scheduler.bench.rows import Row, write_csv
from asn_scheduler.bench.table import LEGEND, markdown_table
from asn_scheduler.i18n import Lang, Msg

REPO = Path(__file__).resolve().parents[2]


def _first(path: str, key: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _git(*args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True,
                              text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def git_commit() -> str:
    """The checkout's short commit, ``+changes`` when tracked files differ from it;
    ``-`` outside a git checkout."""
    head = _git("rev-parse", "--short", "HEAD")
    if head is None or head.returncode != 0:
        return "-"
    dirty = _git("diff", "--quiet", "HEAD")
    return head.stdout.strip() + (" +changes" if dirty is not None and dirty.returncode else "")


def machine_facts() -> dict[str, str]:
    """CPU, cores, RAM, OS, Python, OR-Tools, package version, git commit, date."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 1
    mem = _first("/proc/meminfo", "MemTotal")
    ram = f"{int(mem.split()[0]) / 2**20:.1f} GiB" if mem else "-"
    try:
        ortools = importlib.metadata.version("ortools")
    except importlib.metadata.PackageNotFoundError:
        ortools = "-"
    return {
        "CPU": _first("/proc/cpuinfo", "model name") or platform.processor() or "-",
        "cores": f"{usable} usable of {os.cpu_count()}",
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "OR-Tools": ortools,
        "asn-scheduler": __version__,
        "git": git_commit(),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


@dataclass(frozen=True)
class Run:
    """A finished bench run: its rows and everything its report shows."""

    rows: Sequence[Row]
    settings: dict[str, str]
    notes: Sequence[Msg]
    targets: str
    comparison: str = ""


_TITLE = Msg("Hasil bench asn-scheduler", "asn-scheduler bench results")
_MACHINE = Msg("Mesin", "Machine")
_SETTINGS = Msg("Pengaturan", "Settings")
_TABLE = Msg("Hasil", "Results")
_NOTES = Msg("Catatan", "Notes")


def markdown(run: Run, facts: dict[str, str], lang: Lang = "id") -> str:
    """The markdown report of ``run``."""
    out = [f"# {_TITLE.get(lang)}", "", f"## {_MACHINE.get(lang)}", ""]
    out += [f"- {k}: {v}" for k, v in facts.items()]
    out += ["", f"## {_SETTINGS.get(lang)}", ""]
    out += [f"- {k}: {v}" for k, v in run.settings.items()]
    out += ["", f"## {_TABLE.get(lang)}", "", markdown_table(run.rows, lang), "",
            LEGEND.get(lang), "", f"## {_NOTES.get(lang)}", ""]
    out += [f"- {n.get(lang)}" for n in run.notes]
    out += ["", "```text", run.targets, "```"]
    if run.comparison:
        out += ["", "```text", run.comparison, "```"]
    return "\n".join(out) + "\n"


def write_run(run: Run, out_dir: Path, lang: Lang = "id", stamp: str | None = None
              ) -> tuple[Path, Path]:
    """Write ``bench-<stamp>.csv`` and ``bench-<stamp>.md`` in ``out_dir`` (created if
    missing); ``stamp`` defaults to the local time ``YYYYmmdd-HHMMSS``."""
    from asn_scheduler.excel._atomic import atomic_path

    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
    csv_path, md_path = out_dir / f"bench-{stamp}.csv", out_dir / f"bench-{stamp}.md"
    write_csv(run.rows, csv_path)
    with atomic_path(md_path) as tmp:
        tmp.write_text(markdown(run, machine_facts(), lang), encoding="utf-8")
    return csv_path, md_path
