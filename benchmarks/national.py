"""A national batch, scaled to this machine: generate it, run it, measure it.

Issue 20 asks what running every agency of the country costs (about 4.3 million staff in
some 600 agencies). This script generates a national set with the same shape of sizes
(:mod:`asn_scheduler.synth.national`), runs it through the batch under several cluster
shapes (``WORKERSxSOLVER_PROCESSES``), and reports throughput (staff per second, per
core), the speed-up from one to two workers, the peak memory per worker, and the
extrapolation to 4.3 million staff on N workers.

Usage (from the repository root)::

    .venv/bin/python benchmarks/national.py generate --agencies 100 --staff 100000 \
        --out /tmp/nasional
    .venv/bin/python benchmarks/national.py run /tmp/nasional --configs 1x1,2x1,1x2

    # the full recipe (about 4.3 million staff; ~25 GB of workbooks; a real cluster)
    .venv/bin/python benchmarks/national.py generate --agencies 600 --staff 4300000 \
        --out /shared/nasional

Each configuration runs into a fresh output folder (nothing resumed) under
``RUN_DIR/hasil-WxP``; results go to ``benchmarks/results/national-STAMP.{json,md}``.
The machine is shared: compare configurations of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from asn_scheduler.batch import BatchOptions, find_inputs, run_batch
from asn_scheduler.domain.model import Period
from asn_scheduler.engine.parallel import default_workers
from asn_scheduler.scenario import load_scenario
from asn_scheduler.synth.national import FULL_STAFF, national_plan

RESULTS = Path(__file__).resolve().parent / "results"
SCENARIO = "permenpanrb-4-2025"


def generate(args: argparse.Namespace) -> None:
    from asn_scheduler.excel.input_writer import write_input_workbook
    from asn_scheduler.generate import generate_agency

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    period = Period(date.fromisoformat(args.start), date.fromisoformat(args.end))
    plan = national_plan(args.agencies, args.staff, seed=args.seed)
    t0 = time.perf_counter()
    for i, spec in enumerate(plan, 1):
        target = out / f"{spec.agency}.xlsx"
        if not target.exists():
            problem = generate_agency(spec.staff, seed=spec.seed, regions=(spec.region,),
                                      period=period, name=spec.name)
            write_input_workbook(problem, target)
        if i % 10 == 0 or i == len(plan):
            print(f"{i}/{len(plan)} agencies, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sizes = [s.staff for s in plan]
    (out / "plan.json").write_text(json.dumps([dataclasses.asdict(s) for s in plan], indent=1),
                                   encoding="utf-8")
    print(f"{len(plan)} agencies, {sum(sizes):,} staff (largest {sizes[0]:,}, median "
          f"{sorted(sizes)[len(sizes) // 2]:,}, smallest {sizes[-1]:,}) in {out}")


def _config(text: str) -> tuple[int, int]:
    w, _, p = text.partition("x")
    return int(w), int(p or 1)


def run(args: argparse.Namespace) -> None:
    folder = Path(args.folder)
    items = find_inputs([str(folder)])
    sc = load_scenario(args.scenario)
    rows = []
    for text in args.configs.split(","):
        workers, procs = _config(text)
        outdir = folder.parent / f"{folder.name}-hasil-{workers}x{procs}"
        shutil.rmtree(outdir, ignore_errors=True)
        options = BatchOptions(args.scenario, sc.hash, time_limit=args.time_limit,
                               solver_processes=procs)
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        result = run_batch(items, options, outdir, workers=workers, retries=1,
                           memory_limit=args.memory_limit)
        wall = time.perf_counter() - t0
        load1 = os.getloadavg()[0]
        done = [o for o in result.outcomes if o.has_roster]
        staff = sum(o.staff for o in done)
        per_worker: dict[str, float] = {}
        for o in result.outcomes:
            per_worker[o.worker] = max(per_worker.get(o.worker, 0.0), o.peak_mib or 0.0)
        cores = workers * procs
        row = {"config": f"{workers}x{procs}", "workers": workers, "solver_processes": procs,
               "cores": cores, "agencies": len(items), "with_roster": len(done),
               "staff": staff, "wall_s": round(wall, 1),
               "task_s": round(sum(o.seconds for o in result.outcomes), 1),
               "cpu_s": round(sum(o.cpu_seconds or 0.0 for o in result.outcomes), 1),
               "load_before_after": [round(load0, 1), round(load1, 1)],
               "largest_task_s": round(max(o.seconds for o in result.outcomes), 1),
               "staff_per_s": round(staff / wall, 1),
               "staff_per_s_per_core": round(staff / wall / cores, 1),
               "staff_per_cpu_s": round(staff / max(1e-9, sum(o.cpu_seconds or 0.0
                                                              for o in done)), 1),
               "peak_mib_per_worker": round(max(per_worker.values()), 1)}
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    base = next((r for r in rows if r["cores"] == 1), rows[0])
    for r in rows:
        r["speed_up"] = round(base["wall_s"] / r["wall_s"], 2)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(exist_ok=True)
    report = {"stamp": stamp, "scenario": args.scenario, "cores_on_machine": default_workers(),
              "folder": str(folder), "runs": rows,
              "extrapolation": extrapolate(rows, args.scale_to)}
    (RESULTS / f"national-{stamp}.json").write_text(json.dumps(report, indent=1),
                                                    encoding="utf-8")
    md = markdown(report)
    (RESULTS / f"national-{stamp}.md").write_text(md, encoding="utf-8")
    print(md)


LARGEST_AGENCY_S = 60.0
"""A 65,000-staff agency takes about its 60 s time limit (README, Performance): no number
of workers finishes a national batch sooner."""


def extrapolate(rows: list[dict], staff: int) -> list[dict]:
    """Hours for ``staff`` on N one-core workers at the staff per CPU-second measured (a
    core's rate when it is not shared), assuming the independent tasks spread evenly and
    time linear in staff (README, Performance: per staff, a big agency costs less than a
    small one, so this errs long), never under :data:`LARGEST_AGENCY_S`."""
    rate = statistics.median(r["staff_per_cpu_s"] for r in rows if r["solver_processes"] == 1)
    return [{"workers": n, "hours": round(max(staff / (rate * n), LARGEST_AGENCY_S) / 3600, 2)}
            for n in (1, 2, 8, 32, 64, 128, 256)]


def markdown(report: dict) -> str:
    lines = [f"# National batch {report['stamp']} ({report['scenario']})", "",
             "| workers × solver processes | agencies | staff | wall s | staff/s | "
             "staff/s per core | speed-up | CPU s | staff per CPU-s | peak MiB per worker | "
             "largest task s | load before/after |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in report["runs"]:
        lines.append(f"| {r['config']} | {r['with_roster']}/{r['agencies']} | {r['staff']:,} | "
                     f"{r['wall_s']} | {r['staff_per_s']} | {r['staff_per_s_per_core']} | "
                     f"×{r['speed_up']} | {r['cpu_s']} | {r['staff_per_cpu_s']} | "
                     f"{r['peak_mib_per_worker']} | {r['largest_task_s']} | "
                     f"{r['load_before_after'][0]} / {r['load_before_after'][1]} |")
    lines += ["", f"Extrapolation to {FULL_STAFF:,} staff (one-core workers):", ""]
    lines += [f"- {e['workers']} workers: {e['hours']} h" for e in report["extrapolation"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="write a national set of workbooks")
    g.add_argument("--agencies", type=int, default=100)
    g.add_argument("--staff", type=int, default=100_000)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("--start", default="2026-03-02")
    g.add_argument("--end", default="2026-03-13")
    g.add_argument("--out", required=True)
    r = sub.add_parser("run", help="run a generated set under several cluster shapes")
    r.add_argument("folder")
    r.add_argument("--configs", default="1x1,2x1", help="WORKERSxSOLVER_PROCESSES, comma-separated")
    r.add_argument("--scenario", default=SCENARIO)
    r.add_argument("--time-limit", type=float, default=60.0)
    r.add_argument("--memory-limit", default="auto")
    r.add_argument("--scale-to", type=int, default=FULL_STAFF)
    args = ap.parse_args()
    if args.cmd == "generate":
        generate(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
