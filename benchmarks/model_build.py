"""Time the Python side of the CP-SAT models (rule and goal builders) and prove that a
change to the builders leaves the models, hence the rosters, exactly as they were.

Issue 5: at 10,000 and 65,000 staff a good share of the part solves was Python building
models, not CP-SAT searching. A builder change may only make that faster: same
variables in the same order, same constraints, same objective terms. Two checks:

``protos``
    For every part of an input, the model is built as ``solve_part`` builds it (hard rules,
    goal preparations, then each goal's objective set as the stage sets it, and held as
    the next stage holds it) and the binary ``CpModelProto`` (``export_to_file``) is
    hashed after each step, with the goals' auxiliary hints and constraint counts.
    Objectives that read the previous roster are fed a fixed one: the part's rotation
    hint, and a seeded random roster (and, for the generated inputs, a made-up published
    roster for re-planning's Q5); Q1's fair shares are hashed too. The explain-mode model
    (every constraint guarded) is hashed as well. Identical bytes give an identical
    search, hence the same roster. The parts are computed once per input and cached in
    ``/tmp`` so that later engine changes cannot blur the comparison; the builders'
    seconds are recorded beside the hashes.
``roster``
    ``solve(problem, scenario, time_limit=60, seed=0, workers=1)``: a hash of the
    roster's codes, the stage figures, and the seconds spent in the builders during the
    real solve (the builders are wrapped with timers in-process), and the parts' seconds
    split into CP-SAT's ``solve`` calls and the rest (Python: models, hints, repair).

Usage (from the repository root)::

    .venv/bin/python benchmarks/model_build.py protos --out /tmp/mb-before.json
    .venv/bin/python benchmarks/model_build.py protos --compare /tmp/mb-before.json
    .venv/bin/python benchmarks/model_build.py roster --sizes 10000 --out /tmp/r.json

The reference comes from the code before the change, exported beside the tree (never
stash or check out in the shared working tree)::

    git archive HEAD asn_scheduler scenarios | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before .venv/bin/python benchmarks/model_build.py protos --out /tmp/mb.json

Inputs: ``--sizes`` × ``--scenarios`` read the bench's cached workbooks
(``benchmarks/.cache/agency-<n>-seed0-<period>-*.xlsx``); ``--extra`` adds small
generated agencies under more scenarios (P1 ceilings, ``wfh_goal`` none and k per
week) so every builder is exercised. The machine is shared: read the ratios.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pickle
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
PERIODS = {"permenpanrb-4-2025": (date(2026, 3, 2), date(2026, 3, 31)),
           "se-17-2023": (date(2023, 8, 28), date(2023, 9, 27))}
TMP = Path(os.environ.get("MODEL_BUILD_TMP", "/tmp"))
"""Where the parts and the exported protos are cached (engineers sharing a machine each
set their own)."""
EXTRA = (  # (staff, scenario, wfh_goal override or None): small, generated
    (300, "se-58-2020", None), (300, "se-6-2022", None), (300, "permenpanrb-4-2025", 1),
    (300, "se-19-2020", None), (300, "se-17-2023", 2))


# ---- inputs -------------------------------------------------------------------------------
def _period(scen) -> tuple[date, date]:
    """The bench's month for its two scenarios, else 30 days from the window's start."""
    if scen.id in PERIODS:
        return PERIODS[scen.id]
    start = scen.window.ranges[0][0] if scen.window else PERIODS["permenpanrb-4-2025"][0]
    return start, start + timedelta(days=29)


def _problem(n: int, scen, generated: bool):
    from asn_scheduler.domain import Period
    from asn_scheduler.excel.reader import read_workbook
    from asn_scheduler.generate import generate_agency

    start, end = _period(scen)
    if generated:
        return generate_agency(n, seed=1, period=Period(start, end))
    pattern = f"agency-{n}-seed0-{start:%Y%m%d}-{end:%Y%m%d}-*.xlsx"
    found = sorted(CACHE.glob(pattern))
    if not found:
        raise SystemExit(f"no cached input {pattern}: run the bench once at this size")
    return read_workbook(found[0]).problem


def _scenario(scen_id: str, goal: int | str | None):
    from asn_scheduler.scenario.loader import load_scenario

    scen = load_scenario(scen_id)
    if goal is None:
        return scen
    return dataclasses.replace(scen, policy=dataclasses.replace(scen.policy, wfh_goal=goal))


def inputs(args) -> list[tuple[str, int, str, int | str | None, bool]]:
    """(label, staff, scenario, goal override, generated) of every input asked for."""
    out = [(f"{n}-{s}", n, s, None, False) for n in args.sizes for s in args.scenarios]
    if args.extra:
        out += [(f"gen{n}-{s}" + (f"-k{g}" if g is not None else ""), n, s, g, True)
                for n, s, g in EXTRA]
    return out


def part_datas(label: str, n: int, scen_id: str, goal, generated: bool) -> list:
    """The parts ``solve`` would hand the solver for this input (its default goals),
    cached in /tmp by label so that before and after see the very same data."""
    path = TMP / f"model_build-parts-{label}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from asn_scheduler.engine.context import compile_problem, resolve_dates
    from asn_scheduler.engine.decompose import decompose, part_data
    from asn_scheduler.engine.settings import Settings
    from asn_scheduler.engine.solve import _split_huge

    scen = _scenario(scen_id, goal)
    problem = _problem(n, scen, generated)
    dates = resolve_dates(problem, scen)
    ctx = compile_problem(problem, scen, dates, None)
    parts, _ = _split_huge(ctx, decompose(ctx), Settings(workers=1), 1)
    datas = [part_data(ctx, p, i, tuple(scen.goals)) for i, p in enumerate(parts)]
    datas = [d for d in datas if d.n_decisions]
    path.write_bytes(pickle.dumps(datas))
    return datas


# ---- protos -------------------------------------------------------------------------------
def _digest(pm, *extra) -> str:
    # ortools 9.15's proto lives in C++: its binary form is what export_to_file writes
    path = TMP / f"model_build-{os.getpid()}.pb"
    if not pm.model.export_to_file(str(path)):
        raise RuntimeError("export_to_file failed")
    h = hashlib.sha256(path.read_bytes())
    h.update(repr((sorted(pm.aux_hint.items()), pm.n_constraints, len(pm.xs), *extra)).encode())
    return h.hexdigest()[:16]


def _full_solution(pm, wfh: np.ndarray) -> np.ndarray:
    """A solution vector over every proto variable: the cells from ``wfh``, each
    auxiliary variable at its hint."""
    sol = np.zeros(len(pm.model.proto.variables), dtype=np.int64)
    for i, v in pm.aux_hint.items():
        sol[i] = v
    ids = pm.vid >= 0
    sol[pm.x_index[pm.vid[ids]]] = wfh[ids]
    return sol


def build_part(data, roster: str, times: dict[str, float]) -> dict[str, str]:
    """Hashes of one part's model after each step, as ``solve_part`` builds it, with the
    goals fed ``roster`` (``rotation`` or ``random``) as the previous stage's roster."""
    from asn_scheduler.engine.rotation import rotation_hint
    from asn_scheduler.solver.builders import build_hard
    from asn_scheduler.solver.goals import GOAL_BUILDERS, MAXIMISE, _week_goal_caps, fair_targets
    from asn_scheduler.solver.model import LinearExpr, PartModel

    snaps: dict[str, str] = {}
    t = time.perf_counter()
    pm = PartModel(data)
    build_hard(pm)
    times["build_hard"] += time.perf_counter() - t
    snaps["hard"] = _digest(pm)
    pm.start = rotation_hint(data, data.slot)
    goals = [g for g in data.goals if g in GOAL_BUILDERS]
    t = time.perf_counter()
    for g in goals:
        if GOAL_BUILDERS[g].prepare is not None:
            GOAL_BUILDERS[g].prepare(pm)
    times["prepare"] += time.perf_counter() - t
    snaps["prepare"] = _digest(pm)
    if roster == "rotation":
        wfh = pm.start
    else:
        wfh = np.random.default_rng(data.index).random(data.fixed.shape) < 0.5
    want = pm.start_values()
    tie = LinearExpr.weighted_sum(pm.xs, np.where(want, 1, -1).tolist()) + int((~want).sum())
    big = len(pm.xs) + 1
    for g in goals:  # as solve_part and _run: objective, tie-break, then held
        pm.solution = _full_solution(pm, wfh)
        if g == "Q1":  # the fairness repair reads the shares and the weekly caps too
            available, share = fair_targets(pm, pm.wfh_values())
            snaps["fair"] = hashlib.sha256(available.tobytes() + share.tobytes()
                                           + _week_goal_caps(pm).tobytes()).hexdigest()[:16]
        t = time.perf_counter()
        obj = GOAL_BUILDERS[g].objective(pm)
        times[g] += time.perf_counter() - t
        if obj is None or not obj.has_terms:
            snaps[g] = _digest(pm, None if obj is None else obj.constant)
            continue
        with_tie = g in ("Q0", "Q1", "Q2")
        if obj.sense == MAXIMISE:
            pm.model.maximize(obj.expr * big + tie if with_tie else obj.expr)
        else:
            pm.model.minimize(obj.expr * big - tie if with_tie else obj.expr)
        snaps[g] = _digest(pm, obj.constant, obj.sense)
        pm.model.add(obj.expr >= 0 if obj.sense == MAXIMISE else obj.expr <= 0)
    snaps["held"] = _digest(pm)
    t = time.perf_counter()
    pe = PartModel(data, explain=True)
    build_hard(pe)
    times["explain"] += time.perf_counter() - t
    snaps["explain"] = _digest(pe, [(k, v.index) for k, v in pe.guards.items()])
    return snaps


def _published(data):
    """``data`` as re-planning sees it: a published roster (WFO, WFH, other codes and
    staff it lacked, seeded) and Q5 among the goals."""
    from asn_scheduler.domain.enums import Code

    rng = np.random.default_rng(data.index + 1)
    codes = np.array([int(Code.WFO), int(Code.WFH), int(Code.LIBUR), -1])
    pub = codes[rng.choice(4, size=data.fixed.shape, p=[0.45, 0.45, 0.05, 0.05])]
    return dataclasses.replace(data, published=pub.astype(np.int8), goals=(*data.goals, "Q5"))


def run_protos(args) -> dict:
    out = {}
    for label, n, s, g, gen in inputs(args):
        datas = part_datas(label, n, s, g, gen)
        times: dict[str, float] = defaultdict(float)
        per_part = {}
        for roster in args.rosters:
            for d in datas:
                per_part[f"{roster}/part{d.index}"] = build_part(d, roster, times)
        if gen:  # re-planning's Q5 on a made-up published roster
            for d in datas:
                per_part[f"published/part{d.index}"] = build_part(_published(d), "random",
                                                                  times)
        whole = hashlib.sha256(json.dumps(per_part, sort_keys=True).encode()).hexdigest()[:16]
        out[label] = {"digest": whole, "parts": per_part,
                      "seconds": {k: round(v, 3) for k, v in times.items()},
                      "build_seconds": round(sum(v for k, v in times.items()
                                                 if k != "explain"), 3)}
        print(f"{label:34} {len(datas):4d} parts  {whole}  builders "
              f"{out[label]['build_seconds']:7.2f} s  " + " ".join(
                  f"{k} {v:.2f}" for k, v in sorted(times.items())), flush=True)
    return out


# ---- roster -------------------------------------------------------------------------------
def _timed_builders(times: dict[str, float]) -> None:
    """Wrap the builders the solver calls with timers (in this process: workers=1)."""
    from asn_scheduler.engine import stages
    from asn_scheduler.solver import cpsat, goals

    def wrap(fn, key):
        def timed(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                times[key] += time.perf_counter() - t
        return timed

    stages.build_hard = wrap(stages.build_hard, "build_hard")
    solver = cpsat.cp_model.CpSolver
    solver.solve = wrap(solver.solve, "cp-sat")
    for g, b in list(goals.GOAL_BUILDERS.items()):
        goals.GOAL_BUILDERS[g] = dataclasses.replace(
            b, objective=wrap(b.objective, g),
            prepare=None if b.prepare is None else wrap(b.prepare, "prepare"))


def run_roster(args) -> dict:
    from asn_scheduler.engine.solve import solve

    times: dict[str, float] = defaultdict(float)
    _timed_builders(times)
    out = {}
    for label, n, s, g, gen in inputs(args):
        scen = _scenario(s, g)
        problem = _problem(n, scen, gen)
        times.clear()
        t = time.perf_counter()
        r = solve(problem, scen, time_limit=args.time_limit, seed=0, workers=1)
        wall = time.perf_counter() - t
        codes = hashlib.sha256(r.roster.codes.tobytes()).hexdigest()[:16] if r.roster else None
        cpsat_s = times.pop("cp-sat", 0.0)
        parts_s = sum(p.seconds for p in r.parts)
        out[label] = {"status": r.status.name, "roster": codes,
                      "stages": [[x.goal, x.objective, x.bound, x.proven] for x in r.stages],
                      "solve_seconds": round(r.timings.get("solve", 0.0), 2),
                      "wall": round(wall, 2),
                      "build_seconds": round(sum(times.values()), 2),
                      "part_seconds": round(parts_s, 2), "cpsat_seconds": round(cpsat_s, 2),
                      "python_seconds": round(parts_s - cpsat_s, 2),
                      "seconds": {k: round(v, 2) for k, v in sorted(times.items())}}
        print(f"{label:30} {r.status.name:8} {codes}  parts {parts_s:6.1f} s (CP-SAT "
              f"{cpsat_s:5.1f}, Python {parts_s - cpsat_s:5.1f})  builders "
              f"{out[label]['build_seconds']:5.2f} s  "
              + " ".join(f"{k} {v:.2f}" for k, v in sorted(times.items())), flush=True)
    return out


# ---- main ---------------------------------------------------------------------------------
def compare(now: dict, ref: dict, key: str) -> bool:
    same = True
    for label, got in now.items():
        if label not in ref:
            print(f"{label}: not in the reference")
            continue
        old = ref[label]
        if got[key] != old[key] or (key == "roster" and got["stages"] != old["stages"]):
            same = False
            print(f"DIFFERENT {label}: {old[key]} -> {got[key]}")
            for part, snaps in got.get("parts", {}).items():
                bad = [k for k, v in snaps.items() if old["parts"].get(part, {}).get(k) != v]
                if bad:
                    print(f"  {part}: {', '.join(bad)}")
                    break
        else:
            extra = (f", Python in parts {old['python_seconds']:.2f} s -> "
                     f"{got['python_seconds']:.2f} s" if "python_seconds" in old else "")
            print(f"same      {label}: builders {old['build_seconds']:.2f} s -> "
                  f"{got['build_seconds']:.2f} s{extra}")
    return same


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=("protos", "roster"))
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",") if x],
                    default=[1000, 10000])
    ap.add_argument("--scenarios", type=lambda s: s.split(","),
                    default=["permenpanrb-4-2025", "se-17-2023"])
    ap.add_argument("--extra", action=argparse.BooleanOptionalAction, default=True,
                    help="also small generated agencies under more scenarios")
    ap.add_argument("--rosters", type=lambda s: s.split(","), default=["rotation", "random"],
                    help="protos: previous-stage rosters fed to the goals")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--compare", type=Path)
    args = ap.parse_args(argv)
    got = run_protos(args) if args.what == "protos" else run_roster(args)
    if args.out:
        args.out.write_text(json.dumps(got, indent=1, sort_keys=True))
    if args.compare:
        key = "digest" if args.what == "protos" else "roster"
        return 0 if compare(got, json.loads(args.compare.read_text()), key) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
