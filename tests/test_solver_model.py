"""The solver model's bulk writers give the very protos the CP-SAT API calls give."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ortools.sat.python import cp_model
from test_part_check import MARCH_2026, _parts

from asn_scheduler.solver.model import INT64_MAX, INT64_MIN, PartModel, set_objective


def _bytes(model: cp_model.CpModel, path: Path) -> bytes:
    assert model.export_to_file(str(path))
    return path.read_bytes()


def _models(n: int) -> tuple[list, list]:
    pair = []
    for _ in range(2):
        m = cp_model.CpModel()
        xs = [m.new_bool_var("") for _ in range(n)]
        aux = [m.new_int_var(0, 9, "") for _ in range(3)]
        pair.append((m, xs + aux))
    return pair[0], pair[1]


@pytest.mark.parametrize("maximize", [True, False])
def test_set_objective_writes_what_maximize_and_minimize_write(tmp_path, maximize):
    rng = np.random.default_rng(3)
    (a, va), (b, vb) = _models(40)
    c1 = rng.integers(-5, 6, len(va)).tolist()
    c2 = rng.integers(-2, 3, 40).tolist()

    def expr(vs):  # a goal times a big weight plus a tie-break over the same cells
        return (cp_model.LinearExpr.weighted_sum(vs, c1) + 7) * 83 \
            + cp_model.LinearExpr.weighted_sum(vs[:40], c2) - 11

    (a.maximize if maximize else a.minimize)(expr(va))
    set_objective(b, expr(vb), maximize)
    assert _bytes(a, tmp_path / "a.pb") == _bytes(b, tmp_path / "b.pb")


def test_set_objective_refuses_floats():
    m = cp_model.CpModel()
    xs = [m.new_bool_var("") for _ in range(2)]
    with pytest.raises(TypeError):
        set_objective(m, cp_model.LinearExpr.weighted_sum(xs, [1.5, 2]), True)


def test_add_sum_and_decisions_write_what_the_api_writes(tmp_path):
    data = _parts(60, "permenpanrb-4-2025", MARCH_2026, 1, 10_000)[0]
    pm = PartModel(data)
    pm.claimed[:] = True
    pm.make_decisions()
    ref = cp_model.CpModel()
    xs = [ref.new_bool_var("") for _ in range(len(pm.xs))]
    rng = np.random.default_rng(5)
    for k in range(30):
        ids = rng.choice(len(xs), size=int(rng.integers(1, len(xs))), replace=False)
        lo, hi = [(INT64_MIN, 3), (2, INT64_MAX), (4, 4)][k % 3]
        pm.add_sum(ids, lo, hi)
        expr = cp_model.LinearExpr.sum([xs[i] for i in ids.tolist()])
        ref.add(expr <= hi if lo == INT64_MIN else expr >= lo if hi == INT64_MAX
                else expr == lo)
    assert pm.n_constraints == 30
    assert _bytes(pm.model, tmp_path / "a.pb") == _bytes(ref, tmp_path / "b.pb")
