"""Stopping and output paths: SIGTERM leaves no temporary file and no orphan worker; an
output that is not a regular file is never replaced; long legal names work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from workbooks import valid_sheets, write_workbook

from asn_scheduler.cli import main
from asn_scheduler.excel._atomic import NAME_MAX, OutputRefused, atomic_path, temp_affixes

CLI = [str(Path(sys.executable).parent / "asn-scheduler")]


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process from /proc, ``None`` once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, ppid = text.rpartition(")")[2].split()[:2]
    return state, int(ppid)


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (Linux /proc; no extra dependency)."""
    by_parent: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) is not None:
            by_parent.setdefault(st[1], []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        kids = by_parent.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def _running(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


# --- output paths -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a" * 250 + ".xlsx", "é" * 122 + ".xlsx", "x" * 255,
                                  "jadwal." + "y" * 240, "j.xlsx"])
def test_long_legal_names_work_and_the_temporary_fits(tmp_path, name):
    prefix, suffix = temp_affixes(name)
    assert len(prefix.encode()) + 8 + len(suffix.encode()) <= NAME_MAX
    target = tmp_path / name
    assert len(name.encode()) <= NAME_MAX
    with atomic_path(target) as tmp:
        tmp.write_text("roster")
    assert target.read_text() == "roster"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_solve_writes_a_250_byte_output_name(tmp_path):
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    out = tmp_path / ("j" * 245 + ".xlsx")
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, "--workers", "1",
                 "--time-limit", "5")
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_non_regular_outputs_are_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    for target in (fifo, folder, Path("/dev/null")):
        with pytest.raises(OutputRefused), atomic_path(target) as tmp:
            tmp.write_text("x")  # pragma: no cover - never reached
    assert fifo.is_fifo() and folder.is_dir() and Path("/dev/null").is_char_device()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.xlsx", "pipe.xlsx"]


@pytest.mark.parametrize("target", ["/dev/null", "fifo", "folder"])
def test_cli_refuses_a_non_regular_output_before_any_work(tmp_path, target):
    src = write_workbook(tmp_path / "in.xlsx", valid_sheets())
    # named .xlsx, so the name check passes and the file-kind check is what refuses
    out = tmp_path / f"{target.strip('/').replace('/', '-')}.xlsx"
    if target == "fifo":
        os.mkfifo(out)
    elif target == "folder":
        out.mkdir()
    else:
        out.symlink_to(target)
    result = run("solve", src, "-s", "permenpanrb-4-2025", "-o", out, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output or "is a directory" in result.output
    assert Path("/dev/null").is_char_device()


def test_a_symlink_to_a_regular_file_is_an_ordinary_output(tmp_path):
    real = tmp_path / "real.xlsx"
    real.write_text("old")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    with atomic_path(link) as tmp:
        tmp.write_text("new")
    assert link.read_text() == "new"


# --- signals, with real processes ---------------------------------------------------------


def test_sigterm_while_writing_removes_the_temporary_and_keeps_the_old_output(tmp_path):
    target = tmp_path / "jadwal.xlsx"
    target.write_text("published roster")
    script = textwrap.dedent(f"""
        import time
        from asn_scheduler.excel._atomic import atomic_path
        with atomic_path({str(target)!r}) as tmp:
            tmp.write_text("half written")
            print("ready", flush=True)
            time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    assert len(list(tmp_path.iterdir())) == 2  # the temporary exists
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=20)
    assert proc.returncode != 0
    assert [p.name for p in tmp_path.iterdir()] == ["jadwal.xlsx"]
    assert target.read_text() == "published roster"


@pytest.mark.slow
def test_sigterm_during_a_parallel_solve_stops_every_worker(tmp_path):
    from asn_scheduler.excel.input_writer import write_input_workbook
    from asn_scheduler.generate import generate_agency

    src = tmp_path / "agency.xlsx"
    write_input_workbook(generate_agency(1500, seed=1), src)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen([*CLI, "solve", str(src), "-s", "permenpanrb-4-2025",
                             "-o", str(out_dir / "jadwal.xlsx"), "--workers", "2",
                             "--time-limit", "120"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool never started"
    time.sleep(0.5)  # let them get into their solves
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=30)
        deadline = time.monotonic() + 5
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = [w for w in workers if _running(w)]
    finally:
        for w in workers:  # never leave anything behind, even when the test fails
            if _running(w):
                os.kill(w, signal.SIGKILL)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err and "SIGTERM" in err
    assert alive == []
    assert list(out_dir.iterdir()) == []
