"""Time the roster workbook write (``write_roster_workbook``) alone, against another commit.

Issue 5 needs 65,000 staff end to end in 60 s; this isolates the write. Every measurement
runs in a fresh process (so its peak memory is its own), old and new take turns, and the
table gives each side's median, the ratio new/old, and per sheet where the time goes.

Usage (from the repository root)::

    .venv/bin/python benchmarks/write_roster.py 1000 /tmp/r65.pkl --against HEAD~3 --repeat 3
    .venv/bin/python benchmarks/write_roster.py 1000 --breakdown --verify

A result is a pickled :class:`~asn_scheduler.engine.result.Result` (``.pkl``) or a staff
count: that agency is generated (seed 0, March 2026), solved for Q0 only under
``permenpanrb-4-2025`` and cached in ``benchmarks/.cache/``. ``--against REF`` writes with
the package as it is at git ``REF`` (exported to a temporary folder, put first on
``PYTHONPATH``); ``--verify`` checks that both sides wrote the same bytes in every part
of the xlsx file (the creation time aside). The machine is shared: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"



class _Pickler(pickle.Pickler):
    """Stores the MappingProxyType fields of a Result, which pickle cannot by itself."""

    def persistent_id(self, obj):
        return ("mappingproxy", dict(obj)) if type(obj) is types.MappingProxyType else None


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        return types.MappingProxyType(pid[1])

STAGES = (  # (module, function) wrapped to time each sheet; missing ones are skipped
    ("asn_scheduler.excel.roster_writer", "write_jadwal"),
    ("asn_scheduler.excel.roster_sheets", "write_summary"),
    ("asn_scheduler.excel.roster_about", "write_compliance"),
    ("asn_scheduler.excel.roster_sheets", "write_violations"),
    ("asn_scheduler.excel.roster_sheets", "write_fairness"),
    ("asn_scheduler.excel.roster_sheets", "write_buildings"),
    ("asn_scheduler.excel.roster_about", "write_info"),
    ("asn_scheduler.excel.roster_about", "write_legend"),
)


def result_path(spec: str) -> Path:
    """``spec`` as a pickled result: a ``.pkl`` path, or a staff count made and cached."""
    if not spec.isdigit():
        return Path(spec)
    n = int(spec)
    path = CACHE / f"write-result-{n}-permenpanrb-4-2025-202603.pkl"
    if not path.exists():
        from datetime import date

        from asn_scheduler.domain import Period
        from asn_scheduler.engine.solve import solve
        from asn_scheduler.generate import generate_agency
        from asn_scheduler.scenario import load_scenario

        period = Period(date(2026, 3, 2), date(2026, 3, 31))
        problem = generate_agency(n, seed=0, period=period)
        result = solve(problem, load_scenario("permenpanrb-4-2025"), time_limit=60,
                       goals=("Q0",))
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            _Pickler(f).dump(result)
        tmp.replace(path)
    return path


def _vm(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_one(pkl: Path, out: Path) -> dict:
    """In this process: load the result, write it once, report seconds, memory, sheets."""
    import importlib

    import xlsxwriter

    with open(pkl, "rb") as f:
        result = _Unpickler(f).load()
    sheets: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                sheets[name] = sheets.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    for mod_name, fn_name in STAGES:
        mod = importlib.import_module(mod_name)
        if hasattr(mod, fn_name):
            setattr(mod, fn_name, timed(fn_name.removeprefix("write_"), getattr(mod, fn_name)))
    xlsxwriter.Workbook.close = timed("close", xlsxwriter.Workbook.close)
    from asn_scheduler.excel.roster_writer import write_roster_workbook

    base = _vm("VmRSS")
    with contextlib.suppress(OSError):  # reset the peak: count the write only (Linux)
        Path("/proc/self/clear_refs").write_text("5")
    t = time.perf_counter()
    write_roster_workbook(result, out)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "peak_mib": _vm("VmHWM"), "base_mib": base,
            "bytes": out.stat().st_size, "sheets": sheets,
            "staff": len(result.roster.nips), "dates": len(result.roster.dates)}


def export(ref: str, folder: Path) -> Path:
    """The ``asn_scheduler`` package as at git ``ref``, unpacked under ``folder``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "asn_scheduler"],
                          check=True, capture_output=True).stdout
    tar = folder / "src.tar"
    tar.write_bytes(data)
    with tarfile.open(tar) as t:
        t.extractall(folder / "src", filter="data")
    return folder / "src"


def run_child(pkl: Path, out: Path, src: Path | None) -> dict:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src), env.get("PYTHONPATH", "")])
    proc = subprocess.run([sys.executable, __file__, "--child", str(pkl), str(out)],
                          env=env, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def differing_parts(a: Path, b: Path) -> list[str]:
    """The parts of two xlsx files whose bytes differ (``docProps/core.xml`` holds the
    creation time and is left out)."""
    import zipfile

    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        names = sorted(set(za.namelist()) | set(zb.namelist()))
        return [n for n in names if n != "docProps/core.xml"
                and (n not in za.namelist() or n not in zb.namelist()
                     or za.read(n) != zb.read(n))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", nargs="+", help="pickled Result (.pkl) or a staff count")
    ap.add_argument("--against", help="git ref to compare with (old side)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--breakdown", action="store_true", help="seconds per sheet")
    ap.add_argument("--verify", action="store_true",
                    help="both sides wrote the same bytes in every part (needs --against)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="write-roster-") as tmp:
        folder = Path(tmp)
        sides: dict[str, Path | None] = {"new": None}
        if args.against:
            sides = {"old": export(args.against, folder), "new": None}
        for spec in args.results:
            pkl = result_path(spec)
            runs: dict[str, list[dict]] = {s: [] for s in sides}
            for _ in range(args.repeat):
                for side, src in sides.items():
                    runs[side].append(run_child(pkl, folder / f"{side}.xlsx", src))
            first = runs["new"][0]
            print(f"\n{first['staff']} staff × {first['dates']} dates ({pkl.name}), "
                  f"{args.repeat} runs each")
            med = {s: statistics.median(r["seconds"] for r in rs) for s, rs in runs.items()}
            for side, rs in runs.items():
                peak = max(r["peak_mib"] for r in rs)
                extra = max(r["peak_mib"] - r["base_mib"] for r in rs)
                print(f"  {side:>3}: median {med[side]:6.2f} s  (runs "
                      + ", ".join(f"{r['seconds']:.2f}" for r in rs)
                      + f")  peak RSS {peak:.0f} MiB (+{extra:.0f} over the loaded result)"
                      f"  {rs[0]['bytes'] / 2**20:.1f} MiB file")
                if args.breakdown:
                    names = rs[0]["sheets"]
                    print("       " + "  ".join(
                        f"{k} {statistics.median(r['sheets'].get(k, 0) for r in rs):.2f}"
                        for k in names))
            if "old" in med:
                print(f"  ratio new/old: {med['new'] / med['old']:.3f}")
                if args.verify:
                    diff = differing_parts(folder / "old.xlsx", folder / "new.xlsx")
                    print("  every part byte-identical (but the creation time)" if not diff
                          else f"  parts that differ: {', '.join(diff)}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(measure_one(Path(sys.argv[2]), Path(sys.argv[3]))))
    else:
        main()
